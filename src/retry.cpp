#include <awscoro/retry.hpp>

#include <algorithm>
#include <cmath>

namespace awscoro::retry {
namespace {

constexpr double max_backoff = 20.0;
constexpr double beta = 0.7;
constexpr double scale_constant = 0.4;
constexpr double smoothing = 0.8;
constexpr double bucket_scale = 2.0;  // 0.5 s buckets for the measured rate
constexpr double min_fill_rate = 0.5;
constexpr double max_recheck = 0.1;  // seconds a waiting caller sleeps before asking again
constexpr double min_window = 0.05;  // seconds: the shortest span a first rate estimate uses

double cubic_zero_point(double w_max) { return std::cbrt(w_max * (1 - beta) / scale_constant); }

}  // namespace

bool quota::try_acquire(failure_kind kind, unsigned& taken) noexcept
{
    unsigned cost = 5;
    if (revision_2026_)
        cost = kind == failure_kind::throttling ? 5 : 14;
    else if (kind == failure_kind::timeout)
        cost = 10;
    if (available_ < cost)
        return false;
    available_ -= cost;
    taken += cost;
    return true;
}

void quota::on_success(unsigned taken) noexcept
{
    available_ = std::min(capacity, available_ + (taken == 0 ? 1 : taken));
}

double backoff_seconds(unsigned retry_index, failure_kind kind, bool revision_2026, double random01,
                       std::optional<double> retry_after_ms, double base_override) noexcept
{
    double base = revision_2026 && kind != failure_kind::throttling ? 0.05 : 1.0;
    if (base_override > 0)
        base = base_override;
    const double ceiling = std::min(base * std::ldexp(1.0, static_cast<int>(std::min(retry_index, 64u)) - 1),
                                    max_backoff);
    const double computed = random01 * ceiling;
    if (revision_2026 && retry_after_ms)
        return std::clamp(*retry_after_ms / 1000.0, computed, computed + 5.0);
    return computed;
}

rate_limiter::rate_limiter(double now) noexcept
    : last_refill_(now),
      k_(cubic_zero_point(w_max_)),
      last_throttle_(now),
      last_bucket_(std::floor(now * bucket_scale) / bucket_scale)
{
}

void rate_limiter::refill(double now) noexcept
{
    const double elapsed = now - last_refill_;
    if (elapsed > 0)
        capacity_ = std::min(max_capacity_, capacity_ + elapsed * fill_rate_);
    last_refill_ = now;
}

double rate_limiter::acquire(double now) noexcept
{
    if (!enabled_)
        return 0;
    refill(now);
    if (capacity_ >= 1 - 1e-9) {  // tolerate rounding in the refill
        capacity_ -= 1;
        return 0;
    }
    // Nothing is reserved: the caller sleeps a little and asks again, so a
    // fill rate that recovers meanwhile is used at once (a wait computed
    // from a rate at its lowest could otherwise run to minutes).
    return std::min((1 - capacity_) / fill_rate_, max_recheck);
}

void rate_limiter::set_max_rate(double rate, double now) noexcept
{
    refill(now);
    fill_rate_ = std::max(rate, min_fill_rate);
    max_capacity_ = std::max(rate, 1.0);
    capacity_ = std::min(capacity_, max_capacity_);
}

double rate_limiter::cubic_success(double now) const noexcept
{
    const double dt = now - last_throttle_;
    return scale_constant * std::pow(dt - k_, 3) + w_max_;
}

double rate_limiter::cubic_throttle(double rate, double now) noexcept
{
    w_max_ = rate;
    k_ = cubic_zero_point(w_max_);
    last_throttle_ = now;
    return rate * beta;
}

void rate_limiter::record_rate(double now) noexcept
{
    const double bucket = std::floor(now * bucket_scale) / bucket_scale;
    if (count_ == 0)
        window_start_ = now;
    count_ += 1;
    if (bucket > last_bucket_) {
        const double current = count_ / (bucket - last_bucket_);
        measured_rate_ = current * smoothing + measured_rate_ * (1 - smoothing);
        count_ = 0;
        last_bucket_ = bucket;
    }
}

void rate_limiter::on_response(double now, bool throttled, double sent) noexcept
{
    record_rate(now);
    // Before the first half-second window closes nothing is measured yet: use
    // the rate since the first response, or a throttle then would drop the
    // rate to its floor however fast requests were going. Overestimating
    // costs a few quick 0.7× steps; underestimating, a slow CUBIC climb.
    const double measured =
        measured_rate_ > 0 ? measured_rate_ : count_ / std::max(now - window_start_, min_window);
    double new_rate;
    if (!throttled) {
        new_rate = cubic_success(now);
    } else if (enabled_ && sent < last_throttle_) {
        // Sent before the last slow-down: that slow-down already answered it
        // (as TCP reduces once per window). Counting each of a burst of such
        // throttles would multiply the rate by 0.7 for every request in flight.
        return;
    } else {
        new_rate = cubic_throttle(enabled_ ? std::min(measured, fill_rate_) : measured, now);
        enabled_ = true;
    }
    set_max_rate(std::min(new_rate, 2 * measured), now);
}

}  // namespace awscoro::retry
