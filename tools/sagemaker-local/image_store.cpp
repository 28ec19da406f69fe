#include "image_store.hpp"

#include "pagination.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace sagemaker_local {

namespace {

using image_status = sm::image_status;
using version_status = sm::image_version_status;

template <class E>
bool has_status(const std::optional<awscoro::open_enum<E>>& status, E value)
{
    return status && *status == value;
}

timestamp after(timestamp now, std::chrono::milliseconds delay)
{
    return now + std::chrono::duration<double>(delay);
}

double seconds(const std::optional<timestamp>& t)
{
    return t ? t->time_since_epoch().count() : 0.0;
}

/// Version numbers as text that sorts like the numbers.
std::string padded(int version)
{
    char text[16];
    std::snprintf(text, sizeof text, "%010d", version);
    return text;
}

bool in_range(const std::optional<timestamp>& value, const std::optional<timestamp>& after_or_at,
              const std::optional<timestamp>& before_or_at)
{
    if (!value)
        return !after_or_at && !before_or_at;
    return (!after_or_at || *value >= *after_or_at) && (!before_or_at || *value <= *before_or_at);
}

/// arn:...:image/NAME -> arn:...:image-version/NAME/N
std::string version_arn(std::string_view image_arn, int version)
{
    const auto at = image_arn.find(":image/");
    return std::string(image_arn.substr(0, at)) + ":image-version/" + std::string(image_arn.substr(at + 7)) + "/" +
           std::to_string(version);
}

std::string quoted(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

/// The version of `image` carrying `alias`, or nullptr.
version_record* version_with_alias(image_record& image, std::string_view alias)
{
    for (auto& [number, version] : image.versions)
        if (std::find(version.aliases.begin(), version.aliases.end(), alias) != version.aliases.end())
            return &version;
    return nullptr;
}

/// The aliases of `list` that occur twice, as a ValidationException.
std::optional<api_error> duplicate_alias(const std::vector<std::string>& list, std::string_view member)
{
    std::set<std::string_view> seen;
    for (const auto& alias : list)
        if (!seen.insert(alias).second)
            return validation(std::string(member) + ": alias " + quoted(alias) + " is listed twice");
    return std::nullopt;
}

}  // namespace

image_store::image_store(store_config config) : config_(std::move(config))
{
    if (!config_.fail_base_image_pattern.empty())
        fail_pattern_.assign(config_.fail_base_image_pattern, std::regex::ECMAScript);
}

std::string image_store::image_arn(std::string_view name) const
{
    return "arn:aws:sagemaker:" + config_.region + ":" + config_.account + ":image/" + std::string(name);
}

std::string image_store::image_version_arn(std::string_view name, int version) const
{
    return version_arn(image_arn(name), version);
}

void image_store::track(const std::string& image, int number, timestamp due)
{
    unsettled_.emplace(due, std::pair{image, number});
}

void image_store::settle(image_record& image, timestamp now)
{
    if (has_status(image.info.image_status, image_status::creating) && image.due <= now) {
        image.info.image_status = image_status::created;
        image.info.last_modified_time = image.due;
    }
    while (!unsettled_.empty() && unsettled_.begin()->first <= now) {
        auto node = unsettled_.extract(unsettled_.begin());
        const auto& [name, number] = node.mapped();
        // The image may be gone (deleted with its versions) or be this one.
        if (auto it = state_.images.find(name); it != state_.images.end())
            settle_version(it->second, number, now);
    }
}

void image_store::settle_version(image_record& image, int number, timestamp now)
{
    const auto it = image.versions.find(number);
    if (it == image.versions.end() || it->second.due > now)
        return;  // gone, or re-scheduled (created, then deleted)
    auto& version = it->second;
    auto& info = version.info;
    if (has_status(info.image_version_status, version_status::deleting)) {
        image.versions.erase(it);
        return;
    }
    if (has_status(info.image_version_status, version_status::creating)) {
        const auto& base = info.base_image.value_or("");
        if (!config_.fail_base_image_pattern.empty() && std::regex_search(base, fail_pattern_)) {
            info.image_version_status = version_status::create_failed;
            info.failure_reason = "Failed to pull the base image " + base + ": access denied or not found";
        } else {
            info.image_version_status = version_status::created;
            info.container_image = base;
        }
        info.last_modified_time = version.due;
    }
}

image_record* image_store::find_image(const std::string& name, timestamp now)
{
    auto it = state_.images.find(name);
    if (it == state_.images.end())
        return nullptr;
    auto& image = it->second;
    if (has_status(image.info.image_status, image_status::deleting) && image.due <= now) {
        state_.images.erase(it);
        return nullptr;
    }
    settle(image, now);
    return &image;
}

// ---------------------------------------------------------------- images

outcome<sm::create_image_response> image_store::execute(const sm::create_image_request& req, timestamp now)
{
    std::lock_guard lock{mutex_};
    if (find_image(req.image_name, now))
        return resource_in_use("Image " + quoted(image_arn(req.image_name)) + " already exists.");

    image_record image;
    image.info.creation_time = now;
    image.info.last_modified_time = now;
    image.info.description = req.description;
    image.info.display_name = req.display_name;
    image.info.image_arn = image_arn(req.image_name);
    image.info.image_name = req.image_name;
    image.info.image_status = image_status::creating;
    image.info.role_arn = req.role_arn;
    image.tags = req.tags;
    image.due = after(now, config_.create_delay);
    settle(image, now);

    sm::create_image_response out{.image_arn = image.info.image_arn};
    state_.images.emplace(req.image_name, std::move(image));
    ++counters_.images_created;
    return out;
}

outcome<sm::describe_image_response> image_store::execute(const sm::describe_image_request& req, timestamp now)
{
    std::lock_guard lock{mutex_};
    const auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    return image->info;
}

outcome<sm::delete_image_response> image_store::execute(const sm::delete_image_request& req, timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    if (has_status(image->info.image_status, image_status::deleting))
        return resource_in_use("Image " + quoted(image->info.image_arn.value_or("")) + " is already being deleted.");

    // As AWS documents, deleting an image deletes its versions with it.
    image->info.image_status = image_status::deleting;
    image->info.last_modified_time = now;
    image->due = after(now, config_.delete_delay);
    for (auto& [number, version] : image->versions) {
        version.info.image_version_status = version_status::deleting;
        version.info.last_modified_time = now;
        version.aliases.clear();
        version.due = image->due;
    }
    if (image->due <= now)
        state_.images.erase(req.image_name);
    return sm::delete_image_response{};
}

outcome<sm::list_images_response> image_store::execute(const sm::list_images_request& req, timestamp now)
{
    std::lock_guard lock{mutex_};
    const auto by = req.sort_by.value_or(sm::image_sort_by::creation_time);
    const bool descending = req.sort_order.value_or(sm::image_sort_order::descending) ==
                            sm::image_sort_order::descending;

    std::vector<std::pair<sort_key, sm::image>> entries;
    for (auto it = state_.images.begin(); it != state_.images.end();) {
        const auto& name = it->first;
        auto& image = it->second;
        ++it;  // find_image may erase the image
        if (!find_image(name, now))
            continue;
        const auto& info = image.info;
        if (req.name_contains && name.find(*req.name_contains) == std::string::npos)
            continue;
        if (!in_range(info.creation_time, req.creation_time_after, req.creation_time_before) ||
            !in_range(info.last_modified_time, req.last_modified_time_after, req.last_modified_time_before))
            continue;
        sort_key key{0, name};
        if (by == sm::image_sort_by::creation_time)
            key.number = seconds(info.creation_time);
        else if (by == sm::image_sort_by::last_modified_time)
            key.number = seconds(info.last_modified_time);
        entries.emplace_back(std::move(key), sm::image{
                                                 .creation_time = info.creation_time,
                                                 .description = info.description,
                                                 .display_name = info.display_name,
                                                 .failure_reason = info.failure_reason,
                                                 .image_arn = info.image_arn.value_or(""),
                                                 .image_name = name,
                                                 .image_status = info.image_status,
                                                 .last_modified_time = info.last_modified_time,
                                             });
    }

    auto result = paginate(std::move(entries), descending, req.next_token, req.max_results);
    if (auto* error = std::get_if<api_error>(&result))
        return std::move(*error);
    auto& p = std::get<0>(result);
    return sm::list_images_response{.images = std::move(p.items), .next_token = std::move(p.next_token)};
}

// ---------------------------------------------------------------- versions

namespace {

/// The version `version` / `alias` selects, or the latest when both are
/// unset and `latest_by_default`.
outcome<version_record*> select_version(image_record& image, const std::optional<int>& version,
                                        const std::optional<std::string>& alias, bool latest_by_default)
{
    const auto& image_arn = image.info.image_arn.value_or("");
    if (version && alias)
        return validation("Specify either Version or Alias, not both.");
    if (version) {
        auto it = image.versions.find(*version);
        if (it == image.versions.end())
            return resource_not_found("Image version " + quoted(version_arn(image_arn, *version)) +
                                      " does not exist.");
        return &it->second;
    }
    if (alias) {
        if (auto* found = version_with_alias(image, *alias))
            return found;
        return resource_not_found("Alias " + quoted(*alias) + " of image " + quoted(image_arn) +
                                  " does not exist.");
    }
    if (!latest_by_default)
        return validation("Either Version or Alias must be specified.");
    if (image.versions.empty())
        return resource_not_found("Image " + quoted(image_arn) + " has no versions.");
    return &image.versions.rbegin()->second;
}

}  // namespace

outcome<sm::create_image_version_response> image_store::execute(const sm::create_image_version_request& req,
                                                                  timestamp now)
{
    std::lock_guard lock{mutex_};
    if (auto used = state_.tokens.find(req.client_token); used != state_.tokens.end()) {
        if (used->second.request != req)
            return validation("ClientToken " + quoted(req.client_token) +
                              " was already used with different parameters.");
        ++counters_.token_replays;
        return sm::create_image_version_response{.image_version_arn = used->second.image_version_arn};
    }

    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    const auto& arn = image->info.image_arn.value_or("");
    if (has_status(image->info.image_status, image_status::deleting))
        return resource_in_use("Image " + quoted(arn) + " is being deleted.");
    if (config_.version_quota != 0 && image->versions.size() >= config_.version_quota)
        return resource_limit_exceeded("The limit of " + std::to_string(config_.version_quota) +
                                       " versions per image has been reached for image " + quoted(arn) + ".");
    if (auto error = duplicate_alias(req.aliases, "Aliases"))
        return std::move(*error);
    for (const auto& alias : req.aliases)
        if (const auto* holder = version_with_alias(*image, alias))
            return resource_in_use("Alias " + quoted(alias) + " is already used by version " +
                                   std::to_string(holder->info.version.value_or(0)) + " of image " + quoted(arn) +
                                   ".");

    const int number = ++image->last_version;
    version_record version;
    auto& info = version.info;
    info.base_image = req.base_image;
    info.creation_time = now;
    info.image_arn = arn;
    info.image_version_arn = image_version_arn(req.image_name, number);
    info.image_version_status = version_status::creating;
    info.last_modified_time = now;
    info.version = number;
    info.vendor_guidance = req.vendor_guidance;
    info.job_type = req.job_type;
    info.ml_framework = req.ml_framework;
    info.programming_lang = req.programming_lang;
    info.processor = req.processor;
    info.horovod = req.horovod;
    info.release_notes = req.release_notes;
    version.aliases = req.aliases;
    version.due = after(now, config_.create_delay);

    auto version_arn = *info.image_version_arn;
    track(req.image_name, number, version.due);
    image->versions.emplace(number, std::move(version));
    settle(*image, now);
    state_.tokens.emplace(req.client_token, token_record{req, version_arn});
    ++counters_.versions_created;
    return sm::create_image_version_response{.image_version_arn = std::move(version_arn)};
}

outcome<sm::describe_image_version_response> image_store::execute(const sm::describe_image_version_request& req,
                                                                   timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    auto selected = select_version(*image, req.version, req.alias, true);
    if (auto* error = std::get_if<api_error>(&selected))
        return std::move(*error);
    return std::get<0>(selected)->info;
}

outcome<sm::list_image_versions_response> image_store::execute(const sm::list_image_versions_request& req,
                                                                timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    const auto by = req.sort_by.value_or(sm::image_version_sort_by::creation_time);
    const bool descending = req.sort_order.value_or(sm::image_version_sort_order::descending) ==
                            sm::image_version_sort_order::descending;

    std::vector<std::pair<sort_key, sm::image_version>> entries;
    for (const auto& [number, version] : image->versions) {
        const auto& info = version.info;
        if (!in_range(info.creation_time, req.creation_time_after, req.creation_time_before) ||
            !in_range(info.last_modified_time, req.last_modified_time_after, req.last_modified_time_before))
            continue;
        sort_key key{static_cast<double>(number), {}};
        if (by == sm::image_version_sort_by::creation_time)
            key = {seconds(info.creation_time), padded(number)};
        else if (by == sm::image_version_sort_by::last_modified_time)
            key = {seconds(info.last_modified_time), padded(number)};
        entries.emplace_back(std::move(key), sm::image_version{
                                                 .creation_time = info.creation_time,
                                                 .failure_reason = info.failure_reason,
                                                 .image_arn = info.image_arn.value_or(""),
                                                 .image_version_arn = info.image_version_arn.value_or(""),
                                                 .image_version_status = info.image_version_status,
                                                 .last_modified_time = info.last_modified_time,
                                                 .version = info.version,
                                             });
    }

    auto result = paginate(std::move(entries), descending, req.next_token, req.max_results);
    if (auto* error = std::get_if<api_error>(&result))
        return std::move(*error);
    auto& p = std::get<0>(result);
    return sm::list_image_versions_response{.image_versions = std::move(p.items), .next_token = std::move(p.next_token)};
}

outcome<sm::update_image_version_response> image_store::execute(const sm::update_image_version_request& req,
                                                                 timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    const auto& arn = image->info.image_arn.value_or("");
    if (has_status(image->info.image_status, image_status::deleting))
        return resource_in_use("Image " + quoted(arn) + " is being deleted.");
    auto selected = select_version(*image, req.version, req.alias, false);
    if (auto* error = std::get_if<api_error>(&selected))
        return std::move(*error);
    auto& version = *std::get<0>(selected);
    auto& info = version.info;
    if (has_status(info.image_version_status, version_status::deleting))
        return resource_in_use("Image version " + quoted(info.image_version_arn.value_or("")) +
                               " is being deleted.");

    if (auto error = duplicate_alias(req.aliases_to_add, "AliasesToAdd"))
        return std::move(*error);
    for (const auto& alias : req.aliases_to_delete) {
        if (std::find(req.aliases_to_add.begin(), req.aliases_to_add.end(), alias) != req.aliases_to_add.end())
            return validation("Alias " + quoted(alias) + " is in both AliasesToAdd and AliasesToDelete.");
        if (std::find(version.aliases.begin(), version.aliases.end(), alias) == version.aliases.end())
            return validation("Alias " + quoted(alias) + " is not an alias of image version " +
                              quoted(info.image_version_arn.value_or("")) + ".");
    }
    for (const auto& alias : req.aliases_to_add) {
        const auto* holder = version_with_alias(*image, alias);
        if (holder && holder != &version)
            return resource_in_use("Alias " + quoted(alias) + " is already used by version " +
                                   std::to_string(holder->info.version.value_or(0)) + " of image " + quoted(arn) +
                                   ".");
    }

    // Every check passed: apply the whole update at once.
    std::erase_if(version.aliases, [&](const std::string& alias) {
        return std::find(req.aliases_to_delete.begin(), req.aliases_to_delete.end(), alias) !=
               req.aliases_to_delete.end();
    });
    for (const auto& alias : req.aliases_to_add)
        if (std::find(version.aliases.begin(), version.aliases.end(), alias) == version.aliases.end())
            version.aliases.push_back(alias);
    if (req.vendor_guidance)
        info.vendor_guidance = req.vendor_guidance;
    if (req.job_type)
        info.job_type = req.job_type;
    if (req.ml_framework)
        info.ml_framework = req.ml_framework;
    if (req.programming_lang)
        info.programming_lang = req.programming_lang;
    if (req.processor)
        info.processor = req.processor;
    if (req.horovod)
        info.horovod = req.horovod;
    if (req.release_notes)
        info.release_notes = req.release_notes;
    info.last_modified_time = now;
    return sm::update_image_version_response{.image_version_arn = info.image_version_arn};
}

outcome<sm::delete_image_version_response> image_store::execute(const sm::delete_image_version_request& req,
                                                                 timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");
    if (has_status(image->info.image_status, image_status::deleting))
        return resource_in_use("Image " + quoted(image->info.image_arn.value_or("")) + " is being deleted.");
    auto selected = select_version(*image, req.version, req.alias, false);
    if (auto* error = std::get_if<api_error>(&selected))
        return std::move(*error);
    auto& version = *std::get<0>(selected);
    if (has_status(version.info.image_version_status, version_status::deleting))
        return resource_in_use("Image version " + quoted(version.info.image_version_arn.value_or("")) +
                               " is already being deleted.");

    // Aliases are released at once so that a new version may take them.
    version.aliases.clear();
    version.info.image_version_status = version_status::deleting;
    version.info.last_modified_time = now;
    version.due = after(now, config_.delete_delay);
    track(req.image_name, version.info.version.value_or(0), version.due);
    settle(*image, now);
    return sm::delete_image_version_response{};
}

outcome<sm::list_aliases_response> image_store::execute(const sm::list_aliases_request& req, timestamp now)
{
    std::lock_guard lock{mutex_};
    auto* image = find_image(req.image_name, now);
    if (!image)
        return resource_not_found("Image " + quoted(image_arn(req.image_name)) + " does not exist.");

    std::vector<std::pair<sort_key, std::string>> entries;
    const auto add_all = [&entries](const version_record& version) {
        for (const auto& alias : version.aliases)
            entries.emplace_back(sort_key{0, alias}, alias);
    };
    if (req.version || req.alias) {
        // With both, the alias must belong to that version.
        auto selected = select_version(*image, req.version, req.version ? std::nullopt : req.alias, false);
        if (auto* error = std::get_if<api_error>(&selected))
            return std::move(*error);
        const auto& version = *std::get<0>(selected);
        if (req.version && req.alias &&
            std::find(version.aliases.begin(), version.aliases.end(), *req.alias) == version.aliases.end())
            return resource_not_found("Alias " + quoted(*req.alias) + " is not an alias of image version " +
                                      quoted(version.info.image_version_arn.value_or("")) + ".");
        add_all(version);
    } else {
        for (const auto& [number, version] : image->versions)
            add_all(version);
    }

    auto result = paginate(std::move(entries), false, req.next_token, req.max_results);
    if (auto* error = std::get_if<api_error>(&result))
        return std::move(*error);
    auto& p = std::get<0>(result);
    return sm::list_aliases_response{.sagemaker_image_version_aliases = std::move(p.items),
                                     .next_token = std::move(p.next_token)};
}

// ---------------------------------------------------------------- whole state

store_counters image_store::counters() const
{
    std::lock_guard lock{mutex_};
    return counters_;
}

store_state image_store::snapshot() const
{
    std::lock_guard lock{mutex_};
    return state_;
}

void image_store::restore(store_state state)
{
    std::lock_guard lock{mutex_};
    state_ = std::move(state);
    unsettled_.clear();
    for (const auto& [name, image] : state_.images)
        for (const auto& [number, version] : image.versions)
            if (has_status(version.info.image_version_status, version_status::creating) ||
                has_status(version.info.image_version_status, version_status::deleting))
                track(name, number, version.due);
}

void image_store::clear()
{
    std::lock_guard lock{mutex_};
    state_ = {};
    unsettled_.clear();
}

}  // namespace sagemaker_local
