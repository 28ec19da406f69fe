#include "state_file.hpp"

#include <awscoro/sagemaker/codec.hpp>

#include <boost/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sagemaker_local {

namespace json = boost::json;

namespace {

constexpr std::string_view format_name = "sagemaker-local-state/1";

template <class T>
json::value message_to_value(const T& msg)
{
    std::string text;
    sm::to_json(msg, text);
    return json::parse(text);
}

template <class T>
void value_to_message(const json::value& v, T& out, std::string_view what)
{
    awscoro::diagnostics diag;
    if (sm::from_json(json::serialize(v), out, diag))
        throw std::runtime_error(std::string(what) + ": " + diag.message);
}

double to_seconds(timestamp t)
{
    return t.time_since_epoch().count();
}

timestamp from_seconds(const json::value& v)
{
    return timestamp{timestamp::duration{v.to_number<double>()}};
}

json::array strings_to_array(const std::vector<std::string>& list)
{
    json::array out;
    for (const auto& s : list)
        out.emplace_back(s);
    return out;
}

std::vector<std::string> array_to_strings(const json::value& v)
{
    std::vector<std::string> out;
    for (const auto& s : v.as_array())
        out.emplace_back(s.as_string());
    return out;
}

}  // namespace

std::string state_to_json(const store_state& state)
{
    json::array images;
    for (const auto& [name, image] : state.images) {
        json::array tags;
        for (const auto& tag : image.tags)
            tags.push_back(json::object{{"Key", tag.key}, {"Value", tag.value}});
        json::array versions;
        for (const auto& [number, version] : image.versions)
            versions.push_back(json::object{
                {"describe", message_to_value(version.info)},
                {"aliases", strings_to_array(version.aliases)},
                {"due", to_seconds(version.due)},
            });
        images.push_back(json::object{
            {"describe", message_to_value(image.info)},
            {"tags", std::move(tags)},
            {"last_version", image.last_version},
            {"due", to_seconds(image.due)},
            {"versions", std::move(versions)},
        });
    }
    json::array tokens;
    for (const auto& [token, record] : state.tokens)
        tokens.push_back(json::object{
            {"request", message_to_value(record.request)},
            {"image_version_arn", record.image_version_arn},
        });
    return json::serialize(json::object{
        {"format", format_name},
        {"images", std::move(images)},
        {"tokens", std::move(tokens)},
    });
}

bool state_from_json(std::string_view text, store_state& state, std::string& error)
{
    state = {};
    try {
        const auto doc = json::parse(text).as_object();
        if (doc.at("format").as_string() != format_name)
            throw std::runtime_error("unknown format, expected " + std::string(format_name));
        for (const auto& item : doc.at("images").as_array()) {
            const auto& obj = item.as_object();
            image_record image;
            value_to_message(obj.at("describe"), image.info, "image");
            for (const auto& tag : obj.at("tags").as_array())
                image.tags.push_back({std::string(tag.as_object().at("Key").as_string()),
                                      std::string(tag.as_object().at("Value").as_string())});
            image.last_version = obj.at("last_version").to_number<int>();
            image.due = from_seconds(obj.at("due"));
            for (const auto& v : obj.at("versions").as_array()) {
                const auto& fields = v.as_object();
                version_record version;
                value_to_message(fields.at("describe"), version.info, "image version");
                version.aliases = array_to_strings(fields.at("aliases"));
                version.due = from_seconds(fields.at("due"));
                const int number = version.info.version.value_or(0);
                image.versions.emplace(number, std::move(version));
            }
            auto name = image.info.image_name.value_or("");
            state.images.emplace(std::move(name), std::move(image));
        }
        for (const auto& item : doc.at("tokens").as_array()) {
            const auto& fields = item.as_object();
            token_record record;
            value_to_message(fields.at("request"), record.request, "token");
            record.image_version_arn = fields.at("image_version_arn").as_string();
            auto token = record.request.client_token;
            state.tokens.emplace(std::move(token), std::move(record));
        }
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    return true;
}

bool save_state(const std::string& path, const store_state& state, std::string& error)
{
    const auto text = state_to_json(state);
    const auto temporary = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = "cannot create " + temporary + ": " + std::strerror(errno);
        return false;
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        written += static_cast<std::size_t>(n);
    }
    const bool ok = written == text.size() && ::fsync(fd) == 0;
    const int saved_errno = errno;
    ::close(fd);
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path + ": " + std::strerror(ok ? errno : saved_errno);
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

bool load_state(const std::string& path, store_state& state, std::string& error)
{
    state = {};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec) && !ec)
        return true;  // first run: nothing saved yet
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        error = "cannot read " + path;
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (!state_from_json(text.str(), state, error)) {
        error = path + ": " + error;
        return false;
    }
    return true;
}

}  // namespace sagemaker_local
