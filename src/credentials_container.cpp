// ECS / EKS Pod Identity container credentials over plain HTTP.
#include <awscoro/credentials_providers.hpp>

#include "credentials_detail.hpp"
#include "credentials_http.hpp"

#include <boost/asio/ip/address.hpp>

#include <fstream>
#include <sstream>

namespace awscoro {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using detail::fetch_result;

constexpr std::string_view ecs_host = "http://169.254.170.2";

// Plain http is allowed to loopback and to the ECS and EKS agents, as in the SDKs.
bool allowed_host(const std::string& host)
{
    if (host == "localhost" || host == "169.254.170.2" || host == "169.254.170.23" || host == "fd00:ec2::23")
        return true;
    error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    return !ec && address.is_loopback();
}

bool read_token_file(const std::string& path, std::string& token)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream s;
    s << in.rdbuf();
    token = std::move(s).str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
        token.pop_back();
    return !in.bad();
}

class container_provider final : public credentials_provider {
public:
    explicit container_provider(metadata_options options) : options_(std::move(options)) {}

    std::string name() const override { return "container"; }

    void async_fetch(asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        detail::spawn_fetch(ex, reason, std::move(handler), fetch(options_, reason));
    }

private:
    static asio::awaitable<fetch_result> fetch(metadata_options options, std::string& reason)
    {
        const auto failed = [&](std::string why) {
            reason = std::move(why);
            return fetch_result{error::credentials_fetch_failed, {}};
        };
        const std::string relative = detail::env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        const std::string full = detail::env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (relative.empty() && full.empty()) {
            reason = "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set";
            co_return fetch_result{error::no_credentials, {}};
        }
        const char* variable =
            relative.empty() ? "AWS_CONTAINER_CREDENTIALS_FULL_URI" : "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
        detail::http_url url;
        std::string why;
        if (!detail::parse_http_url(relative.empty() ? full : std::string(ecs_host) + relative, url, why))
            co_return failed(std::string(variable) + ": " + why);
        if (relative.empty() && !allowed_host(url.host))
            co_return failed("AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http only to a loopback, ECS or EKS address");

        std::string token;
        if (const std::string file = detail::env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) {
            if (!read_token_file(file, token))
                co_return failed("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE cannot be read");
        } else {
            token = detail::env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        if (token.find_first_of("\r\n") != std::string::npos)
            co_return failed("the container authorization token contains a line break");
        std::vector<std::pair<std::string, std::string>> headers{{"Accept", "application/json"}};
        if (!token.empty())
            headers.emplace_back("Authorization", token);
        detail::wipe(token);

        const auto timeout = options.timeout.count() != 0 ? options.timeout : std::chrono::milliseconds(2000);
        const unsigned attempts = options.attempts != 0 ? options.attempts : 3;
        detail::http_reply reply;
        error_code ec;
        for (unsigned attempt = 1; attempt <= attempts; ++attempt) {
            reply = {};
            ec = co_await detail::http_exchange(url, "GET", headers, timeout, reply);
            if (!ec && reply.status < 500)
                break;
        }
        for (auto& header : headers)
            detail::wipe(header.second);  // the token
        if (ec)
            co_return failed("the container credentials endpoint failed: " + ec.message());
        if (reply.status != 200)
            co_return failed("the container credentials endpoint answered HTTP " + std::to_string(reply.status));
        credentials c;
        const bool ok = detail::parse_credentials_document(reply.body, detail::credentials_document::container, c, why);
        detail::wipe(reply.body);
        if (!ok)
            co_return failed("the container credentials endpoint's answer is not valid: " + why);
        co_return fetch_result{error_code{}, std::move(c)};
    }

    metadata_options options_;
};

}  // namespace

std::shared_ptr<credentials_provider> make_container_credentials_provider(metadata_options options)
{
    return std::make_shared<container_provider>(std::move(options));
}

}  // namespace awscoro
