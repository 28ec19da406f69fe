// A minimal logging hook: the client reports each attempt of each call to
// `config::on_attempt` (if set). The record never holds a secret: no
// credentials, no signature, no request body.
#pragma once

#include <boost/system/error_code.hpp>

#include <chrono>
#include <functional>
#include <string_view>

namespace awscoro {

struct attempt_record {
    std::string_view operation;      ///< e.g. "CreateImageVersion"
    std::string_view endpoint;       ///< Host header value
    unsigned attempt = 0;            ///< 1 for the first attempt of a call
    unsigned max_attempts = 0;
    bool new_connection = false;     ///< this attempt opened a connection
    unsigned http_status = 0;        ///< 0 when no response arrived
    std::string_view aws_code;       ///< the error code of the response, if any
    std::string_view request_id;     ///< x-amzn-RequestId, if any
    boost::system::error_code error; ///< empty on success
    std::chrono::microseconds elapsed{0};  ///< from sending to the complete response (or failure)
    bool will_retry = false;
    std::chrono::milliseconds backoff{0};  ///< delay before the retry, when will_retry
};

/// Called on the client's strand, after each attempt: keep it quick, and
/// synchronize what it touches if several clients share it.
using attempt_logger = std::function<void(const attempt_record&)>;

}  // namespace awscoro
