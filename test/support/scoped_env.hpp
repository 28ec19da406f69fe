// Test helpers for code that reads the process environment and files:
// environment variables set or unset for one scope and restored after, and
// a temporary directory removed after.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace awscoro::test {

/// Sets or unsets variables; the destructor restores what was there.
class scoped_env {
public:
    scoped_env() = default;
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;
    ~scoped_env()
    {
        for (const auto& [name, old] : saved_) {
            if (old)
                ::setenv(name.c_str(), old->c_str(), 1);
            else
                ::unsetenv(name.c_str());
        }
    }

    scoped_env& set(const std::string& name, const std::string& value)
    {
        save(name);
        ::setenv(name.c_str(), value.c_str(), 1);
        return *this;
    }

    scoped_env& unset(const std::string& name)
    {
        save(name);
        ::unsetenv(name.c_str());
        return *this;
    }

    /// Unsets every variable that could make a test see the machine's own AWS setup.
    scoped_env& clear_aws()
    {
        for (const char* name :
             {"AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION", "AWS_DEFAULT_REGION",
              "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CA_BUNDLE", "AWS_MAX_ATTEMPTS",
              "AWS_RETRY_MODE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
              "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_NEW_RETRIES_2026",
              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
              "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
              "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
              "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "AWS_EC2_METADATA_V1_DISABLED",
              "AWS_METADATA_SERVICE_TIMEOUT", "AWS_METADATA_SERVICE_NUM_ATTEMPTS"})
            unset(name);
        return *this;
    }

private:
    void save(const std::string& name)
    {
        if (saved_.count(name) != 0)
            return;
        const char* v = std::getenv(name.c_str());
        saved_[name] = v != nullptr ? std::optional<std::string>(v) : std::nullopt;
    }

    std::map<std::string, std::optional<std::string>> saved_;
};

/// A fresh directory under the system's temporary directory, removed with its contents.
class temp_dir {
public:
    temp_dir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "awscoro-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    const std::filesystem::path& path() const { return path_; }

    /// Writes `text` to `relative` (parent directories created); returns the full path.
    std::string write(const std::string& relative, const std::string& text) const
    {
        const auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

}  // namespace awscoro::test
