#include "operation_inputs.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>

namespace awscoro_cli {

namespace {

using mt = member_type;

constexpr std::array create_image_version_options{
    member_option{"base-image", "BaseImage", mt::string, true},
    member_option{"client-token", "ClientToken"},
    member_option{"image-name", "ImageName", mt::string, true},
    member_option{"aliases", "Aliases", mt::string_list},
    member_option{"vendor-guidance", "VendorGuidance"},
    member_option{"job-type", "JobType"},
    member_option{"ml-framework", "MLFramework"},
    member_option{"programming-lang", "ProgrammingLang"},
    member_option{"processor", "Processor"},
    member_option{"horovod", "Horovod", mt::boolean, false, "no-horovod"},
    member_option{"release-notes", "ReleaseNotes"},
};

constexpr std::array describe_image_version_options{
    member_option{"image-name", "ImageName", mt::string, true},
    member_option{"alias", "Alias"},
    member_option{"version-number", "Version", mt::integer},
};

// Paging is the command's (--page-size, --starting-token, --max-items).
constexpr std::array list_image_versions_options{
    member_option{"creation-time-after", "CreationTimeAfter", mt::timestamp},
    member_option{"creation-time-before", "CreationTimeBefore", mt::timestamp},
    member_option{"image-name", "ImageName", mt::string, true},
    member_option{"last-modified-time-after", "LastModifiedTimeAfter", mt::timestamp},
    member_option{"last-modified-time-before", "LastModifiedTimeBefore", mt::timestamp},
    member_option{"sort-by", "SortBy"},
    member_option{"sort-order", "SortOrder"},
};
constexpr std::array<std::string_view, 2> list_image_versions_document_only{"MaxResults", "NextToken"};

constexpr std::array create_image_options{
    member_option{"description", "Description"},
    member_option{"display-name", "DisplayName"},
    member_option{"image-name", "ImageName", mt::string, true},
    member_option{"role-arn", "RoleArn", mt::string, true},
    member_option{"tags", "Tags", mt::tags},
};

constexpr std::array delete_image_version_options{
    member_option{"image-name", "ImageName", mt::string, true},
    member_option{"alias", "Alias"},
    member_option{"version-number", "Version", mt::integer},
};

std::string read_input_document(const std::string& value)
{
    if (!value.starts_with("file://"))
        return value;
    const std::string path = value.substr(7);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw usage_error("--cli-input-json: cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A JSON value given as an option's text ('["a","b"]'), or nothing if it is not JSON.
std::optional<boost::json::value> as_json(std::string_view text)
{
    if (text.empty() || (text.front() != '[' && text.front() != '{'))
        return std::nullopt;
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec)
        return std::nullopt;
    return v;
}

boost::json::value parse_tag(std::string_view flag, std::string_view text)
{
    // Shorthand: Key=k,Value=v (a value may itself contain '=' but not ',').
    boost::json::object tag;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        const auto pair = text.substr(start, comma - start);
        const auto eq = pair.find('=');
        const auto key = pair.substr(0, eq);
        if (eq == std::string_view::npos || (key != "Key" && key != "Value"))
            throw usage_error("--" + std::string(flag) + ": expected Key=string,Value=string, got '" +
                              std::string(text) + "'");
        tag[key] = pair.substr(eq + 1);
        start = comma + 1;
    }
    return tag;
}

// A list flag: one argument holding a JSON array is taken as is (as the AWS
// CLI does), else each argument becomes an element through `element`.
template <class Element>
boost::json::value list_argument(const std::vector<std::string>& values, Element element)
{
    if (values.size() == 1)
        if (auto v = as_json(values.front()); v && v->is_array())
            return *v;
    boost::json::array a;
    for (const auto& s : values)
        a.push_back(element(s));
    return a;
}

boost::json::value option_value(const parsed_args& args, const member_option& m)
{
    switch (m.type) {
    case mt::string: return boost::json::string(*args.value(m.flag));
    case mt::integer:
        return parse_integer(m.flag, *args.value(m.flag), std::numeric_limits<int>::min(),
                             std::numeric_limits<int>::max());
    case mt::boolean: return true;  // --no-X handled by the caller
    case mt::timestamp: return parse_timestamp(m.flag, *args.value(m.flag));
    case mt::string_list:
        return list_argument(args.values(m.flag), [](const auto& s) { return boost::json::value(s); });
    case mt::tags:
        return list_argument(args.values(m.flag), [&](const auto& s) { return parse_tag(m.flag, s); });
    }
    return nullptr;
}

int two_digits(std::string_view s, std::size_t at)
{
    if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
        !std::isdigit(static_cast<unsigned char>(s[at + 1])))
        return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

const operation_inputs create_image_version_inputs{create_image_version_options};
const operation_inputs describe_image_version_inputs{describe_image_version_options};
const operation_inputs list_image_versions_inputs{list_image_versions_options, list_image_versions_document_only};
const operation_inputs create_image_inputs{create_image_options};
const operation_inputs delete_image_version_inputs{delete_image_version_options};

std::vector<option_spec> option_specs(const operation_inputs& inputs)
{
    std::vector<option_spec> specs{{"cli-input-json", arity::single}};
    for (const auto& m : inputs.options) {
        switch (m.type) {
        case mt::boolean:
            specs.push_back({m.flag, arity::flag});
            specs.push_back({m.negated, arity::flag});
            break;
        case mt::string_list:
        case mt::tags: specs.push_back({m.flag, arity::list}); break;
        default: specs.push_back({m.flag, arity::single});
        }
    }
    return specs;
}

void check_members(const boost::json::object& input, const operation_inputs& inputs)
{
    for (const auto& kv : input) {
        const auto key = kv.key();
        const bool known =
            std::any_of(inputs.options.begin(), inputs.options.end(), [&](const auto& m) { return m.member == key; }) ||
            std::find(inputs.document_only.begin(), inputs.document_only.end(), key) != inputs.document_only.end();
        if (!known)
            throw usage_error("unknown member \"" + std::string(key) + "\"");
    }
}

boost::json::object build_input(const parsed_args& args, const operation_inputs& inputs)
{
    boost::json::object input;
    if (const auto doc = args.value("cli-input-json")) {
        boost::system::error_code ec;
        auto v = boost::json::parse(read_input_document(*doc), ec);
        if (ec || !v.is_object())
            throw usage_error("--cli-input-json: expected a JSON object" + (ec ? ": " + ec.message() : std::string()));
        input = std::move(v.get_object());
        try {
            check_members(input, inputs);
        }
        catch (const usage_error& e) {
            throw usage_error(std::string("--cli-input-json: ") + e.what());
        }
    }
    for (const auto& m : inputs.options) {
        if (m.type == mt::boolean && args.has(m.negated)) {
            if (args.has(m.flag))
                throw usage_error("--" + std::string(m.flag) + " and --" + std::string(m.negated) +
                                  " cannot be used together");
            input[m.member] = false;
        }
        else if (args.has(m.flag))
            input[m.member] = option_value(args, m);
    }
    std::string missing;
    for (const auto& m : inputs.options)
        if (m.required && !input.contains(m.member))
            missing += (missing.empty() ? "--" : ", --") + std::string(m.flag);
    if (!missing.empty())
        throw usage_error("the following arguments are required: " + missing);
    return input;
}

double parse_timestamp(std::string_view option, std::string_view text)
{
    const auto bad = [&]() {
        return usage_error("--" + std::string(option) +
                           ": expected epoch seconds or an ISO 8601 time such as 2024-05-01T12:00:00Z, got '" +
                           std::string(text) + "'");
    };
    double epoch = 0;
    if (const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), epoch);
        ec == std::errc{} && end == text.data() + text.size())
        return epoch;

