#include "error_report.hpp"

#include <awscoro/error.hpp>
#include <awscoro/exceptions.hpp>

#include <ostream>

namespace awscoro_cli {

void report_call_error(std::string_view operation, const boost::system::error_code& ec,
                       const awscoro::diagnostics& diag, std::ostream& err)
{
    err << "awscoro-sagemaker: ";
    if (!diag.aws_code.empty())
        err << "An error occurred (" << diag.aws_code << ") when calling the " << operation << " operation: ";
    else
        err << "The " << operation << " call failed: ";
    // describe() starts with the code again for service errors: keep what follows it.
    std::string detail = awscoro::describe(ec, diag);
    if (!diag.aws_code.empty() && detail.starts_with(diag.aws_code)) {
        detail.erase(0, diag.aws_code.size());
        if (detail.starts_with(": "))
            detail.erase(0, 2);
    }
    err << detail << '\n';
}

exit_status status_for(const boost::system::error_code& ec)
{
    return ec == awscoro::error::invalid_parameter ? exit_usage : exit_failure;
}

}  // namespace awscoro_cli
