// A minimal plain-HTTP client for the metadata credentials endpoints
// (container, EC2 instance metadata): one request per connection, a
// deadline over connect and exchange, a small body limit. Beast stays
// inside credentials_http.cpp.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awscoro::detail {

struct http_url {
    std::string host;         ///< without brackets for IPv6
    std::string port;         ///< "80" when the URL names none
    std::string target;       ///< path and query, "/" at least
    std::string host_header;  ///< host[:port] as in the URL
};

/// Parses an http:// URL (https is not supported here). False with `why` set.
bool parse_http_url(std::string_view url, http_url& out, std::string& why);

struct http_reply {
    unsigned status = 0;
    std::string body;
};

/// Sends `method` to `url` with `headers` and reads the reply within
/// `timeout`, on the calling coroutine's executor. Errors:
/// error::resolve_failed, error::connect_failed (refused, unreachable),
/// error::attempt_timeout, error::connection_closed,
/// error::http_parse_error, error::body_too_large (over 64 KB).
boost::asio::awaitable<boost::system::error_code> http_exchange(
    const http_url& url, std::string_view method, const std::vector<std::pair<std::string, std::string>>& headers,
    std::chrono::milliseconds timeout, http_reply& out);

}  // namespace awscoro::detail
