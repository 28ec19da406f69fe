// The state and semantics of SageMaker's image API, without any I/O: each
// operation takes its parsed, validated request and the current time and
// returns the typed response or the AWS error. Status transitions
// (CREATING -> CREATED or CREATE_FAILED, DELETING -> gone) are not driven by
// timers: each record keeps the time its pending transition is due and is
// settled when touched, so a test controls time by passing it in.
//
// Thread-safe: one mutex guards everything (each operation is a few map
// look-ups; the HTTP layer, not the store, is the cost).
#pragma once

#include "api_error.hpp"

#include <awscoro/sagemaker/model.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

namespace sagemaker_local {

namespace sm = awscoro::sagemaker;
using awscoro::timestamp;

struct store_config {
    std::string region = "us-east-1";
    std::string account = "123456789012";
    std::chrono::milliseconds create_delay{100};  ///< CREATING -> CREATED after this
    std::chrono::milliseconds delete_delay{100};  ///< DELETING -> gone after this
    unsigned version_quota = 1000;                ///< live versions per image; 0 = unlimited
    /// ECMAScript regex searched in BaseImage; a match ends in CREATE_FAILED. Empty: none fail.
    std::string fail_base_image_pattern;
};

struct version_record {
    sm::describe_image_version_response info;  ///< what DescribeImageVersion returns (aliases aside)
    std::vector<std::string> aliases;          ///< in the order they were added
    timestamp due{};                           ///< when a CREATING or DELETING status settles

    bool operator==(const version_record&) const = default;
};

struct image_record {
    sm::describe_image_response info;  ///< what DescribeImage returns
    std::vector<sm::tag> tags;
    int last_version = 0;              ///< version numbers are never reused
    timestamp due{};
    std::map<int, version_record> versions;

    bool operator==(const image_record&) const = default;
};

/// A CreateImageVersion ClientToken already used, and what it created.
struct token_record {
    sm::create_image_version_request request;
    std::string image_version_arn;

    bool operator==(const token_record&) const = default;
};

/// Everything the store holds, for persistence.
struct store_state {
    std::map<std::string, image_record> images;   ///< by ImageName
    std::map<std::string, token_record> tokens;   ///< by ClientToken

    bool operator==(const store_state&) const = default;
};

struct store_counters {
    std::uint64_t images_created = 0;
    std::uint64_t versions_created = 0;
    std::uint64_t token_replays = 0;  ///< CreateImageVersion answered from a used ClientToken
};

class image_store {
public:
    explicit image_store(store_config config);

    outcome<sm::create_image_response> execute(const sm::create_image_request& req, timestamp now);
    outcome<sm::describe_image_response> execute(const sm::describe_image_request& req, timestamp now);
    outcome<sm::delete_image_response> execute(const sm::delete_image_request& req, timestamp now);
    outcome<sm::list_images_response> execute(const sm::list_images_request& req, timestamp now);
    outcome<sm::create_image_version_response> execute(const sm::create_image_version_request& req, timestamp now);
    outcome<sm::describe_image_version_response> execute(const sm::describe_image_version_request& req,
                                                         timestamp now);
    outcome<sm::list_image_versions_response> execute(const sm::list_image_versions_request& req, timestamp now);
    outcome<sm::update_image_version_response> execute(const sm::update_image_version_request& req, timestamp now);
    outcome<sm::delete_image_version_response> execute(const sm::delete_image_version_request& req, timestamp now);
    outcome<sm::list_aliases_response> execute(const sm::list_aliases_request& req, timestamp now);

    store_counters counters() const;
    store_state snapshot() const;
    void restore(store_state state);
    void clear();

    std::string image_arn(std::string_view name) const;
    std::string image_version_arn(std::string_view name, int version) const;

private:
    // All below run with mutex_ held.
    image_record* find_image(const std::string& name, timestamp now);
    /// Settles the image's own status, and every version (of any image)
    /// whose CREATING or DELETING status is due: only those are visited, so
    /// a call costs the same with 10 versions as with 100,000.
    void settle(image_record& image, timestamp now);
    void settle_version(image_record& image, int number, timestamp now);
    /// Remembers that a version's status settles at `due`.
    void track(const std::string& image, int number, timestamp due);

    store_config config_;
    std::regex fail_pattern_;
    mutable std::mutex mutex_;
    store_state state_;
    std::multimap<timestamp, std::pair<std::string, int>> unsettled_;  // due → (image, version)
    store_counters counters_;
};

}  // namespace sagemaker_local
