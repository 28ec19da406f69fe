// The credentials providers against real things: files in a temporary
// HOME, real credential_process scripts, and small HTTP servers on loopback
// playing the container-credentials and IMDSv2 endpoints; then the chain's
// order, and caching (refresh ahead of expiry, single flight, a failed
// refresh keeping valid credentials) through the SageMaker client.
#include "client_fixture.hpp"
#include "support/scoped_env.hpp"

#include <awscoro/credentials_providers.hpp>
#include <awscoro/error.hpp>
#include <awscoro/exceptions.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <ctime>

using namespace awscoro;
using namespace awscoro::test;
namespace asio = boost::asio;
using boost::system::error_code;
using std::chrono::system_clock;

namespace {

struct fetched {
    error_code ec;
    credentials creds;
    std::string reason;
    std::chrono::milliseconds took{0};
};

// One fetch on a fresh io_context, with a deadline so no test hangs.
fetched fetch(credentials_provider& provider)
{
    asio::io_context io;
    fetched out;
    bool done = false;
    const auto start = std::chrono::steady_clock::now();
    provider.async_fetch(io.get_executor(), out.reason, [&](error_code ec, credentials c) {
        out.ec = ec;
        out.creds = std::move(c);
        done = true;
    });
    io.run_for(std::chrono::seconds(30));
    REQUIRE_MESSAGE(done, "the fetch did not complete");
    out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return out;
}

fetched fetch(const std::shared_ptr<credentials_provider>& provider) { return fetch(*provider); }

// A clean AWS environment and a temporary HOME holding ~/.aws.
struct home_fixture {
    scoped_env env;
    temp_dir home;
    home_fixture() { env.clear_aws().set("HOME", home.path().string()); }

    void config(const std::string& text) const { home.write(".aws/config", text); }
    void credentials_file(const std::string& text) const { home.write(".aws/credentials", text); }

    /// An executable script in HOME; returns its path.
    std::string script(const std::string& name, const std::string& body) const
    {
        const std::string path = home.write(name, "#!/bin/sh\n" + body);
        ::chmod(path.c_str(), 0700);
        return path;
    }
};

fault_server_options plain_http() { return {.tls = false, .address = "127.0.0.1"}; }

std::string rfc3339(system_clock::time_point t)
{
    const std::time_t tt = system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

std::string container_json(const std::string& key_id, system_clock::time_point expires)
{
    return R"({"AccessKeyId":")" + key_id + R"(","SecretAccessKey":"secret-)" + key_id +
           R"(","Token":"token","Expiration":")" + rfc3339(expires) + "\"}";
}

std::string imds_json(const std::string& key_id)
{
    return R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":")" + key_id +
           R"(","SecretAccessKey":"secret","Token":"token","Expiration":")" +
           rfc3339(system_clock::now() + std::chrono::hours(6)) + "\"}";
}

constexpr const char* roles_path = "/latest/meta-data/iam/security-credentials/";

// An IMDSv2 server: a token for a PUT, 401 for a GET without it.
reply imds_v2(const received_request& r, const std::string& key_id = "AKIDIMDS")
{
    if (r.method == "PUT" && r.path == "/latest/api/token")
        return {.body = "imds-token"};
    const auto token = r.headers.find("x-aws-ec2-metadata-token");
    if (r.method != "GET" || token == r.headers.end() || token->second != "imds-token")
        return {.status = 401, .body = ""};
    if (r.path == roles_path)
        return {.body = "my-role\n"};
    if (r.path == std::string(roles_path) + "my-role")
        return {.body = imds_json(key_id)};
    return {.status = 404, .body = ""};
}

// A loopback port where nothing listens.
unsigned short closed_port()
{
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

}  // namespace

// --- shared files --------------------------------------------------------------

