#include "transport.hpp"

#include <awscoro/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <optional>
#include <stdexcept>
#include <sys/socket.h>

namespace awscoro::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using boost::system::error_code;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

class connection {
public:
    connection(asio::any_io_executor ex, ssl::context* tls)
    {
        if (tls != nullptr)
            secure.emplace(ex, *tls);
        else
            plain.emplace(ex);
    }

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    std::uint64_t served = 0;
    steady_time idle_since{};
    bool open = false;
};

void connection_deleter::operator()(connection* c) const noexcept { delete c; }

void http_response::clear()
{
    status = 0;
    body.clear();
    error_type.clear();
    request_id.clear();
    date.clear();
    retry_after.clear();
    keep_alive = false;
}

struct transport::tls_state {
    ssl::context ctx{ssl::context::tls_client};
    SSL_SESSION* session = nullptr;  // the newest session ticket, to resume with

    ~tls_state()
    {
        if (session != nullptr)
            SSL_SESSION_free(session);
    }

    // Asio keeps its own pointer in the context's app data: use a slot of our own.
    static int ex_data_index()
    {
        static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
        return index;
    }

    // TLS 1.3 tickets arrive after the handshake; OpenSSL hands each new one here.
    static int on_new_session(SSL* ssl, SSL_SESSION* session)
    {
        auto* self = static_cast<tls_state*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ex_data_index()));
        // A copy: OpenSSL marks the original not resumable when its connection
        // ends without a TLS close_notify, as ours do (closed at once, or by the peer).
        SSL_SESSION* copy = SSL_SESSION_dup(session);
        if (copy == nullptr)
            return 0;
        if (self->session != nullptr)
            SSL_SESSION_free(self->session);
        self->session = copy;
        return 0;  // OpenSSL keeps ownership of `session`
    }
};

transport::transport(asio::any_io_executor strand, endpoint ep, const config& cfg)
    : strand_(std::move(strand)), endpoint_(std::move(ep)), limits_(cfg.limits)
{
    if (!endpoint_.tls)
        return;
    tls_ = std::make_unique<tls_state>();
    SSL_CTX* ctx = tls_->ctx.native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_ex_data(ctx, tls_state::ex_data_index(), tls_.get());
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, &tls_state::on_new_session);
    if (cfg.verify_tls) {
        error_code ec;
        if (cfg.ca_bundle.empty())
            tls_->ctx.set_default_verify_paths(ec);
        else
            tls_->ctx.load_verify_file(cfg.ca_bundle, ec);
        if (ec)
            throw std::runtime_error("cannot load CA bundle \"" + cfg.ca_bundle + "\": " + ec.message());
        tls_->ctx.set_verify_mode(ssl::verify_peer);
    } else {
        tls_->ctx.set_verify_mode(ssl::verify_none);
    }
}

transport::~transport() = default;

connection_ptr transport::make_connection()
{
    return connection_ptr(new connection(strand_, tls_ ? &tls_->ctx : nullptr));
}

bool transport::is_open(const connection& c) noexcept { return c.open; }
std::uint64_t transport::requests_served(const connection& c) noexcept { return c.served; }
steady_time transport::idle_since(const connection& c) noexcept { return c.idle_since; }

void transport::close(connection& c) noexcept
{
    error_code ignored;
    c.lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    c.lowest().socket().close(ignored);
    c.open = false;
}

