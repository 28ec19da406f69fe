// `register`: reads the manifest, picks this shard's lines, skips what an
// earlier run finished (--resume), reports bad lines, runs the batch with
// progress and signal handling, and prints the summary.
#pragma once

#include "args.hpp"
#include "session.hpp"

namespace awscoro_cli {

/// Returns the exit status: 0 when every line of the shard succeeded, 1
/// otherwise. Throws usage_error.
int run_register(const parsed_args& args, const global_options& global);

}  // namespace awscoro_cli
