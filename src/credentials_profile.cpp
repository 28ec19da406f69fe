// A profile's credentials from the shared config and credentials files.
#include <awscoro/credentials_providers.hpp>

#include "credentials_detail.hpp"

namespace awscoro {
namespace {

namespace asio = boost::asio;

void complete(asio::any_io_executor ex, credentials_handler handler, boost::system::error_code ec, credentials c)
{
    asio::post(ex, asio::append(std::move(handler), ec, std::move(c)));
}

class profile_provider final : public credentials_provider {
public:
    explicit profile_provider(shared_config_options options) : shared_(resolve_shared_config(options)) {}

    std::string name() const override { return "profile " + shared_.profile; }

    void async_fetch(asio::any_io_executor ex, std::string& reason, credentials_handler handler) override
    {
        aws_config_data data;
        const aws_config_section* profile = nullptr;
        if (!detail::load_profile(shared_, data, profile, reason))
            return complete(ex, std::move(handler), error::credentials_fetch_failed, {});
        if (profile == nullptr) {
            reason = "not in " + shared_.config_file + " or " + shared_.credentials_file;
            return complete(ex, std::move(handler), error::no_credentials, {});
        }
        const auto has = [&](std::string_view key) { return profile->find(key) != nullptr; };
        // Other identities the SDKs would assume for this profile: failing is
        // safer than letting the chain fall through to another identity.
        if (has("role_arn") || has("web_identity_token_file")) {
            reason = "role_arn (STS AssumeRole, web identity) is not supported by awscoro";
            return complete(ex, std::move(handler), error::credentials_fetch_failed, {});
        }
        if (has("sso_session") || has("sso_start_url")) {
            reason = "SSO (sso_session, sso_start_url) is not supported by awscoro";
            return complete(ex, std::move(handler), error::credentials_fetch_failed, {});
        }
        if (const std::string* id = profile->find("aws_access_key_id"); id != nullptr && !id->empty()) {
            const std::string* secret = profile->find("aws_secret_access_key");
            if (secret == nullptr || secret->empty()) {
                reason = "aws_access_key_id is set but aws_secret_access_key is not";
                return complete(ex, std::move(handler), error::credentials_fetch_failed, {});
            }
            const std::string* token = profile->find("aws_session_token");
            credentials c(*id, *secret, token != nullptr ? *token : std::string());
            return complete(ex, std::move(handler), {}, std::move(c));
        }
        if (const std::string* command = profile->find("credential_process"); command != nullptr && !command->empty())
            return make_process_credentials_provider(*command)->async_fetch(ex, reason, std::move(handler));
        reason = "has neither aws_access_key_id nor credential_process";
        complete(ex, std::move(handler), error::no_credentials, {});
    }

private:
    shared_config_options shared_;
};

}  // namespace

std::shared_ptr<credentials_provider> make_profile_credentials_provider(shared_config_options options)
{
    return std::make_shared<profile_provider>(std::move(options));
}

std::shared_ptr<credentials_provider> make_profile_credentials_provider(std::string profile)
{
    shared_config_options options;
    options.profile = std::move(profile);
    return make_profile_credentials_provider(std::move(options));
}

}  // namespace awscoro
