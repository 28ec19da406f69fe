// The AWS JSON 1.1 bodies of SageMaker's image operations, both directions:
// the client writes requests and reads responses, a local endpoint reads
// requests and writes responses.
#pragma once

#include <awscoro/diagnostics.hpp>
#include <awscoro/sagemaker/model.hpp>

#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>

namespace awscoro::sagemaker {

/// Appends the JSON body of `msg` to `out`: members under their model names
/// in model order, unset optionals and empty lists omitted, required strings
/// always written, enums by their wire spelling (an unknown one verbatim),
/// timestamps as epoch seconds (an integral value without a fraction). A
/// message without members writes `{}`. Strings are written as given: call
/// validate() first to be sure they are UTF-8.
template <message T>
void to_json(const T& msg, std::string& out);

/// Parses a JSON body into `out`, which is first reset to T{}.
/// Tolerant where the protocol asks for it: unknown members are ignored,
/// null is taken as absent (null list elements are skipped), an unknown enum
/// value is kept verbatim, an empty body is taken as `{}`. Strict on types:
/// a member of the wrong JSON type, a fractional or out-of-range integer or a
/// body that is not a JSON object fails with awscoro::error::malformed_response
/// and diag.message naming the member path, e.g.
///   ImageVersions[3].Version: expected an integer, got a string
/// On failure `out` holds what was read before the failure.
template <message T>
boost::system::error_code from_json(std::string_view body, T& out, diagnostics& diag);

}  // namespace awscoro::sagemaker
