// The credentials providers the AWS SDKs chain by default, and the chain.
// Each reads its environment variables and files at every fetch (the
// profile's name and file locations are fixed when it is made), so a
// refresh sees edited files and rotated tokens. All complete through
// async_fetch's contract (credentials.hpp): error::no_credentials when the
// source is not configured or not present, error::credentials_fetch_failed
// when it is but failed; the reason never holds a secret.
#pragma once

#include <awscoro/aws_config_file.hpp>
#include <awscoro/credentials.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace awscoro {

/// The profile's credentials from the shared files: aws_access_key_id /
/// aws_secret_access_key / aws_session_token, else credential_process.
/// A profile using role_arn, web identity or SSO fails with
/// credentials_fetch_failed (not supported) rather than let the chain pick
/// another identity. A malformed file fails naming file and line.
std::shared_ptr<credentials_provider> make_profile_credentials_provider(shared_config_options options = {});
std::shared_ptr<credentials_provider> make_profile_credentials_provider(std::string profile);

struct process_options {
    /// Killed (and credentials_fetch_failed) after this long. 0 disables.
    /// One minute, as the Go SDK.
    std::chrono::milliseconds timeout{60'000};
    /// Output beyond this many bytes fails the fetch (64 KB, as the Java SDK).
    std::size_t max_output_bytes = 64 * 1024;
};

/// Runs `command` without a shell: split into arguments as POSIX shlex
/// does (the CLI's rule: whitespace separates, quotes and backslashes
/// escape), the program looked up on PATH. Its standard output is the JSON
/// document {"Version": 1, "AccessKeyId", "SecretAccessKey",
/// "SessionToken"?, "Expiration"? (RFC 3339)}. A non-zero exit fails with
/// the first line of its standard error; bad JSON, a missing key, a
/// Version other than 1 or an Expiration already past fail too.
std::shared_ptr<credentials_provider> make_process_credentials_provider(std::string command,
                                                                        process_options options = {});

/// Timeouts and attempts of the metadata providers (container, IMDS).
/// Zero members take the default (for IMDS: the environment's or profile's value first).
struct metadata_options {
    /// Per HTTP request (connect + exchange). IMDS: AWS_METADATA_SERVICE_TIMEOUT
    /// (seconds) / profile metadata_service_timeout, else 1 s. Container: 2 s.
    std::chrono::milliseconds timeout{0};
    /// Tries per request (network errors and 5xx are retried at once). IMDS:
    /// AWS_METADATA_SERVICE_NUM_ATTEMPTS / profile metadata_service_num_attempts,
    /// else 2. Container: 3.
    unsigned attempts = 0;
    /// Whose profile settings (metadata_service_*, ec2_metadata_*) apply.
    shared_config_options shared = {};
};

/// ECS / EKS Pod Identity container credentials:
/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (appended to http://169.254.170.2)
/// or AWS_CONTAINER_CREDENTIALS_FULL_URI (plain http to a loopback, ECS or
/// EKS address), with the Authorization header from the file named by
/// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read each fetch), else
/// AWS_CONTAINER_AUTHORIZATION_TOKEN. Not configured: no_credentials.
std::shared_ptr<credentials_provider> make_container_credentials_provider(metadata_options options = {});

/// EC2 instance metadata with IMDSv2 session tokens: PUT /latest/api/token
/// (X-aws-ec2-metadata-token-ttl-seconds: 21600), then
/// GET /latest/meta-data/iam/security-credentials/ for the role name and
/// .../<role> for the credentials, each with X-aws-ec2-metadata-token.
/// As the SDKs document: a token PUT answered 403, 404 or 405, or timing
/// out (a container one network hop too far), falls back to IMDSv1 (no
/// token) unless AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled;
/// 400 fails; a 401 on a GET fetches a new token once.
/// Endpoint: AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint,
/// else by AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode
/// (IPv4: http://169.254.169.254, IPv6: http://[fd00:ec2::254]).
/// AWS_EC2_METADATA_DISABLED=true, an unreachable service (not on EC2) or
/// no instance profile: no_credentials.
std::shared_ptr<credentials_provider> make_imds_credentials_provider(metadata_options options = {});

/// Asks `providers` in order; the first with credentials wins. A provider
/// failing with credentials_fetch_failed stops the chain with that error.
/// When all decline: no_credentials, the reason listing each provider's
/// name and why it declined.
std::shared_ptr<credentials_provider> make_credentials_chain(
    std::vector<std::shared_ptr<credentials_provider>> providers);

/// The SDKs' default chain: environment, then the profile (shared files,
/// credential_process), then container credentials, then EC2 instance
/// metadata, all using the same profile and files.
std::shared_ptr<credentials_provider> make_default_credentials_chain(shared_config_options options = {});

}  // namespace awscoro
