// Client configuration: one aggregate with a documented default for every
// setting. `from_environment()` fills it the way the AWS SDKs read their
// environment variables.
#pragma once

#include <awscoro/aws_config_file.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/logging.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
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

/// Endpoint URLs a shared-config profile names (see config::endpoint_url for the order).
struct profile_endpoint_urls {
    std::string global = {};  ///< the profile's endpoint_url
    /// endpoint_url of each service in the profile's `services` section, by
    /// its key there: the service id lower-case, spaces as '_' ("sagemaker").
    std::map<std::string, std::string, std::less<>> per_service = {};
};

struct config {
    /// Signing region, e.g. "us-east-1"; also picks the endpoint.
    /// AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region.
    std::string region = {};
    /// Overrides the endpoint, e.g. "https://127.0.0.1:8443". Plain http://
    /// is accepted only for loopback hosts. When empty, the client takes,
    /// unless ignore_configured_endpoint_urls: AWS_ENDPOINT_URL_<SERVICE_ID>,
    /// else the profile's services section, else AWS_ENDPOINT_URL, else the
    /// profile's endpoint_url; else resolves one from the region and the
    /// FIPS / dual-stack choices.
    std::string endpoint_url = {};
    /// Ignore the configured endpoint URLs (environment and profile).
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the profile's ignore_configured_endpoint_urls.
    bool ignore_configured_endpoint_urls = false;
    /// Endpoint URLs from the profile, filled by from_environment().
    profile_endpoint_urls profile_endpoints = {};
    /// Resolve a FIPS endpoint. AWS_USE_FIPS_ENDPOINT, else the profile's use_fips_endpoint.
    bool use_fips_endpoint = false;
    /// Resolve a dual-stack (IPv4 + IPv6) endpoint. AWS_USE_DUALSTACK_ENDPOINT,
    /// else the profile's use_dualstack_endpoint.
    bool use_dualstack_endpoint = false;
    /// Where credentials come from; the SDKs' default chain
    /// (make_default_credentials_chain) when empty.
    std::shared_ptr<credentials_provider> credentials = {};
    /// PEM file of trusted CAs; the system trust store when empty. AWS_CA_BUNDLE,
    /// else the profile's ca_bundle.
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

    /// Defaults overridden the way the AWS CLI and SDKs do: each setting
    /// from its environment variable, else from the profile in the shared
    /// files (see shared_config_options: AWS_PROFILE, AWS_CONFIG_FILE,
    /// AWS_SHARED_CREDENTIALS_FILE). Reads region, ca_bundle, max_attempts,
    /// retry_mode (standard | adaptive; legacy reads as standard),
    /// endpoint_url and the services section, ignore_configured_endpoint_urls,
    /// use_fips_endpoint, use_dualstack_endpoint, AWS_NEW_RETRIES_2026;
    /// credentials become the default chain for the same profile and files.
    /// Never does network I/O (no instance-metadata region lookup).
    /// Throws std::invalid_argument naming the variable or file:line when a
    /// value or file is malformed, or when a profile named explicitly or by
    /// AWS_PROFILE is in neither file. docs/configuration.md lists them all.
    static config from_environment(const shared_config_options& sources = {});

    /// from_environment() with `profile` instead of AWS_PROFILE (the CLI's --profile).
    static config from_profile(std::string profile);
};

}  // namespace awscoro
