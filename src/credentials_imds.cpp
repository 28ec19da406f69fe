// EC2 instance metadata (IMDSv2 with the SDKs' IMDSv1 fallback).
#include <awscoro/credentials_providers.hpp>

#include "credentials_detail.hpp"
#include "credentials_http.hpp"

#include <charconv>

namespace awscoro {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using detail::fetch_result;

constexpr std::string_view token_path = "/latest/api/token";
constexpr std::string_view roles_path = "/latest/meta-data/iam/security-credentials/";
constexpr std::string_view token_header = "X-aws-ec2-metadata-token";

bool is_true(std::string v)
{
    for (char& c : v)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return v == "true";
}

// What the environment, then the profile, then the defaults say.
struct imds_settings {
    std::string endpoint;
    std::chrono::milliseconds timeout{1000};
    unsigned attempts = 2;
    bool v1_disabled = false;
};

bool read_settings(const metadata_options& options, imds_settings& out, std::string& error)
{
    aws_config_data data;
    const aws_config_section* profile = nullptr;
    if (!detail::load_profile(resolve_shared_config(options.shared), data, profile, error))
        return false;
    const auto get = [&](const char* variable, std::string_view key) {
        std::string v = detail::env(variable);
        if (v.empty() && profile != nullptr)
            if (const std::string* p = profile->find(key))
                v = *p;
        return v;
    };
    out.endpoint = get("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint");
    if (out.endpoint.empty()) {
        const std::string mode = get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode");
        if (mode == "IPv6")
            out.endpoint = "http://[fd00:ec2::254]";
        else if (mode.empty() || mode == "IPv4")
            out.endpoint = "http://169.254.169.254";
        else {
            error = "the EC2 metadata endpoint mode must be IPv4 or IPv6";
            return false;
        }
    }
    while (out.endpoint.ends_with('/'))
        out.endpoint.pop_back();
    out.v1_disabled = is_true(get("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"));

    out.timeout = options.timeout;
    if (out.timeout.count() == 0) {
        const std::string v = get("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout");
        double seconds = 1;
        if (!v.empty() && (std::from_chars(v.data(), v.data() + v.size(), seconds).ec != std::errc{} || seconds <= 0)) {
            error = "the metadata service timeout must be a positive number of seconds";
            return false;
        }
        out.timeout = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    }
    out.attempts = options.attempts;
    if (out.attempts == 0) {
        const std::string v = get("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts");
        out.attempts = 2;
        if (!v.empty() &&
            (std::from_chars(v.data(), v.data() + v.size(), out.attempts).ec != std::errc{} || out.attempts == 0)) {
            error = "the metadata service attempts must be a positive integer";
            return false;
        }
    }
    return true;
}

bool unreachable(const error_code& ec)
{
    return ec == error::connect_failed || ec == error::resolve_failed || ec == error::attempt_timeout;
}

// One provider fetch: the token, the role name, the role's credentials.
class imds_session {
public:
    explicit imds_session(imds_settings s) : settings_(std::move(s)) {}

    asio::awaitable<fetch_result> run(std::string& reason)
    {
        const auto declined = [&](std::string why) {
            reason = std::move(why);
            return fetch_result{error::no_credentials, {}};
        };
        const auto failed = [&](std::string why) {
            reason = std::move(why);
            return fetch_result{error::credentials_fetch_failed, {}};
        };
        if (auto ec = co_await fetch_token(); ec == error::no_credentials)
            co_return declined(why_);
        else if (ec)
            co_return failed(why_);

        // Nothing answered yet means no metadata service: not on EC2.
        if (auto ec = co_await get(std::string(roles_path)); ec)
            co_return reply_.status == 0 && unreachable(ec) && !answered_ ? declined(why_) : failed(why_);
        if (reply_.status == 404)
            co_return declined("no IAM role is attached to this instance");
        if (reply_.status != 200)
            co_return failed(status_message("the role name"));
        const std::string role = reply_.body.substr(0, reply_.body.find_first_of("\r\n"));
        if (role.empty())
            co_return declined("no IAM role is attached to this instance");

        if (auto ec = co_await get(std::string(roles_path) + role); ec)
            co_return failed(why_);
        if (reply_.status != 200)
            co_return failed(status_message("the role's credentials"));
        credentials c;
        std::string why;
        const bool ok = detail::parse_credentials_document(reply_.body, detail::credentials_document::imds, c, why);
        detail::wipe(reply_.body);
        detail::wipe(token_);
        if (!ok)
            co_return failed("the instance metadata credentials are not valid: " + why);
        co_return fetch_result{error_code{}, std::move(c)};
    }

private:
    std::string status_message(std::string_view what) const
    {
        return "the instance metadata service answered HTTP " + std::to_string(reply_.status) + " for " +
               std::string(what);
    }

