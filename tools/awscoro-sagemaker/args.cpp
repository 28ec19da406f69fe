#include "args.hpp"

#include <algorithm>
#include <charconv>

namespace awscoro_cli {

std::optional<std::string> parsed_args::value(std::string_view name) const
{
    const auto it = values_.find(name);
    if (it == values_.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> parsed_args::values(std::string_view name) const
{
    const auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

void parsed_args::set(std::string name, std::vector<std::string> values)
{
    if (!has(name))
        order_.push_back(name);
    values_[std::move(name)] = std::move(values);
}

namespace {

const option_spec* find_spec(std::span<const option_spec> specs, std::string_view name)
{
    const auto it = std::find_if(specs.begin(), specs.end(), [&](const option_spec& s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

bool is_option(std::string_view arg) { return arg.size() > 2 && arg.starts_with("--"); }

}  // namespace

command_line parse_command_line(
    std::span<const std::string_view> args, std::span<const option_spec> global,
    const std::function<std::optional<std::span<const option_spec>>(std::string_view)>& command_options)
{
    command_line out;
    std::span<const option_spec> specs;
    std::vector<std::string> unknown;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--help" || (arg == "help" && !out.command.empty())) {
            out.help = true;
            continue;
        }
        if (!is_option(arg)) {
            if (!out.command.empty())
                throw usage_error("unexpected argument '" + std::string(arg) + "'");
            out.command = arg;
            if (arg == "help") {
                out.help = true;
                out.command.clear();
                continue;
            }
            const auto found = command_options(arg);
            if (!found)
                throw usage_error("unknown command '" + std::string(arg) + "'; run 'awscoro-sagemaker help'");
            specs = *found;
            continue;
        }

        std::string_view name = arg.substr(2);
        std::optional<std::string_view> inline_value;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const option_spec* spec = find_spec(global, name);
        if (spec == nullptr)
            spec = find_spec(specs, name);
        if (spec == nullptr) {
            if (!out.command.empty())
                throw usage_error("unknown option --" + std::string(name) + " for '" + out.command + "'");
            unknown.emplace_back(arg);  // before any command: reported below
            continue;
        }

        std::vector<std::string> values;
        if (inline_value) {
            if (spec->kind == arity::flag)
                throw usage_error("--" + std::string(name) + " takes no value");
            values.emplace_back(*inline_value);
        }
        else if (spec->kind != arity::flag) {
            while (i + 1 < args.size() && !is_option(args[i + 1])) {
                values.emplace_back(args[++i]);
                if (spec->kind == arity::single)
                    break;
            }
            if (values.empty())
                throw usage_error("argument --" + std::string(name) + ": expected " +
                                  (spec->kind == arity::list ? "one or more arguments" : "one argument"));
        }
        out.options.set(std::string(name), std::move(values));
    }

    if (!unknown.empty())
        throw usage_error("unknown option " + unknown.front());
    return out;
}

long long parse_integer(std::string_view option, std::string_view text, long long min, long long max)
{
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < min || n > max)
        throw usage_error("--" + std::string(option) + ": expected an integer from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got '" + std::string(text) + "'");
    return n;
}

}  // namespace awscoro_cli
