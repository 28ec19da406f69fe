#include <awscoro/sagemaker/codec.hpp>

#include "../json_write.hpp"
#include "members.hpp"

#include <awscoro/error.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace awscoro::sagemaker {
namespace detail {
namespace {

using awscoro::detail::json_writer;

// ------------------------------------------------------------------ writing

// Writes the members of a structure. Value writers are members so that they
// see each other whatever their order (a list of structures needs both).
class encoder {
public:
    explicit encoder(json_writer& w) noexcept : w_(w) {}

    template <class M, class... Shape>
    void operator()(std::string_view name, const M& member, const Shape&...)
    {
        if (!present(member))
            return;
        w_.key(name);
        write(member);
    }

    template <described T>
    void write(const T& s)
    {
        w_.begin_object();
        for_each_member(s, *this);
        w_.end_object();
    }

private:
    static bool present(const std::string&) noexcept { return true; }  // required: always sent
    template <class T>
    static bool present(const std::optional<T>& v) noexcept
    {
        return v.has_value();
    }
    template <class T>
    static bool present(const std::vector<T>& v) noexcept
    {
        return !v.empty();
    }

    void write(const std::string& v) { w_.string(v); }
    void write(int v) { w_.integer(v); }
    void write(bool v) { w_.boolean(v); }

    // Epoch seconds: integral values as integers ("1700000000", not
    // "1.7e+09"), others as the shortest round-trip decimal.
    void write(timestamp t)
    {
        constexpr double exact_integer_limit = 9007199254740992.0;  // 2^53
        const double s = t.time_since_epoch().count();
        if (std::trunc(s) == s && std::fabs(s) < exact_integer_limit)
            w_.integer(static_cast<std::int64_t>(s));
        else
            w_.number(s);
    }

    template <class E>
    void write(const open_enum<E>& v)
    {
        w_.string(v.str());
    }

    template <class T>
    void write(const std::optional<T>& v)
    {
        write(*v);
    }

    template <class T>
    void write(const std::vector<T>& v)
    {
        w_.begin_array();
        for (const T& e : v)
            write(e);
        w_.end_array();
    }

    json_writer& w_;
};

// ------------------------------------------------------------------ reading

const char* describe_kind(const boost::json::value& v) noexcept
{
    switch (v.kind()) {
    case boost::json::kind::string: return "a string";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a floating-point number";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
    case boost::json::kind::null: return "null";
    }
    return "an unknown JSON value";
}

// Reads the members of one JSON object into a structure; structures nested
// in it are read by the same object with the object and path swapped.
class decoder {
public:
    decoder(diagnostics& diag, const boost::json::object& root) noexcept : diag_(diag), object_(&root) {}

    bool failed() const noexcept { return failed_; }

    template <class M, class... Shape>
    void operator()(std::string_view name, M& member, const Shape&...)
    {
        if (failed_)
            return;
        const boost::json::value* v = object_->if_contains(name);
        if (v == nullptr || v->is_null())
            return;
        read(*v, member, path_segment{parent_, name});
    }

private:
    void read(const boost::json::value& v, std::string& out, const path_segment& at)
    {
        if (const auto* s = v.if_string())
            out.assign(s->data(), s->size());
        else
            fail(at, "expected a string", v);
    }

    void read(const boost::json::value& v, int& out, const path_segment& at)
    {
        if (const auto* i = v.if_int64()) {
            if (*i >= INT_MIN && *i <= INT_MAX) {
                out = static_cast<int>(*i);
                return;
            }
        } else if (!v.is_uint64()) {
            return fail(at, "expected an integer", v);
        }
        fail_out_of_range(at, v);
    }

    void read(const boost::json::value& v, bool& out, const path_segment& at)
    {
        if (const auto* b = v.if_bool())
            out = *b;
        else
            fail(at, "expected a boolean", v);
    }

    void read(const boost::json::value& v, timestamp& out, const path_segment& at)
    {
        // Boost.JSON 1.81 reads up to 16 significant digits exactly, which
        // covers AWS's millisecond (and microsecond) epoch timestamps; a
        // longer number may come out one ulp off.
        if (v.is_number())
            out = timestamp{timestamp::duration{v.to_number<double>()}};
        else
            fail(at, "expected a number (epoch seconds)", v);
    }

    template <class E>
    void read(const boost::json::value& v, std::optional<open_enum<E>>& out, const path_segment& at)
    {
        if (const auto* s = v.if_string())
            out.emplace(std::string_view{*s});
        else
            fail(at, "expected a string", v);
    }

    template <class T>
    void read(const boost::json::value& v, std::optional<T>& out, const path_segment& at)
    {
        read(v, out.emplace(), at);
    }

