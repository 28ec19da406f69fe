// Internals shared by the credentials providers: the pure parsing they
// need (unit-tested without I/O) and the glue that runs a provider's
// coroutine and completes its handler.
#pragma once

#include <awscoro/aws_config_file.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/error.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awscoro::detail {

/// Splits a command line into arguments as Python's shlex.split (POSIX
/// mode) does, the AWS CLI's rule for credential_process: whitespace
/// separates; '...' is literal; in "..." a backslash escapes only " and \;
/// elsewhere a backslash escapes any character. False with `error` set for
/// an unclosed quote or a trailing backslash.
bool split_command_line(std::string_view line, std::vector<std::string>& argv, std::string& error);

/// An RFC 3339 time: 2024-01-02T03:04:05Z, with optional fractional
/// seconds and a Z or ±hh:mm offset.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s);

/// The JSON documents that carry credentials.
enum class credentials_document {
    process,    ///< credential_process: Version 1, AccessKeyId, SecretAccessKey, SessionToken?, Expiration?
    container,  ///< container endpoint: AccessKeyId, SecretAccessKey, Token?, Expiration?
    imds,       ///< instance metadata: Code "Success", AccessKeyId, SecretAccessKey, Token, Expiration
};

/// Parses one document into `out`; false with `error` naming what is wrong
/// (a key, never a value of a secret).
bool parse_credentials_document(std::string_view json, credentials_document kind, credentials& out,
                                std::string& error);

/// The profile `shared.profile` from the shared files, or nullptr when it is
/// in neither. False with `error` set when a file is unreadable or malformed.
bool load_profile(const shared_config_options& shared, aws_config_data& data, const aws_config_section*& profile,
                  std::string& error);

/// The environment variable, or "" when unset.
std::string env(const char* name);

/// Secret-bearing text no longer needed: overwritten, then emptied.
void wipe(std::string& s) noexcept;

using fetch_result = std::pair<boost::system::error_code, credentials>;

/// Runs a provider's fetch coroutine on a strand of `ex` (its timers and
/// sockets never run concurrently) and completes `handler` through `ex`
/// with its result. An exception (allocation failure) becomes
/// credentials_fetch_failed with `reason` saying so.
inline void spawn_fetch(boost::asio::any_io_executor ex, std::string& reason, credentials_handler handler,
                        boost::asio::awaitable<fetch_result> fetch)
{
    boost::asio::co_spawn(
        boost::asio::make_strand(ex), std::move(fetch),
        [ex, &reason, h = std::move(handler)](std::exception_ptr e, fetch_result r) mutable {
            if (e) {
                reason = "unexpected internal failure";
                r = fetch_result{error::credentials_fetch_failed, credentials{}};
            }
            boost::asio::post(ex, boost::asio::append(std::move(h), r.first, std::move(r.second)));
        });
}

}  // namespace awscoro::detail
