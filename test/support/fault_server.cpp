#include "support/fault_server.hpp"

#include "certs.hpp"  // sagemaker-local's certificate generator

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <cctype>
#include <future>
#include <set>
#include <thread>

namespace awscoro::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Coroutines hold a plain pointer: the fault_server stops and joins the
// thread before the impl (and with it the io_context and its frames) goes.
struct fault_server::impl {
    impl(handler h, fault_server_options o) : on_request(std::move(h)), options(std::move(o)) {}

    handler on_request;
    fault_server_options options;
    asio::io_context io;
    ssl::context tls{ssl::context::tls_server};
    tcp::acceptor acceptor{io};
    std::string ca;
    std::thread thread;

    mutable std::mutex mutex;  // guards what the test thread reads
    std::vector<received_request> received;
    std::size_t accepted = 0, open = 0, max_open = 0, handshakes = 0, resumed = 0;
    std::set<tcp::socket*> idle_sockets;  // server thread only

    void count_handshake(bool was_resumed)
    {
        std::lock_guard lock(mutex);
        ++handshakes;
        if (was_resumed)
            ++resumed;
    }

    void start()
    {
        if (options.tls) {
            const auto files = sagemaker_local::ensure_certificates(options.cert_dir);
            ca = files.ca;
            tls.use_certificate_chain_file(files.certificate);
            tls.use_private_key_file(files.private_key, ssl::context::pem);
        }
        const tcp::endpoint ep(asio::ip::make_address(options.address), 0);
        acceptor.open(ep.protocol());
        acceptor.set_option(tcp::acceptor::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen();
        asio::co_spawn(io, accept_loop(this), asio::detached);
        thread = std::thread([this] { io.run(); });
    }

    static asio::awaitable<void> accept_loop(impl* self)
    {
        for (std::size_t n = 1;; ++n) {
            auto [ec, socket] = co_await self->acceptor.async_accept(use_tuple);
            if (ec)
                co_return;
            {
                std::lock_guard lock(self->mutex);
                ++self->accepted;
                self->max_open = std::max(self->max_open, ++self->open);
            }
            asio::co_spawn(self->io, session(self, std::move(socket), n), asio::detached);
        }
    }

    static asio::awaitable<void> session(impl* self, tcp::socket socket, std::size_t id)
    {
        if (!self->options.tls) {
            beast::tcp_stream stream(std::move(socket));
            co_await serve(self, stream, stream.socket(), id);
        } else {
            beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), self->tls);
            if (self->options.stall_handshake) {
                char bytes[512];
                for (;;) {  // read and ignore the ClientHello until the client gives up
                    auto [ec, n] = co_await beast::get_lowest_layer(stream).socket().async_read_some(
                        asio::buffer(bytes), use_tuple);
                    if (ec)
                        break;
                }
            } else {
                auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
                if (!ec) {
                    self->count_handshake(SSL_session_reused(stream.native_handle()) != 0);
                    co_await serve(self, stream, beast::get_lowest_layer(stream).socket(), id);
                }
            }
        }
        std::lock_guard lock(self->mutex);
        --self->open;
    }

    template <class Stream>
    static asio::awaitable<void> serve(impl* self, Stream& stream, tcp::socket& socket,
                                       std::size_t id)
    {
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> req;
            self->idle_sockets.insert(&socket);
            auto [ec, n] = co_await http::async_read(stream, buffer, req, use_tuple);
            self->idle_sockets.erase(&socket);
            if (ec)
                co_return;

            received_request r;
            r.method = std::string(req.method_string());
            r.path = std::string(req.target());
            r.target = std::string(req["X-Amz-Target"]);
            for (const auto& f : req) {
                std::string name(f.name_string());
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                r.headers[name] = std::string(f.value());
            }
            r.body = req.body();
            r.connection = id;
            std::size_t index;
            {
                std::lock_guard lock(self->mutex);
                index = self->received.size();
                self->received.push_back(r);
            }
            const reply rep = self->on_request(r, index);
            if (!co_await act(stream, socket, rep))
                co_return;
        }
    }

    static asio::awaitable<void> wait(asio::any_io_executor ex, std::chrono::milliseconds d)
    {
        asio::steady_timer t(ex, d);
        co_await t.async_wait(use_tuple);
    }

    // Returns whether the connection stays open for another request.
    template <class Stream>
    static asio::awaitable<bool> act(Stream& stream, tcp::socket& socket, const reply& rep)
    {
        auto ex = co_await asio::this_coro::executor;
        if (rep.what != reply::kind::trickle && rep.delay.count() > 0)
            co_await wait(ex, rep.delay);
        switch (rep.what) {
        case reply::kind::drop:
            socket.close();
            co_return false;
        case reply::kind::silence:
            co_await wait(ex, std::chrono::hours(1));
            co_return false;
        case reply::kind::garbage: {
            const std::string junk = "SSH-2.0-OpenSSH_9.2\r\n\x01\x02\x03 this is not HTTP\r\n\r\n";
            co_await asio::async_write(stream, asio::buffer(junk), use_tuple);
            socket.close();
            co_return false;
        }
        default:
            break;
        }

        std::string wire = "HTTP/1.1 " + std::to_string(rep.status) + " Status\r\n";
        wire += "Content-Type: application/x-amz-json-1.1\r\n";
        for (const auto& [n, v] : rep.headers)
            wire += n + ": " + v + "\r\n";
        if (rep.what == reply::kind::huge_header)
            wire += "X-Padding: " + std::string(64 * 1024, 'x') + "\r\n";
        const std::size_t length = rep.what == reply::kind::truncated_body ? rep.body.size() + 100 : rep.body.size();
        wire += "Content-Length: " + std::to_string(length) + "\r\n";
        if (rep.close)
            wire += "Connection: close\r\n";
        wire += "\r\n" + rep.body;

        if (rep.what == reply::kind::trickle) {
            for (char c : wire) {
                auto [ec, n] = co_await asio::async_write(stream, asio::buffer(&c, 1), use_tuple);
                if (ec)
                    co_return false;
                co_await wait(ex, rep.delay);
            }
        } else {
            auto [ec, n] = co_await asio::async_write(stream, asio::buffer(wire), use_tuple);
            if (ec)
                co_return false;
        }
        if (rep.close || rep.what == reply::kind::truncated_body) {
            beast::error_code ignored;
            socket.shutdown(tcp::socket::shutdown_both, ignored);
            socket.close(ignored);
            co_return false;
        }
        co_return true;
    }
};

