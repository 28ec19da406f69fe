// What the core needs to know of an AWS JSON 1.1 service, so that the core
// itself never names one.
#pragma once

#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>

namespace awscoro {

struct service_descriptor {
    /// The SDKs' service id; its upper-case, '_'-for-space form names the
    /// endpoint variable (AWS_ENDPOINT_URL_SAGEMAKER).
    std::string_view service_id;
    std::string_view signing_name;   ///< SigV4 credential-scope service, e.g. "sagemaker"
    std::string_view target_prefix;  ///< X-Amz-Target prefix, e.g. "SageMaker"
    /// The endpoint URL for a region; empty with `error` set when there is none.
    std::string (*resolve_endpoint)(std::string_view region, bool use_fips, bool use_dualstack, std::string& error);
    /// Maps a response's error code and status to an error_code: the
    /// service's modeled errors first, then json_protocol::classify_error.
    boost::system::error_code (*map_error)(std::string_view code, unsigned http_status);
};

/// One operation of a service, as the core sends it.
struct operation_spec {
    std::string_view name;  ///< e.g. "CreateImageVersion" (X-Amz-Target suffix)
    /// Sending the request twice has the effect of sending it once: it is
    /// read-only or carries an idempotency token. Such a request is re-sent
    /// at once, without counting an attempt, when a reused connection turns
    /// out to have been closed by the server.
    bool idempotent = false;
};

}  // namespace awscoro
