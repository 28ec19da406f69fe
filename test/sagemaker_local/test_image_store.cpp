#include "image_store.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace sagemaker_local;
using namespace sagemaker_local::test;

namespace {

constexpr std::string_view role = "arn:aws:iam::123456789012:role/service";

store_config fast_config()
{
    store_config c;
    c.create_delay = std::chrono::milliseconds{1000};
    c.delete_delay = std::chrono::milliseconds{2000};
    return c;
}

void create_image(image_store& store, const std::string& name, double t = 0)
{
    value_of(store.execute(sm::create_image_request{.image_name = name, .role_arn = std::string(role)}, at(t)));
}

sm::create_image_version_request version_request(const std::string& image, const std::string& token,
                                                 std::vector<std::string> aliases = {})
{
    return {.base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
            .client_token = token,
            .image_name = image,
            .aliases = std::move(aliases)};
}

std::string create_version(image_store& store, const std::string& image, const std::string& token, double t = 0,
                           std::vector<std::string> aliases = {})
{
    return *value_of(store.execute(version_request(image, token, std::move(aliases)), at(t))).image_version_arn;
}

sm::describe_image_version_response describe_version(image_store& store, const std::string& image,
                                                     std::optional<int> version, double t)
{
    return value_of(store.execute(sm::describe_image_version_request{.image_name = image, .version = version}, at(t)));
}

}  // namespace

TEST_CASE("store: CreateImage gives the ARN and goes CREATING -> CREATED after the delay")
{
    image_store store{fast_config()};
    auto created = value_of(store.execute(
        sm::create_image_request{.description = "d", .image_name = "my-image", .role_arn = std::string(role)}, at(0)));
    CHECK(created.image_arn == "arn:aws:sagemaker:us-east-1:123456789012:image/my-image");

    auto early = value_of(store.execute(sm::describe_image_request{.image_name = "my-image"}, at(0.5)));
    CHECK(*early.image_status == sm::image_status::creating);
    CHECK(early.description == "d");
    CHECK(early.role_arn == std::string(role));

    auto later = value_of(store.execute(sm::describe_image_request{.image_name = "my-image"}, at(1.0)));
    CHECK(*later.image_status == sm::image_status::created);
    CHECK(later.creation_time == at(0));
    CHECK(later.last_modified_time == at(1.0));
}

TEST_CASE("store: ARNs follow the configured account and region")
{
    store_config c;
    c.account = "111122223333";
    c.region = "eu-west-1";
    image_store store{c};
    create_image(store, "x");
    CHECK(create_version(store, "x", "t1") == "arn:aws:sagemaker:eu-west-1:111122223333:image-version/x/1");
}

TEST_CASE("store: a taken name is ResourceInUse, a missing image ResourceNotFound")
{
    image_store store{fast_config()};
    create_image(store, "a");
    auto taken = error_of(store.execute(sm::create_image_request{.image_name = "a", .role_arn = std::string(role)}, at(5)));
    CHECK(taken.type == "ResourceInUse");
    CHECK(taken.status == 400);

    CHECK(error_of(store.execute(sm::describe_image_request{.image_name = "b"}, at(0))).type == "ResourceNotFound");
    CHECK(error_of(store.execute(sm::delete_image_request{.image_name = "b"}, at(0))).type == "ResourceNotFound");
    CHECK(error_of(store.execute(version_request("b", "t"), at(0))).type == "ResourceNotFound");
    CHECK(error_of(store.execute(sm::list_image_versions_request{.image_name = "b"}, at(0))).type ==
          "ResourceNotFound");
    CHECK(error_of(store.execute(sm::list_aliases_request{.image_name = "b"}, at(0))).type == "ResourceNotFound");
    CHECK(error_of(store.execute(sm::update_image_version_request{.image_name = "b", .version = 1}, at(0))).type ==
          "ResourceNotFound");
    CHECK(error_of(store.execute(sm::delete_image_version_request{.image_name = "b", .version = 1}, at(0))).type ==
          "ResourceNotFound");
}

TEST_CASE("store: versions are numbered 1, 2, 3 and never reused")
{
    image_store store{fast_config()};
    create_image(store, "img");
    CHECK(create_version(store, "img", "t1").ends_with("/img/1"));
    CHECK(create_version(store, "img", "t2").ends_with("/img/2"));
    value_of(store.execute(sm::delete_image_version_request{.image_name = "img", .version = 2}, at(1)));
    CHECK(create_version(store, "img", "t3", 10).ends_with("/img/3"));
    CHECK(store.counters().versions_created == 3);
}

