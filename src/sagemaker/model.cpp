#include <awscoro/sagemaker/model.hpp>

#include <awscoro/uuid.hpp>

#include <cstddef>

namespace awscoro::sagemaker {
namespace {

// Wire spellings, indexed by enumerator (both follow the model's order).
constexpr std::string_view job_type_names[] = {"TRAINING", "INFERENCE", "NOTEBOOK_KERNEL"};
constexpr std::string_view processor_names[] = {"CPU", "GPU"};
constexpr std::string_view vendor_guidance_names[] = {"NOT_PROVIDED", "STABLE", "TO_BE_ARCHIVED", "ARCHIVED"};
constexpr std::string_view image_status_names[] = {"CREATING",      "CREATED",  "CREATE_FAILED", "UPDATING",
                                                   "UPDATE_FAILED", "DELETING", "DELETE_FAILED"};
constexpr std::string_view image_version_status_names[] = {"CREATING", "CREATED", "CREATE_FAILED", "DELETING",
                                                           "DELETE_FAILED"};
constexpr std::string_view image_sort_by_names[] = {"CREATION_TIME", "LAST_MODIFIED_TIME", "IMAGE_NAME"};
constexpr std::string_view sort_order_names[] = {"ASCENDING", "DESCENDING"};
constexpr std::string_view image_version_sort_by_names[] = {"CREATION_TIME", "LAST_MODIFIED_TIME", "VERSION"};

template <class E, std::size_t N>
std::string_view name_of(E v, const std::string_view (&names)[N]) noexcept
{
    const auto i = static_cast<std::size_t>(v);
    return i < N ? names[i] : std::string_view{};
}

template <class E, std::size_t N>
bool parse(std::string_view s, E& out, const std::string_view (&names)[N]) noexcept
{
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == s) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

}  // namespace

std::string_view to_string(job_type v) noexcept { return name_of(v, job_type_names); }
std::string_view to_string(processor v) noexcept { return name_of(v, processor_names); }
std::string_view to_string(vendor_guidance v) noexcept { return name_of(v, vendor_guidance_names); }
std::string_view to_string(image_status v) noexcept { return name_of(v, image_status_names); }
std::string_view to_string(image_version_status v) noexcept { return name_of(v, image_version_status_names); }
std::string_view to_string(image_sort_by v) noexcept { return name_of(v, image_sort_by_names); }
std::string_view to_string(image_sort_order v) noexcept { return name_of(v, sort_order_names); }
std::string_view to_string(image_version_sort_by v) noexcept { return name_of(v, image_version_sort_by_names); }
std::string_view to_string(image_version_sort_order v) noexcept { return name_of(v, sort_order_names); }

bool from_string(std::string_view s, job_type& out) noexcept { return parse(s, out, job_type_names); }
bool from_string(std::string_view s, processor& out) noexcept { return parse(s, out, processor_names); }
bool from_string(std::string_view s, vendor_guidance& out) noexcept { return parse(s, out, vendor_guidance_names); }
bool from_string(std::string_view s, image_status& out) noexcept { return parse(s, out, image_status_names); }
bool from_string(std::string_view s, image_version_status& out) noexcept
{
    return parse(s, out, image_version_status_names);
}
bool from_string(std::string_view s, image_sort_by& out) noexcept { return parse(s, out, image_sort_by_names); }
bool from_string(std::string_view s, image_sort_order& out) noexcept { return parse(s, out, sort_order_names); }
bool from_string(std::string_view s, image_version_sort_by& out) noexcept
{
    return parse(s, out, image_version_sort_by_names);
}
bool from_string(std::string_view s, image_version_sort_order& out) noexcept
{
    return parse(s, out, sort_order_names);
}

void fill_idempotency_token(create_image_version_request& req)
{
    if (req.client_token.empty())
        req.client_token = random_uuid_v4();
}

}  // namespace awscoro::sagemaker
