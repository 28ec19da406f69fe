// The AWS shared config and credentials files (~/.aws/config,
// ~/.aws/credentials): where they are, and a parser that reads them the way
// the AWS CLI and SDKs do. Pure: no I/O besides reading the two files.
//
// Format, as the SDKs' shared-file specification and the CLI apply it:
// - `[default]` or `[profile name]` in the config file, `[name]` in the
//   credentials file (a `profile ` prefix there, or a bare name in the config
//   file, makes the section ignored); `[profile default]` wins over
//   `[default]` in the config file; `[services name]` and
//   `[sso-session name]` (config file only); other sections are read and ignored.
// - `key = value`; keys are case-insensitive (stored lower-case, as the CLI
//   does), section names case-sensitive; values trimmed, never unquoted.
// - Comment lines start with `#` or `;`. After a value, a comment needs
//   whitespace before it (`key = a#b` keeps `a#b`); after a section header
//   it does not.
// - An indented line continues the previous value (joined with '\n'); when
//   that value was empty, the indented lines are `key = value` sub-settings
//   (as in `s3 =\n  max_concurrent_requests = 20`).
// - A section or key repeated: merged, the last value wins; the credentials
//   file wins over the config file for the same profile.
// - A malformed line is an error naming file and line; names with invalid
//   characters are ignored with a warning.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro {

/// One section: a profile, a services section or an sso-session.
struct aws_config_section {
    std::map<std::string, std::string, std::less<>> values = {};  ///< keys lower-case
    /// Sub-settings of a key whose value was empty, keys as written.
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> sub_values = {};

    /// The value of `key` (lower-case), or nullptr when it is not set.
    const std::string* find(std::string_view key) const;
    /// The sub-setting `sub_key` of `key`, or nullptr.
    const std::string* find(std::string_view key, std::string_view sub_key) const;
};

/// What the two files define, merged.
struct aws_config_data {
    std::map<std::string, aws_config_section, std::less<>> profiles = {};
    std::map<std::string, aws_config_section, std::less<>> services = {};      ///< [services name]
    std::map<std::string, aws_config_section, std::less<>> sso_sessions = {};  ///< [sso-session name]
    /// "file:line: ..." for every ignored section or key (never a value).
    std::vector<std::string> warnings = {};
};

enum class aws_file_kind {
    config,       ///< ~/.aws/config: [default], [profile x], [services x], [sso-session x]
    credentials,  ///< ~/.aws/credentials: [x]
};

/// Parses `text` (the contents of `file_name`) and merges it into `into`,
/// overriding what is already there. On a malformed line returns false with
/// `error` set to "file:line: what is wrong" (never quoting a value) and
/// leaves `into` unchanged.
bool parse_aws_config(std::string_view text, aws_file_kind kind, std::string_view file_name, aws_config_data& into,
                      std::string& error);

/// Where to read settings from; an empty member takes the SDKs' default.
struct shared_config_options {
    std::string profile = {};           ///< empty: AWS_PROFILE, else "default"
    std::string config_file = {};       ///< empty: AWS_CONFIG_FILE, else ~/.aws/config
    std::string credentials_file = {};  ///< empty: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials
};

/// `options` with every empty member filled from the environment and the
/// defaults; a leading "~/" becomes $HOME (or the passwd entry's home).
shared_config_options resolve_shared_config(const shared_config_options& options);

/// Reads and parses both files of `resolved` (config first, then
/// credentials, so the credentials file wins). A missing file counts as
/// empty. Returns false with `error` set for an unreadable or malformed file.
bool load_aws_config(const shared_config_options& resolved, aws_config_data& out, std::string& error);

}  // namespace awscoro
