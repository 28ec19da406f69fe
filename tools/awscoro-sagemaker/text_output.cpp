// The AWS CLI's text layout (awscli/text.py): a structure's scalars on one
// tab-separated line in sorted key order, prefixed by the upper-cased key it
// sits under; nested lists and structures follow on their own lines.
#include "output.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <set>
#include <vector>

namespace awscoro_cli {
namespace {

using boost::json::value;

bool is_scalar(const value& v) { return !v.is_object() && !v.is_array(); }

std::string upper(std::string_view s)
{
    std::string u(s);
    std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return u;
}

void format(const value& item, std::ostream& out, const std::optional<std::string>& identifier,
            const std::vector<std::string>* scalar_keys);

void format_scalar_list(const boost::json::array& elements, const std::optional<std::string>& identifier,
                        std::ostream& out)
{
    if (identifier) {
        for (const auto& e : elements)
            out << upper(*identifier) << '\t' << scalar_text(e) << '\n';
        return;
    }
    bool first = true;
    for (const auto& e : elements) {
        out << (first ? "" : "\t") << scalar_text(e);
        first = false;
    }
    out << '\n';
}

void format_list(const boost::json::array& items, const std::optional<std::string>& identifier, std::ostream& out)
{
    if (items.empty())
        return;
    if (std::any_of(items.begin(), items.end(), [](const value& e) { return e.is_object(); })) {
        // Every row gets a column for each scalar key of any element.
        std::set<std::string> keys;
        for (const auto& e : items)
            if (e.is_object())
                for (const auto& m : e.get_object())
                    if (is_scalar(m.value()))
                        keys.emplace(m.key());
        const std::vector<std::string> all_keys(keys.begin(), keys.end());
        for (const auto& e : items)
            format(e, out, identifier, &all_keys);
        return;
    }
    if (std::any_of(items.begin(), items.end(), [](const value& e) { return e.is_array(); })) {
        boost::json::array scalars;
        for (const auto& e : items)
            if (is_scalar(e))
                scalars.push_back(e);
        if (!scalars.empty())
            format_scalar_list(scalars, identifier, out);
        for (const auto& e : items)
            if (!is_scalar(e))
                format(e, out, identifier, nullptr);
        return;
    }
    format_scalar_list(items, identifier, out);
}

void format_object(const boost::json::object& item, std::ostream& out, const std::optional<std::string>& identifier,
                   const std::vector<std::string>* scalar_keys)
{
    std::vector<std::string> scalars;
    std::vector<std::pair<std::string, const value*>> rest;
    std::vector<std::string> keys;
    for (const auto& m : item)
        keys.emplace_back(m.key());
    std::sort(keys.begin(), keys.end());
    if (scalar_keys == nullptr) {
        for (const auto& k : keys) {
            const value& v = item.at(k);
            if (is_scalar(v))
                scalars.push_back(scalar_text(v));
            else
                rest.emplace_back(k, &v);
        }
    }
    else {
        for (const auto& k : *scalar_keys) {
            const auto* v = item.if_contains(k);
            scalars.push_back(v ? scalar_text(*v) : "");
        }
        for (const auto& k : keys)
            if (std::find(scalar_keys->begin(), scalar_keys->end(), k) == scalar_keys->end())
                rest.emplace_back(k, &item.at(k));
    }
    if (!scalars.empty()) {
        if (identifier)
            scalars.insert(scalars.begin(), upper(*identifier));
        bool first = true;
        for (const auto& s : scalars) {
            out << (first ? "" : "\t") << s;
            first = false;
        }
        out << '\n';
    }
    for (const auto& [key, v] : rest)
        format(*v, out, key, nullptr);
}

void format(const value& item, std::ostream& out, const std::optional<std::string>& identifier,
            const std::vector<std::string>* scalar_keys)
{
    if (item.is_object())
        format_object(item.get_object(), out, identifier, scalar_keys);
    else if (item.is_array())
        format_list(item.get_array(), identifier, out);
    else
        out << scalar_text(item) << '\n';
}

}  // namespace

void write_text(const value& v, std::ostream& out) { format(v, out, std::nullopt, nullptr); }

}  // namespace awscoro_cli
