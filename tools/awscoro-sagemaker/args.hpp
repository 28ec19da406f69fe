// Command-line parsing with the AWS CLI's syntax: `--name value`,
// `--name=value`, lists as space-separated values (`--aliases a b`), flags
// without a value (`--horovod`, `--no-horovod`). Global options may appear
// before or after the subcommand, as with `aws`.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro_cli {

/// A command line the tool cannot run: exit status 2, message on stderr.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class arity {
    flag,    ///< no value
    single,  ///< exactly one value
    list,    ///< one or more values, up to the next --option
};

struct option_spec {
    std::string_view name;  ///< without the leading "--"
    arity kind = arity::single;
};

/// The options given, by name (without "--"); a repeated option keeps its last values.
class parsed_args {
public:
    bool has(std::string_view name) const { return values_.find(name) != values_.end(); }

    /// The value of a single-valued option.
    std::optional<std::string> value(std::string_view name) const;

    /// The values of a list option; empty when absent.
    std::vector<std::string> values(std::string_view name) const;

    /// The option names in the order first seen.
    const std::vector<std::string>& names() const { return order_; }

    void set(std::string name, std::vector<std::string> values);

private:
    std::map<std::string, std::vector<std::string>, std::less<>> values_;
    std::vector<std::string> order_;
};

/// The subcommand and its options.
struct command_line {
    std::string command;  ///< empty when only global options (or nothing) were given
    parsed_args options;
    bool help = false;    ///< `help` after the command, or --help anywhere
};

/// Splits `args` (argv without the program name) into the subcommand and
/// its options. `global` options are accepted anywhere; `command_options`
/// returns the options of a subcommand (nullopt for an unknown one).
/// Throws usage_error naming the offending argument.
command_line parse_command_line(
    std::span<const std::string_view> args, std::span<const option_spec> global,
    const std::function<std::optional<std::span<const option_spec>>(std::string_view)>& command_options);

/// Parses a non-negative integer option value; throws usage_error naming the option.
long long parse_integer(std::string_view option, std::string_view text, long long min, long long max);

}  // namespace awscoro_cli
