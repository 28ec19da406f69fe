// Counters served at GET /__stats, for tests and benchmarks. Lock-free
// except the per-error-type map.
#pragma once

#include "image_store.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace sagemaker_local {

inline constexpr std::size_t operation_count = std::tuple_size_v<sm::operations>;

/// Operation names in the model's order: the index used by server_stats::requests.
inline constexpr auto operation_names = [] {
    std::array<std::string_view, operation_count> names{};
    std::size_t i = 0;
    std::apply([&](auto... op) { ((names[i++] = decltype(op)::name), ...); }, sm::operations{});
    return names;
}();

struct server_stats {
    using counter = std::atomic<std::uint64_t>;

    std::array<counter, operation_count> requests{};  ///< API requests per operation, whatever their outcome
    counter signatures_rejected{0};  ///< every authentication failure
    counter throttled{0};
    counter faults_internal_failure{0};
    counter faults_service_unavailable{0};
    counter faults_reset_before{0};
    counter faults_reset_after{0};
    counter faults_delayed{0};       ///< requests given added latency
    counter bad_http{0};             ///< connections closed on unparsable HTTP
    counter connections_accepted{0};
    counter connections_open{0};
    counter connections_max_open{0};

    void connection_opened();
    void connection_closed();
    void error_answered(std::string_view type);

    /// The /__stats document, the store's counters included.
    std::string to_json(const store_counters& store) const;

private:
    mutable std::mutex errors_mutex_;
    std::map<std::string, std::uint64_t, std::less<>> errors_;  ///< error responses by __type
};

}  // namespace sagemaker_local
