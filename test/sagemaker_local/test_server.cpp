// sagemaker-local's HTTP front on real loopback sockets: keep-alive, limits,
// malformed input, slow clients, resets, TLS with the generated CA.
#include "certs.hpp"
#include "http_server.hpp"
#include "support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

using namespace sagemaker_local;
using namespace sagemaker_local::test;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// A sagemaker-local serving on a background thread for the life of the object.
struct running_server {
    explicit running_server(listener_config listen, fault_config fault_knobs = {})
        : store{store_config{}},
          verifier{verifier_config{.secrets = {{std::string(access_key_id), std::string(secret_access_key)}}}},
          limiter{0, 0, {}},
          faults{fault_knobs},
          handler{store, verifier, limiter, stats},
          server{handler, faults, stats, std::move(listen)},
          thread{[this] { server.run(2, false); }}
    {
    }
    ~running_server()
    {
        server.stop();
        thread.join();
    }

    boost::json::object stats_json() { return boost::json::parse(stats.to_json(store.counters())).as_object(); }

    image_store store;
    sigv4_verifier verifier;
    token_bucket limiter;
    server_stats stats;
    fault_injector faults;
    api_handler handler;
    http_server server;
    std::thread thread;
};

listener_config plain(std::size_t max_body = 1 << 20, std::chrono::seconds idle = std::chrono::seconds{10})
{
    return {.port = 0, .tls = false, .max_body = max_body, .idle_timeout = idle};
}

struct response {
    int status = 0;  ///< 0 when the connection ended before a status line
    std::string head;
    std::string body;
    bool complete = false;
};

/// Reads one HTTP response (Content-Length framed) from a blocking stream.
template <class Stream>
response read_response(Stream& stream)
{
    response out;
    std::string data;
    char chunk[4096];
    boost::system::error_code ec;
    std::size_t head_end = std::string::npos;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
        const auto n = stream.read_some(asio::buffer(chunk), ec);
        if (ec)
            return out;
        data.append(chunk, n);
    }
    out.head = data.substr(0, head_end);
    out.status = std::stoi(out.head.substr(9, 3));
    std::size_t length = 0;
    if (const auto at = out.head.find("Content-Length: "); at != std::string::npos)
        length = std::stoul(out.head.substr(at + 16));
    out.body = data.substr(head_end + 4);
    while (out.body.size() < length) {
        const auto n = stream.read_some(asio::buffer(chunk), ec);
        if (ec)
            return out;
        out.body.append(chunk, n);
    }
    out.complete = true;
    return out;
}

/// True when the peer has closed (or reset) the connection.
template <class Stream>
bool closed_by_peer(Stream& stream)
{
    char byte;
    boost::system::error_code ec;
    stream.read_some(asio::buffer(&byte, 1), ec);
    return ec.failed();
}

std::string wire(const signed_request& r)
{
    std::string out = "POST / HTTP/1.1\r\n";
    for (const auto& [name, value] : r.owned)
        out += name + ": " + value + "\r\n";
    out += "content-length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
    return out;
}

signed_request signed_now(std::string_view operation, std::string body)
{
    return make_request(operation, std::move(body), {.time = std::chrono::system_clock::now()});
}

constexpr std::string_view get_stats = "GET /__stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

struct connection {
    explicit connection(std::uint16_t port) : socket{io} { socket.connect({asio::ip::make_address("127.0.0.1"), port}); }
    void send(std::string_view bytes) { asio::write(socket, asio::buffer(bytes)); }
    response exchange(std::string_view bytes)
    {
        send(bytes);
        return read_response(socket);
    }

    asio::io_context io;
    tcp::socket socket;
};

}  // namespace

TEST_CASE("server: keep-alive serves several requests on one connection, each with a request id")
{
    running_server s{plain()};
    connection c{s.server.port()};
    for (int i = 0; i < 3; ++i) {
        const auto res = c.exchange(get_stats);
        REQUIRE(res.complete);
        CHECK(res.status == 200);
        CHECK(res.head.find("x-amzn-RequestId: ") != std::string::npos);
        CHECK(res.head.find("Content-Type: application/x-amz-json-1.1") != std::string::npos);
    }
    CHECK(s.stats_json().at("connections_accepted").as_int64() == 1);
}

TEST_CASE("server: a signed API request over the wire")
{
    running_server s{plain()};
    connection c{s.server.port()};
    const auto res = c.exchange(wire(signed_now("CreateImage", R"({"ImageName":"img","RoleArn":"arn:aws:iam::123456789012:role/r"})")));
    CHECK(res.status == 200);
    CHECK(res.body.find("image/img") != std::string::npos);
    const auto missing = c.exchange(wire(signed_now("DescribeImage", R"({"ImageName":"nope"})")));
    CHECK(missing.status == 400);
    CHECK(missing.body.find("ResourceNotFound") != std::string::npos);
}

