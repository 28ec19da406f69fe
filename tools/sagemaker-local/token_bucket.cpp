#include "token_bucket.hpp"

#include <algorithm>

namespace sagemaker_local {

token_bucket::token_bucket(double rate, double burst, time_point start)
    : rate_(rate), burst_(std::max(burst, 1.0)), tokens_(burst_), last_(start)
{
}

bool token_bucket::try_acquire(time_point now)
{
    if (!enabled())
        return true;
    std::lock_guard lock{mutex_};
    if (now > last_) {
        const std::chrono::duration<double> elapsed = now - last_;
        tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
        last_ = now;
    }
    if (tokens_ < 1.0)
        return false;
    tokens_ -= 1.0;
    return true;
}

}  // namespace sagemaker_local
