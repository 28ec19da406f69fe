#include "server_stats.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sagemaker_local {

void server_stats::connection_opened()
{
    ++connections_accepted;
    const auto open = ++connections_open;
    auto max = connections_max_open.load();
    while (open > max && !connections_max_open.compare_exchange_weak(max, open)) {
    }
}

void server_stats::connection_closed()
{
    --connections_open;
}

void server_stats::error_answered(std::string_view type)
{
    std::lock_guard lock{errors_mutex_};
    auto it = errors_.find(type);
    if (it == errors_.end())
        errors_.emplace(type, 1);
    else
        ++it->second;
}

std::string server_stats::to_json(const store_counters& store) const
{
    boost::json::object per_operation;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < operation_count; ++i) {
        per_operation[operation_names[i]] = requests[i].load();
        total += requests[i].load();
    }
    boost::json::object errors;
    {
        std::lock_guard lock{errors_mutex_};
        for (const auto& [type, count] : errors_)
            errors[type] = count;
    }
    boost::json::object faults{
        {"internal_failure", faults_internal_failure.load()},
        {"service_unavailable", faults_service_unavailable.load()},
        {"reset_before", faults_reset_before.load()},
        {"reset_after", faults_reset_after.load()},
        {"delayed", faults_delayed.load()},
    };
    const auto faults_injected = faults_internal_failure.load() + faults_service_unavailable.load() +
                                 faults_reset_before.load() + faults_reset_after.load();
    boost::json::object doc{
        {"requests", std::move(per_operation)},
        {"requests_total", total},
        {"signatures_rejected", signatures_rejected.load()},
        {"throttled", throttled.load()},
        {"faults_injected", faults_injected},
        {"faults", std::move(faults)},
        {"errors", std::move(errors)},
        {"bad_http", bad_http.load()},
        {"images_created", store.images_created},
        {"versions_created", store.versions_created},
        {"token_replays", store.token_replays},
        {"connections_accepted", connections_accepted.load()},
        {"connections_open", connections_open.load()},
        {"connections_max_open", connections_max_open.load()},
    };
    return boost::json::serialize(doc);
}

}  // namespace sagemaker_local