bool transport::looks_alive(connection& c) noexcept
{
    // An idle keep-alive connection has nothing to read: EOF or stray bytes
    // (a TLS close_notify) mean the server is closing it.
    char byte;
    const auto n = ::recv(c.lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

asio::awaitable<error_code> transport::connect(connection& c, steady_time deadline)
{
    // getaddrinfo cannot be interrupted, so the lookup is not awaited
    // directly: it reports into shared state and wakes a timer that expires
    // at the deadline; a lookup that outlives the deadline finishes unseen.
    struct lookup {
        explicit lookup(const asio::any_io_executor& ex, steady_time deadline) : wake(ex, deadline), resolver(ex) {}
        asio::steady_timer wake;
        asio::ip::tcp::resolver resolver;
        error_code ec;
        asio::ip::tcp::resolver::results_type results;
        bool done = false;
    };
    auto l = std::make_shared<lookup>(strand_, deadline);
    l->resolver.async_resolve(endpoint_.host, endpoint_.port,
                              [l](error_code ec, asio::ip::tcp::resolver::results_type results) {
                                  l->ec = ec;
                                  l->results = std::move(results);
                                  l->done = true;
                                  l->wake.cancel();
                              });
    co_await l->wake.async_wait(use_tuple);
    if (!l->done) {  // the deadline passed, or the call was cancelled
        l->resolver.cancel();
        if (std::chrono::steady_clock::now() >= deadline)
            co_return error::connect_timeout;
        co_return asio::error::operation_aborted;
    }
    if (l->ec || l->results.empty())
        co_return error::resolve_failed;
    const auto results = std::move(l->results);

    auto& tcp = c.lowest();
    tcp.expires_at(deadline);
    auto [cec, connected] = co_await tcp.async_connect(results, use_tuple);
    if (cec == beast::error::timeout)
        co_return error::connect_timeout;
    if (cec == asio::error::operation_aborted)
        co_return cec;
    if (cec)
        co_return error::connect_failed;
    ++stats_.connections_opened;
    error_code ignored;
    tcp.socket().set_option(asio::ip::tcp::no_delay(true), ignored);

    if (c.secure) {
        SSL* ssl = c.secure->native_handle();
        if (!endpoint_.host_is_ip)
            SSL_set_tlsext_host_name(ssl, endpoint_.host.c_str());  // SNI: host names only
        if (endpoint_.host_is_ip)
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), endpoint_.host.c_str());
        else
            SSL_set1_host(ssl, endpoint_.host.c_str());
        if (tls_->session != nullptr)
            SSL_set_session(ssl, tls_->session);
        auto [hec] = co_await c.secure->async_handshake(ssl::stream_base::client, use_tuple);
        if (hec) {
            if (hec == beast::error::timeout)
                co_return error::connect_timeout;
            if (hec == asio::error::operation_aborted)
                co_return hec;
            if (SSL_get_verify_result(ssl) != X509_V_OK)
                co_return error::tls_verify_failed;
            co_return error::tls_handshake_failed;
        }
        ++stats_.tls_handshakes;
        if (SSL_session_reused(ssl))
            ++stats_.tls_resumed;
    }
    tcp.expires_never();
    c.open = true;
    co_return error_code{};
}

namespace {

error_code classify_read_error(const error_code& ec)
{
    if (ec == beast::error::timeout || ec == asio::error::operation_aborted)
        return ec;
    if (ec == http::error::header_limit)
        return error::header_too_large;
    if (ec == http::error::body_limit)
        return error::body_too_large;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::broken_pipe || ec == ssl::error::stream_truncated)
        return error::connection_closed;
    if (ec.category() == boost::beast::http::make_error_code(http::error::bad_version).category())
        return error::http_parse_error;
    return error::connection_closed;
}

template <class Stream>
asio::awaitable<error_code> exchange_on(Stream& stream, connection& c, std::array<asio::const_buffer, 2> request,
                                        const limits_config& limits, http_response& out, exchange_progress& progress)
{
    auto [wec, written] = co_await asio::async_write(stream, request, use_tuple);
    progress.wrote_any = written > 0;
    if (wec)
        co_return classify_read_error(wec);

    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_response_header_bytes));
    parser.body_limit(limits.max_response_body_bytes);
    const std::size_t buffered = c.buffer.size();
    auto [rec, read] = co_await http::async_read(stream, c.buffer, parser, use_tuple);
    progress.read_any = read > 0 || buffered > 0;
    if (rec)
        co_return classify_read_error(rec);

    auto& res = parser.get();
    out.status = res.result_int();
    out.keep_alive = res.keep_alive();
    auto field = [&](std::string_view name, std::string& into) {
        const auto it = res.find(name);
        if (it != res.end())
            into.assign(it->value().data(), it->value().size());
    };
    field("X-Amzn-ErrorType", out.error_type);
    field("x-amzn-RequestId", out.request_id);
    field("Date", out.date);
    field("x-amz-retry-after", out.retry_after);
    out.body = std::move(res.body());
    co_return error_code{};
}

}  // namespace

asio::awaitable<error_code> transport::exchange(connection& c, std::array<asio::const_buffer, 2> request,
                                                steady_time deadline, http_response& out,
                                                exchange_progress& progress)
{
    out.clear();
    progress = {};
    c.lowest().expires_at(deadline);
    const error_code ec = c.secure ? co_await exchange_on(*c.secure, c, request, limits_, out, progress)
                                   : co_await exchange_on(*c.plain, c, request, limits_, out, progress);
    if (ec) {
        close(c);
        co_return ec;
    }
    c.lowest().expires_never();
    ++c.served;
    c.idle_since = std::chrono::steady_clock::now();
    co_return ec;
}

}  // namespace awscoro::detail
