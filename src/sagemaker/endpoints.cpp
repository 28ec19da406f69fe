#include <awscoro/partitions.hpp>
#include <awscoro/sagemaker/endpoints.hpp>

#include <string_view>

namespace awscoro::sagemaker {
namespace {

std::string fail(std::string& error, std::string_view message)
{
    error = message;
    return {};
}

std::string url(std::string_view host_prefix, const std::string& region, std::string_view dns_suffix)
{
    std::string out = "https://";
    out.append(host_prefix).append(".").append(region).append(".").append(dns_suffix);
    return out;
}

}  // namespace

// The rules in their order; each branch below is one subtree of the rule set.
std::string resolve_endpoint(const endpoint_params& params, std::string& error)
{
    error.clear();
    if (params.endpoint) {
        if (params.use_fips)
            return fail(error, "Invalid Configuration: FIPS and custom endpoint are not supported");
        if (params.use_dualstack)
            return fail(error, "Invalid Configuration: Dualstack and custom endpoint are not supported");
        return *params.endpoint;
    }
    if (params.region.empty())
        return fail(error, "Invalid Configuration: Missing Region");

    const partition& p = aws_partition(params.region);
    if (params.use_fips && params.use_dualstack) {
        if (!p.supports_fips || !p.supports_dual_stack)
            return fail(error, "FIPS and DualStack are enabled, but this partition does not support one or both");
        return url("api.sagemaker-fips", params.region, p.dual_stack_dns_suffix);
    }
    if (params.use_fips) {
        if (!p.supports_fips)
            return fail(error, "FIPS is enabled but this partition does not support FIPS");
        // The commercial and GovCloud partitions keep SageMaker's older FIPS
        // host name, "api-fips.", with a fixed amazonaws.com suffix.
        if (p.name == "aws" || p.name == "aws-us-gov")
            return url("api-fips.sagemaker", params.region, "amazonaws.com");
        return url("api.sagemaker-fips", params.region, p.dns_suffix);
    }
    if (params.use_dualstack) {
        if (!p.supports_dual_stack)
            return fail(error, "DualStack is enabled but this partition does not support DualStack");
        return url("api.sagemaker", params.region, p.dual_stack_dns_suffix);
    }
    return url("api.sagemaker", params.region, p.dns_suffix);
}

}  // namespace awscoro::sagemaker
