// The AWS CLI's table layout (awscli/formatter.py TableFormatter and
// awscli/table.py MultiTable), without colors: one section per structure or
// list, scalar keys as sorted column headers, nested values in indented
// sections. A table wider than the terminal (80 columns when stdout is not
// one) turns its one-row sections vertical, as the AWS CLI does.
#include "output.hpp"

#include <boost/json.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <set>
#include <vector>

namespace awscoro_cli {
namespace {

using boost::json::value;

/// Display width: one column per code point (the AWS CLI counts East Asian
/// wide characters twice; identifiers and ARNs have none).
std::size_t text_length(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string repeat(char c, long n) { return n > 0 ? std::string(static_cast<std::size_t>(n), c) : std::string(); }

std::string center_text(std::string_view text, long length, std::string_view left, std::string_view right)
{
    const long len = static_cast<long>(text_length(text));
    // Python's floor division, as awscli computes it.
    const long start = static_cast<long>(std::floor(length / 2.0)) - static_cast<long>(std::floor(len / 2.0)) - 1;
    std::string out = std::string(left) + repeat(' ', start) + std::string(text);
    const long so_far = static_cast<long>(left.size()) + start + len;
    out += repeat(' ', length - static_cast<long>(right.size()) - so_far);
    out += right;
    return out;
}

std::string align_left(std::string_view text, long length, std::string_view left, std::string_view right)
{
    const long len = static_cast<long>(text_length(text));
    const long padding = length - (len + 2 + static_cast<long>(left.size() + right.size())) >= 0 ? 2 : 0;
    std::string out = std::string(left) + repeat(' ', padding) + std::string(text);
    out += repeat(' ', length - (static_cast<long>(left.size()) + padding + len) - static_cast<long>(right.size()));
    out += right;
    return out;
}

struct section {
    std::string title;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    long indent_level = 0;
    std::vector<long> max_widths;

    void update_widths(const std::vector<std::string>& row)
    {
        if (max_widths.empty()) {
            for (const auto& e : row)
                max_widths.push_back(static_cast<long>(text_length(e)));
            return;
        }
        for (std::size_t i = 0; i < row.size() && i < max_widths.size(); ++i)
            max_widths[i] = std::max(max_widths[i], static_cast<long>(text_length(row[i])));
    }
    void add_header(std::vector<std::string> h)
    {
        update_widths(h);
        headers = std::move(h);
    }
    void add_row(std::vector<std::string> r)
    {
        update_widths(r);
        rows.push_back(std::move(r));
    }

    /// Column widths with `padding`, scaled to sum to `max_width` when given.
    std::vector<long> column_widths(long padding, long max_width = 0) const
    {
        std::vector<long> widths;
        long sum = 0;
        for (const long w : max_widths) {
            widths.push_back(w + padding);
            sum += w + padding;
        }
        if (max_width == 0 || widths.empty())
            return widths;
        const double scale = static_cast<double>(max_width) / static_cast<double>(sum);
        long total = 0;
        for (long& w : widths) {
            w = std::lround(std::nearbyint(scale * static_cast<double>(w)));  // Python's round(): half to even
            total += w;
        }
        long off_by = total - max_width;
        while (off_by != 0) {
            const long n = static_cast<long>(widths.size());
            for (long k = 0; k < n && off_by != 0; ++k) {
                const long i = off_by < 0 ? n - 1 - k : k;
                widths[static_cast<std::size_t>(i)] += off_by > 0 ? -1 : 1;
                off_by += off_by > 0 ? -1 : 1;
            }
        }
        return widths;
    }

    long total_width() const
    {
        long total = 0;
        for (const long w : column_widths(0))
            total += w + 4;
        total += 2 + 2 * indent_level;
        return std::max(static_cast<long>(text_length(title)) + 2 + 2 * indent_level, total);
    }
};

class table_builder {
public:
    std::vector<section> sections;

    bool build(const std::optional<std::string>& title, const value& current, long indent = 0)
    {
        if (is_empty(current))
            return false;
        if (title)
            new_section(*title, indent);
        if (current.is_array()) {
            const auto& items = current.get_array();
            if (items.front().is_object())
                build_from_list(items, indent, title);
            else
                for (const auto& item : items) {
                    if (is_scalar(item))
                        sections.back().add_row({scalar_text(item)});
                    else if (item.is_array() && std::all_of(item.get_array().begin(), item.get_array().end(), is_scalar)) {
                        std::vector<std::string> row;
                        for (const auto& e : item.get_array())
                            row.push_back(scalar_text(e));
                        sections.back().add_row(std::move(row));
                    }
                    else
                        build(std::nullopt, item);
                }
        }
        if (current.is_object())
            build_from_object(current.get_object(), indent);
        return true;
    }

private:
    static bool is_scalar(const value& v) { return !v.is_object() && !v.is_array(); }

    // Python truthiness of the AWS CLI's `if not current`.
    static bool is_empty(const value& v)
    {
        switch (v.kind()) {
        case boost::json::kind::object: return v.get_object().empty();
        case boost::json::kind::array: return v.get_array().empty();
        case boost::json::kind::string: return v.get_string().empty();
        case boost::json::kind::bool_: return !v.get_bool();
        case boost::json::kind::null: return true;
        case boost::json::kind::int64: return v.get_int64() == 0;
        case boost::json::kind::uint64: return v.get_uint64() == 0;
        case boost::json::kind::double_: return v.get_double() == 0;
        }
        return false;
    }

    void new_section(std::string title, long indent)
    {
        sections.emplace_back();
        sections.back().title = std::move(title);
        sections.back().indent_level = indent;
    }

    static void group_keys(const boost::json::object& o, std::set<std::string>& headers, std::set<std::string>& more)
    {
        for (const auto& m : o)
            (is_scalar(m.value()) ? headers : more).emplace(m.key());
    }

    void build_from_object(const boost::json::object& current, long indent)
    {
        std::set<std::string> headers, more;
        group_keys(current, headers, more);
        if (headers.size() == 1) {
            const auto& key = *headers.begin();
            sections.back().add_row({key, scalar_text(current.at(key))});
        }
        else if (!headers.empty()) {
            std::vector<std::string> row;
            for (const auto& k : headers)
                row.push_back(scalar_text(current.at(k)));
            sections.back().add_header({headers.begin(), headers.end()});
            sections.back().add_row(std::move(row));
        }
        for (const auto& k : more)
            build(k, current.at(k), indent + 1);
    }

    void build_from_list(const boost::json::array& current, long indent, const std::optional<std::string>& title)
    {
        std::set<std::string> header_set, more;
        for (const auto& e : current)
            if (e.is_object())
                group_keys(e.get_object(), header_set, more);
        const std::vector<std::string> headers(header_set.begin(), header_set.end());
        sections.back().add_header(headers);
        bool first = true;
        for (const auto& element : current) {
            if (!first && !more.empty()) {
                new_section(title.value_or(""), indent);
                sections.back().add_header(headers);
            }
            first = false;
            const auto* o = element.if_object();
            std::vector<std::string> row;
            for (const auto& h : headers) {
                const value* v = o ? o->if_contains(h) : nullptr;
                row.push_back(v ? scalar_text(*v) : "");
            }
            sections.back().add_row(std::move(row));
            for (const auto& k : more)
                if (o && o->contains(k))
                    build(k, o->at(k), indent + 1);
        }
    }
};

long terminal_width()
{
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/// One-row sections become key | value rows.
void convert_to_vertical(std::vector<section>& sections)
{
    for (auto& s : sections) {
        if (s.rows.size() != 1 || s.headers.empty())
            continue;
        section v;
        v.title = s.title;
        v.indent_level = s.indent_level;
        for (std::size_t i = 0; i < s.headers.size() && i < s.rows[0].size(); ++i)
            v.add_row({s.headers[i], s.rows[0][i]});
        s = std::move(v);
    }
}

long max_width_of(const std::vector<section>& sections)
{
    long w = 0;
    for (const auto& s : sections)
        w = std::max(w, s.total_width());
    return w;
}

void write_line_break(std::string& out, const std::vector<long>& widths)
{
    bool first = true;
    for (const long w : widths) {
        if (first)
            out += '+';
        out.append(static_cast<std::size_t>(std::max(0L, first ? w - 2 : w - 1)), '-').append(1, '+');
        first = false;
    }
    out += '\n';
}

/// Writes `text` (lines ending in '\n') framed by the section's indentation bars.
void write_indented(std::ostream& out, const std::string& text, long indent)
{
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        out << repeat('|', indent) << text.substr(start, nl - start) << repeat('|', indent) << '\n';
        start = nl + 1;
    }
}

void render_section(const section& s, long max_width, std::ostream& out)
{
    max_width -= s.indent_level * 2;
    std::string text;
    if (!s.title.empty()) {
        text += center_text(s.title, max_width, "|", "|") + '\n';
        if (s.headers.empty() && s.rows.empty())
            text.append(1, '+').append(repeat('-', max_width - 2)).append("+\n");
    }
    if (!s.headers.empty()) {
        const auto widths = s.column_widths(4, max_width);
        write_line_break(text, widths);
        bool first = true;
        for (std::size_t i = 0; i < widths.size() && i < s.headers.size(); ++i) {
            text += center_text(s.headers[i], widths[i], first ? "|" : "", "|");
            first = false;
        }
        text += '\n';
    }
    if (!s.rows.empty()) {
        const auto widths = s.column_widths(4, max_width);
        if (!widths.empty()) {
            write_line_break(text, widths);
            for (const auto& row : s.rows) {
                bool first = true;
                for (std::size_t i = 0; i < widths.size() && i < row.size(); ++i) {
                    text += align_left(row[i], widths[i], first ? "|" : "", "|");
                    first = false;
                }
                text += '\n';
            }
            write_line_break(text, widths);
        }
    }
    write_indented(out, text, s.indent_level);
}

}  // namespace

void write_table(const value& v, std::string_view title, std::ostream& out)
{
    table_builder builder;
    if (!builder.build(std::string(title), v))
        return;
    auto& sections = builder.sections;
    long max_width = max_width_of(sections);
    if (max_width > terminal_width()) {
        convert_to_vertical(sections);
        max_width = max_width_of(sections);
    }
    out << repeat('-', max_width) << '\n';
    for (const auto& s : sections)
        render_section(s, max_width, out);
}

}  // namespace awscoro_cli
