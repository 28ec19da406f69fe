#include <awscoro/partitions.hpp>

#include <span>

namespace awscoro {
namespace {

// One entry of partitions.json. Every regionRegex there has the shape
// ^(p1|p2|...)\-\w+\-\d+$, so a partition keeps just its alternatives.
struct partition_entry {
    partition outputs = {};
    std::span<const std::string_view> regex_prefixes = {};
    std::span<const std::string_view> regions = {};
};

constexpr std::string_view aws_prefixes[] = {"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"};
constexpr std::string_view aws_regions[] = {
    "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "aws-global",     "ca-central-1",   "ca-west-1",      "eu-central-1",   "eu-central-2",
    "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",
    "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1",
    "sa-east-1",      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",
};
constexpr std::string_view cn_prefixes[] = {"cn"};
constexpr std::string_view cn_regions[] = {"aws-cn-global", "cn-north-1", "cn-northwest-1"};
constexpr std::string_view eusc_prefixes[] = {"eusc-de"};
constexpr std::string_view eusc_regions[] = {"eusc-de-east-1"};
constexpr std::string_view iso_prefixes[] = {"us-iso"};
constexpr std::string_view iso_regions[] = {"aws-iso-global", "us-iso-east-1", "us-iso-west-1"};
constexpr std::string_view iso_b_prefixes[] = {"us-isob"};
constexpr std::string_view iso_b_regions[] = {"aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"};
constexpr std::string_view iso_e_prefixes[] = {"eu-isoe"};
constexpr std::string_view iso_e_regions[] = {"aws-iso-e-global", "eu-isoe-west-1"};
constexpr std::string_view iso_f_prefixes[] = {"us-isof"};
constexpr std::string_view iso_f_regions[] = {"aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"};
constexpr std::string_view us_gov_prefixes[] = {"us-gov"};
constexpr std::string_view us_gov_regions[] = {"aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"};

// In the file's order, which decides ties between regexes; "aws" comes first
// because it is the fallback.
constexpr partition_entry partitions[] = {
    {.outputs = {.id = "aws",
                 .name = "aws",
                 .dns_suffix = "amazonaws.com",
                 .dual_stack_dns_suffix = "api.aws",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "us-east-1"},
     .regex_prefixes = aws_prefixes,
     .regions = aws_regions},
    {.outputs = {.id = "aws-cn",
                 .name = "aws-cn",
                 .dns_suffix = "amazonaws.com.cn",
                 .dual_stack_dns_suffix = "api.amazonwebservices.com.cn",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "cn-northwest-1"},
     .regex_prefixes = cn_prefixes,
     .regions = cn_regions},
    {.outputs = {.id = "aws-eusc",
                 .name = "aws-eusc",
                 .dns_suffix = "amazonaws.eu",
                 .dual_stack_dns_suffix = "api.amazonwebservices.eu",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "eusc-de-east-1"},
     .regex_prefixes = eusc_prefixes,
     .regions = eusc_regions},
    {.outputs = {.id = "aws-iso",
                 .name = "aws-iso",
                 .dns_suffix = "c2s.ic.gov",
                 .dual_stack_dns_suffix = "api.aws.ic.gov",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "us-iso-east-1"},
     .regex_prefixes = iso_prefixes,
     .regions = iso_regions},
    {.outputs = {.id = "aws-iso-b",
                 .name = "aws-iso-b",
                 .dns_suffix = "sc2s.sgov.gov",
                 .dual_stack_dns_suffix = "api.aws.scloud",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "us-isob-east-1"},
     .regex_prefixes = iso_b_prefixes,
     .regions = iso_b_regions},
    {.outputs = {.id = "aws-iso-e",
                 .name = "aws-iso-e",
                 .dns_suffix = "cloud.adc-e.uk",
                 .dual_stack_dns_suffix = "api.cloud-aws.adc-e.uk",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "eu-isoe-west-1"},
     .regex_prefixes = iso_e_prefixes,
     .regions = iso_e_regions},
    {.outputs = {.id = "aws-iso-f",
                 .name = "aws-iso-f",
                 .dns_suffix = "csp.hci.ic.gov",
                 .dual_stack_dns_suffix = "api.aws.hci.ic.gov",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "us-isof-south-1"},
     .regex_prefixes = iso_f_prefixes,
     .regions = iso_f_regions},
    {.outputs = {.id = "aws-us-gov",
                 .name = "aws-us-gov",
                 .dns_suffix = "amazonaws.com",
                 .dual_stack_dns_suffix = "api.aws",
                 .supports_fips = true,
                 .supports_dual_stack = true,
                 .implicit_global_region = "us-gov-west-1"},
     .regex_prefixes = us_gov_prefixes,
     .regions = us_gov_regions},
};

// ECMAScript's \d and \w: ASCII only.
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_word(char c) noexcept
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Matches ^<prefix>\-\w+\-\d+$. \w excludes '-', so the tail holds exactly
// one more hyphen, with word characters before it and digits after it.
bool matches(std::string_view region, std::string_view prefix) noexcept
{
    if (!region.starts_with(prefix) || region.size() == prefix.size() || region[prefix.size()] != '-')
        return false;
    const std::string_view tail = region.substr(prefix.size() + 1);
    const auto hyphen = tail.find('-');
    if (hyphen == 0 || hyphen == std::string_view::npos || hyphen + 1 == tail.size())
        return false;
    for (char c : tail.substr(0, hyphen))
        if (!is_word(c))
            return false;
    for (char c : tail.substr(hyphen + 1))
        if (!is_digit(c))
            return false;
    return true;
}

}  // namespace

const partition& aws_partition(std::string_view region) noexcept
{
    for (const auto& p : partitions)
        for (auto name : p.regions)
            if (name == region)
                return p.outputs;
    for (const auto& p : partitions)
        for (auto prefix : p.regex_prefixes)
            if (matches(region, prefix))
                return p.outputs;
    return partitions[0].outputs;
}

}  // namespace awscoro
