// Reads SigV4 test cases in either public layout and checks the signer
// against them stage by stage. Shared by the doctest suite and sigv4-suite.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace awscoro::test {

struct sigv4_case_result {
    std::string name;     ///< path of the case relative to the walked root
    bool passed = false;
    std::string failure;  ///< what differed, or why the case could not be read
};

/// A folder with context.json (aws-c-auth layout), or with NAME.req, .creq,
/// .sts and .authz (original aws4_testsuite layout), is a case.
bool is_sigv4_case(const std::filesystem::path& dir);

/// Every case folder below `root` (or `root` itself), sorted by path.
std::vector<std::filesystem::path> find_sigv4_cases(const std::filesystem::path& root);

/// Signs the case's request and compares canonical request, string to sign,
/// signature, Authorization header and the headers added to the request.
sigv4_case_result run_sigv4_case(const std::filesystem::path& dir, const std::filesystem::path& root);

}  // namespace awscoro::test
