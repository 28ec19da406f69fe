// The one translation unit of the credentials providers that uses Beast.
#include "credentials_http.hpp"

#include <awscoro/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

namespace awscoro::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

bool parse_http_url(std::string_view url, http_url& out, std::string& why)
{
    const auto u = boost::urls::parse_absolute_uri(url);
    if (!u) {
        why = "not an absolute URL";
        return false;
    }
    if (u->scheme() != "http") {
        why = "only http:// is supported";
        return false;
    }
    if (u->host().empty() || u->has_userinfo()) {
        why = "no host, or user info in the URL";
        return false;
    }
    http_url r;
    r.host = u->host_address();
    r.port = u->has_port() ? std::string(u->port()) : "80";
    r.target = std::string(u->encoded_path());
    if (r.target.empty())
        r.target = "/";
    if (u->has_query())
        r.target += "?" + std::string(u->encoded_query());
    r.host_header = std::string(u->encoded_host_and_port());
    out = std::move(r);
    return true;
}

asio::awaitable<error_code> http_exchange(const http_url& url, std::string_view method,
                                          const std::vector<std::pair<std::string, std::string>>& headers,
                                          std::chrono::milliseconds timeout, http_reply& out)
{
    constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
    auto ex = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(ex);
    auto [rec, addresses] = co_await resolver.async_resolve(url.host, url.port, use_tuple);
    if (rec)
        co_return make_error_code(error::resolve_failed);

    beast::tcp_stream stream(ex);
    stream.expires_after(timeout);
    auto [cec, ep] = co_await stream.async_connect(addresses, use_tuple);
    if (cec == beast::error::timeout)
        co_return make_error_code(error::attempt_timeout);
    if (cec)
        co_return make_error_code(error::connect_failed);

    http::request<http::empty_body> req(http::string_to_verb(method), url.target, 11);
    req.set(http::field::host, url.host_header);
    req.set(http::field::user_agent, "awscoro");
    for (const auto& [name, value] : headers)
        req.set(name, value);
    req.prepare_payload();
    auto [wec, written] = co_await http::async_write(stream, req, use_tuple);
    if (!wec) {
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        auto [ec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (!ec) {
            out.status = parser.get().result_int();
            out.body = std::move(parser.get().body());
            co_return error_code{};
        }
        wec = ec;
    }
    if (wec == beast::error::timeout)
        co_return make_error_code(error::attempt_timeout);
    if (wec == http::error::body_limit)
        co_return make_error_code(error::body_too_large);
    const error_code http_error = http::error::end_of_stream;  // for its category
    if (wec.category() == http_error.category() && wec != http::error::end_of_stream &&
        wec != http::error::partial_message)
        co_return make_error_code(error::http_parse_error);
    co_return make_error_code(error::connection_closed);
}

}  // namespace awscoro::detail
