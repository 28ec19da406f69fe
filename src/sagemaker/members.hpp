// The one description of every SageMaker structure: for each member, in the
// model's order, its AWS name, the C++ member, and for request members the
// model shape's constraints. The JSON writer, the JSON reader and the
// validator all walk these lists, so a member added here is serialized,
// parsed and checked everywhere at once.
//
// for_each_member(obj, f) calls
//   f("AwsName", obj.member)          for members with no constraint beyond their type
//                                     (enums, booleans, timestamps, response members);
//   f("AwsName", obj.member, shape)   for constrained request members.
// obj may be const or not; f receives members with the same constness.
#pragma once

#include "patterns.hpp"

#include <awscoro/sagemaker/model.hpp>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace awscoro::sagemaker::detail {

// ------------------------------------------------------------------ shapes

/// A string shape's constraints. Lengths count Unicode code points.
struct string_shape {
    std::uint32_t min_length = 0;
    std::uint32_t max_length = UINT32_MAX;
    bool (*matches)(std::string_view) noexcept = nullptr;  ///< whole-value pattern; null when none
    std::string_view pattern = {};                         ///< the model's text, for messages
};

struct integer_shape {
    std::int64_t min = INT_MIN;
    std::int64_t max = INT_MAX;
};

/// The elements of a list of structures are checked through their own
/// member lists; this marks such a list.
struct structure_shape {};

template <class Element>
struct list_shape {
    std::size_t max_items = SIZE_MAX;
    Element element = {};
};

namespace shapes {
inline constexpr string_shape image_base_image = {1, 255, &match_any_line, ".*"};
inline constexpr string_shape client_token = {1, 36, &match_client_token, "[a-zA-Z0-9-]+"};
inline constexpr string_shape image_name = {1, 63, &match_image_name, "[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}"};
inline constexpr string_shape image_name_contains = {0, 63, &match_name_contains, "[a-zA-Z0-9\\-.]+"};
inline constexpr string_shape image_description = {1, 512, &match_any_line, ".*"};
inline constexpr string_shape image_display_name = {1, 128, &match_display_name, "\\S(.*\\S)?"};
inline constexpr string_shape alias = {1, 128, &match_alias, "(?!^[.-])^([a-zA-Z0-9-_.]+)"};
inline constexpr string_shape ml_framework = {1, 128, &match_versioned_name, "[a-zA-Z]+ ?\\d+\\.\\d+(\\.\\d+)?"};
inline constexpr string_shape programming_lang = ml_framework;
inline constexpr string_shape release_notes = {1, 255, &match_any_line, ".*"};
inline constexpr string_shape next_token = {0, 8192, &match_any_line, ".*"};
inline constexpr string_shape role_arn = {20, 2048, &match_role_arn,
                                          "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"};
inline constexpr string_shape tag_key = {1, 128, &match_tag, "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)"};
inline constexpr string_shape tag_value = {0, 256, &match_tag, "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)"};

inline constexpr list_shape<string_shape> aliases = {SIZE_MAX, alias};
inline constexpr list_shape<structure_shape> tag_list = {50, {}};

inline constexpr integer_shape image_version_number = {0, INT_MAX};
inline constexpr integer_shape max_results = {1, 100};
}  // namespace shapes

// ------------------------------------------------------------ member lists

template <class T, class U>
concept same_or_const = std::is_same_v<std::remove_const_t<T>, U>;

// Nested structures.

template <same_or_const<tag> T, class F>
void for_each_member(T& t, F&& f)
{
    f("Key", t.key, shapes::tag_key);
    f("Value", t.value, shapes::tag_value);
}

template <same_or_const<image> T, class F>
void for_each_member(T& t, F&& f)
{
    f("CreationTime", t.creation_time);
    f("Description", t.description);
    f("DisplayName", t.display_name);
    f("FailureReason", t.failure_reason);
    f("ImageArn", t.image_arn);
    f("ImageName", t.image_name);
    f("ImageStatus", t.image_status);
    f("LastModifiedTime", t.last_modified_time);
}

template <same_or_const<image_version> T, class F>
void for_each_member(T& t, F&& f)
{
    f("CreationTime", t.creation_time);
    f("FailureReason", t.failure_reason);
    f("ImageArn", t.image_arn);
    f("ImageVersionArn", t.image_version_arn);
    f("ImageVersionStatus", t.image_version_status);
    f("LastModifiedTime", t.last_modified_time);
    f("Version", t.version);
}

// Requests.

template <same_or_const<create_image_version_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("BaseImage", r.base_image, shapes::image_base_image);
    f("ClientToken", r.client_token, shapes::client_token);
    f("ImageName", r.image_name, shapes::image_name);
    f("Aliases", r.aliases, shapes::aliases);
    f("VendorGuidance", r.vendor_guidance);
    f("JobType", r.job_type);
    f("MLFramework", r.ml_framework, shapes::ml_framework);
    f("ProgrammingLang", r.programming_lang, shapes::programming_lang);
    f("Processor", r.processor);
    f("Horovod", r.horovod);
    f("ReleaseNotes", r.release_notes, shapes::release_notes);
}

template <same_or_const<create_image_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("Description", r.description, shapes::image_description);
    f("DisplayName", r.display_name, shapes::image_display_name);
    f("ImageName", r.image_name, shapes::image_name);
    f("RoleArn", r.role_arn, shapes::role_arn);
    f("Tags", r.tags, shapes::tag_list);
}

template <class T, class F>
    requires same_or_const<T, describe_image_request> || same_or_const<T, delete_image_request>
void for_each_member(T& r, F&& f)
{
    f("ImageName", r.image_name, shapes::image_name);
}

