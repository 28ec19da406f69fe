#include <awscoro/json_protocol.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>

namespace awscoro::json_protocol {
namespace {

bool in(std::string_view code, std::initializer_list<std::string_view> set) noexcept
{
    return std::find(set.begin(), set.end(), code) != set.end();
}

std::string_view string_member(const boost::json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

}  // namespace

std::string_view sanitize_error_code(std::string_view raw) noexcept
{
    raw = raw.substr(0, raw.find(':'));
    if (const auto hash = raw.find('#'); hash != std::string_view::npos)
        raw.remove_prefix(hash + 1);
    // Trim white space a proxy may have left around a header value.
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t'))
        raw.remove_prefix(1);
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t'))
        raw.remove_suffix(1);
    return raw;
}

error_info parse_error(std::string_view error_type_header, std::string_view body)
{
    error_info out;
    std::array<unsigned char, 2048> buffer;
    boost::json::monotonic_resource mr(buffer.data(), buffer.size());
    boost::system::error_code ec;
    const boost::json::value doc = boost::json::parse(body, ec, &mr);
    const boost::json::object* obj = !ec && doc.is_object() ? &doc.get_object() : nullptr;

    std::string_view code = error_type_header;
    if (code.empty() && obj != nullptr) {
        code = string_member(*obj, "code");  // exactly "code": a capital "Code" is something else
        if (code.empty())
            code = string_member(*obj, "__type");
    }
    out.code = sanitize_error_code(code);
    if (obj != nullptr) {
        std::string_view message = string_member(*obj, "message");
        if (message.empty())
            message = string_member(*obj, "Message");
        out.message = message;
    }
    return out;
}

bool is_throttling_code(std::string_view code) noexcept
{
    return in(code, {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                     "TooManyRequestsException", "ProvisionedThroughputExceededException",
                     "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                     "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                     "EC2ThrottledException"});
}

bool is_transient_code(std::string_view code) noexcept
{
    return in(code, {"RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalServerError",
                     "InternalError", "ServiceUnavailable", "ServiceUnavailableException"});
}

error classify_error(std::string_view code, unsigned http_status) noexcept
{
    if (is_throttling_code(code))
        return error::throttling;
    if (is_transient_code(code))
        return error::transient_service_error;
    if (in(code, {"AccessDenied", "AccessDeniedException", "NotAuthorized"}))
        return error::access_denied;
    if (in(code, {"UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException",
                  "MissingAuthenticationTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch",
                  "MissingAuthenticationToken", "IncompleteSignature", "InvalidSignature"}))
        return error::authentication_failed;
    if (in(code, {"ExpiredToken", "ExpiredTokenException"}))
        return error::expired_token;
    if (in(code, {"RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"}))
        return error::clock_skew;
    if (in(code, {"ValidationException", "ValidationError"}))
        return error::service_validation;
    if (in(code, {"UnknownOperationException"}))
        return error::unknown_operation;
    if (in(code, {"SerializationException"}))
        return error::serialization;
    if (in(code, {"RequestEntityTooLargeException"}))
        return error::request_too_large;
    // An unknown code: the status decides, as in the SDKs' retry rules.
    if (http_status == 429)
        return error::throttling;
    if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504)
        return error::transient_service_error;
    if (code.empty() && http_status == 413)
        return error::request_too_large;
    if (code.empty() && (http_status == 401 || http_status == 403))
        return error::access_denied;
    return error::service_error;
}

}  // namespace awscoro::json_protocol
