// SHA-256 and HMAC-SHA-256 over OpenSSL 3's EVP interface, with the digest
// fetched once and one context per thread, so a hash costs no allocation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace awscoro::detail {

using digest = std::array<unsigned char, 32>;

/// Incremental SHA-256; feed pieces without first joining them.
class sha256 {
public:
    sha256();
    sha256(const sha256&) = delete;
    sha256& operator=(const sha256&) = delete;
    ~sha256();

    void update(std::string_view data);
    void update(const unsigned char* data, std::size_t size);
    digest finish();

private:
    void* ctx_;  // EVP_MD_CTX, kept opaque so OpenSSL stays out of this header
};

digest sha256_of(std::string_view data);
digest hmac_sha256(std::string_view key, std::string_view data);
inline digest hmac_sha256(const digest& key, std::string_view data)
{
    return hmac_sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), data);
}

/// Appends the lower-case hex form of `bytes` to `out`.
void append_hex(std::string& out, const unsigned char* bytes, std::size_t size);
inline void append_hex(std::string& out, const digest& d) { append_hex(out, d.data(), d.size()); }

/// The value of a hex digit (either case), or -1.
inline int hex_digit_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Overwrites key material so it does not linger in freed memory.
void secure_wipe(void* data, std::size_t size) noexcept;

}  // namespace awscoro::detail