template <class T, class F>
    requires same_or_const<T, describe_image_version_request> || same_or_const<T, delete_image_version_request>
void for_each_member(T& r, F&& f)
{
    f("ImageName", r.image_name, shapes::image_name);
    f("Version", r.version, shapes::image_version_number);
    f("Alias", r.alias, shapes::alias);
}

template <same_or_const<list_image_versions_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("CreationTimeAfter", r.creation_time_after);
    f("CreationTimeBefore", r.creation_time_before);
    f("ImageName", r.image_name, shapes::image_name);
    f("LastModifiedTimeAfter", r.last_modified_time_after);
    f("LastModifiedTimeBefore", r.last_modified_time_before);
    f("MaxResults", r.max_results, shapes::max_results);
    f("NextToken", r.next_token, shapes::next_token);
    f("SortBy", r.sort_by);
    f("SortOrder", r.sort_order);
}

template <same_or_const<update_image_version_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("ImageName", r.image_name, shapes::image_name);
    f("Alias", r.alias, shapes::alias);
    f("Version", r.version, shapes::image_version_number);
    f("AliasesToAdd", r.aliases_to_add, shapes::aliases);
    f("AliasesToDelete", r.aliases_to_delete, shapes::aliases);
    f("VendorGuidance", r.vendor_guidance);
    f("JobType", r.job_type);
    f("MLFramework", r.ml_framework, shapes::ml_framework);
    f("ProgrammingLang", r.programming_lang, shapes::programming_lang);
    f("Processor", r.processor);
    f("Horovod", r.horovod);
    f("ReleaseNotes", r.release_notes, shapes::release_notes);
}

template <same_or_const<list_aliases_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("ImageName", r.image_name, shapes::image_name);
    f("Alias", r.alias, shapes::alias);
    f("Version", r.version, shapes::image_version_number);
    f("MaxResults", r.max_results, shapes::max_results);
    f("NextToken", r.next_token, shapes::next_token);
}

template <same_or_const<list_images_request> T, class F>
void for_each_member(T& r, F&& f)
{
    f("CreationTimeAfter", r.creation_time_after);
    f("CreationTimeBefore", r.creation_time_before);
    f("LastModifiedTimeAfter", r.last_modified_time_after);
    f("LastModifiedTimeBefore", r.last_modified_time_before);
    f("MaxResults", r.max_results, shapes::max_results);
    f("NameContains", r.name_contains, shapes::image_name_contains);
    f("NextToken", r.next_token, shapes::next_token);
    f("SortBy", r.sort_by);
    f("SortOrder", r.sort_order);
}

// Responses.

template <class T, class F>
    requires same_or_const<T, create_image_version_response> || same_or_const<T, update_image_version_response>
void for_each_member(T& r, F&& f)
{
    f("ImageVersionArn", r.image_version_arn);
}

template <same_or_const<create_image_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("ImageArn", r.image_arn);
}

template <same_or_const<describe_image_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("CreationTime", r.creation_time);
    f("Description", r.description);
    f("DisplayName", r.display_name);
    f("FailureReason", r.failure_reason);
    f("ImageArn", r.image_arn);
    f("ImageName", r.image_name);
    f("ImageStatus", r.image_status);
    f("LastModifiedTime", r.last_modified_time);
    f("RoleArn", r.role_arn);
}

template <same_or_const<describe_image_version_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("BaseImage", r.base_image);
    f("ContainerImage", r.container_image);
    f("CreationTime", r.creation_time);
    f("FailureReason", r.failure_reason);
    f("ImageArn", r.image_arn);
    f("ImageVersionArn", r.image_version_arn);
    f("ImageVersionStatus", r.image_version_status);
    f("LastModifiedTime", r.last_modified_time);
    f("Version", r.version);
    f("VendorGuidance", r.vendor_guidance);
    f("JobType", r.job_type);
    f("MLFramework", r.ml_framework);
    f("ProgrammingLang", r.programming_lang);
    f("Processor", r.processor);
    f("Horovod", r.horovod);
    f("ReleaseNotes", r.release_notes);
}

template <same_or_const<list_image_versions_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("ImageVersions", r.image_versions);
    f("NextToken", r.next_token);
}

template <same_or_const<list_aliases_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("SageMakerImageVersionAliases", r.sagemaker_image_version_aliases);
    f("NextToken", r.next_token);
}

template <same_or_const<list_images_response> T, class F>
void for_each_member(T& r, F&& f)
{
    f("Images", r.images);
    f("NextToken", r.next_token);
}

template <class T, class F>
    requires same_or_const<T, delete_image_version_response> || same_or_const<T, delete_image_response>
void for_each_member(T&, F&&)
{
}

struct ignore_members {
    template <class... A>
    void operator()(A&&...) const noexcept
    {
    }
};

/// A structure that has a member list.
template <class T>
concept described = requires(T& t) { detail::for_each_member(t, ignore_members{}); };

// --------------------------------------------------------------- paths

/// One step of a member path, chained through the stack (no allocation):
/// "Tags[0].Key" is {Tags, 0} <- {Key}. Rendered only when reporting.
struct path_segment {
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);

    const path_segment* parent = nullptr;
    std::string_view name = {};
    std::size_t index = no_index;
};

inline void append_path(std::string& out, const path_segment& p)
{
    if (p.parent != nullptr) {
        append_path(out, *p.parent);
        out.push_back('.');
    }
    out.append(p.name);
    if (p.index != path_segment::no_index) {
        out.push_back('[');
        out.append(std::to_string(p.index));
        out.push_back(']');
    }
}

}  // namespace awscoro::sagemaker::detail
