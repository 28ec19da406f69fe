#include <awscoro/aws_config_file.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace awscoro {

const std::string* aws_config_section::find(std::string_view key) const
{
    const auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
}

const std::string* aws_config_section::find(std::string_view key, std::string_view sub_key) const
{
    const auto it = sub_values.find(key);
    if (it == sub_values.end())
        return nullptr;
    const auto sub = it->second.find(sub_key);
    return sub == it->second.end() ? nullptr : &sub->second;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s)
{
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

bool has_space(std::string_view s) { return s.find_first_of(" \t") != std::string_view::npos; }

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The characters the SDKs accept in profile, services and sso-session names.
bool valid_section_name(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::strchr("_-/.%@:+", c) != nullptr;
        if (!ok)
            return false;
    }
    return true;
}

// "profile foo" -> "foo" when `s` is `word`, whitespace, then a name.
bool split_prefix(std::string_view s, std::string_view word, std::string_view& rest)
{
    if (!s.starts_with(word) || s.size() == word.size() || !is_space(s[word.size()]))
        return false;
    rest = trim(s.substr(word.size()));
    return true;
}

// Removes a comment that follows a value; it must be preceded by whitespace.
std::string_view strip_value_comment(std::string_view v)
{
    for (std::size_t i = 1; i < v.size(); ++i)
        if ((v[i] == '#' || v[i] == ';') && is_space(v[i - 1]))
            return v.substr(0, i);
    return v;
}

void merge_section(aws_config_section& dst, const aws_config_section& src)
{
    for (const auto& [k, v] : src.values) {
        dst.values[k] = v;
        dst.sub_values.erase(k);
    }
    for (const auto& [k, m] : src.sub_values)
        dst.sub_values[k] = m;
}

void merge_all(std::map<std::string, aws_config_section, std::less<>>& dst,
               const std::map<std::string, aws_config_section, std::less<>>& src)
{
    for (const auto& [name, section] : src)
        merge_section(dst[name], section);
}

// One file's parse. Sections are filled in place as lines arrive.
class parser {
public:
    parser(aws_file_kind kind, std::string_view file) : kind_(kind), file_(file) {}

    bool run(std::string_view text, std::string& error)
    {
        if (text.starts_with("\xEF\xBB\xBF"))  // a UTF-8 byte order mark
            text.remove_prefix(3);
        for (std::size_t pos = 0;;) {
            const auto nl = text.find('\n', pos);
            std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            ++line_no_;
            if (line.ends_with('\r'))
                line.remove_suffix(1);
            if (!parse_line(line)) {
                error = std::move(error_);
                return false;
            }
            if (nl == std::string_view::npos)
                break;
            pos = nl + 1;
        }
        return true;
    }

    // Merges this file into `into` (after a successful run).
    void merge_into(aws_config_data& into)
    {
        // [profile default] wins over [default] in the config file, whatever the order.
        if (!saw_prefixed_default_ && saw_bare_default_)
            merge_section(data_.profiles["default"], bare_default_);
        merge_all(into.profiles, data_.profiles);
        merge_all(into.services, data_.services);
        merge_all(into.sso_sessions, data_.sso_sessions);
        into.warnings.insert(into.warnings.end(), data_.warnings.begin(), data_.warnings.end());
    }

private:
    std::string where() const { return std::string(file_) + ":" + std::to_string(line_no_) + ": "; }

    bool fail(std::string what)
    {
        error_ = where() + std::move(what);
        return false;
    }

    void warn(std::string what) { data_.warnings.push_back(where() + std::move(what)); }

    bool parse_line(std::string_view line)
    {
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#' || content.front() == ';')
            return true;
        if (is_space(line.front()))
            return continuation(content);
        if (line.front() == '[')
            return section_header(line);
        return property(line);
    }

    bool section_header(std::string_view line)
    {
        const auto close = line.find(']');
        if (close == std::string_view::npos)
            return fail("a section header has no closing ']'");
        const std::string_view after = trim(line.substr(close + 1));
        if (!after.empty() && after.front() != '#' && after.front() != ';')
            return fail("unexpected text after the section header's ']'");
        const std::string_view name = trim(line.substr(1, close - 1));
        in_section_ = true;
        last_key_.clear();
        section_ = select_section(name);
        return error_.empty();
    }

    // The section a header names, or nullptr when it is to be ignored.
    aws_config_section* select_section(std::string_view name)
    {
        std::string_view rest;
        if (kind_ == aws_file_kind::credentials) {
            if (split_prefix(name, "sso-session", rest)) {
                fail("sso-session sections belong in the config file");
                return nullptr;
            }
            if (split_prefix(name, "profile", rest)) {
                warn("section ignored: the credentials file names profiles without the 'profile' prefix");
                return nullptr;
            }
            return named(data_.profiles, name, "profile");
        }
        if (name == "default") {
            saw_bare_default_ = true;
            return &bare_default_;
        }
        if (split_prefix(name, "profile", rest)) {
            if (rest == "default")
                saw_prefixed_default_ = true;
            return named(data_.profiles, rest, "profile");
        }
        if (split_prefix(name, "services", rest))
            return named(data_.services, rest, "services");
        if (split_prefix(name, "sso-session", rest))
            return named(data_.sso_sessions, rest, "sso-session");
        if (!has_space(name))
            warn("section ignored: profiles in the config file are named [profile " + std::string(name) + "]");
        return nullptr;  // an unknown kind of section: read, not used
    }

