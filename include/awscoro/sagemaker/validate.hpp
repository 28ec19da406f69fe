// Client-side validation of SageMaker requests against the service model's
// constraints, before any I/O: a bad request fails at once with a message
// naming the member, instead of a network round trip and a service error.
#pragma once

#include <awscoro/diagnostics.hpp>
#include <awscoro/sagemaker/model.hpp>

#include <boost/system/error_code.hpp>

namespace awscoro::sagemaker {

/// Checks every constraint of the model on `req`, in member order, and stops
/// at the first violation:
/// - required members are set (a required string is non-empty);
/// - strings are valid UTF-8, within their length bounds (counted in code
///   points, as AWS counts characters) and match their pattern as a whole;
/// - enum members hold a known value (an open_enum carrying an unknown string
///   is rejected here, though responses may carry one);
/// - integers are within range (Version >= 0, MaxResults 1-100);
/// - lists are within their size bound (Tags <= 50) and every element,
///   nested members included (Tags[i].Key), is valid.
/// The idempotency token is a required member too: call
/// fill_idempotency_token() first.
///
/// Returns an empty error_code, leaving `diag` untouched and allocating
/// nothing, when `req` is valid. Otherwise returns
/// awscoro::error::invalid_parameter with `diag` reset and diag.message
/// naming the member path, the constraint and the offending value (at most
/// 64 characters of it), e.g.
///   ImageName: must match [a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}, got "-bad_name-"
template <request_message T>
boost::system::error_code validate(const T& req, diagnostics& diag);

}  // namespace awscoro::sagemaker
