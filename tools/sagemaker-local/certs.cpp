#include "certs.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>

namespace sagemaker_local {

namespace {

template <class T, void (*Free)(T*)>
struct deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, deleter<X509, X509_free>>;
using ext_ptr = std::unique_ptr<X509_EXTENSION, deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char* what)
{
    if (!ok)
        throw std::runtime_error(std::string("certificate generation failed: ") + what);
}

pkey_ptr new_key()
{
    pkey_ptr key{EVP_EC_gen("P-256")};
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ext_ptr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value)};
    check(ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1, value);
}

/// A certificate for `key` named `common_name`, valid for a year, not yet signed.
x509_ptr new_certificate(EVP_PKEY* key, const char* common_name)
{
    x509_ptr cert{X509_new()};
    check(cert != nullptr, "X509_new");
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7f;  // a positive serial number
    std::unique_ptr<BIGNUM, deleter<BIGNUM, BN_free>> bn{BN_bin2bn(serial, sizeof serial, nullptr)};
    check(bn && BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
    // An hour back, for clocks slightly behind.
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600) != nullptr, "notAfter");
    check(X509_set_pubkey(cert.get(), key) == 1, "pubkey");
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("sagemaker-local"), -1, -1, 0) == 1 &&
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                         reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0) == 1,
          "subject");
    return cert;
}

void write_pem(const std::filesystem::path& path, const auto& write, mode_t mode)
{
    const auto temporary = path.string() + ".tmp";
    std::FILE* f = std::fopen(temporary.c_str(), "wb");
    check(f != nullptr, "cannot create a certificate file");
    ::chmod(temporary.c_str(), mode);
    const bool ok = write(f);
    check(std::fclose(f) == 0 && ok, "cannot write a certificate file");
    std::filesystem::rename(temporary, path);
}

}  // namespace

certificate_files ensure_certificates(const std::string& dir)
{
    const std::filesystem::path folder{dir};
    certificate_files files{(folder / "ca.pem").string(), (folder / "server.pem").string(),
                            (folder / "server-key.pem").string()};
    if (std::filesystem::exists(files.ca) && std::filesystem::exists(files.certificate) &&
        std::filesystem::exists(files.private_key))
        return files;
    std::filesystem::create_directories(folder);

    auto ca_key = new_key();
    auto ca = new_certificate(ca_key.get(), "sagemaker-local CA");
    check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
    add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    add_extension(ca.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "sign CA");

    auto key = new_key();
    auto cert = new_certificate(key.get(), "localhost");
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
    add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), ca.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    add_extension(cert.get(), ca.get(), NID_subject_key_identifier, "hash");
    add_extension(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "sign server certificate");

    // ca.pem last: the files are reused only when all three exist.
    write_pem(files.private_key, [&](std::FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    }, 0600);
    write_pem(files.certificate, [&](std::FILE* f) {
        return PEM_write_X509(f, cert.get()) == 1 && PEM_write_X509(f, ca.get()) == 1;
    }, 0644);
    write_pem(files.ca, [&](std::FILE* f) { return PEM_write_X509(f, ca.get()) == 1; }, 0644);
    return files;
}

}  // namespace sagemaker_local
