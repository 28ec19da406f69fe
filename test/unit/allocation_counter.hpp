// Counts heap allocations made through the global operator new on the
// calling thread, to check "allocates nothing" claims. The replacement
// operator new/delete that feed it are defined in test_json_write.cpp.
#pragma once

#include <cstddef>

namespace awscoro::test {

std::size_t allocation_count() noexcept;

}  // namespace awscoro::test
