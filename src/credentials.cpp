#include <awscoro/credentials.hpp>

#include <awscoro/error.hpp>

#include "crypto.hpp"

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

#include <cstdlib>

namespace awscoro {

credentials::credentials(std::string id, std::string secret, std::string token,
                         std::optional<std::chrono::system_clock::time_point> expires)
    : access_key_id(std::move(id)),
      secret_access_key(std::move(secret)),
      session_token(std::move(token)),
      expiration(expires)
{
}

credentials::~credentials()
{
    detail::secure_wipe(secret_access_key.data(), secret_access_key.size());
    detail::secure_wipe(session_token.data(), session_token.size());
}

namespace {

void complete(boost::asio::any_io_executor& ex, credentials_handler& h, boost::system::error_code ec, credentials c)
{
    boost::asio::post(ex, boost::asio::append(std::move(h), ec, std::move(c)));
}

class static_provider final : public credentials_provider {
public:
    explicit static_provider(credentials c) : creds_(std::move(c)) {}
    std::string name() const override { return "static"; }

    void async_fetch(boost::asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        if (creds_.access_key_id.empty() || creds_.secret_access_key.empty()) {
            reason = "the access key id or secret access key is empty";
            return complete(ex, handler, error::no_credentials, {});
        }
        complete(ex, handler, {}, creds_);
    }

private:
    credentials creds_;
};

class environment_provider final : public credentials_provider {
public:
    std::string name() const override { return "environment"; }

    void async_fetch(boost::asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        const auto var = [](const char* n) {
            const char* v = std::getenv(n);
            return std::string(v != nullptr ? v : "");
        };
        credentials c(var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"), var("AWS_SESSION_TOKEN"));
        if (c.access_key_id.empty() || c.secret_access_key.empty()) {
            reason = c.access_key_id.empty() ? "AWS_ACCESS_KEY_ID is not set" : "AWS_SECRET_ACCESS_KEY is not set";
            return complete(ex, handler, error::no_credentials, {});
        }
        complete(ex, handler, {}, std::move(c));
    }
};

}  // namespace

std::shared_ptr<credentials_provider> make_static_credentials_provider(credentials c)
{
    return std::make_shared<static_provider>(std::move(c));
}

std::shared_ptr<credentials_provider> make_environment_credentials_provider()
{
    return std::make_shared<environment_provider>();
}

}  // namespace awscoro
