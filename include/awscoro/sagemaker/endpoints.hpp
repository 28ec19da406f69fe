// SageMaker endpoint resolution, transcribed by hand from botocore's
// sagemaker/2017-07-24/endpoint-rule-set-1.json.
#pragma once

#include <optional>
#include <string>

namespace awscoro::sagemaker {

/// The rule set's parameters. An empty `region` counts as unset (the rule
/// set's "Missing Region").
struct endpoint_params {
    std::string region = {};
    bool use_fips = false;
    bool use_dualstack = false;
    std::optional<std::string> endpoint = {};  ///< SDK::Endpoint: a custom endpoint URL
};

/// The endpoint URL per SageMaker's endpoint rule set; an empty string with `error` set to the rule set's error message when the rules end in an error.
std::string resolve_endpoint(const endpoint_params& params, std::string& error);

}  // namespace awscoro::sagemaker
