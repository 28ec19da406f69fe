// Counters of one client, for tests, benchmarks and operators.
#pragma once

#include <cstdint>

namespace awscoro {

struct client_stats {
    std::uint64_t calls = 0;               ///< calls started
    std::uint64_t attempts = 0;            ///< requests sent, retries included
    std::uint64_t retries = 0;             ///< attempts after the first of a call
    std::uint64_t stale_resends = 0;       ///< re-sent on a fresh connection after a reused one was found closed
    std::uint64_t throttled = 0;           ///< throttling responses received
    std::uint64_t connections_opened = 0;  ///< TCP connections established
    std::uint64_t tls_handshakes = 0;      ///< full or resumed TLS handshakes completed
    std::uint64_t tls_resumed = 0;         ///< handshakes that resumed a session
    std::uint64_t open_connections = 0;    ///< open or opening now, idle included
    std::uint64_t idle_connections = 0;    ///< idle in the pool now
    std::uint64_t credential_fetches = 0;  ///< times the credentials provider was asked
    unsigned retry_quota = 0;              ///< tokens left in the retry quota
};

}  // namespace awscoro
