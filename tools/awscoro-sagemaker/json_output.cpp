#include "args.hpp"
#include "output.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace awscoro_cli {

output_format parse_output_format(std::string_view text)
{
    if (text == "json")
        return output_format::json;
    if (text == "text")
        return output_format::text;
    if (text == "table")
        return output_format::table;
    throw usage_error("--output: expected json, text or table, got '" + std::string(text) + "'");
}

void print_response(const boost::json::value& response, output_format format, std::string_view title,
                    std::ostream& out)
{
    if (response.is_object() && response.get_object().empty())
        return;
    switch (format) {
    case output_format::json: write_json(response, out); break;
    case output_format::text: write_text(response, out); break;
    case output_format::table: write_table(response, title, out); break;
    }
}

namespace {

/// Python's repr(float): the shortest round-trip digits, always with a
/// fraction or an exponent.
std::string float_text(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    const double magnitude = std::fabs(d);
    const bool fixed = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16);
    const auto end = fixed ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed).ptr
                           : std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific).ptr;
    std::string s(buf, end);
    if (fixed && s.find('.') == std::string::npos)
        s += ".0";
    return s;
}

void write_string(std::string_view s, std::ostream& out)
{
    out << '"';
    for (const char c : s) {
        switch (c) {
        case '"': out << "\\\""; break;
        case '\\': out << "\\\\"; break;
        case '\n': out << "\\n"; break;
        case '\r': out << "\\r"; break;
        case '\t': out << "\\t"; break;
        case '\b': out << "\\b"; break;
        case '\f': out << "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out << buf;
            }
            else
                out << c;
        }
    }
    out << '"';
}

void write_indented(const boost::json::value& v, int depth, std::ostream& out)
{
    const std::string pad(static_cast<std::size_t>(depth + 1) * 4, ' ');
    const std::string close_pad(static_cast<std::size_t>(depth) * 4, ' ');
    switch (v.kind()) {
    case boost::json::kind::object: {
        const auto& o = v.get_object();
        if (o.empty()) {
            out << "{}";
            return;
        }
        out << "{\n";
        bool first = true;
        for (const auto& member : o) {
            out << (first ? "" : ",\n") << pad;
            first = false;
            write_string(member.key(), out);
            out << ": ";
            write_indented(member.value(), depth + 1, out);
        }
        out << '\n' << close_pad << '}';
        return;
    }
    case boost::json::kind::array: {
        const auto& a = v.get_array();
        if (a.empty()) {
            out << "[]";
            return;
        }
        out << "[\n";
        bool first = true;
        for (const auto& e : a) {
            out << (first ? "" : ",\n") << pad;
            first = false;
            write_indented(e, depth + 1, out);
        }
        out << '\n' << close_pad << ']';
        return;
    }
    case boost::json::kind::string: write_string(v.get_string(), out); return;
    case boost::json::kind::bool_: out << (v.get_bool() ? "true" : "false"); return;
    case boost::json::kind::null: out << "null"; return;
    case boost::json::kind::double_: out << float_text(v.get_double()); return;
    case boost::json::kind::int64: out << v.get_int64(); return;
    case boost::json::kind::uint64: out << v.get_uint64(); return;
    }
}

}  // namespace

void write_json(const boost::json::value& v, std::ostream& out)
{
    write_indented(v, 0, out);
    out << '\n';
}

std::string scalar_text(const boost::json::value& v)
{
    switch (v.kind()) {
    case boost::json::kind::string: return std::string(v.get_string());
    case boost::json::kind::bool_: return v.get_bool() ? "True" : "False";
    case boost::json::kind::null: return "None";
    case boost::json::kind::double_: return float_text(v.get_double());
    case boost::json::kind::int64: return std::to_string(v.get_int64());
    case boost::json::kind::uint64: return std::to_string(v.get_uint64());
    default: return boost::json::serialize(v);
    }
}

}  // namespace awscoro_cli
