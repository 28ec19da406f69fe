// Helpers shared by the sagemaker-local tests: fixed times, and requests
// signed by awscoro's signer as a client would sign them.
#pragma once

#include "sigv4_verifier.hpp"

#include <awscoro/sigv4.hpp>
#include <awscoro/timestamp.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sagemaker_local::test {

inline constexpr std::string_view access_key_id = "AKIDEXAMPLE";
inline constexpr std::string_view secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A store time `seconds` after a fixed origin.
inline awscoro::timestamp at(double seconds)
{
    return awscoro::timestamp{awscoro::timestamp::duration{1'700'000'000.0 + seconds}};
}

/// The wall time of at(seconds).
inline std::chrono::system_clock::time_point wall(double seconds)
{
    return std::chrono::time_point_cast<std::chrono::system_clock::duration>(at(seconds));
}

/// The value of an outcome known to hold one (fails the test otherwise).
template <class T>
const T& value_of(const outcome<T>& result)
{
    if (const auto* error = std::get_if<api_error>(&result))
        throw std::runtime_error("unexpected " + error->type + ": " + error->message);
    return std::get<0>(result);
}

/// The error of an outcome known to hold one.
template <class T>
api_error error_of(const outcome<T>& result)
{
    if (const auto* error = std::get_if<api_error>(&result))
        return *error;
    return {"(success)", "", 200};
}

/// A POST / request of the SageMaker JSON protocol, signed.
struct signed_request {
    std::vector<std::pair<std::string, std::string>> owned;  ///< header names and values
    std::vector<awscoro::sigv4::header_field> fields;        ///< views of `owned`
    std::string body;

    incoming_request view() const { return {"POST", "/", fields, body}; }

    /// Replaces the value of header `name` (it must exist), keeping the rest.
    void set(std::string_view name, std::string value)
    {
        for (auto& [n, v] : owned)
            if (n == name)
                v = std::move(value);
        refresh();
    }

    void remove(std::string_view name)
    {
        std::erase_if(owned, [&](const auto& h) { return h.first == name; });
        refresh();
    }

    void refresh()
    {
        fields.clear();
        for (const auto& [n, v] : owned)
            fields.push_back({n, v});
    }
};

struct signing {
    std::chrono::system_clock::time_point time = wall(0);
    std::string_view access_key_id = test::access_key_id;
    std::string_view secret_access_key = test::secret_access_key;
    std::string_view region = "us-east-1";
    std::string host = "127.0.0.1";
    std::string content_type = "application/x-amz-json-1.1";
};

inline signed_request make_request(std::string_view operation, std::string body, const signing& how = {})
{
    signed_request r;
    r.body = std::move(body);
    r.owned = {{"host", how.host},
               {"content-type", how.content_type},
               {"x-amz-target", "SageMaker." + std::string(operation)}};
    r.refresh();
    awscoro::sigv4::signer signer;
    awscoro::sigv4::signing_result result;
    signer.sign({.method = "POST", .target = "/", .headers = r.fields, .payload = r.body},
                {.access_key_id = how.access_key_id, .secret_access_key = how.secret_access_key, .session_token = {}},
                {.region = how.region, .service = "sagemaker", .time = how.time}, result);
    r.owned.emplace_back("x-amz-date", result.amz_date);
    r.owned.emplace_back("authorization", result.authorization);
    r.refresh();
    return r;
}

}  // namespace sagemaker_local::test
