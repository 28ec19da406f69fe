#include "endpoint.hpp"

#include <awscoro/error.hpp>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

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

endpoint select_endpoint(const config& cfg, const service_descriptor& service)
{
    std::string url = cfg.endpoint_url;
    if (url.empty() && !cfg.ignore_configured_endpoint_urls) {
        std::string var = "AWS_ENDPOINT_URL_";
        for (char ch : service.service_id)
            var.push_back(ch == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
        if (const char* v = std::getenv(var.c_str()); v != nullptr && *v != '\0')
            url = v;
        else if (const char* g = std::getenv("AWS_ENDPOINT_URL"); g != nullptr && *g != '\0')
            url = g;
    }
    std::string why;
    if (url.empty()) {
        url = service.resolve_endpoint(cfg.region, false, false, why);
        if (url.empty())
            throw std::invalid_argument(why);
    }
    endpoint ep;
    if (parse_endpoint(url, ep, why))
        throw std::invalid_argument(why);
    return ep;
}

}  // namespace awscoro::detail
