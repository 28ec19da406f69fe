// The single-call subcommands, named and flagged as the AWS CLI's:
// create-image-version, describe-image-version, list-image-versions
// (all pages, or --max-items / --page-size / --starting-token / --no-paginate),
// create-image and delete-image-version.
#pragma once

#include "args.hpp"
#include "session.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace awscoro_cli {

/// The options of an operation subcommand; nullopt when `command` is not one.
std::optional<std::vector<option_spec>> operation_option_specs(std::string_view command);

/// Runs an operation subcommand; returns the exit status. Throws usage_error.
int run_operation_command(std::string_view command, const parsed_args& args, const global_options& global);

}  // namespace awscoro_cli