TEST_CASE("server: a body over --max-body gets 413, then the connection closes")
{
    running_server s{plain(1000)};
    connection c{s.server.port()};
    auto big = signed_now("ListImages", "{\"NameContains\":\"" + std::string(2000, 'a') + "\"}");
    const auto res = c.exchange(wire(big));
    CHECK(res.status == 413);
    CHECK(res.body.find("RequestEntityTooLargeException") != std::string::npos);
    CHECK(closed_by_peer(c.socket));

    // Chunked: the size is only known while reading.
    connection chunked{s.server.port()};
    const auto res2 = chunked.exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" +
                                       std::string(2000, 'a') + "\r\n0\r\n\r\n");
    CHECK(res2.status == 413);
}

TEST_CASE("server: malformed HTTP closes that connection only")
{
    running_server s{plain()};
    connection bad{s.server.port()};
    bad.send("THIS IS NOT HTTP\r\n\r\n");
    CHECK(closed_by_peer(bad.socket));
    connection good{s.server.port()};
    CHECK(good.exchange(get_stats).status == 200);
    CHECK(s.stats_json().at("bad_http").as_int64() == 1);
}

TEST_CASE("server: a slow client is dropped after the idle timeout")
{
    running_server s{plain(1 << 20, std::chrono::seconds{1})};
    connection slow{s.server.port()};
    slow.send("GET /__stats HTTP/1.1\r\nHo");
    const auto start = std::chrono::steady_clock::now();
    CHECK(closed_by_peer(slow.socket));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{5});
}

TEST_CASE("server: many connections at once")
{
    running_server s{plain()};
    std::vector<std::unique_ptr<connection>> connections;
    for (int i = 0; i < 64; ++i)
        connections.push_back(std::make_unique<connection>(s.server.port()));
    for (auto& c : connections)
        c->send(get_stats);
    for (auto& c : connections)
        CHECK(read_response(c->socket).status == 200);
    CHECK(s.stats_json().at("connections_max_open").as_int64() == 64);
}

TEST_CASE("server: reset-after processes the request, then resets the connection")
{
    running_server s{plain(), fault_config{.reset_after = 1}};
    connection c{s.server.port()};
    const auto res = c.exchange(wire(signed_now("CreateImage", R"({"ImageName":"img","RoleArn":"arn:aws:iam::123456789012:role/r"})")));
    CHECK(res.status == 0);  // no answer
    CHECK(std::holds_alternative<sm::describe_image_response>(
        s.store.execute(sm::describe_image_request{.image_name = "img"}, at(0))));
    CHECK(s.stats_json().at("faults").as_object().at("reset_after").as_int64() == 1);
}

TEST_CASE("server: reset-before drops the request unprocessed; admin paths are spared")
{
    running_server s{plain(), fault_config{.reset_before = 1}};
    connection c{s.server.port()};
    const auto res = c.exchange(wire(signed_now("CreateImage", R"({"ImageName":"img","RoleArn":"arn:aws:iam::123456789012:role/r"})")));
    CHECK(res.status == 0);
    CHECK(s.store.counters().images_created == 0);
    connection admin{s.server.port()};
    CHECK(admin.exchange(get_stats).status == 200);
}

TEST_CASE("server: HTTPS with the generated CA verifies for 127.0.0.1 and localhost")
{
    const auto dir = std::filesystem::temp_directory_path() / ("sagemaker-local-certs-" + std::to_string(::getpid()));
    const auto files = ensure_certificates(dir.string());
    const auto again = ensure_certificates(dir.string());  // reused, not regenerated
    CHECK(again.ca == files.ca);

    running_server s{{.port = 0, .tls = true, .cert_file = files.certificate, .key_file = files.private_key}};
    for (const char* host : {"127.0.0.1", "localhost"}) {
        INFO(host);
        asio::io_context io;
        asio::ssl::context tls{asio::ssl::context::tls_client};
        tls.load_verify_file(files.ca);
        tls.set_verify_mode(asio::ssl::verify_peer);
        asio::ssl::stream<tcp::socket> stream{io, tls};
        stream.set_verify_callback(asio::ssl::host_name_verification(host));
        stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), s.server.port()});
        stream.handshake(asio::ssl::stream_base::client);
        asio::write(stream, asio::buffer(get_stats));
        CHECK(read_response(stream).status == 200);
    }
    std::filesystem::remove_all(dir);
}
