// Client configuration: one aggregate with a documented default for every
// setting. `from_environment()` fills it the way the AWS SDKs read their
// environment variables.
#pragma once

#include <awscoro/credentials.hpp>
#include <awscoro/logging.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace awscoro {

enum class retry_mode {
    standard,  ///< the AWS SDKs' standard mode: jittered exponential back-off and a retry quota
    adaptive,  ///< standard + a client-side rate limiter that slows down when throttled (for batch work)
};

struct retry_config {
    retry_mode mode = retry_mode::standard;
    /// Attempts per call including the first; 1 disables retries. AWS_MAX_ATTEMPTS.
    unsigned max_attempts = 3;
    /// The SDKs' 2026 retry revision (AWS_NEW_RETRIES_2026=true): 50 ms base
    /// back-off for transient errors, 1 s for throttling, retry cost 14
    /// (throttling 5), x-amz-retry-after honored within bounds.
    bool revision_2026 = false;
    /// Back-off base instead of the mode's (1 s; with the 2026 revision 50 ms,
    /// 1 s for throttling). 0 keeps the mode's. The cap stays 20 s.
    std::chrono::milliseconds backoff_base{0};
};

struct timeout_config {
    /// TCP connect plus TLS handshake. 0 disables.
    std::chrono::milliseconds connect{10'000};
    /// From sending a request to its complete response (a server that
    /// trickles bytes times out too). 0 disables.
    std::chrono::milliseconds attempt{60'000};
    /// The whole call: queueing for a connection, all attempts and back-off. 0 disables.
    std::chrono::milliseconds total{0};
};

struct pool_config {
    /// Connections open at once to the endpoint; further calls wait in FIFO order.
    std::size_t max_connections = 50;
    /// An idle connection older than this is closed, not reused (below the
    /// 60 s idle timeout common to AWS front ends). 0 disables.
    std::chrono::milliseconds idle_timeout{30'000};
    /// Requests after which a connection is retired. 0: unlimited.
    std::size_t max_requests_per_connection = 0;
};

struct limits_config {
    std::size_t max_response_header_bytes = 16 * 1024;  ///< error::header_too_large beyond
    std::size_t max_response_body_bytes = 8 * 1024 * 1024;  ///< error::body_too_large beyond
};

struct config {
    /// Signing region, e.g. "us-east-1"; also picks the endpoint. AWS_REGION, AWS_DEFAULT_REGION.
    std::string region = {};
    /// Overrides the endpoint, e.g. "https://127.0.0.1:8443". Plain http://
    /// is accepted only for loopback hosts. When empty, the client takes
    /// AWS_ENDPOINT_URL_<SERVICE_ID> or AWS_ENDPOINT_URL (unless
    /// ignore_configured_endpoint_urls), else resolves one from the region.
    std::string endpoint_url = {};
    /// Ignore the endpoint environment variables. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.
    bool ignore_configured_endpoint_urls = false;
    /// Where credentials come from; the environment when empty.
    std::shared_ptr<credentials_provider> credentials = {};
    /// PEM file of trusted CAs; the system trust store when empty. AWS_CA_BUNDLE.
    std::string ca_bundle = {};
    /// Verify the server certificate and host name. Turn off only for testing.
    bool verify_tls = true;
    timeout_config timeouts = {};
    pool_config pool = {};
    retry_config retry = {};
    limits_config limits = {};
    /// Appended to the User-Agent header.
    std::string user_agent_suffix = {};
    /// Told about every attempt (for --debug style logs); empty: nothing is logged.
    attempt_logger on_attempt = {};

    /// Defaults overridden by the process environment: region (AWS_REGION,
    /// then AWS_DEFAULT_REGION), AWS_CA_BUNDLE, AWS_MAX_ATTEMPTS,
    /// AWS_RETRY_MODE (standard | adaptive; legacy reads as standard),
    /// AWS_NEW_RETRIES_2026, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, and
    /// credentials from the environment. Throws std::invalid_argument naming
    /// the variable when a value is malformed.
    static config from_environment();
};

}  // namespace awscoro
