#include "crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>
#include <new>

namespace awscoro::detail {
namespace {

const EVP_MD* sha256_md()
{
    // Fetching an implementation is the slow part of EVP; do it once.
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr)
        throw std::bad_alloc();
    return md;
}

}  // namespace

sha256::sha256() : ctx_(EVP_MD_CTX_new())
{
    if (ctx_ == nullptr || EVP_DigestInit_ex2(static_cast<EVP_MD_CTX*>(ctx_), sha256_md(), nullptr) != 1) {
        EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
        throw std::bad_alloc();
    }
}

sha256::~sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void sha256::update(const unsigned char* data, std::size_t size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data, size);
}

void sha256::update(std::string_view data)
{
    update(reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

digest sha256::finish()
{
    digest out{};
    unsigned int len = 0;
    auto* ctx = static_cast<EVP_MD_CTX*>(ctx_);
    EVP_DigestFinal_ex(ctx, out.data(), &len);
    EVP_DigestInit_ex2(ctx, sha256_md(), nullptr);  // ready for reuse
    return out;
}

namespace {

// One reusable context per thread: no allocation per hash.
sha256& thread_hasher()
{
    thread_local sha256 h;
    return h;
}

}  // namespace

digest sha256_of(std::string_view data)
{
    auto& h = thread_hasher();
    h.update(data);
    return h.finish();
}

digest hmac_sha256(std::string_view key, std::string_view data)
{
    // RFC 2104 over the shared context; avoids EVP_MAC's per-call fetch.
    constexpr std::size_t block = 64;
    unsigned char k0[block] = {};
    if (key.size() > block) {
        const digest d = sha256_of(key);
        std::memcpy(k0, d.data(), d.size());
    } else {
        std::memcpy(k0, key.data(), key.size());
    }
    unsigned char pad[block];
    auto& h = thread_hasher();

    for (std::size_t i = 0; i < block; ++i)
        pad[i] = k0[i] ^ 0x36;
    h.update(pad, block);
    h.update(data);
    const digest inner = h.finish();

    for (std::size_t i = 0; i < block; ++i)
        pad[i] = k0[i] ^ 0x5c;
    h.update(pad, block);
    h.update(inner.data(), inner.size());
    digest out = h.finish();

    secure_wipe(k0, sizeof k0);
    secure_wipe(pad, sizeof pad);
    return out;
}

void append_hex(std::string& out, const unsigned char* bytes, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    const std::size_t at = out.size();
    out.resize(at + 2 * size);
    char* p = out.data() + at;
    for (std::size_t i = 0; i < size; ++i) {
        *p++ = digits[bytes[i] >> 4];
        *p++ = digits[bytes[i] & 0xf];
    }
}

void secure_wipe(void* data, std::size_t size) noexcept { OPENSSL_cleanse(data, size); }

}  // namespace awscoro::detail