    // YYYY-MM-DD
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        throw bad();
    int year = 0;
    if (std::from_chars(text.data(), text.data() + 4, year).ptr != text.data() + 4)
        throw bad();
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = two_digits(text, 5) - 1;
    tm.tm_mday = two_digits(text, 8);
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31)
        throw bad();
    std::size_t at = 10;
    double fraction = 0;
    long offset_seconds = 0;
    if (at < text.size() && (text[at] == 'T' || text[at] == ' ')) {
        tm.tm_hour = two_digits(text, at + 1);
        if (tm.tm_hour < 0 || tm.tm_hour > 23 || at + 3 >= text.size() || text[at + 3] != ':')
            throw bad();
        tm.tm_min = two_digits(text, at + 4);
        if (tm.tm_min < 0 || tm.tm_min > 59)
            throw bad();
        at += 6;
        if (at < text.size() && text[at] == ':') {
            tm.tm_sec = two_digits(text, at + 1);
            if (tm.tm_sec < 0 || tm.tm_sec > 60)
                throw bad();
            at += 3;
            if (at < text.size() && text[at] == '.') {
                std::size_t end = at + 1;
                while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
                    ++end;
                if (end == at + 1)
                    throw bad();
                std::from_chars(text.data() + at + 1, text.data() + end, fraction);
                fraction /= std::pow(10.0, static_cast<double>(end - at - 1));
                at = end;
            }
        }
        if (at < text.size() && text[at] == 'Z')
            ++at;
        else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
            const int hours = two_digits(text, at + 1);
            const int minutes = at + 3 < text.size() && text[at + 3] == ':' ? two_digits(text, at + 4) : -1;
            if (hours < 0 || minutes < 0)
                throw bad();
            offset_seconds = (text[at] == '+' ? 1 : -1) * (hours * 3600L + minutes * 60L);
            at += 6;
        }
    }
    if (at != text.size())
        throw bad();
    return static_cast<double>(::timegm(&tm) - offset_seconds) + fraction;
}

}  // namespace awscoro_cli
