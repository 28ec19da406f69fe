#include <awscoro/uuid.hpp>

#include "crypto.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace awscoro {
namespace {

using uuid_bytes = std::array<std::uint8_t, 16>;

// Stamps the version nibble and the RFC 4122 variant bits (10xx).
void set_version(uuid_bytes& b, std::uint8_t version) noexcept
{
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | (version << 4));
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
}

std::string format(const uuid_bytes& b)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0F]);
    }
    return out;
}

uuid_bytes parse(std::string_view text)
{
    uuid_bytes b{};
    if (text.size() != 36)
        throw std::invalid_argument("UUID must be 36 characters (8-4-4-4-12)");
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-')
                throw std::invalid_argument("UUID must be grouped 8-4-4-4-12 with hyphens");
            ++i;
            continue;
        }
        const int hi = detail::hex_digit_value(text[i]);
        const int lo = detail::hex_digit_value(text[i + 1]);
        if (hi < 0 || lo < 0)
            throw std::invalid_argument("UUID has a non-hexadecimal digit");
        b[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
        i += 2;
    }
    return b;
}

}  // namespace

std::string random_uuid_v4()
{
    uuid_bytes b;
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
        throw std::runtime_error("RAND_bytes failed: the OpenSSL random generator is not seeded");
    set_version(b, 4);
    return format(b);
}

std::string name_based_uuid(std::string_view namespace_uuid, std::string_view name)
{
    const uuid_bytes ns = parse(namespace_uuid);

    // SHA-1 over namespace bytes then name, hashed in two updates to avoid
    // concatenating them.
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha1(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), ns.data(), ns.size()) != 1 ||
        EVP_DigestUpdate(ctx.get(), name.data(), name.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &digest_len) != 1 || digest_len < 16)
        throw std::runtime_error("SHA-1 digest failed");

    uuid_bytes b;
    std::copy_n(digest, b.size(), b.begin());
    set_version(b, 5);
    return format(b);
}

}  // namespace awscoro