    aws_config_section* named(std::map<std::string, aws_config_section, std::less<>>& sections, std::string_view name,
                              std::string_view what)
    {
        if (valid_section_name(name))
            return &sections[std::string(name)];
        warn(std::string(what) + " section ignored: invalid name (allowed: letters, digits and _-/.%@:+)");
        return nullptr;
    }

    bool property(std::string_view line)
    {
        if (!in_section_)
            return fail("a setting before any [section] header");
        const auto eq = line.find('=');
        if (eq == std::string_view::npos)
            return fail("expected 'key = value'");
        const std::string_view key = trim(line.substr(0, eq));
        if (key.empty())
            return fail("a setting has no name before '='");
        const std::string_view value = trim(strip_value_comment(trim(line.substr(eq + 1))));
        last_key_.clear();
        if (has_space(key)) {
            warn("setting ignored: its name contains whitespace");
            return true;
        }
        last_key_ = lower(key);
        parent_ = value.empty();
        if (section_ != nullptr) {
            section_->values[last_key_] = std::string(value);
            section_->sub_values.erase(last_key_);
        }
        return true;
    }

    bool continuation(std::string_view content)
    {
        if (!in_section_)
            return fail("an indented line before any [section] header");
        if (last_key_.empty())
            return fail("an indented line that continues no setting");
        if (!parent_) {
            if (section_ != nullptr) {
                auto& value = section_->values[last_key_];
                value += '\n';
                value += content;
            }
            return true;
        }
        const auto eq = content.find('=');
        if (eq == std::string_view::npos)
            return fail("expected 'key = value' in the sub-settings of '" + last_key_ + "'");
        const std::string_view key = trim(content.substr(0, eq));
        if (key.empty())
            return fail("a sub-setting of '" + last_key_ + "' has no name before '='");
        if (has_space(key)) {
            warn("sub-setting ignored: its name contains whitespace");
            return true;
        }
        if (section_ != nullptr)
            section_->sub_values[last_key_][std::string(key)] = std::string(trim(content.substr(eq + 1)));
        return true;
    }

    aws_file_kind kind_;
    std::string_view file_;
    std::size_t line_no_ = 0;
    std::string error_;
    aws_config_data data_;
    aws_config_section bare_default_;
    bool saw_bare_default_ = false;
    bool saw_prefixed_default_ = false;
    bool in_section_ = false;
    aws_config_section* section_ = nullptr;  // null: an ignored section
    std::string last_key_;                   // empty: nothing to continue
    bool parent_ = false;                    // last_key_ had an empty value: sub-settings follow
};

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

std::string home_directory()
{
    if (std::string h = env("HOME"); !h.empty())
        return h;
    passwd pw{};
    passwd* found = nullptr;
    char buffer[4096];
    if (getpwuid_r(getuid(), &pw, buffer, sizeof buffer, &found) == 0 && found != nullptr && pw.pw_dir != nullptr)
        return pw.pw_dir;
    return {};
}

std::string expand_home(std::string path)
{
    if (path == "~" || path.starts_with("~/"))
        path.replace(0, 1, home_directory());
    return path;
}

// False with `error` set when the file exists but cannot be read.
bool read_file(const std::string& path, std::string& text, bool& exists, std::string& error)
{
    exists = false;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return true;
        error = path + ": cannot be read: " + std::strerror(errno);
        return false;
    }
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            const int err = n == 0 ? 0 : errno;
            ::close(fd);
            if (err != 0) {
                error = path + ": cannot be read: " + std::strerror(err);
                return false;
            }
            exists = true;
            return true;
        }
    }
}

}  // namespace

bool parse_aws_config(std::string_view text, aws_file_kind kind, std::string_view file_name, aws_config_data& into,
                      std::string& error)
{
    parser p(kind, file_name);
    if (!p.run(text, error))
        return false;
    p.merge_into(into);
    return true;
}

shared_config_options resolve_shared_config(const shared_config_options& options)
{
    shared_config_options r = options;
    if (r.profile.empty())
        r.profile = env("AWS_PROFILE");
    if (r.profile.empty())
        r.profile = "default";
    if (r.config_file.empty())
        r.config_file = env("AWS_CONFIG_FILE");
    if (r.config_file.empty())
        r.config_file = "~/.aws/config";
    if (r.credentials_file.empty())
        r.credentials_file = env("AWS_SHARED_CREDENTIALS_FILE");
    if (r.credentials_file.empty())
        r.credentials_file = "~/.aws/credentials";
    r.config_file = expand_home(std::move(r.config_file));
    r.credentials_file = expand_home(std::move(r.credentials_file));
    return r;
}

bool load_aws_config(const shared_config_options& resolved, aws_config_data& out, std::string& error)
{
    aws_config_data data;
    const std::pair<const std::string*, aws_file_kind> files[] = {
        {&resolved.config_file, aws_file_kind::config},
        {&resolved.credentials_file, aws_file_kind::credentials},
    };
    for (const auto& [path, kind] : files) {
        std::string text;
        bool exists = false;
        if (!read_file(*path, text, exists, error))
            return false;
        if (exists && !parse_aws_config(text, kind, *path, data, error))
            return false;
    }
    out = std::move(data);
    return true;
}

}  // namespace awscoro