TEST_CASE("profile: keys from ~/.aws/credentials, the profile from AWS_PROFILE")
{
    home_fixture f;
    f.credentials_file("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n"
                       "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\naws_session_token = t2\n");
    auto r = fetch(make_profile_credentials_provider());
    REQUIRE_FALSE(r.ec);
    CHECK(r.creds.access_key_id == "AKIDDEFAULT");
    CHECK(r.creds.session_token.empty());
    CHECK_FALSE(r.creds.expiration.has_value());

    f.env.set("AWS_PROFILE", "dev");
    r = fetch(make_profile_credentials_provider());
    REQUIRE_FALSE(r.ec);
    CHECK(r.creds.access_key_id == "AKIDDEV");
    CHECK(r.creds.secret_access_key == "s2");
    CHECK(r.creds.session_token == "t2");
    CHECK(fetch(make_profile_credentials_provider("default")).creds.access_key_id == "AKIDDEFAULT");
}

TEST_CASE("profile: keys in the config file, overridden by the credentials file; files read at each fetch")
{
    home_fixture f;
    f.config("[profile p]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\nregion = x\n");
    auto provider = make_profile_credentials_provider("p");
    CHECK(fetch(provider).creds.access_key_id == "AKIDCONFIG");
    f.credentials_file("[p]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n");
    CHECK(fetch(provider).creds.access_key_id == "AKIDCREDS");
}

TEST_CASE("profile: declines without credentials, fails on what it cannot honor")
{
    home_fixture f;
    auto r = fetch(make_profile_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.reason.starts_with("not in " + f.home.path().string() + "/.aws/config"));

    f.config("[default]\nregion = us-east-1\n[profile half]\naws_access_key_id = AKID\n"
             "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n"
             "[profile sso]\nsso_session = corp\n");
    r = fetch(make_profile_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.reason == "has neither aws_access_key_id nor credential_process");
    r = fetch(make_profile_credentials_provider("half"));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "aws_access_key_id is set but aws_secret_access_key is not");
    r = fetch(make_profile_credentials_provider("role"));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason.find("role_arn") != std::string::npos);
    r = fetch(make_profile_credentials_provider("sso"));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason.find("SSO") != std::string::npos);

    f.credentials_file("[default]\naws_secret_access_key\n");
    r = fetch(make_profile_credentials_provider());
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == f.home.path().string() + "/.aws/credentials:2: expected 'key = value'");
}

// --- credential_process -----------------------------------------------------------

TEST_CASE("credential_process: a real script, arguments split without a shell, Expiration honored")
{
    home_fixture f;
    // A directory with a space, and arguments with quotes and shell characters.
    const std::string tool = f.script("my tools/creds", R"(printf '{"Version": 1, "AccessKeyId": "%s", )"
                                                        R"("SecretAccessKey": "S", "SessionToken": "%s", )"
                                                        R"("Expiration": "2099-01-02T03:04:05Z"}' "$1" "$2"
)");
    const std::string command = "'" + tool + "' \"AKID PROC\" '$HOME;|'";
    auto r = fetch(make_process_credentials_provider(command));
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKID PROC");
    CHECK(r.creds.session_token == "$HOME;|");
    REQUIRE(r.creds.expiration.has_value());
    CHECK(rfc3339(*r.creds.expiration) == "2099-01-02T03:04:05Z");

    // Through the profile, as ~/.aws/config names it.
    f.config("[default]\ncredential_process = " + command + "\n");
    r = fetch(make_profile_credentials_provider());
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKID PROC");
}

TEST_CASE("credential_process: failures say why, with stderr's first line")
{
    home_fixture f;
    const auto failing = f.script("fail", "echo 'session expired, run login' >&2\necho second >&2\nexit 3\n");
    auto r = fetch(make_process_credentials_provider(failing));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "credential_process: exited with status 3: session expired, run login");

    const auto garbage = f.script("garbage", "echo not json\n");
    r = fetch(make_process_credentials_provider(garbage));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "credential_process: its output is not valid: the response is not a JSON object");

    const auto version2 = f.script("v2", R"(echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"}')");
    r = fetch(make_process_credentials_provider(version2));
    CHECK(r.reason == "credential_process: its output is not valid: Version must be the number 1");

    const auto expired = f.script("expired", R"(echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", )"
                                             R"("Expiration": "2001-01-01T00:00:00Z"}')");
    r = fetch(make_process_credentials_provider(expired));
    CHECK(r.reason == "credential_process: the credentials it returned have already expired");

    r = fetch(make_process_credentials_provider(f.home.path().string() + "/no-such-tool"));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason.starts_with("credential_process: cannot run "));

    r = fetch(make_process_credentials_provider("tool 'unbalanced"));
    CHECK(r.reason == "credential_process: the command cannot be split into arguments: no closing quotation");

    const auto chatty = f.script("chatty", "head -c 200000 /dev/zero\n");
    r = fetch(make_process_credentials_provider(chatty));
    CHECK(r.reason == "credential_process: its output is longer than 65536 bytes");
}

