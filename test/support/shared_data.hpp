// Where tests find the public reference data (../shared by default, set by
// the AWSCORO_SHARED_DIR CMake cache variable). Missing data fails the test.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace awscoro::test {

inline std::filesystem::path shared_path(const std::string& relative)
{
    const std::filesystem::path p = std::filesystem::path(AWSCORO_SHARED_DIR) / relative;
    if (!std::filesystem::exists(p))
        throw std::runtime_error("reference data missing: looked for " + p.string() +
                                 " (set -DAWSCORO_SHARED_DIR=... to the shared folder)");
    return p;
}

inline std::string read_shared(const std::string& relative)
{
    const auto p = shared_path(relative);
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace awscoro::test
