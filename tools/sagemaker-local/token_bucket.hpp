// The request-rate limit: a token bucket refilled at `rate` tokens per second
// up to `burst`, one token per request; an empty bucket means
// ThrottlingException, as SageMaker answers a caller over its TPS quota.
// Time is a parameter, so tests step it by hand. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>

namespace sagemaker_local {

class token_bucket {
public:
    using time_point = std::chrono::steady_clock::time_point;

    /// `rate` <= 0 disables the limit; `burst` < 1 is taken as 1.
    token_bucket(double rate, double burst, time_point start);

    /// Takes a token; false when the bucket is empty (the request is throttled).
    bool try_acquire(time_point now);

    bool enabled() const noexcept { return rate_ > 0; }

private:
    double rate_;
    double burst_;
    std::mutex mutex_;
    double tokens_;
    time_point last_;
};

}  // namespace sagemaker_local