TEST_CASE("credential_process: a command that hangs is killed at the timeout")
{
    home_fixture f;
    const auto hang = f.script("hang", "exec sleep 30\n");
    auto r = fetch(make_process_credentials_provider(hang, {.timeout = std::chrono::milliseconds(300)}));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "credential_process: did not finish within 300 ms");
    CHECK(r.took < std::chrono::seconds(5));
}

// --- container credentials ----------------------------------------------------------

TEST_CASE("container: AWS_CONTAINER_CREDENTIALS_FULL_URI with the authorization token")
{
    home_fixture f;
    fault_server server(
        [](const received_request&, std::size_t) {
            return reply{.body = container_json("AKIDCONTAINER", system_clock::now() + std::chrono::hours(1))};
        },
        plain_http());
    CHECK(fetch(make_container_credentials_provider()).ec == error::no_credentials);

    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/v2/credentials?id=1");
    f.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token");
    auto r = fetch(make_container_credentials_provider());
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKIDCONTAINER");
    CHECK(r.creds.session_token == "token");
    REQUIRE(r.creds.expiration.has_value());
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "GET");
    CHECK(reqs[0].path == "/v2/credentials?id=1");
    CHECK(reqs[0].headers.at("authorization") == "env-token");

    // The token file wins over the variable and is re-read at each fetch (EKS rotates it).
    const auto file = f.home.write("token", "file-token-1\n");
    f.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file);
    REQUIRE_FALSE(fetch(make_container_credentials_provider()).ec);
    f.home.write("token", "file-token-2");
    REQUIRE_FALSE(fetch(make_container_credentials_provider()).ec);
    reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[1].headers.at("authorization") == "file-token-1");
    CHECK(reqs[2].headers.at("authorization") == "file-token-2");
}

TEST_CASE("container: retried on 5xx, failing on 4xx, bad hosts and timeouts")
{
    home_fixture f;
    fault_server server(
        [](const received_request& r, std::size_t i) {
            if (r.path == "/flaky" && i == 0)
                return reply{.status = 500, .body = "oops"};
            if (r.path == "/flaky")
                return reply{.body = container_json("AKIDRETRIED", system_clock::now() + std::chrono::hours(1))};
            if (r.path == "/silent")
                return reply{.what = reply::kind::silence};
            return reply{.status = 403, .body = R"({"code":"AccessDenied","message":"Access denied"})"};
        },
        plain_http());
    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/flaky");
    auto r = fetch(make_container_credentials_provider());
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKIDRETRIED");

    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/denied");
    r = fetch(make_container_credentials_provider());
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "the container credentials endpoint answered HTTP 403");

    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/silent");
    r = fetch(make_container_credentials_provider({.timeout = std::chrono::milliseconds(200), .attempts = 2}));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason.starts_with("the container credentials endpoint failed: "));
    CHECK(r.took >= std::chrono::milliseconds(400));
    CHECK(r.took < std::chrono::seconds(5));

    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.1/creds");
    r = fetch(make_container_credentials_provider());
    CHECK(r.reason == "AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http only to a loopback, ECS or EKS address");
    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/flaky");
    f.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1");
    r = fetch(make_container_credentials_provider());
    CHECK(r.reason == "the container authorization token contains a line break");
}

// --- EC2 instance metadata ------------------------------------------------------------

