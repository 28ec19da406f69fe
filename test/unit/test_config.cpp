// Settings precedence: environment variables over the profile in the shared
// files over defaults, and the endpoint URL's order, as the SDKs apply
// them. Each test sets and unsets variables and restores them after.
#include <awscoro/config.hpp>

#include "endpoint.hpp"
#include "sagemaker/service.hpp"
#include "support/scoped_env.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <stdexcept>
#include <string>

using namespace awscoro;
using awscoro::test::scoped_env;
using awscoro::test::temp_dir;

namespace {

// A home with ~/.aws/config and ~/.aws/credentials, and a clean AWS environment.
struct home_fixture {
    scoped_env env;
    temp_dir home;

    explicit home_fixture(const std::string& config, const std::string& credentials = "")
    {
        env.clear_aws().set("HOME", home.path().string());
        home.write(".aws/config", config);
        home.write(".aws/credentials", credentials);
    }
};

std::string invalid_argument_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

// A service whose id has a space, to check both name transforms, and whose
// resolver reports what it was asked.
std::string fake_resolve(std::string_view region, bool fips, bool dualstack, std::string&)
{
    return "https://svc" + std::string(fips ? "-fips" : "") + std::string(dualstack ? "-ds" : "") + "." +
           std::string(region) + ".example.com";
}

boost::system::error_code no_errors(std::string_view, unsigned) { return {}; }

const service_descriptor fake_service{.service_id = "Example Service",
                                      .signing_name = "example",
                                      .target_prefix = "Example",
                                      .resolve_endpoint = fake_resolve,
                                      .map_error = no_errors};

std::string endpoint_of(const config& c)
{
    return detail::select_endpoint(c, fake_service).host_header;
}

}  // namespace

TEST_CASE("config: region is AWS_REGION, else AWS_DEFAULT_REGION, else the profile's")
{
    home_fixture f("[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n");
    CHECK(config::from_environment().region == "eu-west-1");
    f.env.set("AWS_DEFAULT_REGION", "us-west-2");
    CHECK(config::from_environment().region == "us-west-2");
    f.env.set("AWS_REGION", "us-east-2");
    CHECK(config::from_environment().region == "us-east-2");
    f.env.unset("AWS_REGION").unset("AWS_DEFAULT_REGION").set("AWS_PROFILE", "dev");
    CHECK(config::from_environment().region == "ap-south-1");
    CHECK(config::from_profile("default").region == "eu-west-1");  // an explicit profile beats AWS_PROFILE
}

TEST_CASE("config: no region anywhere stays empty, without any network lookup")
{
    home_fixture f("[default]\noutput = json\n");
    const auto c = config::from_environment();
    CHECK(c.region.empty());
}

TEST_CASE("config: retry settings, CA bundle, FIPS and dual-stack from env over profile")
{
    home_fixture f("[default]\nmax_attempts = 7\nretry_mode = adaptive\nca_bundle = /etc/profile-ca.pem\n"
                   "use_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\n");
    auto c = config::from_environment();
    CHECK(c.retry.max_attempts == 7);
    CHECK(c.retry.mode == retry_mode::adaptive);
    CHECK(c.ca_bundle == "/etc/profile-ca.pem");
    CHECK(c.use_fips_endpoint);
    CHECK(c.use_dualstack_endpoint);

    f.env.set("AWS_MAX_ATTEMPTS", "2").set("AWS_RETRY_MODE", "legacy").set("AWS_CA_BUNDLE", "/etc/env-ca.pem");
    f.env.set("AWS_USE_FIPS_ENDPOINT", "false").set("AWS_USE_DUALSTACK_ENDPOINT", "false");
    c = config::from_environment();
    CHECK(c.retry.max_attempts == 2);
    CHECK(c.retry.mode == retry_mode::standard);
    CHECK(c.ca_bundle == "/etc/env-ca.pem");
    CHECK_FALSE(c.use_fips_endpoint);
    CHECK_FALSE(c.use_dualstack_endpoint);
}

TEST_CASE("config: defaults when nothing is set")
{
    home_fixture f("");
    const auto c = config::from_environment();
    const config defaults;
    CHECK(c.retry.max_attempts == defaults.retry.max_attempts);
    CHECK(c.retry.mode == retry_mode::standard);
    CHECK(c.ca_bundle.empty());
    CHECK_FALSE(c.use_fips_endpoint);
    CHECK_FALSE(c.use_dualstack_endpoint);
    CHECK_FALSE(c.ignore_configured_endpoint_urls);
    CHECK(c.profile_endpoints.global.empty());
    REQUIRE(c.credentials);
    CHECK(c.credentials->name() == "default chain");
}

