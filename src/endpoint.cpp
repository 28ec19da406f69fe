#include "endpoint.hpp"

#include <awscoro/error.hpp>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

namespace awscoro::detail {

boost::system::error_code parse_endpoint(std::string_view url, endpoint& out, std::string& why)
{
    const auto fail = [&](std::string reason) {
        why = "endpoint \"" + std::string(url) + "\": " + std::move(reason);
        return make_error_code(error::invalid_endpoint);
    };
    const auto u = boost::urls::parse_absolute_uri(url);
    if (!u)
        return fail("not an absolute URL");
    const auto scheme = u->scheme();
    if (scheme != "https" && scheme != "http")
        return fail("the scheme must be https or http");
    if (u->host().empty())
        return fail("no host");
    if (!u->encoded_path().empty() && u->encoded_path() != "/")
        return fail("a path is not supported");
    if (u->has_query() || u->has_fragment() || u->has_userinfo())
        return fail("query, fragment and user info are not supported");

    endpoint e;
    e.tls = scheme == "https";
    e.host = u->host_address();  // IPv6 without brackets
    e.port = u->has_port() ? std::string(u->port()) : (e.tls ? "443" : "80");
    e.host_header = std::string(u->encoded_host_and_port());

    boost::system::error_code ec;
    const auto addr = boost::asio::ip::make_address(e.host, ec);
    e.host_is_ip = !ec;
    e.loopback = e.host_is_ip ? addr.is_loopback() : e.host == "localhost";
    if (!e.tls && !e.loopback)
        return fail("plain http is allowed only for a loopback host; use https");
    out = std::move(e);
    return {};
}

}  // namespace awscoro::detail
