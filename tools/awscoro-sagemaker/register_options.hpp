// The options of `register`, and the shard a process works on.
#pragma once

#include "args.hpp"
#include "manifest.hpp"
#include "progress.hpp"

#include <awscoro/config.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>

namespace awscoro_cli {

/// This process takes the lines whose 0-based position p (among the
/// manifest's non-blank lines) has p % count == index.
struct shard {
    unsigned index = 0;
    unsigned count = 1;

    bool contains(std::size_t position) const { return position % count == index; }
};

/// "INDEX/COUNT", index below count. Throws usage_error.
shard parse_shard(std::string_view text);

struct register_options {
    std::string manifest = {};
    std::optional<manifest_format> format = {};
    std::string results = {};
    bool resume = false;
    unsigned concurrency = 32;
    double max_rps = 0;  ///< 0: unlimited
    std::optional<awscoro::retry_mode> retry_mode = {};  ///< unset: AWS_RETRY_MODE, else adaptive
    std::optional<unsigned> max_attempts = {};           ///< unset: AWS_MAX_ATTEMPTS, else 10
    bool create_missing_images = false;
    std::string role_arn = {};
    bool wait = false;
    std::chrono::seconds wait_timeout{600};
    struct shard shard = {};
    bool strict = false;
    progress_mode progress = progress_mode::automatic;
    std::chrono::seconds grace_period{10};
};

std::span<const option_spec> register_option_specs();

/// Reads the options; `getenv` supplies JOB_COMPLETION_INDEX and
/// AWS_BATCH_JOB_ARRAY_INDEX for --shard-count. Throws usage_error.
register_options read_register_options(const parsed_args& args,
                                       const std::function<const char*(const char*)>& getenv);

}  // namespace awscoro_cli
