#include "sigv4_verifier.hpp"

#include <openssl/crypto.h>

#include <algorithm>

namespace sagemaker_local {

namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// Splits `s` at the first `sep`: returns the head, leaves the tail in `s`.
std::string_view next_part(std::string_view& s, char sep)
{
    const auto at = s.find(sep);
    const auto head = s.substr(0, at);
    s = at == std::string_view::npos ? std::string_view{} : s.substr(at + 1);
    return head;
}

bool contains_header(std::string_view signed_headers, std::string_view name)
{
    while (!signed_headers.empty())
        if (next_part(signed_headers, ';') == name)
            return true;
    return false;
}

}  // namespace

std::optional<std::string_view> incoming_request::header(std::string_view name) const
{
    for (const auto& h : headers)
        if (iequals(h.name, name))
            return h.value;
    return std::nullopt;
}

outcome<authorization_fields> parse_authorization(std::string_view value)
{
    constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
    value = trim(value);
    if (!value.starts_with(algorithm) || value.size() == algorithm.size() || value[algorithm.size()] != ' ')
        return incomplete_signature("Unsupported AWS 'algorithm': the Authorization header must start with '" +
                                    std::string(algorithm) + " '");
    value.remove_prefix(algorithm.size() + 1);

    std::optional<std::string_view> credential, signed_headers, signature;
    while (!value.empty()) {
        auto part = trim(next_part(value, ','));
        const auto name = next_part(part, '=');
        if (name == "Credential")
            credential = part;
        else if (name == "SignedHeaders")
            signed_headers = part;
        else if (name == "Signature")
            signature = part;
    }
    std::string missing;
    for (auto [field, label] : {std::pair{&credential, "Credential"}, std::pair{&signed_headers, "SignedHeaders"},
                                std::pair{&signature, "Signature"}})
        if (!*field || (*field)->empty())
            missing += std::string("Authorization header requires '") + label + "' parameter. ";
    if (!missing.empty()) {
        missing.pop_back();
        return incomplete_signature(std::move(missing));
    }

    authorization_fields out;
    auto scope = *credential;
    out.access_key_id = next_part(scope, '/');
    out.date = next_part(scope, '/');
    out.region = next_part(scope, '/');
    out.service = next_part(scope, '/');
    out.terminator = scope;
    if (out.access_key_id.empty() || out.date.size() != 8 || out.region.empty() || out.service.empty() ||
        out.terminator.empty())
        return incomplete_signature("Credential is malformed: expected <access key id>/<YYYYMMDD>/<region>/"
                                    "<service>/aws4_request, got '" + std::string(*credential) + "'");
    out.signed_headers = *signed_headers;
    out.signature = *signature;
    return out;
}

sigv4_verifier::sigv4_verifier(verifier_config config) : config_(std::move(config)) {}

std::optional<api_error> sigv4_verifier::verify(const incoming_request& req, std::chrono::system_clock::time_point now)
{
    const auto authorization = req.header("authorization");
    if (!authorization)
        return missing_authentication_token();
    auto parsed = parse_authorization(*authorization);
    if (auto* error = std::get_if<api_error>(&parsed))
        return std::move(*error);
    const auto& auth = std::get<0>(parsed);

    const auto amz_date = req.header("x-amz-date");
    std::chrono::system_clock::time_point signed_at;
    if (!amz_date)
        return incomplete_signature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
                                    "header.");
    if (!awscoro::sigv4::parse_amz_date(*amz_date, signed_at))
        return incomplete_signature("X-Amz-Date is malformed: expected YYYYMMDD'T'HHMMSS'Z', got '" +
                                    std::string(*amz_date) + "'");

    const auto secret = config_.secrets.find(auth.access_key_id);
    if (secret == config_.secrets.end())
        return unrecognized_client();

    if (auth.date != amz_date->substr(0, 8))
        return invalid_signature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                                 "from HTTP: '" + std::string(auth.date) + "' != '" +
                                 std::string(amz_date->substr(0, 8)) + "', from 'X-Amz-Date'.");
    if (auth.region != config_.region)
        return invalid_signature("Credential should be scoped to a valid region, not '" + std::string(auth.region) +
                                 "'. ");
    if (auth.service != config_.service)
        return invalid_signature("Credential should be scoped to correct service: '" + config_.service + "'. ");
    if (auth.terminator != "aws4_request")
        return invalid_signature("Credential should be scoped with a valid terminator: 'aws4_request', not '" +
                                 std::string(auth.terminator) + "'. ");
    if (!contains_header(auth.signed_headers, "host"))
        return invalid_signature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

    using awscoro::sigv4::format_amz_date;
    const auto minutes = " " + std::to_string(config_.max_skew.count() / 60) + " min.)";
    if (signed_at < now - config_.max_skew)
        return invalid_signature("Signature expired: " + std::string(*amz_date) + " is now earlier than " +
                                 format_amz_date(now - config_.max_skew) + " (" + format_amz_date(now) +
                                 " -" + minutes);
    if (signed_at > now + config_.max_skew)
        return invalid_signature("Signature not yet current: " + std::string(*amz_date) + " is still later than " +
                                 format_amz_date(now + config_.max_skew) + " (" + format_amz_date(now) +
                                 " +" + minutes);

    awscoro::sigv4::signing_result expected;
    signer_.sign({.method = req.method, .target = req.target, .headers = req.headers, .payload = req.body},
                 {.access_key_id = auth.access_key_id, .secret_access_key = secret->second, .session_token = {}},
                 {.region = auth.region,
                  .service = auth.service,
                  .time = signed_at,
                  .only_headers = auth.signed_headers},
                 expected);
    if (expected.signature.size() != auth.signature.size() ||
        CRYPTO_memcmp(expected.signature.data(), auth.signature.data(), auth.signature.size()) != 0)
        return invalid_signature("The request signature we calculated does not match the signature you provided. "
                                 "Check your AWS Secret Access Key and signing method. Consult the service "
                                 "documentation for details.");
    return std::nullopt;
}

}  // namespace sagemaker_local