    template <class T>
    void read(const boost::json::value& v, std::vector<T>& out, const path_segment& at)
    {
        const auto* a = v.if_array();
        if (a == nullptr)
            return fail(at, "expected an array", v);
        out.reserve(a->size());
        for (std::size_t i = 0; i < a->size() && !failed_; ++i) {
            if ((*a)[i].is_null())
                continue;
            read((*a)[i], out.emplace_back(), path_segment{at.parent, at.name, i});
        }
    }

    template <described T>
    void read(const boost::json::value& v, T& out, const path_segment& at)
    {
        const auto* o = v.if_object();
        if (o == nullptr)
            return fail(at, "expected an object", v);
        const boost::json::object* const saved_object = object_;
        const path_segment* const saved_parent = parent_;
        object_ = o;
        parent_ = &at;
        for_each_member(out, *this);
        object_ = saved_object;
        parent_ = saved_parent;
    }

    void fail(const path_segment& at, std::string_view expected, const boost::json::value& got)
    {
        start_failure(at);
        diag_.message.append(expected);
        diag_.message.append(", got ");
        diag_.message.append(describe_kind(got));
    }

    void fail_out_of_range(const path_segment& at, const boost::json::value& got)
    {
        start_failure(at);
        diag_.message.append("integer out of range, got ");
        diag_.message.append(boost::json::serialize(got));
    }

    void start_failure(const path_segment& at)
    {
        failed_ = true;
        diag_.clear();
        append_path(diag_.message, at);
        diag_.message.append(": ");
    }

    diagnostics& diag_;
    const boost::json::object* object_;
    const path_segment* parent_ = nullptr;
    bool failed_ = false;
};

boost::system::error_code malformed(diagnostics& diag, std::string_view what)
{
    diag.clear();
    diag.message.assign(what);
    return awscoro::error::malformed_response;
}

}  // namespace
}  // namespace detail

template <message T>
void to_json(const T& msg, std::string& out)
{
    awscoro::detail::json_writer w{out};
    detail::encoder{w}.write(msg);
}

template <message T>
boost::system::error_code from_json(std::string_view body, T& out, diagnostics& diag)
{
    out = T{};
    // AWS JSON 1.1 lets a service answer with no payload at all.
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return {};

    // Typical bodies parse entirely inside this stack buffer.
    unsigned char buffer[4096];
    boost::json::monotonic_resource resource{buffer, sizeof buffer};
    boost::system::error_code ec;
    const boost::json::value root = boost::json::parse(body, ec, &resource);
    if (ec) {
        auto err = detail::malformed(diag, "body is not valid JSON: ");
        diag.message.append(ec.message());
        return err;
    }
    const boost::json::object* object = root.if_object();
    if (object == nullptr)
        return detail::malformed(diag, "body is not a JSON object");

    detail::decoder d{diag, *object};
    detail::for_each_member(out, d);
    if (d.failed())
        return awscoro::error::malformed_response;
    return {};
}

// The model's messages, each in both directions.
#define AWSCORO_SAGEMAKER_CODEC(T)                          \
    template void to_json(const T&, std::string&);          \
    template boost::system::error_code from_json(std::string_view, T&, diagnostics&)

AWSCORO_SAGEMAKER_CODEC(create_image_version_request);
AWSCORO_SAGEMAKER_CODEC(create_image_version_response);
AWSCORO_SAGEMAKER_CODEC(create_image_request);
AWSCORO_SAGEMAKER_CODEC(create_image_response);
AWSCORO_SAGEMAKER_CODEC(describe_image_request);
AWSCORO_SAGEMAKER_CODEC(describe_image_response);
AWSCORO_SAGEMAKER_CODEC(describe_image_version_request);
AWSCORO_SAGEMAKER_CODEC(describe_image_version_response);
AWSCORO_SAGEMAKER_CODEC(list_image_versions_request);
AWSCORO_SAGEMAKER_CODEC(list_image_versions_response);
AWSCORO_SAGEMAKER_CODEC(update_image_version_request);
AWSCORO_SAGEMAKER_CODEC(update_image_version_response);
AWSCORO_SAGEMAKER_CODEC(delete_image_version_request);
AWSCORO_SAGEMAKER_CODEC(delete_image_version_response);
AWSCORO_SAGEMAKER_CODEC(list_aliases_request);
AWSCORO_SAGEMAKER_CODEC(list_aliases_response);
AWSCORO_SAGEMAKER_CODEC(delete_image_request);
AWSCORO_SAGEMAKER_CODEC(delete_image_response);
AWSCORO_SAGEMAKER_CODEC(list_images_request);
AWSCORO_SAGEMAKER_CODEC(list_images_response);

#undef AWSCORO_SAGEMAKER_CODEC

}  // namespace awscoro::sagemaker