TEST_CASE("imds: IMDSv2 token PUT, role name, credentials")
{
    home_fixture f;
    fault_server server([](const received_request& r, std::size_t) { return imds_v2(r); }, plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url() + "/");
    auto r = fetch(make_imds_credentials_provider());
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKIDIMDS");
    CHECK(r.creds.session_token == "token");
    REQUIRE(r.creds.expiration.has_value());
    CHECK(*r.creds.expiration > system_clock::now() + std::chrono::hours(5));
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].method == "PUT");
    CHECK(reqs[0].path == "/latest/api/token");
    CHECK(reqs[0].headers.at("x-aws-ec2-metadata-token-ttl-seconds") == "21600");
    CHECK(reqs[1].path == roles_path);
    CHECK(reqs[2].path == std::string(roles_path) + "my-role");
    CHECK(reqs[2].headers.at("x-aws-ec2-metadata-token") == "imds-token");
}

TEST_CASE("imds: the endpoint from the profile; disabled by AWS_EC2_METADATA_DISABLED")
{
    home_fixture f;
    fault_server server([](const received_request& r, std::size_t) { return imds_v2(r); }, plain_http());
    f.config("[default]\nec2_metadata_service_endpoint = " + server.url() + "\n");
    CHECK_FALSE(fetch(make_imds_credentials_provider()).ec);
    f.env.set("AWS_EC2_METADATA_DISABLED", "true");
    const auto before = server.request_count();
    auto r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.reason == "AWS_EC2_METADATA_DISABLED is true");
    CHECK(server.request_count() == before);
}

TEST_CASE("imds: IMDSv1 fallback after 403/404/405 on the token PUT, unless disabled; 401 without a token")
{
    home_fixture f;
    std::atomic<unsigned> put_status{404};
    std::atomic<bool> v1_allowed{true};
    fault_server server(
        [&](const received_request& r, std::size_t) {
            if (r.method == "PUT")
                return reply{.status = put_status, .body = ""};
            if (!v1_allowed)
                return reply{.status = 401, .body = ""};
            if (r.path == roles_path)
                return reply{.body = "my-role"};
            return reply{.body = imds_json("AKIDV1")};
        },
        plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url());
    for (unsigned status : {403u, 404u, 405u}) {
        CAPTURE(status);
        put_status = status;
        auto r = fetch(make_imds_credentials_provider());
        REQUIRE_MESSAGE(!r.ec, r.reason);
        CHECK(r.creds.access_key_id == "AKIDV1");
        CHECK(server.requests().back().headers.count("x-aws-ec2-metadata-token") == 0);
    }

    v1_allowed = false;  // the server wants tokens but the token PUT failed
    auto r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason.starts_with("the instance metadata service requires IMDSv2 tokens (HTTP 401)"));

    put_status = 400;
    r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "the instance metadata service rejected the token request (HTTP 400)");

    put_status = 403;
    v1_allowed = true;
    f.env.set("AWS_EC2_METADATA_V1_DISABLED", "true");
    const auto before = server.request_count();
    r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "no IMDSv2 token (HTTP 403) and the IMDSv1 fallback is disabled");
    CHECK(server.request_count() == before + 1);  // no GET without a token
}

TEST_CASE("imds: a 401 on a GET (token expired) fetches a new token once")
{
    home_fixture f;
    std::atomic<int> tokens{0};
    fault_server server(
        [&](const received_request& r, std::size_t) {
            if (r.method == "PUT")
                return reply{.body = "token-" + std::to_string(++tokens)};
            if (r.headers.count("x-aws-ec2-metadata-token") == 0 ||
                r.headers.at("x-aws-ec2-metadata-token") != "token-2")
                return reply{.status = 401, .body = ""};
            return r.path == roles_path ? reply{.body = "my-role"} : reply{.body = imds_json("AKIDAGAIN")};
        },
        plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url());
    auto r = fetch(make_imds_credentials_provider());
    REQUIRE_MESSAGE(!r.ec, r.reason);
    CHECK(r.creds.access_key_id == "AKIDAGAIN");
    CHECK(tokens == 2);
}

