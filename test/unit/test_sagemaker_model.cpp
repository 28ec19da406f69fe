#include <awscoro/error.hpp>
#include <awscoro/sagemaker/codec.hpp>
#include <awscoro/sagemaker/model.hpp>
#include <awscoro/sagemaker/validate.hpp>

#include "support/shared_data.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace sm = awscoro::sagemaker;
namespace json = boost::json;

// ------------------------------------------------------------------ enums

namespace {

// Checks that E's enumerators spell exactly `names`, in order, both ways.
template <class E>
void check_enum(std::initializer_list<std::string_view> names)
{
    int i = 0;
    for (const std::string_view name : names) {
        const E e = static_cast<E>(i++);
        CHECK(sm::to_string(e) == name);
        E parsed{};
        CHECK(sm::from_string(name, parsed));
        CHECK(parsed == e);
    }
    CHECK(sm::to_string(static_cast<E>(i)).empty());  // nothing past the last one
    E untouched = static_cast<E>(0);
    CHECK_FALSE(sm::from_string("NOT_A_VALUE", untouched));
    CHECK_FALSE(sm::from_string("", untouched));
    CHECK_FALSE(sm::from_string(std::string(*names.begin()) + " ", untouched));
}

}  // namespace

TEST_CASE("model: enums spell their wire values in model order")
{
    check_enum<sm::job_type>({"TRAINING", "INFERENCE", "NOTEBOOK_KERNEL"});
    check_enum<sm::processor>({"CPU", "GPU"});
    check_enum<sm::vendor_guidance>({"NOT_PROVIDED", "STABLE", "TO_BE_ARCHIVED", "ARCHIVED"});
    check_enum<sm::image_status>(
        {"CREATING", "CREATED", "CREATE_FAILED", "UPDATING", "UPDATE_FAILED", "DELETING", "DELETE_FAILED"});
    check_enum<sm::image_version_status>({"CREATING", "CREATED", "CREATE_FAILED", "DELETING", "DELETE_FAILED"});
    check_enum<sm::image_sort_by>({"CREATION_TIME", "LAST_MODIFIED_TIME", "IMAGE_NAME"});
    check_enum<sm::image_sort_order>({"ASCENDING", "DESCENDING"});
    check_enum<sm::image_version_sort_by>({"CREATION_TIME", "LAST_MODIFIED_TIME", "VERSION"});
    check_enum<sm::image_version_sort_order>({"ASCENDING", "DESCENDING"});
    CHECK(sm::to_string(sm::job_type::notebook_kernel) == "NOTEBOOK_KERNEL");
}

TEST_CASE("model: wire spellings are case-sensitive")
{
    sm::job_type j{};
    CHECK_FALSE(sm::from_string("training", j));
    CHECK_FALSE(sm::from_string("Training", j));
}

// -------------------------------------------------------------- open_enum

TEST_CASE("model: open_enum holds a known enumerator")
{
    const awscoro::open_enum<sm::job_type> e = sm::job_type::inference;  // implicit from E
    CHECK(e.known());
    CHECK(e.value() == sm::job_type::inference);
    CHECK(e.str() == "INFERENCE");
    CHECK(e == sm::job_type::inference);
    CHECK(sm::job_type::inference == e);
    CHECK(e != sm::job_type::training);
}

TEST_CASE("model: open_enum parses known spellings and keeps unknown ones verbatim")
{
    const awscoro::open_enum<sm::image_status> known{std::string_view{"CREATED"}};
    CHECK(known.known());
    CHECK(known == sm::image_status::created);

    const awscoro::open_enum<sm::image_status> unknown{std::string_view{"QUARANTINED"}};
    CHECK_FALSE(unknown.known());
    CHECK(unknown.str() == "QUARANTINED");
    CHECK_THROWS_AS((void)unknown.value(), std::bad_variant_access);
    for (int i = 0; i < 7; ++i)
        CHECK(unknown != static_cast<sm::image_status>(i));

    // Equality compares the wire meaning.
    using status = awscoro::open_enum<sm::image_status>;
    CHECK(status{std::string_view{"CREATED"}} == status{sm::image_status::created});
    CHECK(unknown == status{std::string_view{"QUARANTINED"}});
    CHECK(unknown != status{std::string_view{"quarantined"}});
    CHECK(unknown != known);
}

TEST_CASE("model: an optional open_enum compares with an enumerator")
{
    std::optional<awscoro::open_enum<sm::processor>> p;
    CHECK(p != sm::processor::gpu);
    p = sm::processor::gpu;
    CHECK(p == sm::processor::gpu);
    CHECK(p != sm::processor::cpu);
}

