#include <awscoro/config.hpp>

#include <awscoro/credentials_providers.hpp>

#include <charconv>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace awscoro {
namespace {

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

// One setting's value and where it came from, for error messages.
struct setting {
    std::string value;
    std::string source;
};

// The environment variable wins over the profile key (the SDKs' order).
class settings {
public:
    settings(const aws_config_section* profile, std::string profile_name)
        : profile_(profile), profile_name_(std::move(profile_name))
    {
    }

    std::optional<setting> get(const char* variable, std::string_view key) const
    {
        if (std::string v = env(variable); !v.empty())
            return setting{std::move(v), variable};
        if (profile_ != nullptr && !key.empty())  // an empty key: environment only
            if (const std::string* v = profile_->find(key); v != nullptr && !v->empty())
                return setting{*v, std::string(key) + " in profile " + profile_name_};
        return std::nullopt;
    }

    std::optional<bool> flag(const char* variable, std::string_view key) const
    {
        const auto s = get(variable, key);
        if (!s)
            return std::nullopt;
        std::string v = s->value;
        for (char& c : v)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (v == "true" || v == "false")
            return v == "true";
        throw std::invalid_argument(s->source + " must be true or false, not \"" + s->value + "\"");
    }

private:
    const aws_config_section* profile_;
    std::string profile_name_;
};

// The profile's endpoint_url and those of its services section.
profile_endpoint_urls endpoints_of(const aws_config_data& data, const aws_config_section& profile)
{
    profile_endpoint_urls out;
    if (const std::string* url = profile.find("endpoint_url"))
        out.global = *url;
    const std::string* services = profile.find("services");
    if (services == nullptr)
        return out;
    const auto section = data.services.find(*services);
    if (section == data.services.end())
        return out;
    for (const auto& [service, sub] : section->second.sub_values)
        if (const auto url = sub.find("endpoint_url"); url != sub.end() && !url->second.empty())
            out.per_service[service] = url->second;
    return out;
}

}  // namespace

config config::from_environment(const shared_config_options& sources)
{
    const shared_config_options shared = resolve_shared_config(sources);
    aws_config_data data;
    std::string error;
    if (!load_aws_config(shared, data, error))
        throw std::invalid_argument(error);
    const auto found = data.profiles.find(shared.profile);
    const aws_config_section* profile = found == data.profiles.end() ? nullptr : &found->second;
    // As the CLI: a profile asked for by name must exist; "default" may not.
    if (profile == nullptr && shared.profile != "default")
        throw std::invalid_argument("the profile \"" + shared.profile + "\" is in neither " + shared.config_file +
                                    " nor " + shared.credentials_file);
    const settings s(profile, shared.profile);

    config c;
    if (auto v = s.get("AWS_REGION", ""))
        c.region = v->value;
    else if (auto d = s.get("AWS_DEFAULT_REGION", "region"))
        c.region = d->value;
    if (auto v = s.get("AWS_CA_BUNDLE", "ca_bundle"))
        c.ca_bundle = v->value;
    c.ignore_configured_endpoint_urls =
        s.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls").value_or(false);
    c.use_fips_endpoint = s.flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint").value_or(false);
    c.use_dualstack_endpoint = s.flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint").value_or(false);
    c.retry.revision_2026 = s.flag("AWS_NEW_RETRIES_2026", "").value_or(false);
    if (profile != nullptr)
        c.profile_endpoints = endpoints_of(data, *profile);

    if (const auto v = s.get("AWS_MAX_ATTEMPTS", "max_attempts")) {
        unsigned n = 0;
        const auto [end, ec] = std::from_chars(v->value.data(), v->value.data() + v->value.size(), n);
        if (ec != std::errc{} || end != v->value.data() + v->value.size() || n == 0)
            throw std::invalid_argument(v->source + " must be a positive integer, not \"" + v->value + "\"");
        c.retry.max_attempts = n;
    }
    if (const auto v = s.get("AWS_RETRY_MODE", "retry_mode")) {
        if (v->value == "standard" || v->value == "legacy")
            c.retry.mode = retry_mode::standard;
        else if (v->value == "adaptive")
            c.retry.mode = retry_mode::adaptive;
        else
            throw std::invalid_argument(v->source + " must be standard, adaptive or legacy, not \"" + v->value +
                                        "\"");
    }
    c.credentials = make_default_credentials_chain(shared);
    return c;
}

config config::from_profile(std::string profile)
{
    shared_config_options sources;
    sources.profile = std::move(profile);
    return from_environment(sources);
}

}  // namespace awscoro