TEST_CASE("config: malformed values name their source")
{
    home_fixture f("[default]\nmax_attempts = many\n[profile b]\nuse_fips_endpoint = yes\n[profile m]\nretry_mode = x\n");
    CHECK(invalid_argument_of([] { config::from_environment(); }) ==
          "max_attempts in profile default must be a positive integer, not \"many\"");
    CHECK(invalid_argument_of([] { config::from_profile("b"); }) ==
          "use_fips_endpoint in profile b must be true or false, not \"yes\"");
    CHECK(invalid_argument_of([] { config::from_profile("m"); }).starts_with("retry_mode in profile m must be"));
    f.env.set("AWS_MAX_ATTEMPTS", "0");
    CHECK(invalid_argument_of([] { config::from_environment(); }).starts_with("AWS_MAX_ATTEMPTS must be"));
    f.env.set("AWS_MAX_ATTEMPTS", "3").set("AWS_USE_DUALSTACK_ENDPOINT", "1");
    CHECK(invalid_argument_of([] { config::from_environment(); }).starts_with("AWS_USE_DUALSTACK_ENDPOINT must be"));
}

TEST_CASE("config: a malformed file fails with file and line; a missing named profile fails")
{
    home_fixture f("[default]\nregion us-east-1\n");
    CHECK(invalid_argument_of([] { config::from_environment(); }) ==
          f.home.path().string() + "/.aws/config:2: expected 'key = value'");
    f.home.write(".aws/config", "[default]\n");
    CHECK(invalid_argument_of([] { config::from_profile("nope"); }).starts_with("the profile \"nope\" is in neither"));
    f.env.set("AWS_PROFILE", "nope");
    CHECK(invalid_argument_of([] { config::from_environment(); }).starts_with("the profile \"nope\" is in neither"));
    f.env.unset("AWS_PROFILE");
    f.home.write(".aws/config", "");
    CHECK_NOTHROW(config::from_environment());  // "default" may be absent
}

TEST_CASE("config: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files; the credentials file wins")
{
    home_fixture f("[default]\nregion = home-region\n");
    const std::string cfg = f.home.write("elsewhere/config", "[profile x]\nregion = config-region\n");
    const std::string creds = f.home.write("elsewhere/credentials", "[x]\nregion = credentials-region\n");
    f.env.set("AWS_CONFIG_FILE", cfg).set("AWS_PROFILE", "x");
    CHECK(config::from_environment().region == "config-region");
    f.env.set("AWS_SHARED_CREDENTIALS_FILE", creds);
    CHECK(config::from_environment().region == "credentials-region");
}

TEST_CASE("config: endpoint URL order — explicit, service env, services section, global env, profile")
{
    home_fixture f("[default]\nregion = us-east-1\nendpoint_url = https://profile-global:1\nservices = mine\n"
                   "[services mine]\nexample_service =\n  endpoint_url = https://profile-service:2\n"
                   "other =\n  endpoint_url = https://other:3\n");
    auto c = config::from_environment();
    CHECK(c.profile_endpoints.per_service.size() == 2);
    CHECK(endpoint_of(c) == "profile-service:2");

    f.env.set("AWS_ENDPOINT_URL", "https://env-global:4");
    c = config::from_environment();
    CHECK(endpoint_of(c) == "profile-service:2");  // the services section beats the global variable
    c.profile_endpoints.per_service.clear();
    CHECK(endpoint_of(c) == "env-global:4");  // the global variable beats the profile's endpoint_url
    f.env.unset("AWS_ENDPOINT_URL");
    CHECK(endpoint_of(c) == "profile-global:1");

    f.env.set("AWS_ENDPOINT_URL_EXAMPLE_SERVICE", "https://env-service:5");
    c = config::from_environment();
    CHECK(endpoint_of(c) == "env-service:5");
    c.endpoint_url = "https://explicit:6";
    CHECK(endpoint_of(c) == "explicit:6");
}

TEST_CASE("config: ignore_configured_endpoint_urls (env or profile) leaves the explicit URL or the resolver")
{
    home_fixture f("[default]\nregion = us-east-1\nendpoint_url = https://profile-global:1\n"
                   "ignore_configured_endpoint_urls = true\n");
    f.env.set("AWS_ENDPOINT_URL_EXAMPLE_SERVICE", "https://env-service:5").set("AWS_ENDPOINT_URL", "https://g:4");
    auto c = config::from_environment();
    CHECK(c.ignore_configured_endpoint_urls);
    CHECK(endpoint_of(c) == "svc.us-east-1.example.com");
    c.endpoint_url = "https://explicit:6";
    CHECK(endpoint_of(c) == "explicit:6");

    f.env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");  // the variable beats the profile
    c = config::from_environment();
    CHECK(endpoint_of(c) == "env-service:5");
}

TEST_CASE("config: FIPS and dual-stack reach the resolver")
{
    home_fixture f("[default]\nregion = us-west-2\nuse_fips_endpoint = true\n");
    f.env.set("AWS_USE_DUALSTACK_ENDPOINT", "true");
    const auto c = config::from_environment();
    CHECK(endpoint_of(c) == "svc-fips-ds.us-west-2.example.com");
    const auto fips_only = config::from_profile("default");
    CHECK(detail::select_endpoint(fips_only, sagemaker::detail::service()).host.find("fips") != std::string::npos);
}
