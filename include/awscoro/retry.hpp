// The retry decisions of the AWS SDKs' standard and adaptive modes, free of
// I/O: the retry quota, the back-off delay, and the adaptive client-side
// rate limiter. Times are seconds on a monotonic clock passed in by the
// caller, and randomness is passed in too, so all of it is tested exactly.
#pragma once

#include <awscoro/config.hpp>

#include <optional>

namespace awscoro::retry {

/// What kind of failure is being retried; it sets cost and back-off base.
enum class failure_kind {
    transient,   ///< 5xx, transient codes, connection errors
    timeout,     ///< an attempt timed out
    throttling,  ///< a throttling-family code or HTTP 429
};

/// The retry quota: a bucket of 500 tokens shared by a client's calls, so a
/// service that fails everything is not hit by a storm of retries.
class quota {
public:
    static constexpr unsigned capacity = 500;

    explicit quota(bool revision_2026 = false) noexcept : revision_2026_(revision_2026) {}

    /// Takes the cost of one retry; false (nothing taken) when the quota
    /// cannot pay for it. Standard: 5 per retry, 10 after a timeout. 2026
    /// revision: 14 per retry, 5 after throttling.
    bool try_acquire(failure_kind kind, unsigned& taken) noexcept;

    /// A call succeeded: refunds what its retries took, or 1 when none did.
    void on_success(unsigned taken) noexcept;

    unsigned available() const noexcept { return available_; }

private:
    unsigned available_ = capacity;
    bool revision_2026_;
};

/// The delay before retry `retry_index` (1 for the first retry):
/// random01 × min(base × 2^(retry_index−1), 20 s), base 1 s (2026 revision:
/// 50 ms, 1 s for throttling). With the 2026 revision a server's
/// x-amz-retry-after (milliseconds) is honored, clamped to
/// [computed, computed + 5 s]. `random01` is in [0, 1). A positive
/// `base_override` (seconds) replaces the base.
double backoff_seconds(unsigned retry_index, failure_kind kind, bool revision_2026, double random01,
                       std::optional<double> retry_after_ms = std::nullopt, double base_override = 0) noexcept;

/// The adaptive mode's client-side rate limiter (token bucket whose fill
/// rate follows CUBIC: β 0.7, C 0.4, measured-rate smoothing 0.8 over
/// half-second buckets, minimum fill rate 0.5/s). Off until the first
/// throttling response. Not thread-safe: the client calls it on its strand.
class rate_limiter {
public:
    explicit rate_limiter(double now) noexcept;

    /// Takes a send token and returns 0, or returns how long to sleep
    /// (at most 0.1 s) before asking again; nothing is reserved, so a rate
    /// that recovers in the meantime is used at once.
    double acquire(double now) noexcept;

    /// Records a response (`throttled` or not) to a request sent at `sent`,
    /// and adjusts the fill rate. A throttle of a request sent before the
    /// last slow-down does not slow down again.
    void on_response(double now, bool throttled, double sent) noexcept;

    bool enabled() const noexcept { return enabled_; }
    double fill_rate() const noexcept { return fill_rate_; }
    double measured_rate() const noexcept { return measured_rate_; }

private:
    void refill(double now) noexcept;
    void set_max_rate(double rate, double now) noexcept;
    double cubic_success(double now) const noexcept;
    double cubic_throttle(double rate, double now) noexcept;
    void record_rate(double now) noexcept;

    // token bucket
    double fill_rate_ = 0.5;
    double max_capacity_ = 1;
    double capacity_ = 1;
    double last_refill_;
    bool enabled_ = false;
    // CUBIC
    double w_max_ = 0.5;
    double k_;
    double last_throttle_;
    // measured send rate
    double measured_rate_ = 0;
    double last_bucket_;
    double window_start_ = 0;  // first response of the current window
    double count_ = 0;
};

}  // namespace awscoro::retry
