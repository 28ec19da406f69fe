// How the command line maps onto an operation's request: one option per
// member, named as the AWS CLI names it (`--image-name` for ImageName,
// `--version-number` for Version), plus `--cli-input-json` whose members the
// options override. Requests are assembled as JSON objects with the AWS
// member names and decoded by the library's codec, so the command line, the
// --cli-input-json document and a manifest line all take one path.
#pragma once

#include "args.hpp"

#include <awscoro/sagemaker/codec.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro_cli {

enum class member_type {
    string,
    integer,
    boolean,      ///< --x / --no-x
    string_list,  ///< --x a b c, or a JSON array
    timestamp,    ///< epoch seconds or ISO 8601
    tags,         ///< Key=k,Value=v ... or a JSON array of {"Key","Value"}
};

struct member_option {
    std::string_view flag;    ///< option name without "--"
    std::string_view member;  ///< AWS member name
    member_type type = member_type::string;
    bool required = false;
    std::string_view negated = {};  ///< for a boolean: the option that sets false, e.g. "no-horovod"
};

/// What a command accepts: its member options and the members only a
/// --cli-input-json document may set (e.g. NextToken).
struct operation_inputs {
    std::span<const member_option> options;
    std::span<const std::string_view> document_only = {};
};

extern const operation_inputs create_image_version_inputs;
extern const operation_inputs describe_image_version_inputs;
extern const operation_inputs list_image_versions_inputs;
extern const operation_inputs create_image_inputs;
extern const operation_inputs delete_image_version_inputs;

/// The option specs for parse_command_line: the member options, --no-X for
/// booleans, and --cli-input-json.
std::vector<option_spec> option_specs(const operation_inputs& inputs);

/// The request document: --cli-input-json (text or file://PATH) with the
/// member options laid over it; then checks that every required member is
/// set. Throws usage_error.
boost::json::object build_input(const parsed_args& args, const operation_inputs& inputs);

/// Throws usage_error naming the first member of `input` that `inputs` does not know.
void check_members(const boost::json::object& input, const operation_inputs& inputs);

/// Parses an option's timestamp: epoch seconds, or ISO 8601
/// (YYYY-MM-DD[THH:MM[:SS[.frac]]][Z|+HH:MM|-HH:MM], UTC when no zone). Throws usage_error.
double parse_timestamp(std::string_view option, std::string_view text);

/// Decodes a request document with the library's codec; types are checked,
/// constraints are not (validate() does that). Throws usage_error.
template <awscoro::sagemaker::request_message T>
T decode_request(const boost::json::object& input)
{
    T req;
    awscoro::diagnostics diag;
    if (auto ec = awscoro::sagemaker::from_json(boost::json::serialize(input), req, diag))
        throw usage_error(diag.message.empty() ? ec.message() : diag.message);
    return req;
}

}  // namespace awscoro_cli