TEST_CASE("imds: nothing listening, silence or no role declines; timeouts bounded")
{
    home_fixture f;
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + std::to_string(closed_port()));
    auto r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.reason.starts_with("the instance metadata service is not reachable"));

    // Silence: the token PUT times out (2 attempts), the IMDSv1 GET too.
    fault_server silent([](const received_request&, std::size_t) { return reply{.what = reply::kind::silence}; },
                        plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.url());
    f.env.set("AWS_METADATA_SERVICE_TIMEOUT", "0.2");
    r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.took >= std::chrono::milliseconds(800));
    CHECK(r.took < std::chrono::seconds(5));
    CHECK(silent.request_count() == 4);

    fault_server no_role(
        [](const received_request& r, std::size_t) {
            return r.method == "PUT" ? reply{.body = "t"} : reply{.status = 404, .body = ""};
        },
        plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", no_role.url());
    r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.reason == "no IAM role is attached to this instance");
}

TEST_CASE("imds: the default timeout is 1 s per attempt, 2 attempts")
{
    home_fixture f;
    fault_server silent([](const received_request&, std::size_t) { return reply{.what = reply::kind::silence}; },
                        plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.url()).set("AWS_EC2_METADATA_V1_DISABLED", "true");
    const auto r = fetch(make_imds_credentials_provider());
    CHECK(r.ec == error::no_credentials);
    CHECK(r.took >= std::chrono::milliseconds(1900));
    CHECK(r.took < std::chrono::milliseconds(3500));
    CHECK(silent.request_count() == 2);
}

// --- the default chain ----------------------------------------------------------------

