// The AWS timestamp type. AWS JSON 1.1 sends timestamps as epoch seconds, a
// JSON number that may be fractional; a double-based duration holds the wire
// number exactly, so a value read and written back is unchanged.
#pragma once

#include <chrono>

namespace awscoro {

/// Seconds since the Unix epoch (UTC), possibly fractional, exactly as on the wire.
using timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::duration<double>>;

}  // namespace awscoro
