// How a failed call is reported: one line on stderr with the AWS error code,
// the message and the request id, and the exit status it maps to.
#pragma once

#include <awscoro/diagnostics.hpp>

#include <boost/system/error_code.hpp>

#include <iosfwd>
#include <string_view>

namespace awscoro_cli {

/// Exit statuses, the same for every subcommand.
enum exit_status : int {
    exit_success = 0,
    exit_failure = 1,  ///< a service, transport or timeout error (register: some line failed)
    exit_usage = 2,    ///< a command line or input the tool cannot run
};

/// e.g. "awscoro-sagemaker: An error occurred (ResourceNotFound) when calling
/// the DescribeImageVersion operation: Image my-image does not exist (HTTP 400, request id 7f..)"
void report_call_error(std::string_view operation, const boost::system::error_code& ec,
                       const awscoro::diagnostics& diag, std::ostream& err);

/// exit_usage for a request rejected before any I/O (client-side
/// validation), exit_failure for everything else.
exit_status status_for(const boost::system::error_code& ec);

}  // namespace awscoro_cli