TEST_CASE("store: a version goes CREATING -> CREATED, or CREATE_FAILED for a matching base image")
{
    auto c = fast_config();
    c.fail_base_image_pattern = "broken";
    image_store store{c};
    create_image(store, "img");
    create_version(store, "img", "t1");
    auto failing = version_request("img", "t2");
    failing.base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/broken:1";
    value_of(store.execute(failing, at(0)));

    CHECK(*describe_version(store, "img", 1, 0.5).image_version_status == sm::image_version_status::creating);
    CHECK_FALSE(describe_version(store, "img", 1, 0.5).container_image);
    const auto good = describe_version(store, "img", 1, 1);
    CHECK(*good.image_version_status == sm::image_version_status::created);
    CHECK(good.container_image == good.base_image);
    const auto bad = describe_version(store, "img", 2, 1);
    CHECK(*bad.image_version_status == sm::image_version_status::create_failed);
    CHECK(bad.failure_reason.has_value());
}

TEST_CASE("store: DescribeImageVersion by version, by alias, or the latest")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1", 0, {"stable"});
    create_version(store, "img", "t2", 0, {"latest", "dev"});

    CHECK(describe_version(store, "img", std::nullopt, 1).version == 2);
    CHECK(describe_version(store, "img", 1, 1).version == 1);
    auto by_alias = value_of(store.execute(sm::describe_image_version_request{.image_name = "img", .alias = "stable"}, at(1)));
    CHECK(by_alias.version == 1);

    CHECK(error_of(store.execute(sm::describe_image_version_request{.image_name = "img", .version = 9}, at(1))).type ==
          "ResourceNotFound");
    CHECK(error_of(store.execute(sm::describe_image_version_request{.image_name = "img", .alias = "nope"}, at(1)))
              .type == "ResourceNotFound");
    CHECK(error_of(store.execute(sm::describe_image_version_request{.image_name = "img", .version = 1, .alias = "dev"},
                                 at(1)))
              .type == "ValidationException");

    create_image(store, "empty");
    CHECK(error_of(store.execute(sm::describe_image_version_request{.image_name = "empty"}, at(1))).type ==
          "ResourceNotFound");
}

TEST_CASE("store: the same ClientToken replays, different parameters are rejected")
{
    image_store store{fast_config()};
    create_image(store, "img");
    const auto first = create_version(store, "img", "token-1");
    CHECK(create_version(store, "img", "token-1", 3) == first);
    CHECK(store.counters().versions_created == 1);
    CHECK(store.counters().token_replays == 1);

    auto changed = version_request("img", "token-1");
    changed.release_notes = "other";
    const auto rejected = error_of(store.execute(changed, at(4)));
    CHECK(rejected.type == "ValidationException");
    CHECK(rejected.message.find("token-1") != std::string::npos);
    CHECK(store.counters().versions_created == 1);
}

TEST_CASE("store: the version quota gives ResourceLimitExceeded; deleted versions free it")
{
    auto c = fast_config();
    c.version_quota = 2;
    image_store store{c};
    create_image(store, "img");
    create_version(store, "img", "t1");
    create_version(store, "img", "t2");
    CHECK(error_of(store.execute(version_request("img", "t3"), at(0))).type == "ResourceLimitExceeded");
    value_of(store.execute(sm::delete_image_version_request{.image_name = "img", .version = 1}, at(1)));
    CHECK(error_of(store.execute(version_request("img", "t3"), at(2))).type == "ResourceLimitExceeded");
    CHECK(create_version(store, "img", "t3", 3).ends_with("/3"));  // version 1 is gone at 1 + 2 s
}

TEST_CASE("store: aliases are unique per image")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_image(store, "other");
    create_version(store, "img", "t1", 0, {"prod"});
    CHECK(error_of(store.execute(version_request("img", "t2", {"prod"}), at(0))).type == "ResourceInUse");
    CHECK(error_of(store.execute(version_request("img", "t3", {"a", "a"}), at(0))).type == "ValidationException");
    create_version(store, "other", "t4", 0, {"prod"});  // another image may use it

    create_version(store, "img", "t5", 0, {"beta"});
    auto steal = sm::update_image_version_request{.image_name = "img", .version = 2, .aliases_to_add = {"prod"}};
    CHECK(error_of(store.execute(steal, at(1))).type == "ResourceInUse");
}