    // Up to `attempts` tries; retried on network errors and 5xx.
    asio::awaitable<error_code> request(std::string_view method, const std::string& path,
                                        std::vector<std::pair<std::string, std::string>> headers)
    {
        detail::http_url url;
        if (!detail::parse_http_url(settings_.endpoint + path, url, why_)) {
            why_ = "the EC2 metadata endpoint: " + why_;
            co_return make_error_code(error::invalid_endpoint);
        }
        error_code ec;
        for (unsigned attempt = 1; attempt <= settings_.attempts; ++attempt) {
            reply_ = {};
            ec = co_await detail::http_exchange(url, method, headers, settings_.timeout, reply_);
            if (!ec)
                answered_ = true;
            if (!ec && reply_.status < 500)
                break;
        }
        if (ec)
            why_ = "the instance metadata service is not reachable: " + ec.message();
        co_return ec;
    }

    // Leaves token_ empty for the IMDSv1 fallback. Errors: no_credentials
    // (nothing listens), credentials_fetch_failed; why_ says why.
    asio::awaitable<error_code> fetch_token()
    {
        std::vector<std::pair<std::string, std::string>> headers;  // named: g++ 12 rejects a braced list in co_await
        headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds", "21600");
        const auto ec = co_await request("PUT", std::string(token_path), std::move(headers));
        if (ec == error::connect_failed || ec == error::resolve_failed)
            co_return make_error_code(error::no_credentials);
        if (ec == error::invalid_endpoint)
            co_return make_error_code(error::credentials_fetch_failed);
        if (!ec && reply_.status == 200) {
            token_ = std::move(reply_.body);
            co_return error_code{};
        }
        if (!ec && reply_.status == 400) {
            why_ = "the instance metadata service rejected the token request (HTTP 400)";
            co_return make_error_code(error::credentials_fetch_failed);
        }
        // 403, 404, 405, 5xx or a timeout (one network hop too far, as from a
        // container): the SDKs go on without a token, the IMDSv1 way.
        if (settings_.v1_disabled) {
            why_ = ec ? why_ + ", and the IMDSv1 fallback is disabled"
                      : "no IMDSv2 token (HTTP " + std::to_string(reply_.status) + ") and the IMDSv1 fallback is disabled";
            co_return make_error_code(ec ? error::no_credentials : error::credentials_fetch_failed);
        }
        co_return error_code{};
    }

    // A GET with the token; a 401 (token expired or revoked) gets a new token once.
    asio::awaitable<error_code> get(std::string path)
    {
        for (bool retried = false;; retried = true) {
            std::vector<std::pair<std::string, std::string>> headers;
            if (!token_.empty())
                headers.emplace_back(std::string(token_header), token_);
            auto ec = co_await request("GET", path, std::move(headers));
            if (ec || reply_.status != 401)
                co_return ec;
            if (token_.empty() || retried) {
                why_ = token_.empty() ? "the instance metadata service requires IMDSv2 tokens (HTTP 401) "
                                        "but the token request failed"
                                      : "the instance metadata service rejected a fresh token (HTTP 401)";
                co_return make_error_code(error::credentials_fetch_failed);
            }
            if (auto tec = co_await fetch_token(); tec)
                co_return make_error_code(error::credentials_fetch_failed);
        }
    }

    imds_settings settings_;
    std::string token_;
    detail::http_reply reply_;
    std::string why_;
    bool answered_ = false;  // the service answered at least once
};

class imds_provider final : public credentials_provider {
public:
    explicit imds_provider(metadata_options options) : options_(std::move(options)) {}

    std::string name() const override { return "instance metadata"; }

    void async_fetch(asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        detail::spawn_fetch(ex, reason, std::move(handler), fetch(options_, reason));
    }

private:
    static asio::awaitable<fetch_result> fetch(metadata_options options, std::string& reason)
    {
        if (is_true(detail::env("AWS_EC2_METADATA_DISABLED"))) {
            reason = "AWS_EC2_METADATA_DISABLED is true";
            co_return fetch_result{error::no_credentials, {}};
        }
        imds_settings settings;
        if (!read_settings(options, settings, reason))
            co_return fetch_result{error::credentials_fetch_failed, {}};
        imds_session session(std::move(settings));
        co_return co_await session.run(reason);
    }

    metadata_options options_;
};

}  // namespace

std::shared_ptr<credentials_provider> make_imds_credentials_provider(metadata_options options)
{
    return std::make_shared<imds_provider>(std::move(options));
}

}  // namespace awscoro