TEST_CASE("chain: environment beats shared files beats container beats instance metadata")
{
    home_fixture f;
    fault_server container(
        [](const received_request&, std::size_t) {
            return reply{.body = container_json("AKIDCONTAINER", system_clock::now() + std::chrono::hours(1))};
        },
        plain_http());
    fault_server imds([](const received_request& r, std::size_t) { return imds_v2(r); }, plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
    f.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url() + "/creds");
    f.credentials_file("[default]\naws_access_key_id = AKIDFILES\naws_secret_access_key = s\n");
    f.env.set("AWS_ACCESS_KEY_ID", "AKIDENV").set("AWS_SECRET_ACCESS_KEY", "s");

    CHECK(fetch(make_default_credentials_chain()).creds.access_key_id == "AKIDENV");
    f.env.unset("AWS_ACCESS_KEY_ID");
    CHECK(fetch(make_default_credentials_chain()).creds.access_key_id == "AKIDFILES");
    f.credentials_file("");
    CHECK(fetch(make_default_credentials_chain()).creds.access_key_id == "AKIDCONTAINER");
    CHECK(imds.request_count() == 0);  // later providers are not asked
    f.env.unset("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    CHECK(fetch(make_default_credentials_chain()).creds.access_key_id == "AKIDIMDS");
}

TEST_CASE("chain: when every provider declines, the error lists each and why, without secrets")
{
    home_fixture f;
    f.env.set("AWS_SECRET_ACCESS_KEY", "do-not-print-me");
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + std::to_string(closed_port()));
    auto chain = make_default_credentials_chain();
    CHECK(chain->name() == "default chain");
    const auto r = fetch(chain);
    CHECK(r.ec == error::no_credentials);
    CHECK(r.ec == condition::auth);
    CHECK(r.reason.starts_with("no provider had credentials (environment: AWS_ACCESS_KEY_ID is not set; "
                               "profile default: not in "));
    CHECK(r.reason.find("; container: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != std::string::npos);
    CHECK(r.reason.find("; instance metadata: the instance metadata service is not reachable") != std::string::npos);
    CHECK(r.reason.find("do-not-print-me") == std::string::npos);
}

TEST_CASE("chain: a provider that fails stops the chain; the profile is the chain's")
{
    home_fixture f;
    fault_server imds([](const received_request& r, std::size_t) { return imds_v2(r); }, plain_http());
    f.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
    const auto failing = f.script("fail", "echo 'login required' >&2\nexit 1\n");
    f.config("[profile work]\ncredential_process = " + failing + "\n");
    auto r = fetch(make_default_credentials_chain({.profile = "work"}));
    CHECK(r.ec == error::credentials_fetch_failed);
    CHECK(r.reason == "profile work: credential_process: exited with status 1: login required");
    CHECK(imds.request_count() == 0);
    f.env.set("AWS_PROFILE", "work");
    CHECK(fetch(make_default_credentials_chain()).reason.starts_with("profile work: "));
}

// --- caching through the client ---------------------------------------------------------

namespace {

// The access key id a signed request used.
std::string key_id_of(const received_request& r)
{
    const auto& auth = r.headers.at("authorization");
    const auto start = auth.find("Credential=") + 11;
    return auth.substr(start, auth.find('/', start) - start);
}

// A config for `api` whose credentials come from the container endpoint `creds`.
config container_config(const fault_server& api, const fault_server& creds, scoped_env& env)
{
    env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", creds.url() + "/creds");
    auto cfg = config_for(api);
    cfg.credentials = make_container_credentials_provider();
    return cfg;
}

}  // namespace

TEST_CASE("caching: 10,000 concurrent calls cause one credentials fetch")
{
    home_fixture f;
    fault_server api([](const received_request&, std::size_t i) { return created(i + 1); }, tls_server());
    fault_server creds(
        [](const received_request&, std::size_t) {
            return reply{.body = container_json("AKIDONCE", system_clock::now() + std::chrono::hours(1)),
                         .delay = std::chrono::milliseconds(200)};  // the calls pile up behind it
        },
        plain_http());
    asio::io_context io;
    sagemaker::client client(io, container_config(api, creds, f.env));
    std::atomic<int> ok{0}, failed{0};
    run(io, [&]() -> asio::awaitable<void> {
        constexpr int calls = 10'000;
        int done = 0;
        asio::steady_timer all_done(io, std::chrono::steady_clock::time_point::max());
        for (int i = 0; i < calls; ++i)
            asio::co_spawn(io, [&]() -> asio::awaitable<void> {
                auto req = sample_request();
                auto r = co_await client.try_create_image_version(req);
                ++(r ? ok : failed);
                if (++done == calls)
                    all_done.cancel();
            }, asio::detached);
        co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
        client.shutdown();
    }(), std::chrono::seconds(120));
    CHECK(ok == 10'000);
    CHECK(failed == 0);
    CHECK(client.stats().credential_fetches == 1);
    CHECK(creds.request_count() == 1);
    CHECK(key_id_of(api.requests().back()) == "AKIDONCE");
}

TEST_CASE("caching: calls waiting for a fetch share its failure and reason (no fetch per waiter)")
{
    home_fixture f;
    fault_server api([](const received_request&, std::size_t) { return created(); }, tls_server());
    fault_server creds(
        [](const received_request&, std::size_t) {
            // Slow enough that every call has its connection and waits for this fetch.
            return reply{.status = 404, .body = "", .delay = std::chrono::milliseconds(1000)};
        },
        plain_http());
    asio::io_context io;
    auto cfg = container_config(api, creds, f.env);
    cfg.pool.max_connections = 200;  // credentials are fetched after a connection is leased
    sagemaker::client client(io, cfg);
    std::atomic<int> credential_errors{0};
    run(io, [&]() -> asio::awaitable<void> {
        constexpr int calls = 200;
        int done = 0;
        asio::steady_timer all_done(io, std::chrono::steady_clock::time_point::max());
        for (int i = 0; i < calls; ++i)
            asio::co_spawn(io, [&]() -> asio::awaitable<void> {
                auto req = sample_request();
                diagnostics diag;
                auto [ec, out] =
                    co_await client.async_create_image_version(req, diag, asio::as_tuple(asio::use_awaitable));
                if (ec == error::credentials_fetch_failed &&
                    diag.message == "container: the container credentials endpoint answered HTTP 404")
                    ++credential_errors;
                if (++done == calls)
                    all_done.cancel();
            }, asio::detached);
        co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
        client.shutdown();
    }(), std::chrono::seconds(60));
    CHECK(credential_errors == 200);
    CHECK(client.stats().credential_fetches == 1);
    CHECK(api.request_count() == 0);
}

TEST_CASE("caching: refreshed 5 minutes ahead of expiry, not before")
{
    home_fixture f;
    fault_server api([](const received_request&, std::size_t) { return created(); }, tls_server());
    std::atomic<int> served{0};
    std::atomic<int> lifetime_minutes{0};
    fault_server creds(
        [&](const received_request&, std::size_t) {
            const auto key = "AKID" + std::to_string(++served);
            return reply{.body = container_json(key, system_clock::now() + std::chrono::minutes(lifetime_minutes))};
        },
        plain_http());
    // Three calls on a fresh client whose credentials live `minutes`; returns its fetches.
    const auto fetches_for = [&](int minutes) {
        lifetime_minutes = minutes;
        asio::io_context io;
        sagemaker::client client(io, container_config(api, creds, f.env));
        run(io, [&]() -> asio::awaitable<void> {
            for (int i = 0; i < 3; ++i) {
                auto req = sample_request();
                co_await client.create_image_version(req);
            }
            client.shutdown();
        }());
        return client.stats().credential_fetches;
    };
    CHECK(fetches_for(60) == 1);
    CHECK(fetches_for(6) == 1);
    CHECK(fetches_for(4) == 3);  // inside the margin: every call refreshes
    const auto reqs = api.requests();
    REQUIRE(reqs.size() == 9);
    CHECK(key_id_of(reqs[8]) == "AKID" + std::to_string(served.load()));  // the refreshed key signs
}

TEST_CASE("caching: a failed refresh keeps credentials that are still valid")
{
    home_fixture f;
    fault_server api([](const received_request&, std::size_t) { return created(); }, tls_server());
    fault_server creds(
        [&](const received_request&, std::size_t i) {
            if (i == 0)  // valid for 4 more minutes: inside the refresh margin
                return reply{.body = container_json("AKIDOLD", system_clock::now() + std::chrono::minutes(4))};
            return reply{.status = 500, .body = ""};
        },
        plain_http());
    asio::io_context io;
    auto cfg = container_config(api, creds, f.env);
    cfg.credentials = make_container_credentials_provider({.timeout = std::chrono::milliseconds(500), .attempts = 1});
    sagemaker::client client(io, cfg);
    run(io, [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 3; ++i) {
            auto req = sample_request();
            co_await client.create_image_version(req);  // throws if the refresh failure leaked
        }
        client.shutdown();
    }());
    CHECK(client.stats().credential_fetches == 3);
    const auto reqs = api.requests();
    REQUIRE(reqs.size() == 3);
    for (const auto& r : reqs)
        CHECK(key_id_of(r) == "AKIDOLD");
}

TEST_CASE("client: with no credentials configured, the default chain reads the temporary HOME")
{
    home_fixture f;
    f.env.set("AWS_EC2_METADATA_DISABLED", "true");
    fault_server api([](const received_request&, std::size_t) { return created(); }, tls_server());
    asio::io_context io;
    auto cfg = config_for(api);
    cfg.credentials = nullptr;
    {
        sagemaker::client client(io, cfg);
        run(io, [&]() -> asio::awaitable<void> {
            auto req = sample_request();
            const auto r = co_await client.try_create_image_version(req);
            CHECK(r.error == error::no_credentials);
            CHECK(r.diag.message.starts_with("default chain: no provider had credentials (environment: "));
            client.shutdown();
        }());
    }
    f.credentials_file("[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = s\n");
    sagemaker::client client(io, cfg);
    run(io, [&]() -> asio::awaitable<void> {
        auto req = sample_request();
        co_await client.create_image_version(req);
        client.shutdown();
    }());
    REQUIRE(api.request_count() == 1);
    CHECK(key_id_of(api.requests()[0]) == "AKIDHOME");
}