// ------------------------------------------------------------- aggregates

TEST_CASE("model: requests read well with designated initializers")
{
    awscoro::sagemaker::create_image_version_request req{
        .base_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag",
        .image_name = "my-image",
        .aliases = {"latest"},
        .job_type = awscoro::sagemaker::job_type::training,
    };
    CHECK(req.base_image == "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag");
    CHECK(req.client_token.empty());
    CHECK(req.aliases == std::vector<std::string>{"latest"});
    CHECK(req.job_type == sm::job_type::training);
    CHECK_FALSE(req.horovod.has_value());  // absent, not false
    CHECK_FALSE(req.vendor_guidance.has_value());

    const sm::create_image_request image{
        .display_name = "My image",
        .image_name = "my-image",
        .role_arn = "arn:aws:iam::123456789012:role/SageMaker",
        .tags = {{.key = "team", .value = "ml"}},
    };
    CHECK(image.tags.at(0).value == "ml");

    const sm::list_images_request list{.max_results = 10, .sort_by = sm::image_sort_by::image_name};
    CHECK(list.max_results == 10);
    CHECK(list.sort_by == sm::image_sort_by::image_name);
}

TEST_CASE("model: fill_idempotency_token fills an empty token and keeps a set one")
{
    sm::create_image_version_request req{.base_image = "b", .image_name = "n"};
    sm::fill_idempotency_token(req);
    REQUIRE(req.client_token.size() == 36);
    CHECK(req.client_token[14] == '4');

    const std::string first = req.client_token;
    sm::fill_idempotency_token(req);  // a retry keeps the same token
    CHECK(req.client_token == first);

    sm::create_image_version_request other{.base_image = "b", .image_name = "n"};
    sm::fill_idempotency_token(other);
    CHECK(other.client_token != first);
}

TEST_CASE("model: operation traits")
{
    CHECK(sm::create_image_version_op::name == "CreateImageVersion");
    static_assert(sm::create_image_version_op::has_idempotency_token);
    static_assert(!sm::create_image_version_op::read_only);
    static_assert(std::is_same_v<sm::list_aliases_op::request_type, sm::list_aliases_request>);
    static_assert(std::is_same_v<sm::list_aliases_op::response_type, sm::list_aliases_response>);
    static_assert(std::tuple_size_v<sm::operations> == 10);

    static_assert(sm::request_message<sm::delete_image_request>);
    static_assert(!sm::request_message<sm::delete_image_response>);
    static_assert(sm::response_message<sm::list_images_response>);
    static_assert(!sm::message<sm::tag>);
    static_assert(!sm::message<std::string>);

    // Describe* and List* only read; only CreateImageVersion has a token.
    int with_token = 0;
    auto check_op = [&](auto op) {
        using op_type = decltype(op);
        const bool reads = op_type::name.starts_with("Describe") || op_type::name.starts_with("List");
        CHECK_MESSAGE(op_type::read_only == reads, op_type::name);
        with_token += op_type::has_idempotency_token;
    };
    std::apply([&](auto... op) { (check_op(op), ...); }, sm::operations{});
    CHECK(with_token == 1);
}

// ------------------------------------------- conformance with the service model
//
// Walks sagemaker-image-ops.json (read in place from the shared folder) and
// drives the codec and the validator by member NAME, through JSON bodies, so
// that a member or constraint missing from the C++ side shows up here.

