// The client against servers that misbehave: closed connections, timeouts,
// cancellation, bad certificates, hostile responses, shutdown mid-call.
#include "client_fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

using namespace awscoro;
using namespace awscoro::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

// One call; its error (empty on success).
boost::system::error_code one_call(asio::io_context& io, sagemaker::client& client, diagnostics* diag = nullptr)
{
    boost::system::error_code result;
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        auto r = co_await client.try_create_image_version(req);
        result = r.error;
        if (diag != nullptr)
            *diag = r.diag;
    }());
    return result;
}

}  // namespace

TEST_CASE("faults: a kept-alive connection the server closed is replaced, without an extra attempt")
{
    fault_server server([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    CHECK_FALSE(one_call(io, client));
    // The server's session may not be back at its read yet: retry until it closed one.
    std::size_t closed = 0;
    for (int i = 0; i < 200 && closed == 0; ++i) {
        closed = server.close_idle_connections();
        std::this_thread::sleep_for(5ms);
    }
    REQUIRE(closed == 1);
    std::this_thread::sleep_for(20ms);
    diagnostics diag;
    CHECK_FALSE(one_call(io, client, &diag));
    CHECK(diag.attempts == 1);
    CHECK(server.connections_accepted() == 2);
    CHECK(client.stats().retries == 0);
    client.shutdown();
}

TEST_CASE("faults: a connection dropped after the request is retried with the same token")
{
    fault_server server(
        [](const received_request&, std::size_t i) {
            return i == 0 ? reply{.what = reply::kind::drop} : created();
        },
        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    diagnostics diag;
    CHECK_FALSE(one_call(io, client, &diag));
    CHECK(diag.attempts == 2);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].body == reqs[1].body);
    client.shutdown();
}

TEST_CASE("faults: each timeout is its own typed error")
{
    SUBCASE("attempt timeout: no answer in time")
    {
        fault_server server([](const received_request&, std::size_t) { return reply{.what = reply::kind::silence}; },
                            tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.timeouts.attempt = 200ms;
        cfg.retry.max_attempts = 2;
        sagemaker::client client(io, cfg);
        diagnostics diag;
        const auto ec = one_call(io, client, &diag);
        CHECK(ec == error::attempt_timeout);
        CHECK(ec == condition::timeout);
        CHECK(diag.attempts == 2);  // an attempt timeout is retryable
        CHECK(server.request_count() == 2);
        client.shutdown();
    }
    SUBCASE("attempt timeout: a server that trickles bytes")
    {
        fault_server server(
            [](const received_request&, std::size_t) { return reply{.what = reply::kind::trickle, .body = std::string(200, ' '), .delay = 20ms}; },
            tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.timeouts.attempt = 300ms;
        cfg.retry.max_attempts = 1;
        sagemaker::client client(io, cfg);
        CHECK(one_call(io, client) == error::attempt_timeout);
        client.shutdown();
    }
    SUBCASE("total timeout")
    {
        fault_server server([](const received_request&, std::size_t) { return reply{.what = reply::kind::silence}; },
                            tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.timeouts.total = 300ms;
        sagemaker::client client(io, cfg);
        const auto start = std::chrono::steady_clock::now();
        CHECK(one_call(io, client) == error::total_timeout);
        CHECK(std::chrono::steady_clock::now() - start < 5s);
        client.shutdown();
    }
    SUBCASE("connect timeout: the TLS handshake never completes")
    {
        auto opts = tls_server();
        opts.stall_handshake = true;
        fault_server server([](const received_request&, std::size_t) { return created(); }, opts);
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.timeouts.connect = 200ms;
        cfg.retry.max_attempts = 1;
        sagemaker::client client(io, cfg);
        const auto ec = one_call(io, client);
        CHECK(ec == error::connect_timeout);
        CHECK(ec == condition::timeout);
        client.shutdown();
    }
}

TEST_CASE("faults: cancellation mid-call returns operation_aborted and the pool stays healthy")
{
    fault_server server(
        [](const received_request&, std::size_t i) { return i == 0 ? reply{.what = reply::kind::silence} : created(); },
        tls_server());
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.pool.max_connections = 1;
    sagemaker::client client(io, cfg);
    run(io, [&]() -> asio::awaitable<void> {
        asio::cancellation_signal cancel;
        asio::steady_timer timer(io, 200ms);
        timer.async_wait([&](auto) { cancel.emit(asio::cancellation_type::terminal); });
        auto req = sample_request();
        auto [ec, out] = co_await client.async_create_image_version(
            req, asio::bind_cancellation_slot(cancel.slot(), asio::as_tuple(asio::use_awaitable)));
        CHECK(ec == asio::error::operation_aborted);
        // The only connection was closed, not leaked: the next call gets a new one.
        auto r = co_await client.try_create_image_version(req);
        CHECK_FALSE(r.error);
        client.shutdown();
    }());
    CHECK(server.connections_accepted() == 2);
}

TEST_CASE("faults: shutting down completes calls in flight with operation_aborted")
{
    fault_server server([](const received_request&, std::size_t) { return reply{.what = reply::kind::silence}; },
                        tls_server());
    asio::io_context io;
    auto client = std::make_unique<sagemaker::client>(io, config_for(server));
    int aborted = 0;
    for (int i = 0; i < 10; ++i)
        client->async_create_image_version(sample_request(), [&](boost::system::error_code ec, auto) {
            if (ec == asio::error::operation_aborted)
                ++aborted;
        });
    asio::steady_timer timer(io, 200ms);
    timer.async_wait([&](auto) { client.reset(); });  // the destructor shuts down
    io.run_for(30s);
    CHECK(aborted == 10);
}

TEST_CASE("faults: TLS verification")
{
    SUBCASE("an untrusted CA is rejected")
    {
        fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
        // A second, unrelated CA.
        fault_server other([](const received_request&, std::size_t) { return created(); },
                           {.tls = true, .cert_dir = test_cert_dir("other-ca")});
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.ca_bundle = other.ca_file();
        sagemaker::client client(io, cfg);
        diagnostics diag;
        const auto ec = one_call(io, client, &diag);
        CHECK(ec == error::tls_verify_failed);
        CHECK(diag.attempts == 1);  // not retryable
        CHECK(server.request_count() == 0);
        client.shutdown();
    }
    SUBCASE("a certificate for another host is rejected")
    {
        // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
        fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server("127.0.0.2"));
        asio::io_context io;
        sagemaker::client client(io, config_for(server));
        CHECK(one_call(io, client) == error::tls_verify_failed);
        client.shutdown();
    }
    SUBCASE("the name localhost is verified and sent as SNI")
    {
        fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.endpoint_url = "https://localhost:" + std::to_string(server.port());
        sagemaker::client client(io, cfg);
        CHECK_FALSE(one_call(io, client));
        client.shutdown();
    }
    SUBCASE("plain http is refused for a host that is not loopback")
    {
        asio::io_context io;
        config cfg;
        cfg.region = "us-east-1";
        cfg.endpoint_url = "http://example.com";
        CHECK_THROWS_AS(sagemaker::client(io, cfg), std::invalid_argument);
    }
}

TEST_CASE("faults: new connections resume the TLS session")
{
    fault_server server([](const received_request&, std::size_t) { return reply{.body = "{}", .close = true}; },
                        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    for (int i = 0; i < 5; ++i)
        CHECK_FALSE(one_call(io, client));
    CHECK(server.connections_accepted() == 5);
    CHECK(client.stats().tls_handshakes == 5);
    CHECK(client.stats().tls_resumed == 4);
    CHECK(server.tls_resumed() == 4);
    client.shutdown();
}

TEST_CASE("faults: hostile responses become typed errors")
{
    struct hostile {
        reply rep;
        boost::system::error_code expected;
    };
    const hostile cases[] = {
        {{.what = reply::kind::garbage}, error::http_parse_error},
        {{.what = reply::kind::huge_header}, error::header_too_large},
        {{.body = "{\"ImageVersionArn\":\"" + std::string(9 * 1024 * 1024, 'a') + "\"}"}, error::body_too_large},
        {{.what = reply::kind::truncated_body}, error::connection_closed},
        {{.body = "[1,2,3]"}, error::malformed_response},
        {{.body = "{\"ImageVersionArn\": 42}"}, error::malformed_response},
        {{.status = 502, .body = "<html>Bad Gateway</html>"}, error::transient_service_error},
        {{.status = 400, .body = "{\"__type\":\"com.amazon#SomethingNew:http://x\",\"Message\":\"new\"}"}, error::service_error},
    };
    for (const auto& c : cases) {
        fault_server server([&](const received_request&, std::size_t) { return c.rep; }, tls_server());
        asio::io_context io;
        auto cfg = config_for(server);
        cfg.retry.max_attempts = 1;
        sagemaker::client client(io, cfg);
        diagnostics diag;
        const auto ec = one_call(io, client, &diag);
        INFO("expected ", c.expected.message(), ", got ", ec.message(), " (", diag.message, ")");
        CHECK(ec == c.expected);
        client.shutdown();
    }
}
