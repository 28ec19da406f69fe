// AWS partitions, transcribed from botocore's partitions.json (version 1.1):
// what endpoint rule sets get from the Smithy `aws.partition` function.
#pragma once

#include <string_view>

namespace awscoro {

/// One partition's `outputs`. The strings point to static data.
struct partition {
    std::string_view id = {};    ///< e.g. "aws", "aws-cn", "aws-us-gov"
    std::string_view name = {};  ///< equal to `id` in every partition today
    std::string_view dns_suffix = {};
    std::string_view dual_stack_dns_suffix = {};
    bool supports_fips = false;
    bool supports_dual_stack = false;
    std::string_view implicit_global_region = {};
};

/// The partition of `region`, as `aws.partition` finds it: a partition that
/// lists the region by name, else the first whose regionRegex matches, else
/// "aws" (so an unknown or malformed region still resolves).
const partition& aws_partition(std::string_view region) noexcept;

}  // namespace awscoro
