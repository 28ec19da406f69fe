// SageMaker as the core sees it: names, endpoint resolution, error mapping.
#pragma once

#include <awscoro/service.hpp>

namespace awscoro::sagemaker::detail {

const service_descriptor& service();

}  // namespace awscoro::sagemaker::detail
