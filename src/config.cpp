#include <awscoro/config.hpp>

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace awscoro {
namespace {

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

bool env_flag(const char* name)
{
    const std::string v = env(name);
    if (v.empty() || v == "false" || v == "FALSE" || v == "False")
        return false;
    if (v == "true" || v == "TRUE" || v == "True")
        return true;
    throw std::invalid_argument(std::string(name) + " must be true or false, not \"" + v + "\"");
}

}  // namespace

config config::from_environment()
{
    config c;
    c.region = env("AWS_REGION");
    if (c.region.empty())
        c.region = env("AWS_DEFAULT_REGION");
    c.ca_bundle = env("AWS_CA_BUNDLE");
    c.ignore_configured_endpoint_urls = env_flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    c.retry.revision_2026 = env_flag("AWS_NEW_RETRIES_2026");

    if (const std::string v = env("AWS_MAX_ATTEMPTS"); !v.empty()) {
        unsigned n = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc{} || end != v.data() + v.size() || n == 0)
            throw std::invalid_argument("AWS_MAX_ATTEMPTS must be a positive integer, not \"" + v + "\"");
        c.retry.max_attempts = n;
    }
    if (const std::string v = env("AWS_RETRY_MODE"); !v.empty()) {
        if (v == "standard" || v == "legacy")
            c.retry.mode = retry_mode::standard;
        else if (v == "adaptive")
            c.retry.mode = retry_mode::adaptive;
        else
            throw std::invalid_argument("AWS_RETRY_MODE must be standard, adaptive or legacy, not \"" + v + "\"");
    }
    c.credentials = make_environment_credentials_provider();
    return c;
}

}  // namespace awscoro
