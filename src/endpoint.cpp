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

namespace {

std::string env(const std::string& name)
{
    const char* v = std::getenv(name.c_str());
    return v != nullptr ? v : "";
}

// The configured endpoint URL, in the SDKs' order; empty when none.
std::string configured_endpoint(const config& cfg, std::string_view service_id)
{
    std::string variable = "AWS_ENDPOINT_URL_";  // service id upper-case, spaces as '_'
    std::string key;                             // the services section's: lower-case, spaces as '_'
    for (char ch : service_id) {
        const auto c = static_cast<unsigned char>(ch);
        variable.push_back(ch == ' ' ? '_' : static_cast<char>(std::toupper(c)));
        key.push_back(ch == ' ' ? '_' : static_cast<char>(std::tolower(c)));
    }
    if (std::string url = env(variable); !url.empty())
        return url;
    if (const auto it = cfg.profile_endpoints.per_service.find(key); it != cfg.profile_endpoints.per_service.end())
        return it->second;
    if (std::string url = env("AWS_ENDPOINT_URL"); !url.empty())
        return url;
    return cfg.profile_endpoints.global;
}

}  // namespace

endpoint select_endpoint(const config& cfg, const service_descriptor& service)
{
    std::string url = cfg.endpoint_url;
    if (url.empty() && !cfg.ignore_configured_endpoint_urls)
        url = configured_endpoint(cfg, service.service_id);
    std::string why;
    if (url.empty()) {
        url = service.resolve_endpoint(cfg.region, cfg.use_fips_endpoint, cfg.use_dualstack_endpoint, why);
        if (url.empty())
            throw std::invalid_argument(why);
    }
    endpoint ep;
    if (parse_endpoint(url, ep, why))
        throw std::invalid_argument(why);
    return ep;
}

}  // namespace awscoro::detail
