// AWS credentials and the providers that produce them. Providers fetch
// asynchronously on the client's executor; the client caches what they give
// (refreshing ahead of expiry, one fetch at a time) so a provider is asked
// rarely, never once per call.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace awscoro {

struct credentials {
    std::string access_key_id = {};
    std::string secret_access_key = {};
    std::string session_token = {};  ///< empty for long-term credentials
    /// When these stop being valid; empty for credentials that do not expire.
    std::optional<std::chrono::system_clock::time_point> expiration = {};

    ~credentials();  // wipes the secret
    credentials() = default;
    credentials(std::string id, std::string secret, std::string token = {},
                std::optional<std::chrono::system_clock::time_point> expires = {});
    credentials(const credentials&) = default;
    credentials(credentials&&) noexcept = default;
    credentials& operator=(const credentials&) = default;
    credentials& operator=(credentials&&) noexcept = default;
};

using credentials_handler = boost::asio::any_completion_handler<void(boost::system::error_code, credentials)>;

/// A source of credentials. `async_fetch` completes with credentials, or with
/// awscoro::error::no_credentials (this source has none: the chain moves on)
/// or error::credentials_fetch_failed (it should have had some), filling
/// `reason` with a one-line explanation that never contains a secret.
class credentials_provider {
public:
    virtual ~credentials_provider() = default;

    /// A short name for diagnostics ("environment", "static", ...).
    virtual std::string name() const = 0;

    /// Fetches on `ex`. `reason` must stay valid until completion.
    virtual void async_fetch(boost::asio::any_io_executor ex, std::string& reason, credentials_handler handler) = 0;
};

/// Always the same credentials.
std::shared_ptr<credentials_provider> make_static_credentials_provider(credentials c);

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, read at each fetch.
std::shared_ptr<credentials_provider> make_environment_credentials_provider();

}  // namespace awscoro