namespace {

struct op_hooks {
    std::string name;
    // body -> parse -> serialize; the error_code is the parse result
    std::function<std::pair<boost::system::error_code, std::string>(const std::string&)> request_round_trip;
    std::function<std::pair<boost::system::error_code, std::string>(const std::string&)> response_round_trip;
    // body -> parse -> validate; returns the validation result and message
    std::function<std::pair<boost::system::error_code, std::string>(const std::string&)> validate_body;
};

template <class T>
std::pair<boost::system::error_code, std::string> round_trip(const std::string& body)
{
    T msg;
    awscoro::diagnostics diag;
    const auto ec = sm::from_json(body, msg, diag);
    std::string out;
    sm::to_json(msg, out);
    return {ec, ec ? diag.message : out};
}

template <class T>
std::pair<boost::system::error_code, std::string> validate_body(const std::string& body)
{
    T msg;
    awscoro::diagnostics diag;
    if (const auto ec = sm::from_json(body, msg, diag))
        return {ec, "parse failed: " + diag.message};
    const auto ec = sm::validate(msg, diag);
    return {ec, ec ? diag.message : std::string{}};
}

std::map<std::string, op_hooks> all_hooks()
{
    std::map<std::string, op_hooks> hooks;
    std::apply(
        [&](auto... op) {
            ((hooks[std::string(decltype(op)::name)] =
                  op_hooks{std::string(decltype(op)::name), &round_trip<typename decltype(op)::request_type>,
                           &round_trip<typename decltype(op)::response_type>,
                           &validate_body<typename decltype(op)::request_type>}),
             ...);
        },
        sm::operations{});
    return hooks;
}

// A value of `length` code points that satisfies the shape's pattern, or
// nothing when the pattern cannot be met at that length. `filler` is the
// repeated character (multi-byte where the pattern admits it, to check that
// lengths count code points).
std::optional<std::string> sized_value(const std::string& shape, std::size_t length, std::string_view filler = "a")
{
    std::string prefix, suffix;
    if (shape == "RoleArn")
        prefix = "arn:aws:iam::123456789012:role/";
    else if (shape == "MLFramework" || shape == "ProgrammingLang")
        suffix = "1.0";
    if (length < prefix.size() + suffix.size() + (shape == "MLFramework" || shape == "ProgrammingLang" ? 1 : 0))
        return std::nullopt;
    std::string v = prefix;
    for (std::size_t i = prefix.size() + suffix.size(); i < length; ++i)
        v.append(filler);
    return v + suffix;
}

// A value of valid length that the shape's pattern rejects.
std::string pattern_breaker(const std::string& shape)
{
    if (shape == "RoleArn")
        return "arn:aws:iam::123456789012:role/#";
    if (shape == "ImageDisplayName")
        return " leading space";
    if (shape == "ImageName" || shape == "ClientToken" || shape == "SageMakerImageVersionAlias" ||
        shape == "MLFramework" || shape == "ProgrammingLang" || shape == "ImageNameContains")
        return "#";
    return "line\nbreak";  // `.*` and the tag class both exclude a line feed
}

// Shapes whose pattern admits any non-ASCII letter.
bool admits_unicode(const std::string& shape, const json::object& s)
{
    const auto* pattern = s.if_contains("pattern");
    return shape == "TagKey" || shape == "TagValue" || shape == "ImageDisplayName" ||
           (pattern != nullptr && pattern->as_string() == ".*");
}

class model {
public:
    model() : root_(json::parse(awscoro::test::read_shared("models/sagemaker-image-ops.json")).as_object()) {}

    const json::object& operations() const { return root_.at("operations").as_object(); }
    const json::object& shape(std::string_view name) const { return root_.at("shapes").at(name).as_object(); }
    std::string input_of(const json::object& op) const { return std::string(op.at("input").at("shape").as_string()); }
    std::string output_of(const json::object& op) const { return std::string(op.at("output").at("shape").as_string()); }

    // A valid value for every member of `shape_name`, nested structures and
    // lists included (lists get two elements).
    json::value sample(const std::string& shape_name) const
    {
        const json::object& s = shape(shape_name);
        const std::string_view type = s.at("type").as_string();
        if (type == "structure") {
            json::object o;
            for (const auto& m : s.at("members").as_object())
                o[m.key()] = sample(std::string(m.value().at("shape").as_string()));
            return o;
        }
        if (type == "list") {
            const std::string element(s.at("member").at("shape").as_string());
            return json::array{sample(element), sample(element)};
        }
        if (type == "boolean")
            return true;
        if (type == "timestamp")
            return 1700000000.25;
        if (type == "integer")
            return (s.contains("min") ? s.at("min").as_int64() : 0) + 1;
        if (const auto* e = s.if_contains("enum"))
            return e->as_array().back();
        return json::string(string_sample(shape_name));
    }

    // Only the required members (recursively valid).
    json::object required_sample(const std::string& shape_name) const
    {
        const json::object& s = shape(shape_name);
        json::object o;
        if (const auto* req = s.if_contains("required"))
            for (const auto& name : req->as_array()) {
                const auto& member_shape = s.at("members").at(name.as_string()).at("shape").as_string();
                o[name.as_string()] = sample(std::string(member_shape));
            }
        return o;
    }

private:
    static std::string string_sample(const std::string& shape)
    {
        static const std::map<std::string, std::string> samples = {
            {"ClientToken", "0b6d4e52-6a0f-4c34-b4d2-5e1f0d9c2a11"},
            {"FailureReason", "out of capacity"},
            {"ImageArn", "arn:aws:sagemaker:us-east-1:123456789012:image/my-image"},
            {"ImageBaseImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag"},
            {"ImageContainerImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo@sha256:abc"},
            {"ImageDescription", "An image"},
            {"ImageDisplayName", "My image"},
            {"ImageName", "my-image"},
            {"ImageNameContains", "image"},
            {"ImageVersionArn", "arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/1"},
            {"MLFramework", "PyTorch 1.8"},
            {"NextToken", "page-2"},
            {"ProgrammingLang", "Python 3.8"},
            {"ReleaseNotes", "First release"},
            {"RoleArn", "arn:aws:iam::123456789012:role/SageMakerRole"},
            {"SageMakerImageVersionAlias", "latest"},
            {"TagKey", "team"},
            {"TagValue", "ml"},
        };
        const auto it = samples.find(shape);
        REQUIRE_MESSAGE(it != samples.end(), "the test has no sample value for string shape " << shape);
        return it->second;
    }

