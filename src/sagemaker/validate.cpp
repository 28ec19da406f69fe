#include <awscoro/sagemaker/validate.hpp>

#include "../json_write.hpp"
#include "members.hpp"

#include <awscoro/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace awscoro::sagemaker {
namespace detail {
namespace {

using awscoro::detail::json_writer;

constexpr std::size_t echo_limit = 64;  // code points of an offending value quoted in a message

// Appends `v` quoted and escaped, cut after echo_limit code points. v is valid UTF-8.
void append_echo(std::string& out, std::string_view v)
{
    std::size_t end = 0;
    for (std::size_t n = 0; end < v.size() && n < echo_limit; ++n)
        next_code_point(v, end);
    json_writer::append_string(out, v.substr(0, end));
    if (end < v.size())
        out.append("...");
}

void append_number(std::string& out, std::int64_t n) { out.append(std::to_string(n)); }

// Walks a request's member lists and records the first violation in the
// diagnostics. Nested structures are walked by the same object, with the
// path of the element being checked as parent.
class validator {
public:
    explicit validator(diagnostics& diag) noexcept : diag_(diag) {}

    bool failed() const noexcept { return failed_; }

    // Required string: always present on the wire; empty means missing.
    void operator()(std::string_view name, const std::string& v, const string_shape& s)
    {
        if (failed_)
            return;
        if (v.empty() && s.min_length > 0)
            return fail(name, [](std::string& m) { m.append("is required"); });
        check_string(name, path_segment::no_index, v, s);
    }

    void operator()(std::string_view name, const std::optional<std::string>& v, const string_shape& s)
    {
        if (!failed_ && v)
            check_string(name, path_segment::no_index, *v, s);
    }

    void operator()(std::string_view name, const std::optional<int>& v, const integer_shape& s)
    {
        if (failed_ || !v || (*v >= s.min && *v <= s.max))
            return;
        fail(name, [&](std::string& m) {
            m.append("must be ");
            if (s.max == INT_MAX) {
                m.append("at least ");
                append_number(m, s.min);
            } else {
                append_number(m, s.min);
                m.append(" to ");
                append_number(m, s.max);
            }
            m.append(", got ");
            append_number(m, *v);
        });
    }

    template <class E>
    void operator()(std::string_view name, const std::optional<open_enum<E>>& v)
    {
        if (failed_ || !v || v->known())
            return;
        fail(name, [&](std::string& m) {
            m.append("must be one of ");
            // to_string is empty past the last enumerator.
            for (int i = 0; !to_string(static_cast<E>(i)).empty(); ++i) {
                if (i > 0)
                    m.append(", ");
                m.append(to_string(static_cast<E>(i)));
            }
            m.append(", got ");
            append_echo(m, v->str());
        });
    }

    void operator()(std::string_view, const std::optional<bool>&) noexcept {}
    void operator()(std::string_view, const std::optional<timestamp>&) noexcept {}

    void operator()(std::string_view name, const std::vector<std::string>& v, const list_shape<string_shape>& s)
    {
        if (failed_ || !check_count(name, v.size(), s.max_items))
            return;
        for (std::size_t i = 0; i < v.size() && !failed_; ++i)
            check_string(name, i, v[i], s.element);
    }

    template <described S>
    void operator()(std::string_view name, const std::vector<S>& v, const list_shape<structure_shape>& s)
    {
        if (failed_ || !check_count(name, v.size(), s.max_items))
            return;
        const path_segment* const saved = parent_;
        for (std::size_t i = 0; i < v.size() && !failed_; ++i) {
            const path_segment element{saved, name, i};
            parent_ = &element;
            for_each_member(v[i], *this);
        }
        parent_ = saved;
    }

private:
    void check_string(std::string_view name, std::size_t index, std::string_view v, const string_shape& s)
    {
        const std::size_t length = utf8_length(v);
        if (length == invalid_utf8)
            return fail(name, index, [](std::string& m) { m.append("must be valid UTF-8"); });
        if (length < s.min_length || length > s.max_length) {
            return fail(name, index, [&](std::string& m) {
                m.append("must be ");
                if (s.min_length == 0) {
                    m.append("at most ");
                    append_number(m, s.max_length);
                } else {
                    append_number(m, s.min_length);
                    m.append(" to ");
                    append_number(m, s.max_length);
                }
                m.append(" characters long, got ");
                append_number(m, static_cast<std::int64_t>(length));
                m.append(": ");
                append_echo(m, v);
            });
        }
        if (s.matches != nullptr && !s.matches(v)) {
            fail(name, index, [&](std::string& m) {
                m.append("must match ");
                m.append(s.pattern);
                m.append(", got ");
                append_echo(m, v);
            });
        }
    }

    bool check_count(std::string_view name, std::size_t count, std::size_t max_items)
    {
        if (count <= max_items)
            return true;
        fail(name, [&](std::string& m) {
            m.append("must have at most ");
            append_number(m, static_cast<std::int64_t>(max_items));
            m.append(" items, got ");
            append_number(m, static_cast<std::int64_t>(count));
        });
        return false;
    }

    template <class Describe>
    void fail(std::string_view name, Describe&& describe)
    {
        fail(name, path_segment::no_index, describe);
    }

    // The only place that allocates: building the message of the one failure.
    template <class Describe>
    void fail(std::string_view name, std::size_t index, Describe&& describe)
    {
        failed_ = true;
        diag_.clear();
        append_path(diag_.message, path_segment{parent_, name, index});
        diag_.message.append(": ");
        describe(diag_.message);
    }

    diagnostics& diag_;
    const path_segment* parent_ = nullptr;
    bool failed_ = false;
};

}  // namespace
}  // namespace detail

template <request_message T>
boost::system::error_code validate(const T& req, diagnostics& diag)
{
    detail::validator v{diag};
    detail::for_each_member(req, v);
    if (v.failed())
        return awscoro::error::invalid_parameter;
    return {};
}

template boost::system::error_code validate(const create_image_version_request&, diagnostics&);
template boost::system::error_code validate(const create_image_request&, diagnostics&);
template boost::system::error_code validate(const describe_image_request&, diagnostics&);
template boost::system::error_code validate(const describe_image_version_request&, diagnostics&);
template boost::system::error_code validate(const list_image_versions_request&, diagnostics&);
template boost::system::error_code validate(const update_image_version_request&, diagnostics&);
template boost::system::error_code validate(const delete_image_version_request&, diagnostics&);
template boost::system::error_code validate(const list_aliases_request&, diagnostics&);
template boost::system::error_code validate(const delete_image_request&, diagnostics&);
template boost::system::error_code validate(const list_images_request&, diagnostics&);

}  // namespace awscoro::sagemaker
