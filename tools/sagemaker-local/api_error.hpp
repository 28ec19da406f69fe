// An error as sagemaker-local answers it on the wire: the AWS JSON 1.1 error
// shape ({"__type", "message"}; SageMaker's modeled exceptions say "Message")
// with its HTTP status. The factories name every error the endpoint can give.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sagemaker_local {

struct api_error {
    std::string type;     ///< __type, e.g. "ResourceNotFound"
    std::string message;  ///< human text, AWS style
    unsigned status = 400;

    bool operator==(const api_error&) const = default;
};

/// A typed result or the error that replaces it.
template <class T>
using outcome = std::variant<T, api_error>;

/// The JSON body of `e`: modeled exceptions carry "Message", the AWS-wide
/// errors "message", as the service does.
std::string error_body(const api_error& e);

// --- authentication (SageMaker answers these with 400)
api_error missing_authentication_token();
api_error incomplete_signature(std::string message);
api_error unrecognized_client();
api_error invalid_signature(std::string message);

// --- protocol
api_error unknown_operation(std::string_view target);
api_error serialization(std::string message);
api_error validation(std::string message);
api_error request_too_large(std::size_t limit);
api_error throttling();
api_error internal_failure();
api_error service_unavailable();

// --- SageMaker's modeled errors
api_error resource_not_found(std::string message);
api_error resource_in_use(std::string message);
api_error resource_limit_exceeded(std::string message);

}  // namespace sagemaker_local
