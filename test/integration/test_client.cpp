// The client against real TLS servers on loopback: keep-alive, pooling,
// retries with one ClientToken, every completion-token style, threads.
#include "client_fixture.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

using namespace awscoro;
using namespace awscoro::test;
namespace asio = boost::asio;

namespace {

std::string client_token_of(const received_request& r)
{
    return std::string(boost::json::parse(r.body).at("ClientToken").as_string());
}

}  // namespace

TEST_CASE("client: 1,000 sequential calls share one kept-alive TLS connection")
{
    fault_server server([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    run(io, [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 1000; ++i) {
            auto req = sample_request();
            auto out = co_await client.create_image_version(req);
            REQUIRE(out.image_version_arn);
        }
        client.shutdown();
    }());
    CHECK(server.request_count() == 1000);
    CHECK(server.connections_accepted() == 1);
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().tls_handshakes == 1);
}

TEST_CASE("client: the request is signed SigV4 and carries the AWS JSON 1.1 headers")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        req.aliases = {"latest"};
        co_await client.create_image_version(req);
        client.shutdown();
    }());
    const auto r = server.requests().at(0);
    CHECK(r.target == "SageMaker.CreateImageVersion");
    CHECK(r.headers.at("content-type") == "application/x-amz-json-1.1");
    CHECK(r.headers.at("host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(r.headers.at("authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    CHECK(r.headers.at("authorization").find("/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=") != std::string::npos);
    CHECK(r.headers.count("x-amz-security-token") == 0);
    const auto body = boost::json::parse(r.body);
    CHECK(body.at("ImageName").as_string() == "my-image");
    CHECK(body.at("Aliases").as_array().size() == 1);
    CHECK(client_token_of(r).size() == 36);  // filled with a UUID
}

TEST_CASE("client: 10,000 calls, 500 in flight, never more than the pool's 20 connections")
{
    fault_server server([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    asio::io_context io;
    auto cfg = config_for(server);
    cfg.pool.max_connections = 20;
    sagemaker::client client(io, cfg);
    std::atomic<int> ok{0}, failed{0};
    run(io, [&]() -> asio::awaitable<void> {
        auto worker = [&](int calls) -> asio::awaitable<void> {
            for (int i = 0; i < calls; ++i) {
                auto req = sample_request();
                auto r = co_await client.try_create_image_version(req);
                ++(r ? ok : failed);
            }
        };
        // 500 workers of 20 calls each: 500 calls in flight at any time.
        std::atomic<int> done{0};
        asio::steady_timer all_done(io, std::chrono::steady_clock::time_point::max());
        for (int w = 0; w < 500; ++w)
            asio::co_spawn(io, worker(20), [&](std::exception_ptr) {
                if (++done == 500)
                    all_done.cancel();
            });
        co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
        client.shutdown();
    }(), std::chrono::seconds(120));
    CHECK(ok == 10000);
    CHECK(failed == 0);
    CHECK(server.max_concurrent_connections() <= 20);
    CHECK(server.connections_accepted() <= 20);
    CHECK(server.request_count() == 10000);
}

TEST_CASE("client: retries keep the same ClientToken; throttling then success")
{
    fault_server server(
        [](const received_request&, std::size_t i) {
            if (i == 0)
                return error_reply(400, "ThrottlingException", "Rate exceeded");
            if (i == 1)
                return error_reply(500, "InternalFailure");
            return created();
        },
        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    diagnostics diag;
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        auto [ec, out] = co_await client.async_create_image_version(req, diag, asio::as_tuple(asio::use_awaitable));
        CHECK_FALSE(ec);
        CHECK(out.image_version_arn);
        client.shutdown();
    }());
    CHECK(diag.attempts == 3);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(client_token_of(reqs[0]) == client_token_of(reqs[1]));
    CHECK(client_token_of(reqs[1]) == client_token_of(reqs[2]));
    CHECK(reqs[0].headers.at("amz-sdk-invocation-id") == reqs[2].headers.at("amz-sdk-invocation-id"));
    CHECK(reqs[0].headers.at("amz-sdk-request") == "attempt=1; max=3");
    CHECK(reqs[2].headers.at("amz-sdk-request") == "attempt=3; max=3");
    CHECK(client.stats().throttled == 1);
    CHECK(client.stats().retries == 2);
}

TEST_CASE("client: each call gets its own token, even from one request template")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    const auto tmpl = sample_request();
    run(io, [&]() -> asio::awaitable<void> {
        co_await client.create_image_version(tmpl);
        co_await client.create_image_version(tmpl);
        client.shutdown();
    }());
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(client_token_of(reqs[0]) != client_token_of(reqs[1]));
    CHECK(tmpl.client_token.empty());
}

TEST_CASE("client: a modeled error is not retried and is thrown as its own class")
{
    fault_server server(
        [](const received_request&, std::size_t) { return error_reply(400, "ResourceNotFound", "Image my-image does not exist"); },
        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        try {
            co_await client.create_image_version(req);
            FAIL("no exception");
        } catch (const sagemaker::resource_not_found& e) {
            CHECK(e.code() == sagemaker::error::resource_not_found);
            CHECK(e.diag().aws_code == "ResourceNotFound");
            CHECK(e.diag().message == "Image my-image does not exist");
            CHECK(e.diag().request_id == "req-ResourceNotFound");
            CHECK(e.diag().http_status == 400);
            CHECK(e.diag().attempts == 1);
            CHECK_FALSE(e.diag().retryable);
        }
        client.shutdown();
    }());
    CHECK(server.request_count() == 1);
}

