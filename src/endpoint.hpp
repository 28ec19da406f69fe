// An endpoint URL taken apart once, when the client is built.
#pragma once

#include <awscoro/config.hpp>
#include <awscoro/service.hpp>

#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>

namespace awscoro::detail {

struct endpoint {
    bool tls = true;
    std::string host;         ///< without brackets for IPv6
    std::string port;         ///< "443" when the URL names none
    std::string host_header;  ///< Host header value: host[:port], brackets kept
    bool host_is_ip = false;  ///< no SNI for IP literals
    bool loopback = false;
};

/// Parses an http(s) URL with an empty or "/" path. Plain http is accepted
/// only for loopback hosts (127.0.0.0/8, ::1, localhost). On failure returns
/// error::invalid_endpoint and sets `why`.
boost::system::error_code parse_endpoint(std::string_view url, endpoint& out, std::string& why);

/// The endpoint a client of `service` talks to: config::endpoint_url, else
/// (unless ignore_configured_endpoint_urls) AWS_ENDPOINT_URL_<SERVICE_ID>,
/// the profile's services section, AWS_ENDPOINT_URL, the profile's
/// endpoint_url; else the service's resolver for the region, FIPS and
/// dual-stack. Throws std::invalid_argument when there is none or it is unusable.
endpoint select_endpoint(const config& cfg, const service_descriptor& service);

}  // namespace awscoro::detail
