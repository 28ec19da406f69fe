#include "fault_injector.hpp"

namespace sagemaker_local {

bool fault_config::valid() const
{
    const double fractions[] = {internal_failure, service_unavailable, reset_before, reset_after};
    double sum = 0;
    for (double f : fractions) {
        if (!(f >= 0 && f <= 1))
            return false;
        sum += f;
    }
    return sum <= 1.0 + 1e-9 && latency_min.count() >= 0 && latency_min <= latency_max;
}

fault_injector::fault_injector(fault_config config)
    : config_(config),
      active_(config.internal_failure > 0 || config.service_unavailable > 0 || config.reset_before > 0 ||
              config.reset_after > 0 || config.latency_max.count() > 0),
      random_(config.seed)
{
}

fault_plan fault_injector::plan()
{
    fault_plan out;
    if (!active_)
        return out;
    std::lock_guard lock{mutex_};
    // One draw over consecutive bands: [500 | 503 | reset before | reset after | none].
    double u = std::uniform_real_distribution<double>{0.0, 1.0}(random_);
    const std::pair<double, fault_action> bands[] = {
        {config_.internal_failure, fault_action::internal_failure},
        {config_.service_unavailable, fault_action::service_unavailable},
        {config_.reset_before, fault_action::reset_before},
        {config_.reset_after, fault_action::reset_after},
    };
    for (const auto& [fraction, action] : bands) {
        if (u < fraction) {
            out.action = action;
            break;
        }
        u -= fraction;
    }
    if (config_.latency_max.count() > 0)
        out.latency = std::chrono::milliseconds{std::uniform_int_distribution<std::chrono::milliseconds::rep>{
            config_.latency_min.count(), config_.latency_max.count()}(random_)};
    return out;
}

}  // namespace sagemaker_local
