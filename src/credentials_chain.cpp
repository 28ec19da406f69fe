// The credentials chain: providers asked in order, the first with credentials wins.
#include <awscoro/credentials_providers.hpp>

#include "credentials_detail.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace awscoro {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using detail::fetch_result;

class chain_provider final : public credentials_provider {
public:
    chain_provider(std::string name, std::vector<std::shared_ptr<credentials_provider>> providers)
        : name_(std::move(name)), providers_(std::move(providers))
    {
    }

    std::string name() const override { return name_; }

    void async_fetch(asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        detail::spawn_fetch(ex, reason, std::move(handler), fetch(providers_, reason));
    }

private:
    static asio::awaitable<fetch_result> fetch(std::vector<std::shared_ptr<credentials_provider>> providers,
                                               std::string& reason)
    {
        constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
        std::string declined;
        for (const auto& provider : providers) {
            std::string why;
            auto ex = co_await asio::this_coro::executor;
            auto [ec, c] = co_await asio::async_initiate<decltype(use_tuple), void(error_code, credentials)>(
                [&](auto handler) { provider->async_fetch(ex, why, std::move(handler)); }, use_tuple);
            if (!ec)
                co_return fetch_result{error_code{}, std::move(c)};
            if (ec != error::no_credentials) {
                reason = provider->name() + ": " + why;
                co_return fetch_result{make_error_code(error::credentials_fetch_failed), {}};
            }
            declined += (declined.empty() ? "" : "; ") + provider->name() + ": " + why;
        }
        reason = "no provider had credentials (" + declined + ")";
        co_return fetch_result{make_error_code(error::no_credentials), {}};
    }

    std::string name_;
    std::vector<std::shared_ptr<credentials_provider>> providers_;
};

}  // namespace

std::shared_ptr<credentials_provider> make_credentials_chain(
    std::vector<std::shared_ptr<credentials_provider>> providers)
{
    return std::make_shared<chain_provider>("chain", std::move(providers));
}

std::shared_ptr<credentials_provider> make_default_credentials_chain(shared_config_options options)
{
    const shared_config_options shared = resolve_shared_config(options);
    metadata_options metadata;
    metadata.shared = shared;
    return std::make_shared<chain_provider>(
        "default chain", std::vector<std::shared_ptr<credentials_provider>>{
                             make_environment_credentials_provider(), make_profile_credentials_provider(shared),
                             make_container_credentials_provider(metadata), make_imds_credentials_provider(metadata)});
}

}  // namespace awscoro