TEST_CASE("client: the retry quota stops a retry storm")
{
    fault_server server([](const received_request&, std::size_t) { return error_reply(503, "ServiceUnavailable"); },
                        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    int failures = 0;
    run(io, [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 80; ++i) {
            auto req = sample_request();
            auto r = co_await client.try_create_image_version(req);
            CHECK(r.error == error::transient_service_error);
            CHECK(r.error == condition::retryable);
            ++failures;
        }
        client.shutdown();
    }());
    CHECK(failures == 80);
    // 500 tokens pay for 100 retries of 5 each; after that, single attempts.
    CHECK(server.request_count() == 80 + 100);
    CHECK(client.stats().retry_quota == 0);
}

TEST_CASE("client: validation fails before any I/O, naming the field")
{
    fault_server server([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request("-bad_name-");
        auto r = co_await client.try_create_image_version(req);
        CHECK(r.error == error::invalid_parameter);
        CHECK(r.diag.message.find("ImageName") != std::string::npos);
        CHECK_THROWS_AS(co_await client.create_image_version(req), validation_error);
        client.shutdown();
    }());
    CHECK(server.request_count() == 0);
}

TEST_CASE("client: every completion token style")
{
    fault_server server([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    auto req = sample_request();

    SUBCASE("callback")
    {
        bool called = false;
        client.async_create_image_version(req, [&](boost::system::error_code ec, sagemaker::create_image_version_response r) {
            called = true;
            CHECK_FALSE(ec);
            CHECK(r.image_version_arn);
            client.shutdown();
        });
        io.run_for(std::chrono::seconds(30));
        CHECK(called);
    }
    SUBCASE("use_future, with the io_context on another thread")
    {
        auto guard = asio::make_work_guard(io);
        std::thread t([&] { io.run(); });
        auto f = client.async_create_image_version(req, asio::use_future);
        CHECK(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        CHECK(f.get().image_version_arn);
        client.shutdown();
        guard.reset();
        t.join();
    }
    SUBCASE("deferred")
    {
        auto op = client.async_create_image_version(req, asio::deferred);
        CHECK(server.request_count() == 0);  // nothing happens until it is launched
        bool called = false;
        std::move(op)([&](boost::system::error_code ec, sagemaker::create_image_version_response r) {
            called = true;
            CHECK_FALSE(ec);
            CHECK(r.image_version_arn);
            client.shutdown();
        });
        io.run_for(std::chrono::seconds(30));
        CHECK(called);
    }
    SUBCASE("use_awaitable: errors are thrown as system_error")
    {
        run(io, [&]() -> asio::awaitable<void> {
            auto r = co_await client.async_create_image_version(req, asio::use_awaitable);
            CHECK(r.image_version_arn);
            client.shutdown();
        }());
    }
}

TEST_CASE("client: two threads on one io_context, 10,000 calls")
{
    fault_server server([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    asio::io_context io(2);
    auto cfg = config_for(server);
    cfg.pool.max_connections = 16;
    sagemaker::client client(io, cfg);
    std::atomic<int> ok{0}, done{0};
    std::set<std::thread::id> threads_seen;
    std::mutex m;
    auto worker = [&](int calls) -> asio::awaitable<void> {
        for (int i = 0; i < calls; ++i) {
            auto req = sample_request();
            auto r = co_await client.try_create_image_version(req);
            if (r)
                ++ok;
            std::lock_guard lock(m);
            threads_seen.insert(std::this_thread::get_id());
        }
    };
    for (int w = 0; w < 100; ++w)
        asio::co_spawn(io, worker(100), [&](std::exception_ptr) {
            if (++done == 100)
                client.shutdown();
        });
    std::thread second([&] { io.run_for(std::chrono::seconds(120)); });
    io.run_for(std::chrono::seconds(120));
    second.join();
    CHECK(done == 100);
    CHECK(ok == 10000);
    CHECK(server.request_count() == 10000);
    CHECK(server.max_concurrent_connections() <= 16);
}

TEST_CASE("client: paginator follows NextToken to the last page")
{
    fault_server server(
        [](const received_request& r, std::size_t) {
            const auto body = boost::json::parse(r.body).as_object();
            const bool first = !body.contains("NextToken");
            reply rep;
            rep.body = first ? R"({"ImageVersions":[{"ImageArn":"a","ImageVersionArn":"v1","Version":1}],"NextToken":"page2"})"
                             : R"({"ImageVersions":[{"ImageArn":"a","ImageVersionArn":"v2","Version":2}]})";
            return rep;
        },
        tls_server());
    asio::io_context io;
    sagemaker::client client(io, config_for(server));
    std::vector<int> versions;
    run(io, [&]() -> asio::awaitable<void> {
        sagemaker::paginator<sagemaker::list_image_versions_op> pages{client, {.image_name = "my-image"}};
        while (auto page = co_await pages.next())
            for (const auto& v : page->image_versions)
                versions.push_back(v.version.value_or(-1));
        client.shutdown();
    }());
    CHECK(versions == std::vector<int>{1, 2});
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(boost::json::parse(reqs[1].body).at("NextToken").as_string() == "page2");
}
