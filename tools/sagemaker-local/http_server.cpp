#include "http_server.hpp"

#include <awscoro/json_protocol.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <thread>
#include <vector>

namespace sagemaker_local {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t header_limit = 16 * 1024;
constexpr std::chrono::seconds shutdown_timeout{2};

/// Counts the connection as open for as long as it lives.
class connection_guard {
public:
    explicit connection_guard(server_stats& stats) : stats_(stats) { stats_.connection_opened(); }
    ~connection_guard() { stats_.connection_closed(); }
    connection_guard(const connection_guard&) = delete;
    connection_guard& operator=(const connection_guard&) = delete;

private:
    server_stats& stats_;
};

/// Drops the connection with a TCP RST: the client sees "connection reset".
template <class Stream>
void reset(Stream& stream)
{
    auto& socket = beast::get_lowest_layer(stream).socket();
    beast::error_code ignored;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

/// Ends the connection politely: TLS close_notify, then FIN.
template <class Stream>
asio::awaitable<void> close(Stream& stream)
{
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        beast::get_lowest_layer(stream).expires_after(shutdown_timeout);
        co_await stream.async_shutdown(use_tuple);
    }
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
    beast::get_lowest_layer(stream).socket().close(ignored);
}

/// True for the ways a client ends a connection that are not its fault.
bool normal_end(const beast::error_code& ec)
{
    return ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
           ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
}

http::response<http::string_body> to_beast(http_response&& res, unsigned version, bool keep_alive)
{
    http::response<http::string_body> out{static_cast<http::status>(res.status), version};
    out.set(http::field::content_type, awscoro::json_protocol::content_type);
    out.set("x-amzn-RequestId", res.request_id);
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

}  // namespace

struct http_server::impl {
    impl(api_handler& handler, fault_injector& faults, server_stats& stats, listener_config config)
        : handler(handler), faults(faults), stats(stats), config(std::move(config))
    {
        if (this->config.tls) {
            tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                            asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                            asio::ssl::context::no_tlsv1_1);
            tls.use_certificate_chain_file(this->config.cert_file);
            tls.use_private_key_file(this->config.key_file, asio::ssl::context::pem);
        }
        const tcp::endpoint endpoint{asio::ip::make_address_v4("127.0.0.1"), this->config.port};
        acceptor.open(endpoint.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen(asio::socket_base::max_listen_connections);
    }

    asio::awaitable<void> accept_loop();
    template <class Stream>
    asio::awaitable<void> serve(Stream& stream);
    asio::awaitable<void> session(tcp::socket socket);

    api_handler& handler;
    fault_injector& faults;
    server_stats& stats;
    listener_config config;
    // Declared before everything bound to it, so destroyed after.
    asio::io_context io;
    asio::ssl::context tls{asio::ssl::context::tls_server};
    tcp::acceptor acceptor{io};
    asio::signal_set signals{io, SIGINT, SIGTERM};
};

asio::awaitable<void> http_server::impl::accept_loop()
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), use_tuple);
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec) {
            // Out of descriptors, most likely: give open connections a moment to close.
            asio::steady_timer pause{io, std::chrono::milliseconds{50}};
            co_await pause.async_wait(use_tuple);
            continue;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto executor = socket.get_executor();
        asio::co_spawn(executor, session(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> http_server::impl::session(tcp::socket socket)
{
    connection_guard guard{stats};
    if (!config.tls) {
        beast::tcp_stream stream{std::move(socket)};
        co_await serve(stream);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream{beast::tcp_stream{std::move(socket)}, tls};
    beast::get_lowest_layer(stream).expires_after(config.idle_timeout);
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (!ec)
        co_await serve(stream);
}

template <class Stream>
asio::awaitable<void> http_server::impl::serve(Stream& stream)
{
    beast::flat_buffer buffer;
    std::vector<awscoro::sigv4::header_field> headers;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(header_limit);
        parser.body_limit(config.max_body);

        beast::get_lowest_layer(stream).expires_after(config.idle_timeout);
        auto [header_ec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
        bool too_large = header_ec == http::error::body_limit;
        if (header_ec && !too_large) {
            if (!normal_end(header_ec))
                ++stats.bad_http;  // malformed HTTP: drop the connection, keep serving others
            co_return;
        }
        if (!too_large && parser.get()[http::field::expect] == "100-continue") {
            http::response<http::empty_body> go_on{http::status::continue_, 11};
            auto [ec, n] = co_await http::async_write(stream, go_on, use_tuple);
            if (ec)
                co_return;
        }
        if (!too_large) {
            auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
            too_large = body_ec == http::error::body_limit;
            if (body_ec && !too_large) {
                if (!normal_end(body_ec))
                    ++stats.bad_http;
                co_return;
            }
        }
        const auto& req = parser.get();
        if (too_large) {
            // The rest of the body is still on the wire: answer, then close.
            auto res = to_beast(handler.answer(request_too_large(config.max_body)), req.version(), false);
            co_await http::async_write(stream, res, use_tuple);
            co_await close(stream);
            co_return;
        }

        headers.clear();
        for (const auto& field : req)
            headers.push_back({field.name_string(), field.value()});
        const incoming_request in{req.method_string(), req.target(), headers, req.body()};

        const auto plan = faults.active() && !api_handler::is_admin(in.target) ? faults.plan() : fault_plan{};
        if (plan.latency.count() > 0) {
            ++stats.faults_delayed;
            asio::steady_timer delay{co_await asio::this_coro::executor, plan.latency};
            co_await delay.async_wait(use_tuple);
        }
        if (plan.action == fault_action::reset_before) {
            ++stats.faults_reset_before;
            reset(stream);
            co_return;
        }
        auto answer = handler.handle(in, request_time::now(), plan.action);
        if (plan.action == fault_action::reset_after) {
            ++stats.faults_reset_after;
            reset(stream);
            co_return;
        }

        const bool keep_alive = req.keep_alive();
        auto res = to_beast(std::move(answer), req.version(), keep_alive);
        beast::get_lowest_layer(stream).expires_after(config.idle_timeout);
        auto [write_ec, written] = co_await http::async_write(stream, res, use_tuple);
        if (write_ec)
            co_return;
        if (!keep_alive) {
            co_await close(stream);
            co_return;
        }
    }
}

http_server::http_server(api_handler& handler, fault_injector& faults, server_stats& stats, listener_config config)
    : impl_(std::make_unique<impl>(handler, faults, stats, std::move(config)))
{
}

http_server::~http_server() = default;

std::uint16_t http_server::port() const noexcept
{
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

void http_server::run(unsigned threads, bool stop_on_signals)
{
    auto& self = *impl_;
    asio::co_spawn(self.io, self.accept_loop(), asio::detached);
    if (stop_on_signals)
        self.signals.async_wait([this](const beast::error_code& ec, int) {
            if (!ec)
                stop();
        });
    std::vector<std::jthread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&self] { self.io.run(); });
    self.io.run();
}

void http_server::stop()
{
    impl_->io.stop();
}

}  // namespace sagemaker_local
