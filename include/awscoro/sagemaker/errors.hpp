// SageMaker's modeled errors for the image operations, their category, the
// mapping from a response's error code, and their exception classes.
#pragma once

#include <awscoro/exceptions.hpp>

#include <boost/system/error_code.hpp>

#include <string_view>
#include <type_traits>

namespace awscoro::sagemaker {

enum class error {
    resource_in_use = 1,      ///< ResourceInUse: the name is taken or another operation is in progress
    resource_limit_exceeded,  ///< ResourceLimitExceeded: a quota (not a rate) was reached; not retried
    resource_not_found,       ///< ResourceNotFound: the image, version or alias does not exist
};

const boost::system::error_category& error_category() noexcept;

inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// The error code for a response's (sanitized) error code and HTTP status:
/// SageMaker's modeled errors first, then the AWS-wide ones.
boost::system::error_code map_error(std::string_view aws_code, unsigned http_status) noexcept;

class resource_in_use : public service_error {
    using service_error::service_error;
};
class resource_limit_exceeded : public service_error {
    using service_error::service_error;
};
class resource_not_found : public service_error {
    using service_error::service_error;
};

/// Throws the most specific exception for `ec`, SageMaker's or the core's.
[[noreturn]] void throw_error(const boost::system::error_code& ec, const diagnostics& diag);

}  // namespace awscoro::sagemaker

template <>
struct boost::system::is_error_code_enum<awscoro::sagemaker::error> : std::true_type {};
