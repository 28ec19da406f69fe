// The SageMaker image API's data model (service model 2017-07-24): the
// enumerations, the request and response of each of the ten image
// operations, and one traits struct per operation for the client layer.
//
// Mapping from the model:
// - members keep the model's order, so designated initializers follow it;
// - a required string member is a plain std::string (empty means missing);
// - any other scalar member is a std::optional (absent is distinct from
//   false, 0 or ""), timestamps included;
// - a list is a std::vector (empty means omitted on the wire);
// - an enum member is an open_enum: a value the service added after this
//   build is kept verbatim instead of failing the parse.
// Constraints (lengths, patterns, ranges) are checked by validate().
#pragma once

#include <awscoro/open_enum.hpp>
#include <awscoro/timestamp.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace awscoro::sagemaker {

// ---------------------------------------------------------------- enums
// Enumerators follow the model's order. For each enum E:
//   to_string(E) gives the wire spelling ("TRAINING"), or an empty view for a
//   value outside the enumeration;
//   from_string(s, e) sets e and returns true when s is a wire spelling.

enum class job_type { training, inference, notebook_kernel };
enum class processor { cpu, gpu };
enum class vendor_guidance { not_provided, stable, to_be_archived, archived };
enum class image_status { creating, created, create_failed, updating, update_failed, deleting, delete_failed };
enum class image_version_status { creating, created, create_failed, deleting, delete_failed };
enum class image_sort_by { creation_time, last_modified_time, image_name };
enum class image_sort_order { ascending, descending };
enum class image_version_sort_by { creation_time, last_modified_time, version };
enum class image_version_sort_order { ascending, descending };

std::string_view to_string(job_type v) noexcept;
std::string_view to_string(processor v) noexcept;
std::string_view to_string(vendor_guidance v) noexcept;
std::string_view to_string(image_status v) noexcept;
std::string_view to_string(image_version_status v) noexcept;
std::string_view to_string(image_sort_by v) noexcept;
std::string_view to_string(image_sort_order v) noexcept;
std::string_view to_string(image_version_sort_by v) noexcept;
std::string_view to_string(image_version_sort_order v) noexcept;

bool from_string(std::string_view s, job_type& out) noexcept;
bool from_string(std::string_view s, processor& out) noexcept;
bool from_string(std::string_view s, vendor_guidance& out) noexcept;
bool from_string(std::string_view s, image_status& out) noexcept;
bool from_string(std::string_view s, image_version_status& out) noexcept;
bool from_string(std::string_view s, image_sort_by& out) noexcept;
bool from_string(std::string_view s, image_sort_order& out) noexcept;
bool from_string(std::string_view s, image_version_sort_by& out) noexcept;
bool from_string(std::string_view s, image_version_sort_order& out) noexcept;

// ------------------------------------------------------- nested structures
// Where a member is named like its type, the type is qualified
// (sagemaker::job_type): inside the struct the bare name means the member.

/// Tag: a key-value pair attached to an image.
struct tag {
    std::string key = {};    ///< Key: 1-128 characters
    std::string value = {};  ///< Value: 0-256 characters (required, may be empty)

    bool operator==(const tag&) const = default;
};

/// Image: one entry of ListImages.
struct image {
    std::optional<timestamp> creation_time = {};
    std::optional<std::string> description = {};
    std::optional<std::string> display_name = {};
    std::optional<std::string> failure_reason = {};
    std::string image_arn = {};
    std::string image_name = {};
    std::optional<open_enum<sagemaker::image_status>> image_status = {};
    std::optional<timestamp> last_modified_time = {};

    bool operator==(const image&) const = default;
};

/// ImageVersion: one entry of ListImageVersions.
struct image_version {
    std::optional<timestamp> creation_time = {};
    std::optional<std::string> failure_reason = {};
    std::string image_arn = {};
    std::string image_version_arn = {};
    std::optional<open_enum<sagemaker::image_version_status>> image_version_status = {};
    std::optional<timestamp> last_modified_time = {};
    std::optional<int> version = {};

    bool operator==(const image_version&) const = default;
};

// ------------------------------------------------------------ CreateImageVersion

struct create_image_version_request {
    std::string base_image = {};    ///< BaseImage: the ECR image path the version is built from
    std::string client_token = {};  ///< ClientToken: idempotency token; fill_idempotency_token() sets one
    std::string image_name = {};    ///< ImageName of an existing image
    std::vector<std::string> aliases = {};
    std::optional<open_enum<sagemaker::vendor_guidance>> vendor_guidance = {};
    std::optional<open_enum<sagemaker::job_type>> job_type = {};
    std::optional<std::string> ml_framework = {};      ///< MLFramework, e.g. "PyTorch 1.8"
    std::optional<std::string> programming_lang = {};  ///< e.g. "Python 3.8"
    std::optional<open_enum<sagemaker::processor>> processor = {};
    std::optional<bool> horovod = {};
    std::optional<std::string> release_notes = {};

