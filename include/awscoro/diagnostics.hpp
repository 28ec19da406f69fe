// What travels with every failure besides its error_code (as Boost.MySQL's
// diagnostics does): the service's own words, the request id to quote to AWS
// support, and how many attempts were made. Never holds a secret.
#pragma once

#include <string>

namespace awscoro {

struct diagnostics {
    std::string aws_code;      ///< the service's error code, e.g. "ResourceNotFound"; empty for local failures
    std::string message;       ///< the service's message, or a local explanation (validation names the field)
    std::string request_id;    ///< x-amzn-RequestId of the failing response; empty when none arrived
    unsigned http_status = 0;  ///< HTTP status of the failing response; 0 when none arrived
    unsigned attempts = 0;     ///< attempts made, including the failing one
    bool retryable = false;    ///< whether the last failure was of a retryable kind

    void clear() { *this = diagnostics{}; }
};

}  // namespace awscoro
