// Paging of the List* operations. A page token is a cursor: the sort key of
// the last item returned, so the next page starts right after it even when
// items were added or deleted in between (an offset would skip or repeat).
#pragma once

#include "api_error.hpp"

#include <algorithm>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sagemaker_local {

/// A total order over one listing: a number (a time or a version) then a
/// text (a name) that makes every key unique.
struct sort_key {
    double number = 0;
    std::string text;

    friend auto operator<=>(const sort_key&, const sort_key&) = default;
};

/// The NextToken for `key`: "v1/<number>/<text>".
std::string encode_cursor(const sort_key& key);

/// The key of a NextToken; nullopt when the token was not made by encode_cursor.
std::optional<sort_key> decode_cursor(std::string_view token);

template <class T>
struct page {
    std::vector<T> items;
    std::optional<std::string> next_token;  ///< set when more items follow
};

/// One page of `entries`: sorted by key (descending or not), starting after
/// the cursor in `next_token`, at most `max_results` (default 10) items.
template <class T>
outcome<page<T>> paginate(std::vector<std::pair<sort_key, T>> entries, bool descending,
                          const std::optional<std::string>& next_token, std::optional<int> max_results)
{
    const auto before = [descending](const auto& a, const auto& b) {
        return descending ? b.first < a.first : a.first < b.first;
    };
    std::sort(entries.begin(), entries.end(), before);

    auto first = entries.begin();
    if (next_token && !next_token->empty()) {
        auto cursor = decode_cursor(*next_token);
        if (!cursor)
            return validation("Invalid pagination token: NextToken was not returned by a previous call");
        const std::pair<sort_key, T> probe{std::move(*cursor), T{}};
        first = std::upper_bound(entries.begin(), entries.end(), probe, before);
    }

    const auto limit = static_cast<std::size_t>(max_results.value_or(10));
    page<T> out;
    auto it = first;
    for (; it != entries.end() && out.items.size() < limit; ++it)
        out.items.push_back(std::move(it->second));
    if (it != entries.end())
        out.next_token = encode_cursor(std::prev(it)->first);
    return out;
}

}  // namespace sagemaker_local
