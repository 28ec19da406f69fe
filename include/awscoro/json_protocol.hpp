// The AWS JSON 1.1 protocol's fixed parts: request headers, and reading an
// error response into a code, a message and a classification. Knows no
// particular service.
#pragma once

#include <awscoro/error.hpp>

#include <string>
#include <string_view>

namespace awscoro::json_protocol {

inline constexpr std::string_view content_type = "application/x-amz-json-1.1";

/// The code and message of an error response.
struct error_info {
    std::string code;     ///< shape name, namespace and URI stripped: "ResourceNotFound"
    std::string message;  ///< from "message" or "Message"; empty when absent
};

/// Reads an error response as Smithy's awsJson1_1 specifies: the code from the
/// X-Amzn-ErrorType header, else the body's "code", else its "__type"; the
/// message from "message" or "Message". A body that is not JSON leaves both
/// empty (the caller then classifies by HTTP status alone).
error_info parse_error(std::string_view error_type_header, std::string_view body);

/// Strips a "namespace#" prefix and a ":uri" suffix:
/// "aws.ns#ResourceNotFound:http://internal" -> "ResourceNotFound".
std::string_view sanitize_error_code(std::string_view raw) noexcept;

/// True for the AWS SDKs' throttling family (Throttling, ThrottlingException,
/// TooManyRequestsException, RequestLimitExceeded, SlowDown, ...).
bool is_throttling_code(std::string_view code) noexcept;

/// True for the transient family (RequestTimeout, InternalFailure, ServiceUnavailable, ...).
bool is_transient_code(std::string_view code) noexcept;

/// Maps an AWS-wide error code (and the HTTP status when the code says
/// nothing) to the core error enum; an unknown code is error::service_error.
error classify_error(std::string_view code, unsigned http_status) noexcept;

}  // namespace awscoro::json_protocol
