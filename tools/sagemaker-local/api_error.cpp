#include "api_error.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sagemaker_local {

std::string error_body(const api_error& e)
{
    const bool modeled =
        e.type == "ResourceNotFound" || e.type == "ResourceInUse" || e.type == "ResourceLimitExceeded";
    boost::json::object body;
    body["__type"] = e.type;
    body[modeled ? "Message" : "message"] = e.message;
    return boost::json::serialize(body);
}

api_error missing_authentication_token()
{
    return {"MissingAuthenticationTokenException", "Missing Authentication Token"};
}

api_error incomplete_signature(std::string message)
{
    return {"IncompleteSignatureException", std::move(message)};
}

api_error unrecognized_client()
{
    return {"UnrecognizedClientException", "The security token included in the request is invalid."};
}

api_error invalid_signature(std::string message)
{
    return {"InvalidSignatureException", std::move(message)};
}

api_error unknown_operation(std::string_view target)
{
    return {"UnknownOperationException", "Unknown operation: '" + std::string(target) + "'"};
}

api_error serialization(std::string message)
{
    return {"SerializationException", std::move(message)};
}

api_error validation(std::string message)
{
    return {"ValidationException", std::move(message)};
}

api_error request_too_large(std::size_t limit)
{
    return {"RequestEntityTooLargeException",
            "Request body exceeds the limit of " + std::to_string(limit) + " bytes", 413};
}

api_error throttling()
{
    return {"ThrottlingException", "Rate exceeded"};
}

api_error internal_failure()
{
    return {"InternalFailure", "The request processing has failed because of an unknown error, exception or failure.",
            500};
}

api_error service_unavailable()
{
    return {"ServiceUnavailable", "The service is unavailable. Please try again later.", 503};
}

api_error resource_not_found(std::string message)
{
    return {"ResourceNotFound", std::move(message)};
}

api_error resource_in_use(std::string message)
{
    return {"ResourceInUse", std::move(message)};
}

api_error resource_limit_exceeded(std::string message)
{
    return {"ResourceLimitExceeded", std::move(message)};
}

}  // namespace sagemaker_local