TEST_CASE("store: UpdateImageVersion moves aliases and updates attributes")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1", 0, {"prod", "old"});
    create_version(store, "img", "t2", 0);

    auto move = sm::update_image_version_request{.image_name = "img", .alias = "old", .aliases_to_delete = {"prod"}};
    CHECK(value_of(store.execute(move, at(1))).image_version_arn->ends_with("/img/1"));
    auto add = sm::update_image_version_request{.image_name = "img",
                                                .version = 2,
                                                .aliases_to_add = {"prod"},
                                                .job_type = sm::job_type::training,
                                                .horovod = true,
                                                .release_notes = "notes"};
    value_of(store.execute(add, at(2)));

    const auto v2 = describe_version(store, "img", 2, 3);
    CHECK(*v2.job_type == sm::job_type::training);
    CHECK(v2.horovod == true);
    CHECK(v2.release_notes == "notes");
    CHECK(v2.last_modified_time == at(2));
    auto aliases = value_of(store.execute(sm::list_aliases_request{.image_name = "img", .version = 2}, at(3)));
    CHECK(aliases.sagemaker_image_version_aliases == std::vector<std::string>{"prod"});

    auto not_there = sm::update_image_version_request{.image_name = "img", .version = 2, .aliases_to_delete = {"x"}};
    CHECK(error_of(store.execute(not_there, at(3))).type == "ValidationException");
    CHECK(error_of(store.execute(sm::update_image_version_request{.image_name = "img"}, at(3))).type ==
          "ValidationException");
}

TEST_CASE("store: DeleteImageVersion by alias releases the alias at once; the version is gone after the delay")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1", 0, {"prod"});
    value_of(store.execute(sm::delete_image_version_request{.image_name = "img", .alias = "prod"}, at(1)));

    CHECK(*describe_version(store, "img", 1, 2).image_version_status == sm::image_version_status::deleting);
    CHECK(error_of(store.execute(sm::delete_image_version_request{.image_name = "img", .version = 1}, at(2))).type ==
          "ResourceInUse");
    CHECK(error_of(store.execute(sm::update_image_version_request{.image_name = "img", .version = 1}, at(2))).type ==
          "ResourceInUse");
    create_version(store, "img", "t2", 2, {"prod"});  // the alias is free again
    CHECK(error_of(store.execute(sm::describe_image_version_request{.image_name = "img", .version = 1}, at(3))).type ==
          "ResourceNotFound");
    CHECK(error_of(store.execute(sm::delete_image_version_request{.image_name = "img"}, at(3))).type ==
          "ValidationException");
}

TEST_CASE("store: DeleteImage takes its versions with it; operations on a deleting image are ResourceInUse")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1");
    value_of(store.execute(sm::delete_image_request{.image_name = "img"}, at(1)));

    auto deleting = value_of(store.execute(sm::describe_image_request{.image_name = "img"}, at(2)));
    CHECK(*deleting.image_status == sm::image_status::deleting);
    CHECK(*describe_version(store, "img", 1, 2).image_version_status == sm::image_version_status::deleting);
    CHECK(error_of(store.execute(version_request("img", "t2"), at(2))).type == "ResourceInUse");
    CHECK(error_of(store.execute(sm::delete_image_request{.image_name = "img"}, at(2))).type == "ResourceInUse");
    CHECK(error_of(store.execute(sm::create_image_request{.image_name = "img", .role_arn = std::string(role)}, at(2)))
              .type == "ResourceInUse");

    CHECK(error_of(store.execute(sm::describe_image_request{.image_name = "img"}, at(3))).type == "ResourceNotFound");
    create_image(store, "img", 3);  // the name is free again, versions start over
    CHECK(create_version(store, "img", "t3", 3).ends_with("/img/1"));
}

TEST_CASE("store: zero delays settle on the next access")
{
    store_config c;
    c.create_delay = c.delete_delay = std::chrono::milliseconds{0};
    image_store store{c};
    create_image(store, "img");
    CHECK(*value_of(store.execute(sm::describe_image_request{.image_name = "img"}, at(0))).image_status ==
          sm::image_status::created);
    value_of(store.execute(sm::delete_image_request{.image_name = "img"}, at(0)));
    CHECK(error_of(store.execute(sm::describe_image_request{.image_name = "img"}, at(0))).type == "ResourceNotFound");
}

