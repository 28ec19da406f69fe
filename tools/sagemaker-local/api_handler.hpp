// One request in, one response out: the AWS JSON 1.1 pipeline of
// sagemaker-local without sockets. In order: admin paths (/__stats,
// /__reset); an injected 500/503; SigV4; the rate limit; X-Amz-Target;
// Content-Type; the body parsed by awscoro's codec; the model's constraints
// checked by awscoro's validate(); the operation run on the image store; the
// response written by the codec. The HTTP session around it only moves bytes.
#pragma once

#include "api_error.hpp"
#include "fault_injector.hpp"
#include "image_store.hpp"
#include "server_stats.hpp"
#include "sigv4_verifier.hpp"
#include "token_bucket.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace sagemaker_local {

struct http_response {
    unsigned status = 200;
    std::string body;
    std::string request_id;  ///< x-amzn-RequestId, a random UUID
};

/// The clocks a request is judged by: wall time for signatures and
/// timestamps, steady time for the rate limit.
struct request_time {
    std::chrono::system_clock::time_point wall;
    std::chrono::steady_clock::time_point steady;

    static request_time now();
};

class api_handler {
public:
    api_handler(image_store& store, sigv4_verifier& verifier, token_bucket& limiter, server_stats& stats);

    /// The answer to one request. `fault` is what the fault injector chose
    /// for it; 500 and 503 are answered here, before any processing.
    http_response handle(const incoming_request& req, request_time time, fault_action fault = fault_action::none);

    /// The answer for an error found outside the pipeline (e.g. 413 by the HTTP layer).
    http_response answer(const api_error& error);

    /// True for the admin paths, which faults, SigV4 and the rate limit leave alone.
    static bool is_admin(std::string_view target) noexcept;

private:
    http_response admin(const incoming_request& req);

    image_store& store_;
    sigv4_verifier& verifier_;
    token_bucket& limiter_;
    server_stats& stats_;
};

}  // namespace sagemaker_local