    json::object root_;
};

std::string with_member(json::object body, std::string_view member, json::value v)
{
    body[member] = std::move(v);
    return json::serialize(body);
}

}  // namespace

TEST_CASE("model: every member of every operation round-trips through the codec")
{
    const model m;
    const auto hooks = all_hooks();
    REQUIRE(m.operations().size() == hooks.size());
    for (const auto& entry : m.operations()) {
        const std::string name(entry.key());
        const json::value& op = entry.value();
        const auto it = hooks.find(name);
        REQUIRE_MESSAGE(it != hooks.end(), "no C++ operation for " << name);
        const struct {
            std::string shape;
            decltype(op_hooks::request_round_trip) fn;
        } sides[] = {{m.input_of(op.as_object()), it->second.request_round_trip},
                     {m.output_of(op.as_object()), it->second.response_round_trip}};
        for (const auto& side : sides) {
            CAPTURE(side.shape);
            const json::value in = m.sample(side.shape);
            const auto result = side.fn(json::serialize(in));
            const std::string& out = result.second;
            REQUIRE_MESSAGE(!result.first, out);
            const json::value back = json::parse(out);
            // Name each member lost or changed, then compare whole.
            for (const auto& member : in.as_object())
                CHECK_MESSAGE(back.as_object().if_contains(member.key()) != nullptr,
                              side.shape << "." << member.key() << " is not round-tripped");
            CHECK_MESSAGE(back == in, "in:  " << json::serialize(in) << "\nout: " << out);
        }
    }
}