    bool operator==(const create_image_version_request&) const = default;
};

struct create_image_version_response {
    std::optional<std::string> image_version_arn = {};

    bool operator==(const create_image_version_response&) const = default;
};

/// Sets `client_token` to a fresh random UUID v4 when it is empty; a set
/// token is kept, so every retry of one call carries the same token.
void fill_idempotency_token(create_image_version_request& req);

// ------------------------------------------------------------ CreateImage

struct create_image_request {
    std::optional<std::string> description = {};
    std::optional<std::string> display_name = {};
    std::string image_name = {};
    std::string role_arn = {};  ///< RoleArn: the IAM role SageMaker assumes
    std::vector<tag> tags = {};

    bool operator==(const create_image_request&) const = default;
};

struct create_image_response {
    std::optional<std::string> image_arn = {};

    bool operator==(const create_image_response&) const = default;
};

// ------------------------------------------------------------ DescribeImage

struct describe_image_request {
    std::string image_name = {};

    bool operator==(const describe_image_request&) const = default;
};

struct describe_image_response {
    std::optional<timestamp> creation_time = {};
    std::optional<std::string> description = {};
    std::optional<std::string> display_name = {};
    std::optional<std::string> failure_reason = {};
    std::optional<std::string> image_arn = {};
    std::optional<std::string> image_name = {};
    std::optional<open_enum<sagemaker::image_status>> image_status = {};
    std::optional<timestamp> last_modified_time = {};
    std::optional<std::string> role_arn = {};

    bool operator==(const describe_image_response&) const = default;
};

// ------------------------------------------------------------ DescribeImageVersion

struct describe_image_version_request {
    std::string image_name = {};
    std::optional<int> version = {};      ///< the latest version when neither version nor alias is set
    std::optional<std::string> alias = {};

    bool operator==(const describe_image_version_request&) const = default;
};

struct describe_image_version_response {
    std::optional<std::string> base_image = {};
    std::optional<std::string> container_image = {};
    std::optional<timestamp> creation_time = {};
    std::optional<std::string> failure_reason = {};
    std::optional<std::string> image_arn = {};
    std::optional<std::string> image_version_arn = {};
    std::optional<open_enum<sagemaker::image_version_status>> image_version_status = {};
    std::optional<timestamp> last_modified_time = {};
    std::optional<int> version = {};
    std::optional<open_enum<sagemaker::vendor_guidance>> vendor_guidance = {};
    std::optional<open_enum<sagemaker::job_type>> job_type = {};
    std::optional<std::string> ml_framework = {};
    std::optional<std::string> programming_lang = {};
    std::optional<open_enum<sagemaker::processor>> processor = {};
    std::optional<bool> horovod = {};
    std::optional<std::string> release_notes = {};

    bool operator==(const describe_image_version_response&) const = default;
};

// ------------------------------------------------------------ ListImageVersions

struct list_image_versions_request {
    std::optional<timestamp> creation_time_after = {};
    std::optional<timestamp> creation_time_before = {};
    std::string image_name = {};
    std::optional<timestamp> last_modified_time_after = {};
    std::optional<timestamp> last_modified_time_before = {};
    std::optional<int> max_results = {};        ///< 1-100 per page
    std::optional<std::string> next_token = {};  ///< from the previous page
    std::optional<open_enum<image_version_sort_by>> sort_by = {};
    std::optional<open_enum<image_version_sort_order>> sort_order = {};

    bool operator==(const list_image_versions_request&) const = default;
};

struct list_image_versions_response {
    std::vector<sagemaker::image_version> image_versions = {};
    std::optional<std::string> next_token = {};  ///< absent on the last page

    bool operator==(const list_image_versions_response&) const = default;
};

// ------------------------------------------------------------ UpdateImageVersion

struct update_image_version_request {
    std::string image_name = {};
    std::optional<std::string> alias = {};  ///< selects the version by alias...
    std::optional<int> version = {};        ///< ...or by number
    std::vector<std::string> aliases_to_add = {};
    std::vector<std::string> aliases_to_delete = {};
    std::optional<open_enum<sagemaker::vendor_guidance>> vendor_guidance = {};
    std::optional<open_enum<sagemaker::job_type>> job_type = {};
    std::optional<std::string> ml_framework = {};
    std::optional<std::string> programming_lang = {};
    std::optional<open_enum<sagemaker::processor>> processor = {};
    std::optional<bool> horovod = {};
    std::optional<std::string> release_notes = {};

    bool operator==(const update_image_version_request&) const = default;
};

struct update_image_version_response {
    std::optional<std::string> image_version_arn = {};

    bool operator==(const update_image_version_response&) const = default;
};

// ------------------------------------------------------------ DeleteImageVersion

struct delete_image_version_request {
    std::string image_name = {};
    std::optional<int> version = {};
    std::optional<std::string> alias = {};

    bool operator==(const delete_image_version_request&) const = default;
};

