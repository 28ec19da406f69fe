// The SageMaker image API client in one include.
#pragma once

#include <awscoro.hpp>
#include <awscoro/sagemaker/client.hpp>
#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/endpoints.hpp>
#include <awscoro/sagemaker/errors.hpp>
#include <awscoro/sagemaker/model.hpp>
#include <awscoro/sagemaker/validate.hpp>
