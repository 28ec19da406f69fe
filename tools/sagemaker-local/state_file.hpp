// --state FILE: the image store's contents as JSON, loaded on start and saved
// on clean shutdown. Images and versions are stored as their Describe*
// responses and ClientTokens as their CreateImageVersion requests, all
// written and read by awscoro's codec.
#pragma once

#include "image_store.hpp"

#include <string>
#include <string_view>

namespace sagemaker_local {

std::string state_to_json(const store_state& state);

/// Parses a document made by state_to_json; false with `error` set otherwise.
bool state_from_json(std::string_view text, store_state& state, std::string& error);

/// Writes `state` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over `path`. False with `error` set on failure.
bool save_state(const std::string& path, const store_state& state, std::string& error);

/// Reads `path`; a missing file is an empty state, not an error.
bool load_state(const std::string& path, store_state& state, std::string& error);

}  // namespace sagemaker_local
