#include "api_error.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sagemaker_local {

namespace {

/// Length of the valid UTF-8 sequence starting `s`, or 0 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto c = byte(0);
    if (c < 0x80)
        return 1;
    std::size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n == 0 || s.size() < n)
        return 0;
    for (std::size_t i = 1; i < n; ++i)
        if ((byte(i) & 0xc0) != 0x80)
            return 0;
    const auto c1 = byte(1);
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f))
        return 0;
    return n;
}

/// `text` with every byte that is not valid UTF-8 replaced by U+FFFD: messages
/// quote what the client sent, and the answer must stay valid JSON.
std::string valid_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto n = utf8_sequence(text);
        if (n == 0) {
            out.append("\xEF\xBF\xBD");
            text.remove_prefix(1);
        } else {
            out.append(text.substr(0, n));
            text.remove_prefix(n);
        }
    }
    return out;
}

}  // namespace

std::string error_body(const api_error& e)
{
    const bool modeled =
        e.type == "ResourceNotFound" || e.type == "ResourceInUse" || e.type == "ResourceLimitExceeded";
    boost::json::object body;
    body["__type"] = e.type;
    body[modeled ? "Message" : "message"] = valid_utf8(e.message);
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
