// Verifies the SigV4 signature of a received request, the way AWS front ends
// do: parse the Authorization header, look the access key up, check the
// credential scope and the clock skew, recompute the signature over the
// headers the client signed, and compare in constant time. Pure apart from
// the signer's key cache (thread-safe); `now` is a parameter.
#pragma once

#include "api_error.hpp"

#include <awscoro/sigv4.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sagemaker_local {

/// The request as received: headers in arrival order, as sent.
struct incoming_request {
    std::string_view method;
    std::string_view target;
    std::span<const awscoro::sigv4::header_field> headers;
    std::string_view body;

    /// The value of the first header named `name` (any case), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
};

struct verifier_config {
    std::map<std::string, std::string, std::less<>> secrets = {};  ///< access key id -> secret access key
    std::string region = "us-east-1";
    std::string service = "sagemaker";
    std::chrono::seconds max_skew{300};  ///< AWS rejects dates more than 5 minutes off
};

/// The parts of an `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
struct authorization_fields {
    std::string_view access_key_id;
    std::string_view date;      ///< scope date, YYYYMMDD
    std::string_view region;
    std::string_view service;
    std::string_view terminator;
    std::string_view signed_headers;
    std::string_view signature;
};

/// Parses an Authorization header; an IncompleteSignatureException when it is malformed.
outcome<authorization_fields> parse_authorization(std::string_view value);

class sigv4_verifier {
public:
    explicit sigv4_verifier(verifier_config config);

    /// nullopt when the request is signed by a known key, else the error to answer.
    std::optional<api_error> verify(const incoming_request& req, std::chrono::system_clock::time_point now);

private:
    verifier_config config_;
    awscoro::sigv4::signer signer_;
};

}  // namespace sagemaker_local
