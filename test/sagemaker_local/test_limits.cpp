#include "fault_injector.hpp"
#include "pagination.hpp"
#include "token_bucket.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>

using namespace sagemaker_local;
using namespace std::chrono_literals;

TEST_CASE("token bucket: a burst, then the refill rate")
{
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
    token_bucket bucket{10, 5, t0};
    int granted = 0;
    for (int i = 0; i < 20; ++i)
        granted += bucket.try_acquire(t0);
    CHECK(granted == 5);
    CHECK_FALSE(bucket.try_acquire(t0 + 50ms));  // half a token
    CHECK(bucket.try_acquire(t0 + 100ms));
    CHECK_FALSE(bucket.try_acquire(t0 + 100ms));
    granted = 0;
    for (int i = 0; i < 20; ++i)
        granted += bucket.try_acquire(t0 + 10s);  // refills up to the burst only
    CHECK(granted == 5);
}

TEST_CASE("token bucket: rate 0 never throttles")
{
    token_bucket bucket{0, 0, {}};
    for (int i = 0; i < 1000; ++i)
        REQUIRE(bucket.try_acquire({}));
}

TEST_CASE("faults: the fractions are honoured and a seed replays the same run")
{
    fault_config config{.internal_failure = 0.1,
                        .service_unavailable = 0.2,
                        .reset_before = 0.05,
                        .reset_after = 0.15,
                        .latency_min = 5ms,
                        .latency_max = 10ms,
                        .seed = 42};
    REQUIRE(config.valid());
    fault_injector faults{config};
    std::map<fault_action, int> counts;
    constexpr int n = 20000;
    std::vector<fault_plan> first;
    for (int i = 0; i < n; ++i) {
        const auto plan = faults.plan();
        ++counts[plan.action];
        REQUIRE(plan.latency >= 5ms);
        REQUIRE(plan.latency <= 10ms);
        if (i < 100)
            first.push_back(plan);
    }
    CHECK(counts[fault_action::internal_failure] == doctest::Approx(0.1 * n).epsilon(0.1));
    CHECK(counts[fault_action::service_unavailable] == doctest::Approx(0.2 * n).epsilon(0.1));
    CHECK(counts[fault_action::reset_before] == doctest::Approx(0.05 * n).epsilon(0.1));
    CHECK(counts[fault_action::reset_after] == doctest::Approx(0.15 * n).epsilon(0.1));
    CHECK(counts[fault_action::none] == doctest::Approx(0.5 * n).epsilon(0.1));

    fault_injector replay{config};
    for (const auto& expected : first) {
        const auto plan = replay.plan();
        REQUIRE(plan.action == expected.action);
        REQUIRE(plan.latency == expected.latency);
    }
}

TEST_CASE("faults: off by default, and invalid fractions are refused")
{
    fault_injector off{fault_config{}};
    CHECK_FALSE(off.active());
    CHECK(off.plan().action == fault_action::none);
    CHECK_FALSE(fault_config{.internal_failure = 0.6, .service_unavailable = 0.6}.valid());
    CHECK_FALSE(fault_config{.reset_after = -0.1}.valid());
    CHECK(fault_config{.internal_failure = 1}.valid());
    fault_injector always{fault_config{.internal_failure = 1}};
    for (int i = 0; i < 100; ++i)
        REQUIRE(always.plan().action == fault_action::internal_failure);
}

TEST_CASE("pagination: cursors round-trip and foreign tokens are refused")
{
    const sort_key key{1700000000.123, "my-image"};
    const auto token = encode_cursor(key);
    CHECK(decode_cursor(token) == key);
    CHECK(decode_cursor(encode_cursor({3, ""})) == sort_key{3, ""});
    for (const char* bad : {"", "v1/", "v1/abc/x", "v2/1/x", "v1/nan/x", "v1/inf/x", "1/x"})
        CHECK_FALSE(decode_cursor(bad));
}

TEST_CASE("pagination: pages cover every item once, in either order")
{
    for (bool descending : {false, true}) {
        std::vector<std::pair<sort_key, int>> items;
        for (int i = 0; i < 23; ++i)
            items.emplace_back(sort_key{static_cast<double>(i % 5), std::to_string(i)}, i);
        std::vector<int> seen;
        std::optional<std::string> token;
        for (int pages = 0;; ++pages) {
            REQUIRE(pages < 10);
            auto result = paginate(items, descending, token, 4);
            auto& page = std::get<0>(result);
            CHECK(page.items.size() <= 4);
            seen.insert(seen.end(), page.items.begin(), page.items.end());
            if (!page.next_token)
                break;
            token = page.next_token;
        }
        std::sort(seen.begin(), seen.end());
        std::vector<int> all(23);
        std::iota(all.begin(), all.end(), 0);
        CHECK(seen == all);
    }
    auto whole = paginate(std::vector<std::pair<sort_key, int>>{{{1, "a"}, 1}}, false, std::nullopt, std::nullopt);
    CHECK_FALSE(std::get<0>(whole).next_token);
}
