// UUIDs in their canonical text form (lower-case 8-4-4-4-12), as AWS
// idempotency tokens use them.
#pragma once

#include <string>
#include <string_view>

namespace awscoro {

/// A random (version 4) UUID from OpenSSL's CSPRNG (RAND_bytes).
/// Throws std::runtime_error if the generator fails (it is not seeded).
std::string random_uuid_v4();

/// The name-based (version 5, SHA-1) UUID of `name` in `namespace_uuid`
/// (RFC 4122 section 4.3): the same inputs always give the same UUID.
/// `namespace_uuid` is in canonical text form, either case; throws
/// std::invalid_argument otherwise.
std::string name_based_uuid(std::string_view namespace_uuid, std::string_view name);

}  // namespace awscoro
