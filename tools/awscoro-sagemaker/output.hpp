// Command output as the AWS CLI prints it: `--output json` (indented by 4,
// AWS member names in model order), `text` (tab-separated, the AWS CLI's
// text layout) and `table` (the AWS CLI's boxed tables). Each formatter
// takes the response as a JSON value, as the codec writes it.
#pragma once

#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>
#include <string_view>

namespace awscoro_cli {

enum class output_format { json, text, table };

/// Parses "json", "text" or "table"; throws usage_error otherwise.
output_format parse_output_format(std::string_view text);

/// Prints `response` in `format`; `title` heads a table (the operation name).
/// An empty object prints nothing, as with the AWS CLI.
void print_response(const boost::json::value& response, output_format format, std::string_view title,
                    std::ostream& out);

/// JSON indented by 4 spaces, non-ASCII kept verbatim (Python's json.dumps(indent=4)).
void write_json(const boost::json::value& v, std::ostream& out);

/// A scalar as Python's str() shows it (the AWS CLI's text and table cells):
/// strings verbatim, True/False, integers, the shortest round-trip float.
std::string scalar_text(const boost::json::value& v);

void write_text(const boost::json::value& v, std::ostream& out);
void write_table(const boost::json::value& v, std::string_view title, std::ostream& out);

}  // namespace awscoro_cli