TEST_CASE("store: ListImages filters, sorts and pages")
{
    image_store store{fast_config()};
    for (int i = 0; i < 25; ++i)
        create_image(store, "image-" + std::to_string(100 + i), i);
    create_image(store, "other", 30);

    // Default: by creation time, newest first, 10 per page.
    auto first = value_of(store.execute(sm::list_images_request{}, at(40)));
    REQUIRE(first.images.size() == 10);
    CHECK(first.images[0].image_name == "other");
    CHECK(first.images[1].image_name == "image-124");
    REQUIRE(first.next_token);

    std::vector<std::string> names;
    sm::list_images_request req{.max_results = 7, .name_contains = "image-",
                                .sort_by = sm::image_sort_by::image_name, .sort_order = sm::image_sort_order::ascending};
    for (int pages = 0;; ++pages) {
        REQUIRE(pages < 10);
        auto page = value_of(store.execute(req, at(40)));
        for (const auto& image : page.images)
            names.push_back(image.image_name);
        if (!page.next_token)
            break;
        req.next_token = page.next_token;
    }
    REQUIRE(names.size() == 25);
    CHECK(names.front() == "image-100");
    CHECK(names.back() == "image-124");
    CHECK(std::is_sorted(names.begin(), names.end()));

    auto window = value_of(store.execute(
        sm::list_images_request{.creation_time_after = at(5), .creation_time_before = at(7)}, at(40)));
    CHECK(window.images.size() == 3);

    CHECK(error_of(store.execute(sm::list_images_request{.next_token = "garbage"}, at(40))).type ==
          "ValidationException");
}

TEST_CASE("store: ListImageVersions pages in version order and survives deletions between pages")
{
    image_store store{fast_config()};
    create_image(store, "img");
    for (int i = 1; i <= 12; ++i)
        create_version(store, "img", std::string("t").append(std::to_string(i)), i);

    sm::list_image_versions_request req{.image_name = "img", .max_results = 5,
                                        .sort_by = sm::image_version_sort_by::version,
                                        .sort_order = sm::image_version_sort_order::ascending};
    auto page1 = value_of(store.execute(req, at(20)));
    REQUIRE(page1.image_versions.size() == 5);
    CHECK(page1.image_versions[4].version == 5);
    // Version 5, the cursor, goes away: the next page still starts at 6.
    value_of(store.execute(sm::delete_image_version_request{.image_name = "img", .version = 5}, at(20)));
    req.next_token = page1.next_token;
    auto page2 = value_of(store.execute(req, at(30)));
    REQUIRE(page2.image_versions.size() == 5);
    CHECK(page2.image_versions[0].version == 6);

    auto newest = value_of(store.execute(sm::list_image_versions_request{.image_name = "img"}, at(30)));
    CHECK(newest.image_versions.front().version == 12);  // creation time, descending
}

TEST_CASE("store: ListAliases lists one version's or every alias, paged")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1", 0, {"a", "b"});
    create_version(store, "img", "t2", 0, {"c"});

    auto all = value_of(store.execute(sm::list_aliases_request{.image_name = "img"}, at(1)));
    CHECK(all.sagemaker_image_version_aliases == std::vector<std::string>{"a", "b", "c"});
    auto of_alias = value_of(store.execute(sm::list_aliases_request{.image_name = "img", .alias = "b"}, at(1)));
    CHECK(of_alias.sagemaker_image_version_aliases == std::vector<std::string>{"a", "b"});
    auto paged = value_of(store.execute(sm::list_aliases_request{.image_name = "img", .max_results = 2}, at(1)));
    CHECK(paged.sagemaker_image_version_aliases.size() == 2);
    auto rest = value_of(store.execute(
        sm::list_aliases_request{.image_name = "img", .max_results = 2, .next_token = paged.next_token}, at(1)));
    CHECK(rest.sagemaker_image_version_aliases == std::vector<std::string>{"c"});
    CHECK_FALSE(rest.next_token);
    CHECK(error_of(store.execute(sm::list_aliases_request{.image_name = "img", .alias = "c", .version = 1}, at(1)))
              .type == "ResourceNotFound");
}

TEST_CASE("store: snapshot and restore carry every record")
{
    image_store store{fast_config()};
    create_image(store, "img");
    create_version(store, "img", "t1", 0, {"x"});
    image_store copy{fast_config()};
    copy.restore(store.snapshot());
    CHECK(copy.snapshot() == store.snapshot());
    CHECK(create_version(copy, "img", "t1", 0, {"x"}) == create_version(store, "img", "t1", 0, {"x"}));
    copy.clear();
    CHECK(copy.snapshot().images.empty());
}
