// Everything of awscoro's core in one include. Services have their own
// umbrella headers, e.g. <awscoro/sagemaker.hpp>.
#pragma once

#include <awscoro/aws_config_file.hpp>
#include <awscoro/client_stats.hpp>
#include <awscoro/config.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/credentials_providers.hpp>
#include <awscoro/diagnostics.hpp>
#include <awscoro/error.hpp>
#include <awscoro/exceptions.hpp>
#include <awscoro/json_protocol.hpp>
#include <awscoro/logging.hpp>
#include <awscoro/open_enum.hpp>
#include <awscoro/partitions.hpp>
#include <awscoro/retry.hpp>
#include <awscoro/service.hpp>
#include <awscoro/sigv4.hpp>
#include <awscoro/timestamp.hpp>
#include <awscoro/uuid.hpp>
