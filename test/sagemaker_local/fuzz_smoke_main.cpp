// Drives the fuzz target without libFuzzer: a valid request for every
// operation as seeds, then deterministic mutations of them (byte flips,
// insertions, deletions, truncations, splices), so a g++ build still runs
// the target on every test run. Exits non-zero only through the target's
// own checks (abort) or a crash.
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::string seed(std::uint8_t selector, std::string body)
{
    return std::string(1, static_cast<char>(selector)) + body;
}

void run(const std::string& input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv)
{
    const long iterations = argc > 1 ? std::atol(argv[1]) : 30000;
    const std::vector<std::string> seeds = {
        seed(1, R"({"ImageName":"img","RoleArn":"arn:aws:iam::123456789012:role/r","Tags":[{"Key":"k","Value":"v"}]})"),
        seed(0, R"({"ImageName":"img","BaseImage":"repo:1","ClientToken":"t-1","Aliases":["a","b"],"Horovod":true})"),
        seed(2, R"({"ImageName":"img"})"),
        seed(3, R"({"ImageName":"img","Version":1})"),
        seed(4, R"({"ImageName":"img","MaxResults":2,"SortBy":"VERSION","SortOrder":"ASCENDING"})"),
        seed(5, R"({"ImageName":"img","Alias":"a","AliasesToAdd":["c"],"AliasesToDelete":["b"]})"),
        seed(6, R"({"ImageName":"img","Version":1})"),
        seed(7, R"({"ImageName":"img","MaxResults":1,"NextToken":"v1/0/a"})"),
        seed(8, R"({"ImageName":"img"})"),
        seed(9, R"({"CreationTimeAfter":1.5e9,"NameContains":"i","MaxResults":3})"),
        seed(10, R"({})"),
        seed(0x80, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/sagemaker/aws4_request, "
                   "SignedHeaders=host;x-amz-date, Signature=00"),
    };
    for (const auto& s : seeds)
        run(s);

    std::mt19937_64 random{20240601};
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>{0, n - 1}(random); };
    for (long i = 0; i < iterations; ++i) {
        auto input = seeds[pick(seeds.size())];
        for (int edits = 1 + static_cast<int>(pick(4)); edits > 0; --edits) {
            const auto at = 1 + pick(input.size());
            switch (pick(5)) {
            case 0:
                if (at < input.size())
                    input[at] = static_cast<char>(random());
                break;
            case 1:
                input.insert(at, 1, "{}[]\",:0-.eE\\ntfu\x80\xff"[pick(20)]);
                break;
            case 2:
                if (at < input.size())
                    input.erase(at, 1 + pick(8));
                break;
            case 3:
                input.resize(at);
                break;
            default: {
                const auto& other = seeds[pick(seeds.size())];
                input.insert(at, other.substr(1 + pick(other.size() - 1)));
            }
            }
        }
        run(input);
    }
    std::printf("fuzz smoke: %zu seeds and %ld mutated inputs, no failure\n", seeds.size(), iterations);
    return 0;
}