TEST_CASE("model: the validator enforces exactly the model's constraints")
{
    const model m;
    const auto hooks = all_hooks();
    int checks = 0;
    for (const auto& entry : m.operations()) {
        const json::value& op = entry.value();
        const auto& validate_body = hooks.at(std::string(entry.key())).validate_body;
        const std::string input = m.input_of(op.as_object());
        const json::object& shape = m.shape(input);
        const json::object base = m.required_sample(input);
        CAPTURE(input);

        // Fully valid bodies pass: required members only, and every member.
        CHECK_MESSAGE(!validate_body(json::serialize(base)).first, validate_body(json::serialize(base)).second);
        CHECK_MESSAGE(!validate_body(json::serialize(m.sample(input))).first,
                      validate_body(json::serialize(m.sample(input))).second);

        auto expect_fail = [&](const std::string& body, const std::string& path, std::string_view words) {
            const auto result = validate_body(body);
            const std::string& msg = result.second;
            CHECK_MESSAGE(result.first == awscoro::error::invalid_parameter, body);
            CHECK_MESSAGE(msg.rfind(path + ": ", 0) == 0, "message \"" << msg << "\" does not start with " << path);
            CHECK_MESSAGE(msg.find(words) != std::string::npos, "message \"" << msg << "\" lacks \"" << words << '"');
            ++checks;
        };
        auto expect_pass = [&](const std::string& body) {
            const auto result = validate_body(body);
            CHECK_MESSAGE(!result.first, body << " -> " << result.second);
            ++checks;
        };

        // Checks one string shape in the position built by `place`, which maps
        // a value to (body, path of the value).
        auto check_string = [&](const std::string& shape_name,
                                const std::function<std::pair<std::string, std::string>(json::value)>& place,
                                bool required) {
            const json::object& s = m.shape(shape_name);
            const std::size_t min = s.contains("min") ? std::size_t(s.at("min").as_int64()) : 0;
            CAPTURE(shape_name);
            const std::vector<std::string> fillers = admits_unicode(shape_name, s)
                                                         ? std::vector<std::string>{"a", "\xc3\xa9", "\xe6\x97\xa5"}
                                                         : std::vector<std::string>{"a"};
            for (const std::string& filler : fillers) {
                if (const auto* max = s.if_contains("max")) {
                    const auto n = std::size_t(max->as_int64());
                    if (const auto v = sized_value(shape_name, n, filler))
                        expect_pass(place(json::string(*v)).first);
                    const auto too_long = place(json::string(*sized_value(shape_name, n + 1, filler)));
                    expect_fail(too_long.first, too_long.second, "characters long");
                }
                if (min > 0) {
                    if (const auto v = sized_value(shape_name, min, filler))
                        expect_pass(place(json::string(*v)).first);
                    const auto too_short = place(json::string(std::string(min - 1, 'a')));
                    expect_fail(too_short.first, too_short.second,
                                min == 1 && required ? "is required" : "characters long");
                }
            }
            if (const auto* pattern = s.if_contains("pattern")) {
                const auto bad = place(json::string(pattern_breaker(shape_name)));
                expect_fail(bad.first, bad.second, "must match " + std::string(pattern->as_string()) + ", got");
            }
        };

        for (const auto& member_entry : shape.at("members").as_object()) {
            const std::string member_name(member_entry.key());
            const std::string member_shape(member_entry.value().at("shape").as_string());
            const json::object& s = m.shape(member_shape);
            const std::string_view type = s.at("type").as_string();
            const bool required = shape.contains("required") && [&] {
                for (const auto& r : shape.at("required").as_array())
                    if (r.as_string() == member_name)
                        return true;
                return false;
            }();
            CAPTURE(member_name);
            auto at_member = [&](json::value v) {
                return std::pair{with_member(base, member_name, std::move(v)), member_name};
            };

            if (required && type == "string") {
                json::object without = base;
                without.erase(member_name);
                expect_fail(json::serialize(without), member_name, "is required");
            }

            if (const auto* values = s.if_contains("enum")) {
                for (const auto& v : values->as_array())
                    expect_pass(at_member(v).first);
                const auto result = validate_body(at_member("NOT_IN_THE_MODEL").first);
                const std::string& msg = result.second;
                CHECK(result.first == awscoro::error::invalid_parameter);
                CHECK(msg.rfind(member_name + ": must be one of ", 0) == 0);
                // The message lists the accepted values: exactly the model's.
                std::string listed;
                for (const auto& v : values->as_array())
                    listed += (listed.empty() ? "" : ", ") + std::string(v.as_string());
                CHECK_MESSAGE(msg.find("one of " + listed + ", got \"NOT_IN_THE_MODEL\"") != std::string::npos, msg);
                ++checks;
            } else if (type == "string") {
                check_string(member_shape, at_member, required);
            } else if (type == "integer") {
                if (const auto* min = s.if_contains("min")) {
                    expect_pass(at_member(min->as_int64()).first);
                    expect_fail(at_member(min->as_int64() - 1).first, member_name, "must be");
                }
                if (const auto* max = s.if_contains("max")) {
                    expect_pass(at_member(max->as_int64()).first);
                    expect_fail(at_member(max->as_int64() + 1).first, member_name, "must be");
                }
            } else if (type == "list") {
                const std::string element(s.at("member").at("shape").as_string());
                const json::value one = m.sample(element);
                if (const auto* max = s.if_contains("max")) {
                    const auto n = std::size_t(max->as_int64());
                    expect_pass(at_member(json::array(n, one)).first);
                    expect_fail(at_member(json::array(n + 1, one)).first, member_name, "must have at most");
                }
                if (m.shape(element).at("type").as_string() == "string") {
                    // The element constraints apply to each element, named by index.
                    check_string(
                        element,
                        [&](json::value v) {
                            return std::pair{with_member(base, member_name, json::array{one, std::move(v)}),
                                             member_name + "[1]"};
                        },
                        false);
                } else {
                    // A list of structures: each element member, by path.
                    const json::object& es = m.shape(element);
                    for (const auto& sub : es.at("members").as_object()) {
                        const std::string sub_name(sub.key());
                        const std::string sub_shape(sub.value().at("shape").as_string());
                        bool sub_required = false;
                        for (const auto& r : es.at("required").as_array())
                            sub_required |= r.as_string() == sub_name;
                        check_string(
                            sub_shape,
                            [&](json::value v) {
                                json::object bad = one.as_object();
                                bad[sub_name] = std::move(v);
                                return std::pair{with_member(base, member_name, json::array{one, bad}),
                                                 member_name + "[1]." + sub_name};
                            },
                            sub_required);
                    }
                }
            }
        }
    }
    MESSAGE(checks << " constraint checks derived from the model");
    CHECK(checks > 150);
}
