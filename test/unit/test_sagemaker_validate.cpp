#include <awscoro/sagemaker/validate.hpp>

#include <awscoro/error.hpp>

#include "allocation_counter.hpp"
#include "sagemaker/patterns.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <string>
#include <vector>

namespace sm = awscoro::sagemaker;

namespace {

const std::string image_name_pattern = "[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}";
const std::string alias_pattern = "(?!^[.-])^([a-zA-Z0-9-_.]+)";
const std::string version_pattern = "[a-zA-Z]+ ?\\d+\\.\\d+(\\.\\d+)?";

sm::create_image_version_request valid_civ()
{
    return {
        .base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
        .client_token = "0b6d4e52-6a0f-4c34-b4d2-5e1f0d9c2a11",
        .image_name = "my-image",
        .aliases = {"latest"},
        .job_type = sm::job_type::training,
    };
}

sm::create_image_request valid_create_image()
{
    return {.image_name = "my-image", .role_arn = "arn:aws:iam::123456789012:role/SageMakerRole"};
}

// The message of a failing validation, or "" when it passes (and then the
// diagnostics must be untouched).
template <class Request>
std::string problem(const Request& req)
{
    awscoro::diagnostics diag;
    diag.message = "untouched";
    const auto ec = sm::validate(req, diag);
    if (!ec) {
        CHECK(diag.message == "untouched");
        return "";
    }
    CHECK(ec == awscoro::error::invalid_parameter);
    CHECK(ec == awscoro::condition::validation);
    CHECK(diag.aws_code.empty());
    CHECK_FALSE(diag.message.empty());
    return diag.message;
}

std::string civ_problem(auto&& modify)
{
    auto req = valid_civ();
    modify(req);
    return problem(req);
}

std::string image_name_problem(const std::string& name)
{
    return problem(sm::describe_image_request{.image_name = name});
}

std::string alias_problem(const std::string& alias)
{
    return problem(sm::describe_image_version_request{.image_name = "img", .alias = alias});
}

std::string framework_problem(const std::string& v)
{
    return civ_problem([&](auto& r) { r.ml_framework = v; });
}

std::string display_name_problem(const std::string& v)
{
    auto req = valid_create_image();
    req.display_name = v;
    return problem(req);
}

std::string role_arn_problem(const std::string& v)
{
    auto req = valid_create_image();
    req.role_arn = v;
    return problem(req);
}

std::string tag_problem(const std::string& key, const std::string& value = "v")
{
    auto req = valid_create_image();
    req.tags = {{.key = "first", .value = "ok"}, {.key = key, .value = value}};
    return problem(req);
}

std::string repeat(std::string_view unit, std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s.append(unit);
    return s;
}

bool starts_with(const std::string& s, std::string_view prefix)
{
    return s.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_CASE("validate: a complete request passes and leaves diagnostics alone")
{
    CHECK(problem(valid_civ()) == "");
    CHECK(problem(valid_create_image()) == "");
    CHECK(problem(sm::describe_image_request{.image_name = "img"}) == "");
    CHECK(problem(sm::describe_image_version_request{.image_name = "img", .version = 3}) == "");
    CHECK(problem(sm::list_image_versions_request{.image_name = "img", .max_results = 10}) == "");
    CHECK(problem(sm::update_image_version_request{.image_name = "img", .aliases_to_add = {"prod"}}) == "");
    CHECK(problem(sm::delete_image_version_request{.image_name = "img", .alias = "old"}) == "");
    CHECK(problem(sm::list_aliases_request{.image_name = "img"}) == "");
    CHECK(problem(sm::delete_image_request{.image_name = "img"}) == "");
    CHECK(problem(sm::list_images_request{}) == "");
}

TEST_CASE("validate: required members")
{
    CHECK(civ_problem([](auto& r) { r.base_image.clear(); }) == "BaseImage: is required");
    CHECK(civ_problem([](auto& r) { r.client_token.clear(); }) == "ClientToken: is required");
    CHECK(civ_problem([](auto& r) { r.image_name.clear(); }) == "ImageName: is required");
    CHECK(problem(sm::create_image_request{.image_name = "img"}) == "RoleArn: is required");
    CHECK(problem(sm::describe_image_request{}) == "ImageName: is required");
    CHECK(problem(sm::list_aliases_request{}) == "ImageName: is required");
    CHECK(problem(sm::update_image_version_request{}) == "ImageName: is required");

    // The token is required: filling it is what makes a request valid.
    auto req = valid_civ();
    req.client_token.clear();
    CHECK(problem(req) == "ClientToken: is required");
    sm::fill_idempotency_token(req);
    CHECK(problem(req) == "");
}

TEST_CASE("validate: the first violation in member order is reported")
{
    sm::create_image_version_request req;  // everything missing
    CHECK(problem(req) == "BaseImage: is required");
    req.base_image = "b";
    req.job_type = awscoro::open_enum<sm::job_type>{std::string_view{"X"}};
    CHECK(problem(req) == "ClientToken: is required");
}

TEST_CASE("validate: ImageName pattern and length")
{
    for (const char* good : {"a", "A", "0", "my-image", "a.b", "A1-b2.c3", "a-b-c", "image.v2"})
        CHECK_MESSAGE(image_name_problem(good) == "", good);
    CHECK(image_name_problem(std::string(63, 'a')) == "");
    CHECK(image_name_problem("a" + repeat("-b", 31)) == "");  // 63 characters with separators

    CHECK(image_name_problem("-bad_name-") == "ImageName: must match " + image_name_pattern + ", got \"-bad_name-\"");
    for (const char* bad : {"a..b", "a-", "a.", "-a", ".a", "a_b", "a--b", "a-.b", "a b", "caf\xc3\xa9"})
        CHECK_MESSAGE(starts_with(image_name_problem(bad), "ImageName: must match "), bad);

    CHECK(image_name_problem(std::string(64, 'a')) ==
          "ImageName: must be 1 to 63 characters long, got 64: \"" + std::string(64, 'a') + "\"");
}

TEST_CASE("validate: alias pattern, in single members and in lists")
{
    for (const char* good : {"latest", "v1.0_beta-2", "_x", "9", "a-", "a.", "A__.--"})
        CHECK_MESSAGE(alias_problem(good) == "", good);
    CHECK(alias_problem(".hidden") == "Alias: must match " + alias_pattern + ", got \".hidden\"");
    CHECK(starts_with(alias_problem("-x"), "Alias: must match "));
    CHECK(starts_with(alias_problem("a b"), "Alias: must match "));
    CHECK(starts_with(alias_problem("a/b"), "Alias: must match "));
    CHECK(alias_problem("") == "Alias: must be 1 to 128 characters long, got 0: \"\"");
    CHECK(alias_problem(std::string(128, 'a')) == "");
    CHECK(starts_with(alias_problem(std::string(129, 'a')), "Alias: must be 1 to 128 characters long, got 129: "));

    CHECK(civ_problem([](auto& r) {
              r.aliases = {"ok", "-bad"};
          }) == "Aliases[1]: must match " + alias_pattern + ", got \"-bad\"");
    CHECK(starts_with(problem(sm::update_image_version_request{.image_name = "img", .aliases_to_delete = {"", "x"}}),
                      "AliasesToDelete[0]: must be 1 to 128"));
    CHECK(
        starts_with(problem(sm::update_image_version_request{.image_name = "img", .aliases_to_add = {"a", "b", ".c"}}),
                    "AliasesToAdd[2]: must match "));
}

TEST_CASE("validate: MLFramework and ProgrammingLang version pattern")
{
    for (const char* good :
         {"PyTorch 1.8", "python3.8", "Python 3.8.1", "TensorFlow 2.13", "R 4.0", "a0.0", "Z 10.20.30"})
        CHECK_MESSAGE(framework_problem(good) == "", good);
    CHECK(framework_problem("TF2.1x") == "MLFramework: must match " + version_pattern + ", got \"TF2.1x\"");
    for (const char* bad : {"Python 3", "Python", "3.8", "Python  3.8", "Python 3.8.", "Python 3.8.1.2", " Python 3.8",
                            "Python-3.8", "Py thon 3.8", "Python 3..8", "Python .8", "Python 3.8 "})
        CHECK_MESSAGE(starts_with(framework_problem(bad), "MLFramework: must match "), bad);

    CHECK(starts_with(civ_problem([](auto& r) { r.programming_lang = "Python3"; }), "ProgrammingLang: must match "));
    CHECK(civ_problem([](auto& r) { r.programming_lang = "Python3.8"; }) == "");
    CHECK(framework_problem(std::string(125, 'a') + "1.0") == "");  // 128
    CHECK(starts_with(framework_problem(std::string(126, 'a') + "1.0"), "MLFramework: must be 1 to 128"));
    CHECK(framework_problem("") == "MLFramework: must be 1 to 128 characters long, got 0: \"\"");
}

TEST_CASE("validate: ClientToken")
{
    CHECK(civ_problem([](auto& r) { r.client_token = "abc-123"; }) == "");
    CHECK(civ_problem([](auto& r) { r.client_token = std::string(36, 'f'); }) == "");
    CHECK(starts_with(civ_problem([](auto& r) { r.client_token = std::string(37, 'f'); }),
                      "ClientToken: must be 1 to 36 characters long, got 37"));
    CHECK(civ_problem([](auto& r) { r.client_token = "abc_123"; }) ==
          "ClientToken: must match [a-zA-Z0-9-]+, got \"abc_123\"");
    CHECK(starts_with(civ_problem([](auto& r) { r.client_token = "abc 1"; }), "ClientToken: must match"));
}

TEST_CASE("validate: DisplayName is non-blank at both ends, one line")
{
    for (const char* good : {"x", "My Image", "a\tb", "a  b", "\xe6\x97\xa5\xe6\x9c\xac", "x\xc2\xa0y"})
        CHECK_MESSAGE(display_name_problem(good) == "", good);
    for (const char* bad : {" x", "x ", "\tx", "x\t", "a\nb", "a\rb", "a\xe2\x80\xa8z", "a\xe2\x80\xa9z",
                            "\xc2\xa0x",       // NBSP
                            "x\xe3\x80\x80",   // IDEOGRAPHIC SPACE
                            "\xef\xbb\xbfx",   // ZWNBSP (BOM)
                            "x\xe2\x80\x8a",   // HAIR SPACE
                            "\xe1\x9a\x80x"})  // OGHAM SPACE MARK
        CHECK_MESSAGE(starts_with(display_name_problem(bad), "DisplayName: must match \\S(.*\\S)?, got "), bad);
    CHECK(display_name_problem("a\nb") == "DisplayName: must match \\S(.*\\S)?, got \"a\\u000ab\"");
    CHECK(starts_with(display_name_problem(""), "DisplayName: must be 1 to 128 characters long, got 0"));
    // Length counts code points: 128 three-byte characters pass, 129 fail.
    CHECK(display_name_problem(repeat("\xe6\x97\xa5", 128)) == "");
    CHECK(starts_with(display_name_problem(repeat("\xe6\x97\xa5", 129)),
                      "DisplayName: must be 1 to 128 characters long, got 129: "));
}

TEST_CASE("validate: RoleArn")
{
    for (const char* good : {"arn:aws:iam::123456789012:role/SageMakerRole", "arn:aws-cn:iam::123456789012:role/x",
                             "arn:aws-us-gov:iam::123456789012:role/service-role/A+b=c,d.e@f_g-h",
                             "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:rolex"})
        CHECK_MESSAGE(role_arn_problem(good) == "", good);  // the last two: ECMA `role/?[...]+` admits them
    for (const char* bad :
         {"arn:aws:iam::12345678901:role/x", "arn:aws:iam::1234567890123:role/x", "arn:aws:iam::123456789012:user/x",
          "arn:aws:iam::123456789012:role", "arn:aws:iam::123456789012:role/a b", "arn:AWS:iam::123456789012:role/x",
          "xarn:aws:iam::123456789012:role/x", "arn:aws:iam:123456789012:role/x", "arn:aws1:iam::123456789012:role/x"})
        CHECK_MESSAGE(starts_with(role_arn_problem(bad), "RoleArn: must match arn:aws"), bad);
    CHECK(role_arn_problem(std::string(19, 'a')) ==
          "RoleArn: must be 20 to 2048 characters long, got 19: \"aaaaaaaaaaaaaaaaaaa\"");
    const std::string prefix = "arn:aws:iam::123456789012:role/";
    CHECK(role_arn_problem(prefix + std::string(2048 - prefix.size(), 'r')) == "");
    CHECK(starts_with(role_arn_problem(prefix + std::string(2049 - prefix.size(), 'r')),
                      "RoleArn: must be 20 to 2048 characters long, got 2049"));
}

TEST_CASE("validate: free-text members allow one line of any characters")
{
    auto description = [](const std::string& v) {
        auto req = valid_create_image();
        req.description = v;
        return problem(req);
    };
    CHECK(description("An image \"with\" punctuation & \xe2\x82\xac") == "");
    CHECK(description("line1\nline2") == "Description: must match .*, got \"line1\\u000aline2\"");
    CHECK(starts_with(description("a\rb"), "Description: must match .*"));
    CHECK(starts_with(description("a\xe2\x80\xa9"
                                  "b"),
                      "Description: must match .*"));
    CHECK(description("a\xe2\x80\xaa") == "");  // U+202A is not a line terminator
    CHECK(description("") == "Description: must be 1 to 512 characters long, got 0: \"\"");
    CHECK(description(std::string(512, 'd')) == "");
    CHECK(starts_with(description(std::string(513, 'd')), "Description: must be 1 to 512 characters long, got 513"));
    CHECK(description(repeat("\xc3\xa9", 512)) == "");
    CHECK(starts_with(description(repeat("\xc3\xa9", 513)), "Description: must be 1 to 512 characters long, got 513"));

    CHECK(civ_problem([](auto& r) { r.base_image = std::string(255, 'b'); }) == "");
    CHECK(starts_with(civ_problem([](auto& r) { r.base_image = std::string(256, 'b'); }),
                      "BaseImage: must be 1 to 255 characters long, got 256"));
    CHECK(civ_problem([](auto& r) { r.release_notes = std::string(255, 'n'); }) == "");
    CHECK(starts_with(civ_problem([](auto& r) { r.release_notes = std::string(256, 'n'); }),
                      "ReleaseNotes: must be 1 to 255 characters long, got 256"));
    CHECK(starts_with(civ_problem([](auto& r) { r.release_notes = ""; }), "ReleaseNotes: must be 1 to 255"));
    CHECK(starts_with(civ_problem([](auto& r) { r.release_notes = "a\nb"; }), "ReleaseNotes: must match .*"));
}

TEST_CASE("validate: NextToken and NameContains")
{
    CHECK(problem(sm::list_images_request{.next_token = ""}) == "");  // min 0
    CHECK(problem(sm::list_images_request{.next_token = std::string(8192, 't')}) == "");
    CHECK(starts_with(problem(sm::list_images_request{.next_token = std::string(8193, 't')}),
                      "NextToken: must be at most 8192 characters long, got 8193"));
    CHECK(starts_with(problem(sm::list_aliases_request{.image_name = "i", .next_token = "a\nb"}),
                      "NextToken: must match .*"));

    CHECK(problem(sm::list_images_request{.name_contains = "my-image.1"}) == "");
    CHECK(problem(sm::list_images_request{.name_contains = std::string(63, 'n')}) == "");
    CHECK(starts_with(problem(sm::list_images_request{.name_contains = std::string(64, 'n')}),
                      "NameContains: must be at most 63 characters long, got 64"));
    CHECK(problem(sm::list_images_request{.name_contains = "a_b"}) ==
          "NameContains: must match [a-zA-Z0-9\\-.]+, got \"a_b\"");
    // min 0, but `+` needs one character: the empty string fails the pattern.
    CHECK(problem(sm::list_images_request{.name_contains = ""}) ==
          "NameContains: must match [a-zA-Z0-9\\-.]+, got \"\"");
}

TEST_CASE("validate: tags")
{
    CHECK(tag_problem("team", "") == "");  // Value is required but may be empty
    CHECK(tag_problem("a b_c.d:e/f=g+h-i@j", "0 9") == "");
    CHECK(tag_problem("\xc3\xb1"
                      "and\xc3\xba",
                      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e") == "");  // letters
    CHECK(tag_problem("x\xc2\xb2", "\xc2\xa0") == "");                 // SUPERSCRIPT TWO (No), NBSP (Zs)
    CHECK(tag_problem("", "v") == "Tags[1].Key: is required");
    CHECK(tag_problem(std::string(128, 'k')) == "");
    CHECK(starts_with(tag_problem(std::string(129, 'k')), "Tags[1].Key: must be 1 to 128 characters long, got 129"));
    CHECK(tag_problem("k", std::string(256, 'v')) == "");
    CHECK(starts_with(tag_problem("k", std::string(257, 'v')),
                      "Tags[1].Value: must be at most 256 characters long, got 257"));
    CHECK(tag_problem("k", repeat("\xc3\xa9", 256)) == "");
    CHECK(starts_with(tag_problem("k", repeat("\xc3\xa9", 257)), "Tags[1].Value: must be at most 256"));

    const std::string tag_pattern = "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)";
    CHECK(tag_problem("a*b") == "Tags[1].Key: must match " + tag_pattern + ", got \"a*b\"");
    for (const char* bad : {"a#b", "a\tb", "a\nb", "a\"b", "a,b", "a;b",
                            "a\xc3\x97"
                            "b",          // MULTIPLICATION SIGN (Sm)
                            "a\xc2\xbf",  // INVERTED QUESTION MARK (Po)
                            "a\xc2\xad"
                            "b",  // SOFT HYPHEN (Cf)
                            "a\xe2\x80\x8b"
                            "b",           // ZERO WIDTH SPACE (Cf)
                            "a\xc2\x85"})  // NEL (Cc)
        CHECK_MESSAGE(starts_with(tag_problem(bad), "Tags[1].Key: must match "), bad);
    CHECK(starts_with(tag_problem("k", "a!"), "Tags[1].Value: must match "));

    auto req = valid_create_image();
    req.tags.assign(50, sm::tag{.key = "k", .value = "v"});
    CHECK(problem(req) == "");
    req.tags.push_back({.key = "k", .value = "v"});
    CHECK(problem(req) == "Tags: must have at most 50 items, got 51");
}

TEST_CASE("validate: integer ranges")
{
    auto max_results = [](int n) {
        return problem(sm::list_image_versions_request{.image_name = "i", .max_results = n});
    };
    CHECK(max_results(0) == "MaxResults: must be 1 to 100, got 0");
    CHECK(max_results(1) == "");
    CHECK(max_results(100) == "");
    CHECK(max_results(101) == "MaxResults: must be 1 to 100, got 101");
    CHECK(max_results(INT_MIN) == "MaxResults: must be 1 to 100, got -2147483648");
    CHECK(problem(sm::list_images_request{.max_results = 101}) == "MaxResults: must be 1 to 100, got 101");
    CHECK(problem(sm::list_aliases_request{.image_name = "i", .max_results = 0}) ==
          "MaxResults: must be 1 to 100, got 0");

    auto version = [](int n) { return problem(sm::delete_image_version_request{.image_name = "i", .version = n}); };
    CHECK(version(-1) == "Version: must be at least 0, got -1");
    CHECK(version(0) == "");
    CHECK(version(INT_MAX) == "");
    CHECK(problem(sm::update_image_version_request{.image_name = "i", .version = -5}) ==
          "Version: must be at least 0, got -5");
}

TEST_CASE("validate: unknown enum values are rejected in requests")
{
    CHECK(civ_problem([](auto& r) { r.job_type = awscoro::open_enum<sm::job_type>{std::string_view{"TRAIN"}}; }) ==
          "JobType: must be one of TRAINING, INFERENCE, NOTEBOOK_KERNEL, got \"TRAIN\"");
    CHECK(civ_problem([](auto& r) { r.processor = awscoro::open_enum<sm::processor>{std::string_view{"TPU"}}; }) ==
          "Processor: must be one of CPU, GPU, got \"TPU\"");
    CHECK(starts_with(civ_problem([](auto& r) {
                          r.vendor_guidance = awscoro::open_enum<sm::vendor_guidance>{std::string_view{"stable"}};
                      }),
                      "VendorGuidance: must be one of NOT_PROVIDED, STABLE, TO_BE_ARCHIVED, ARCHIVED, got"));
    CHECK(problem(
              sm::list_images_request{.sort_by = awscoro::open_enum<sm::image_sort_by>{std::string_view{"VERSION"}}}) ==
          "SortBy: must be one of CREATION_TIME, LAST_MODIFIED_TIME, IMAGE_NAME, got \"VERSION\"");
    CHECK(problem(sm::list_image_versions_request{
              .image_name = "i",
              .sort_order = awscoro::open_enum<sm::image_version_sort_order>{std::string_view{"UP"}}}) ==
          "SortOrder: must be one of ASCENDING, DESCENDING, got \"UP\"");
    // Every known value passes; booleans and timestamps have no constraint.
    CHECK(civ_problem([](auto& r) {
              r.vendor_guidance = sm::vendor_guidance::to_be_archived;
              r.job_type = sm::job_type::notebook_kernel;
              r.processor = sm::processor::gpu;
              r.horovod = false;
          }) == "");
    CHECK(problem(sm::list_images_request{.creation_time_after = awscoro::timestamp{},
                                          .sort_by = sm::image_sort_by::image_name,
                                          .sort_order = sm::image_sort_order::descending}) == "");
}

TEST_CASE("validate: strings must be valid UTF-8")
{
    for (const char* bad : {"\xff", "a\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe6\x97",
                            "\x80", "\xf8\x88\x80\x80\x80"})
        CHECK_MESSAGE(civ_problem([&](auto& r) { r.release_notes = bad; }) == "ReleaseNotes: must be valid UTF-8", bad);
    CHECK(civ_problem([](auto& r) { r.release_notes = "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf \xed\x9f\xbf"; }) == "");
}

TEST_CASE("validate: line breaks, non-ASCII and bad UTF-8 are found at every offset")
{
    auto description = [](const std::string& v) {
        auto req = valid_create_image();
        req.description = v;
        return problem(req);
    };
    for (std::size_t length = 1; length <= 24; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            CAPTURE(length);
            CAPTURE(at);
            auto with = [&](std::string_view piece) {
                std::string s(length, 'x');
                return s.replace(at, 1, piece);
            };
            for (const char* line_break : {"\n", "\r", "\xe2\x80\xa8", "\xe2\x80\xa9"})
                CHECK(starts_with(description(with(line_break)), "Description: must match .*, got "));
            for (const char* fine : {"\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80", "\xe2\x80\xaa", "\t"})
                CHECK(description(with(fine)) == "");
            for (const char* broken : {"\xff", "\xc3", "\x80", "\xe2\x80"})
                CHECK(description(with(broken)) == "Description: must be valid UTF-8");
        }
    }
    // Code points, not bytes, are counted wherever the multi-byte ones sit.
    for (std::size_t at = 0; at < 20; ++at) {
        CAPTURE(at);
        std::string s(512, 'x');
        s.replace(at, 1, "\xf0\x9f\x98\x80");
        CHECK(description(s) == "");
        CHECK(starts_with(description(s + "x"), "Description: must be 1 to 512 characters long, got 513"));
    }
}

TEST_CASE("validate: matchers are exact on their own, beyond what the length bounds let through")
{
    namespace d = awscoro::sagemaker::detail;
    // ImageName's {0,62} caps the alphanumerics at 63, separators aside.
    CHECK(d::match_image_name(std::string(63, 'a')));
    CHECK_FALSE(d::match_image_name(std::string(64, 'a')));
    CHECK(d::match_image_name("a" + repeat(".b", 62)));
    CHECK_FALSE(d::match_image_name("a" + repeat(".b", 63)));
    CHECK_FALSE(d::match_image_name(""));
    CHECK_FALSE(d::match_client_token(""));
    CHECK_FALSE(d::match_alias(""));
    CHECK_FALSE(d::match_versioned_name(""));
    CHECK_FALSE(d::match_display_name(""));
    CHECK(d::match_any_line(""));
    CHECK(d::match_tag(""));

    CHECK(d::utf8_length("") == 0);
    CHECK(d::utf8_length("abcdefghijklmnopq") == 17);
    CHECK(d::utf8_length("abcdefgh\xc3\xa9ijklmnop\xf0\x9f\x98\x80") == 18);
    CHECK(d::utf8_length("abcdefgh\xc3") == d::invalid_utf8);
}

TEST_CASE("validate: the echoed value is escaped and cut at 64 characters")
{
    const std::string long_bad = "-" + std::string(99, 'x');
    CHECK(image_name_problem(long_bad) ==
          "ImageName: must be 1 to 63 characters long, got 100: \"-" + std::string(63, 'x') + "\"...");
    CHECK(alias_problem("." + repeat("\xc3\xa9", 70)) ==
          "Alias: must match " + alias_pattern + ", got \"." + repeat("\xc3\xa9", 63) + "\"...");
    CHECK(alias_problem("a\"b\\c") == "Alias: must match " + alias_pattern + ", got \"a\\\"b\\\\c\"");
}

TEST_CASE("validate: the success path allocates nothing")
{
    auto civ = valid_civ();
    civ.aliases = {"latest", "stable"};
    civ.ml_framework = "PyTorch 1.8";
    civ.programming_lang = "Python 3.8";
    civ.release_notes = "notes";
    auto image = valid_create_image();
    image.tags = {{.key = "team", .value = "ml"}, {.key = "env", .value = ""}};
    image.display_name = "My image";
    awscoro::diagnostics diag;

    const std::size_t before = awscoro::test::allocation_count();
    const bool ok = !sm::validate(civ, diag) && !sm::validate(image, diag);
    const std::size_t after = awscoro::test::allocation_count();
    CHECK(ok);
    CHECK(after == before);
}
