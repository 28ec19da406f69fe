// AWS Signature Version 4 (AWS4-HMAC-SHA256) for header-signed requests.
//
// The signer is pure: it takes the request as it will be sent, the
// credentials and the time, and returns what to add (X-Amz-Date,
// Authorization, and X-Amz-Security-Token / x-amz-content-sha256 when asked
// for); it fetches nothing. Every stage (canonical request, string to sign,
// signature) is kept in the result so tests can check them one by one.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace awscoro::sigv4 {

struct credentials_view {
    std::string_view access_key_id;
    std::string_view secret_access_key;
    std::string_view session_token;  ///< empty when the credentials are long-term
};

struct header_field {
    std::string_view name;   ///< any case; a name may repeat (values are then joined with ',')
    std::string_view value;  ///< as sent; the signer trims and collapses inner white space
};

/// The request as it goes on the wire, minus the headers the signer adds.
struct request_view {
    std::string_view method = "POST";
    std::string_view target = "/";  ///< raw request-target: path, optionally `?query`
    std::span<const header_field> headers = {};
    std::string_view payload = {};
};

struct signing_options {
    std::string_view region;   ///< signing region, e.g. "us-east-1"
    std::string_view service;  ///< signing name, e.g. "sagemaker"
    std::chrono::system_clock::time_point time = {};
    bool normalize_path = true;        ///< remove dot segments and repeated slashes (every service but S3)
    bool sign_payload_header = false;  ///< add and sign x-amz-content-sha256
    bool sign_session_token = true;    ///< false: X-Amz-Security-Token is added but left out of the signature
    /// Sign only these lower-case header names (';'-separated, as in
    /// SignedHeaders); empty: every header except the never-signed ones
    /// (user-agent, x-amzn-trace-id, expect, transfer-encoding, connection,
    /// authorization). A verifier passes the request's SignedHeaders here.
    std::string_view only_headers = {};
};

/// Everything one signature produced. Reusing one object across calls
/// reuses its buffers: steady-state signing allocates nothing.
struct signing_result {
    std::string amz_date;           ///< X-Amz-Date value, "YYYYMMDDTHHMMSSZ"
    std::string payload_hash;       ///< hex SHA-256 of the payload (x-amz-content-sha256 value when signed)
    std::string canonical_request;
    std::string signed_headers;     ///< ';'-joined lower-case names
    std::string string_to_sign;
    std::string signature;          ///< 64 lower-case hex digits
    std::string authorization;      ///< the Authorization header value
    bool add_security_token = false;    ///< caller adds X-Amz-Security-Token: <session token>
    bool add_content_sha256 = false;    ///< caller adds x-amz-content-sha256: payload_hash
};

/// Formats `t` as an X-Amz-Date value (UTC, basic ISO 8601).
std::string format_amz_date(std::chrono::system_clock::time_point t);

/// Parses an X-Amz-Date value; false when malformed.
bool parse_amz_date(std::string_view text, std::chrono::system_clock::time_point& out);

/// Percent-encodes `in` per RFC 3986 (unreserved A-Za-z0-9-._~ kept, %XX upper case),
/// leaving '/' as is when `keep_slash`.
void uri_encode(std::string_view in, std::string& out, bool keep_slash);

/// Signs requests, caching derived signing keys per (credentials, date,
/// region, service) so a request costs one HMAC instead of five.
/// Thread-safe: one signer may serve every thread of a client.
class signer {
public:
    signer();
    ~signer();
    signer(const signer&) = delete;
    signer& operator=(const signer&) = delete;

    /// Computes every stage into `out`. Headers named x-amz-date,
    /// x-amz-security-token or x-amz-content-sha256 that the request already
    /// carries are signed as given instead of being added.
    void sign(const request_view& request, const credentials_view& credentials,
              const signing_options& options, signing_result& out);

    /// Cache statistics, for tests and benchmarks.
    std::uint64_t key_derivations() const noexcept;

private:
    struct key_cache;
    std::unique_ptr<key_cache> cache_;
};

}  // namespace awscoro::sigv4