std::string test_cert_dir(const std::string& name)
{
    // Never destroyed, so the exit handler that removes it can still read it.
    static const auto* root = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "awscoro-test-certs-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("cannot create a temporary folder for test certificates");
        return new std::filesystem::path(pattern);
    }();
    static const bool cleanup_registered = std::atexit([] {
        std::error_code ignored;
        std::filesystem::remove_all(*root, ignored);
    }) == 0;
    (void)cleanup_registered;
    return (*root / name).string();
}

fault_server::fault_server(handler h, fault_server_options options)
    : impl_(std::make_unique<impl>(std::move(h), std::move(options)))
{
    impl_->start();
}

fault_server::~fault_server()
{
    impl_->io.stop();
    impl_->thread.join();
}

unsigned short fault_server::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string fault_server::url() const
{
    const auto& a = impl_->options.address;
    const std::string host = a.find(':') != std::string::npos ? "[" + a + "]" : a;  // IPv6 in brackets
    return std::string(impl_->options.tls ? "https://" : "http://") + host + ":" + std::to_string(port());
}

std::string fault_server::ca_file() const { return impl_->ca; }

std::size_t fault_server::close_idle_connections()
{
    std::promise<std::size_t> done;
    asio::post(impl_->io, [&] {
        for (auto* s : impl_->idle_sockets) {
            beast::error_code ignored;
            s->shutdown(tcp::socket::shutdown_both, ignored);
        }
        done.set_value(impl_->idle_sockets.size());
    });
    return done.get_future().get();
}

std::vector<received_request> fault_server::requests() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

std::size_t fault_server::request_count() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->received.size();
}

std::size_t fault_server::connections_accepted() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->accepted;
}

std::size_t fault_server::max_concurrent_connections() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->max_open;
}

std::size_t fault_server::tls_handshakes() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->handshakes;
}

std::size_t fault_server::tls_resumed() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->resumed;
}

}  // namespace awscoro::test
