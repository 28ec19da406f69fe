#include "pagination.hpp"

#include <charconv>
#include <cmath>

namespace sagemaker_local {

namespace {
constexpr std::string_view prefix = "v1/";
}

std::string encode_cursor(const sort_key& key)
{
    char number[64];
    const auto end = std::to_chars(std::begin(number), std::end(number), key.number).ptr;
    std::string token{prefix};
    token.append(number, end).append("/").append(key.text);
    return token;
}

std::optional<sort_key> decode_cursor(std::string_view token)
{
    if (!token.starts_with(prefix))
        return std::nullopt;
    token.remove_prefix(prefix.size());
    const auto slash = token.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    sort_key key;
    const auto number = token.substr(0, slash);
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), key.number);
    if (ec != std::errc{} || ptr != number.data() + number.size() || !std::isfinite(key.number))
        return std::nullopt;
    key.text = token.substr(slash + 1);
    return key;
}

}  // namespace sagemaker_local
