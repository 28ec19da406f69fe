// An enumeration as the wire sees it: either an enumerator this build knows
// or the raw string of one it does not. Services add enum values (a new
// status, a new job type) without a new API version; a response carrying one
// must still parse, and the value must survive a round trip unchanged.
// Request validation, not this type, rejects unknown values.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace awscoro {

/// An enum with a wire spelling. `to_string` and `from_string` are found by
/// argument-dependent lookup, in E's namespace.
template <class E>
concept wire_enum = std::is_enum_v<E> && requires(E e, std::string_view s) {
    { to_string(e) } -> std::convertible_to<std::string_view>;
    { from_string(s, e) } -> std::same_as<bool>;
};

/// A known enumerator of E, or the raw wire string of an unknown one.
/// Implicit from E, so aggregates read `.job_type = job_type::training`.
template <wire_enum E>
class open_enum {
public:
    using enum_type = E;

    constexpr open_enum(E value) noexcept : value_(value) {}

    /// Parses a wire string: a known spelling gives its enumerator, anything
    /// else is kept verbatim.
    explicit open_enum(std::string_view wire)
    {
        E e{};
        if (from_string(wire, e))
            value_.template emplace<0>(e);
        else
            value_.template emplace<1>(wire);
    }

    /// True when the value is one of E's enumerators.
    bool known() const noexcept { return value_.index() == 0; }

    /// The enumerator; throws std::bad_variant_access when !known().
    E value() const { return std::get<0>(value_); }

    /// The wire spelling, known or not. Valid while *this is unchanged.
    std::string_view str() const noexcept
    {
        if (const E* e = std::get_if<0>(&value_))
            return to_string(*e);
        return std::get<1>(value_);
    }

    friend bool operator==(const open_enum& a, E b) noexcept
    {
        const E* e = std::get_if<0>(&a.value_);
        return e != nullptr && *e == b;
    }
    friend bool operator==(const open_enum&, const open_enum&) = default;

private:
    std::variant<E, std::string> value_;
};

}  // namespace awscoro
