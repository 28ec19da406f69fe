// The client's policies on real sockets: clock-skew correction, the adaptive
// rate limiter, connection retirement and idle eviction, IPv6.
#include "client_fixture.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <ctime>
#include <mutex>

using namespace awscoro;
using namespace awscoro::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::string http_date(std::chrono::system_clock::time_point t)
{
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

std::chrono::system_clock::time_point amz_date(const received_request& r)
{
    std::tm tm{};
    strptime(r.headers.at("x-amz-date").c_str(), "%Y%m%dT%H%M%SZ", &tm);
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// Runs `calls` CreateImageVersion calls from `workers` coroutines; returns how many failed.
int run_calls(asio::io_context& io, sagemaker::client& client, int calls, int workers)
{
    int next = 0, failed = 0, running = workers;
    run(io, [&]() -> asio::awaitable<void> {
        asio::steady_timer done(io, std::chrono::steady_clock::time_point::max());
        for (int w = 0; w < workers; ++w)
            asio::co_spawn(io, [&]() -> asio::awaitable<void> {
                while (next < calls) {
                    ++next;
                    auto req = sample_request();
                    if (!co_await client.try_create_image_version(req))
                        ++failed;
                }
                if (--running == 0)
                    done.cancel();
            }, asio::detached);
        co_await done.async_wait(asio::as_tuple(asio::use_awaitable));
    }(), 120s);
    return failed;
}

}  // namespace

TEST_CASE("policies: a skewed clock is corrected from the server's Date, and the call retried at once")
{
    const auto server_now = [] { return std::chrono::system_clock::now() + 1h; };
    fault_server server(
        [&](const received_request& r, std::size_t) {
            if (std::chrono::abs(amz_date(r) - server_now()) > 5min) {
                auto rep = error_reply(400, "InvalidSignatureException",
                                       "Signature expired: the request time is too far from the server time");
                rep.headers.emplace_back("Date", http_date(server_now()));
                return rep;
            }
            return created();
        },
        tls_server());
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.retry.backoff_base = 10s;  // a back-off would show: the skew retry has none
    sagemaker::client client(io, cfg);
    const auto start = std::chrono::steady_clock::now();
    diagnostics diag;
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        auto r = co_await client.try_create_image_version(req);
        CHECK_FALSE(r.error);
        diag = r.diag;
        // The next call is signed with the corrected clock from the start.
        auto again = co_await client.try_create_image_version(req);
        CHECK_FALSE(again.error);
        CHECK(again.diag.attempts == 1);
        client.shutdown();
    }());
    CHECK(diag.attempts == 2);
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(std::chrono::abs(amz_date(reqs[1]) - server_now()) < 1min);
}

TEST_CASE("policies: the adaptive mode slows down under throttling where the standard mode keeps hitting")
{
    // A server allowing 100 requests/s (bucket of 10), answering ThrottlingException beyond.
    struct bucket {
        std::mutex m;
        double tokens = 10;
        std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
        bool take()
        {
            std::lock_guard lock(m);
            const auto now = std::chrono::steady_clock::now();
            tokens = std::min(10.0, tokens + std::chrono::duration<double>(now - last).count() * 100);
            last = now;
            if (tokens < 1)
                return false;
            tokens -= 1;
            return true;
        }
    };
    auto throttles_with = [](retry_mode mode, int& failed) {
        bucket b;
        std::atomic<int> throttled{0};
        fault_server server(
            [&](const received_request&, std::size_t) {
                if (b.take())
                    return created();
                ++throttled;
                return error_reply(400, "ThrottlingException", "Rate exceeded");
            },
            tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.retry.mode = mode;
        cfg.retry.max_attempts = 8;
        cfg.retry.backoff_base = 5ms;
        sagemaker::client client(io, cfg);
        failed = run_calls(io, client, 300, 16);
        client.shutdown();
        return throttled.load();
    };
    int standard_failed = 0, adaptive_failed = 0;
    const int standard = throttles_with(retry_mode::standard, standard_failed);
    const int adaptive = throttles_with(retry_mode::adaptive, adaptive_failed);
    INFO("throttles: standard ", standard, ", adaptive ", adaptive, "; failures: standard ", standard_failed,
         ", adaptive ", adaptive_failed);
    CHECK(standard > 0);
    CHECK(adaptive < standard / 2);
    CHECK(adaptive_failed == 0);
}

TEST_CASE("policies: a connection is retired after max_requests_per_connection")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.pool.max_requests_per_connection = 5;
    sagemaker::client client(io, cfg);
    CHECK(run_calls(io, client, 12, 1) == 0);
    CHECK(server.connections_accepted() == 3);
    client.shutdown();
}

TEST_CASE("policies: idle connections are closed after the idle timeout")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.pool.idle_timeout = 200ms;
    sagemaker::client client(io, cfg);
    CHECK(run_calls(io, client, 1, 1) == 0);
    CHECK(client.stats().open_connections == 1);
    io.restart();
    io.run_for(700ms);  // the sweeper runs every idle timeout
    CHECK(client.stats().open_connections == 0);
    CHECK(run_calls(io, client, 1, 1) == 0);
    CHECK(server.connections_accepted() == 2);
    client.shutdown();
}

TEST_CASE("policies: IPv6 endpoints")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server("::1"));
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.endpoint_url = "https://[::1]:" + std::to_string(server.port());
    sagemaker::client client(io, cfg);
    CHECK(run_calls(io, client, 3, 1) == 0);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].headers.at("host") == "[::1]:" + std::to_string(server.port()));
    client.shutdown();
}
