// Help texts: the tool's overview and each subcommand's options.
#pragma once

#include <iosfwd>
#include <string_view>

namespace awscoro_cli {

/// Prints the help of `command`, or the overview when it is empty or unknown.
void print_help(std::string_view command, std::ostream& out);

}  // namespace awscoro_cli
