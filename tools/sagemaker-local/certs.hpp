// Certificates for HTTPS without setup: a fresh CA and a server certificate
// it signs for DNS:localhost, IP:127.0.0.1 and IP:::1 (EC P-256, SHA-256, one year),
// so a client trusts the endpoint through ca.pem alone.
#pragma once

#include <string>

namespace sagemaker_local {

struct certificate_files {
    std::string ca;           ///< ca.pem: what clients trust (the "ca-bundle" line)
    std::string certificate;  ///< server.pem: the server certificate followed by the CA
    std::string private_key;  ///< server-key.pem (mode 0600)
};

/// The files in `dir`, generating them when ca.pem, server.pem or
/// server-key.pem is missing. Throws std::runtime_error on failure.
certificate_files ensure_certificates(const std::string& dir);

}  // namespace sagemaker_local
