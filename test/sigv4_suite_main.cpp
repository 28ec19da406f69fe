// sigv4-suite DIR: runs every SigV4 test case below DIR (either layout) and
// prints PASS/FAIL per case and "N passed, M failed"; exit 1 on any failure.
#include "support/sigv4_case.hpp"

#include <filesystem>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: sigv4-suite DIR\n";
        return 2;
    }
    const std::filesystem::path root = argv[1];
    if (!std::filesystem::is_directory(root)) {
        std::cerr << "sigv4-suite: " << root.string() << " is not a folder\n";
        return 2;
    }
    int passed = 0, failed = 0;
    for (const auto& dir : awscoro::test::find_sigv4_cases(root)) {
        const auto r = awscoro::test::run_sigv4_case(dir, root);
        if (r.passed) {
            ++passed;
            std::cout << "PASS " << r.name << '\n';
        } else {
            ++failed;
            std::cout << "FAIL " << r.name << ": " << r.failure << '\n';
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}
