// Fault injection for realistic batch runs: for each API request, one draw
// decides whether it fails with 500 or 503 (not processed), has its
// connection reset before processing, or is processed and then has its
// connection reset (the ambiguous case a client must retry idempotently),
// plus an added latency. Seeded, so a run can be replayed. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace sagemaker_local {

struct fault_config {
    double internal_failure = 0;     ///< fraction answered 500 InternalFailure
    double service_unavailable = 0;  ///< fraction answered 503 ServiceUnavailable
    double reset_before = 0;         ///< fraction whose connection is reset, request not processed
    double reset_after = 0;          ///< fraction processed, then the connection is reset
    std::chrono::milliseconds latency_min{0};  ///< added latency, uniform in [min, max]
    std::chrono::milliseconds latency_max{0};
    std::uint64_t seed = 1;

    /// The fractions sum to at most 1 and the latency range is ordered.
    bool valid() const;
};

enum class fault_action { none, internal_failure, service_unavailable, reset_before, reset_after };

struct fault_plan {
    fault_action action = fault_action::none;
    std::chrono::milliseconds latency{0};
};

class fault_injector {
public:
    explicit fault_injector(fault_config config);

    /// The fate of the next request.
    fault_plan plan();

    /// False when every knob is off: then plan() draws nothing.
    bool active() const noexcept { return active_; }

private:
    fault_config config_;
    bool active_;
    std::mutex mutex_;
    std::mt19937_64 random_;
};

}  // namespace sagemaker_local