struct delete_image_version_response {
    bool operator==(const delete_image_version_response&) const = default;
};

// ------------------------------------------------------------ ListAliases

struct list_aliases_request {
    std::string image_name = {};
    std::optional<std::string> alias = {};
    std::optional<int> version = {};
    std::optional<int> max_results = {};
    std::optional<std::string> next_token = {};

    bool operator==(const list_aliases_request&) const = default;
};

struct list_aliases_response {
    std::vector<std::string> sagemaker_image_version_aliases = {};  ///< SageMakerImageVersionAliases
    std::optional<std::string> next_token = {};

    bool operator==(const list_aliases_response&) const = default;
};

// ------------------------------------------------------------ DeleteImage

struct delete_image_request {
    std::string image_name = {};

    bool operator==(const delete_image_request&) const = default;
};

struct delete_image_response {
    bool operator==(const delete_image_response&) const = default;
};

// ------------------------------------------------------------ ListImages

struct list_images_request {
    std::optional<timestamp> creation_time_after = {};
    std::optional<timestamp> creation_time_before = {};
    std::optional<timestamp> last_modified_time_after = {};
    std::optional<timestamp> last_modified_time_before = {};
    std::optional<int> max_results = {};
    std::optional<std::string> name_contains = {};  ///< NameContains: a substring of the image name
    std::optional<std::string> next_token = {};
    std::optional<open_enum<image_sort_by>> sort_by = {};
    std::optional<open_enum<image_sort_order>> sort_order = {};

    bool operator==(const list_images_request&) const = default;
};

struct list_images_response {
    std::vector<sagemaker::image> images = {};
    std::optional<std::string> next_token = {};

    bool operator==(const list_images_response&) const = default;
};

// ------------------------------------------------------------ operation traits
// One per operation: its wire name (X-Amz-Target: SageMaker.<name>), its
// message types, whether it carries an idempotency token to fill before
// validation, and whether it only reads (Describe*, List*).

struct create_image_version_op {
    using request_type = create_image_version_request;
    using response_type = create_image_version_response;
    static constexpr std::string_view name = "CreateImageVersion";
    static constexpr bool has_idempotency_token = true;
    static constexpr bool read_only = false;
};

struct create_image_op {
    using request_type = create_image_request;
    using response_type = create_image_response;
    static constexpr std::string_view name = "CreateImage";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = false;
};

struct describe_image_op {
    using request_type = describe_image_request;
    using response_type = describe_image_response;
    static constexpr std::string_view name = "DescribeImage";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = true;
};

struct describe_image_version_op {
    using request_type = describe_image_version_request;
    using response_type = describe_image_version_response;
    static constexpr std::string_view name = "DescribeImageVersion";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = true;
};

struct list_image_versions_op {
    using request_type = list_image_versions_request;
    using response_type = list_image_versions_response;
    static constexpr std::string_view name = "ListImageVersions";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = true;
};

struct update_image_version_op {
    using request_type = update_image_version_request;
    using response_type = update_image_version_response;
    static constexpr std::string_view name = "UpdateImageVersion";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = false;
};

struct delete_image_version_op {
    using request_type = delete_image_version_request;
    using response_type = delete_image_version_response;
    static constexpr std::string_view name = "DeleteImageVersion";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = false;
};

struct list_aliases_op {
    using request_type = list_aliases_request;
    using response_type = list_aliases_response;
    static constexpr std::string_view name = "ListAliases";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = true;
};

struct delete_image_op {
    using request_type = delete_image_request;
    using response_type = delete_image_response;
    static constexpr std::string_view name = "DeleteImage";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = false;
};

struct list_images_op {
    using request_type = list_images_request;
    using response_type = list_images_response;
    static constexpr std::string_view name = "ListImages";
    static constexpr bool has_idempotency_token = false;
    static constexpr bool read_only = true;
};

/// Every operation, in the model's order.
using operations = std::tuple<create_image_version_op, create_image_op, describe_image_op,
                              describe_image_version_op, list_image_versions_op, update_image_version_op,
                              delete_image_version_op, list_aliases_op, delete_image_op, list_images_op>;

namespace detail {
template <class T, class Ops>
struct is_request_of;
template <class T, class... Op>
struct is_request_of<T, std::tuple<Op...>> : std::bool_constant<(std::is_same_v<T, typename Op::request_type> || ...)> {};

template <class T, class Ops>
struct is_response_of;
template <class T, class... Op>
struct is_response_of<T, std::tuple<Op...>> : std::bool_constant<(std::is_same_v<T, typename Op::response_type> || ...)> {};
}  // namespace detail

/// An operation's input structure.
template <class T>
concept request_message = detail::is_request_of<T, operations>::value;

/// An operation's output structure.
template <class T>
concept response_message = detail::is_response_of<T, operations>::value;

/// Any top-level message: what to_json / from_json accept.
template <class T>
concept message = request_message<T> || response_message<T>;

}  // namespace awscoro::sagemaker
