#include "service.hpp"

#include <awscoro/sagemaker/endpoints.hpp>
#include <awscoro/sagemaker/errors.hpp>

namespace awscoro::sagemaker::detail {
namespace {

std::string resolve(std::string_view region, bool use_fips, bool use_dualstack, std::string& error)
{
    const endpoint_params params{.region = std::string(region), .use_fips = use_fips, .use_dualstack = use_dualstack};
    return resolve_endpoint(params, error);
}

}  // namespace

const service_descriptor& service()
{
    static const service_descriptor descriptor{
        .service_id = "SageMaker",
        .signing_name = "sagemaker",
        .target_prefix = "SageMaker",
        .resolve_endpoint = &resolve,
        .map_error = &map_error,
    };
    return descriptor;
}

}  // namespace awscoro::sagemaker::detail
