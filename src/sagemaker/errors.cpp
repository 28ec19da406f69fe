#include <awscoro/sagemaker/errors.hpp>

#include <awscoro/json_protocol.hpp>

namespace awscoro::sagemaker {
namespace {

class category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "awscoro.sagemaker"; }

    std::string message(int ev) const override
    {
        switch (static_cast<error>(ev)) {
        case error::resource_in_use: return "resource in use";
        case error::resource_limit_exceeded: return "resource limit exceeded";
        case error::resource_not_found: return "resource not found";
        }
        return "unknown SageMaker error";
    }
};

}  // namespace

const boost::system::error_category& error_category() noexcept
{
    static const category_impl instance;
    return instance;
}

boost::system::error_code map_error(std::string_view code, unsigned http_status) noexcept
{
    if (code == "ResourceInUse")
        return error::resource_in_use;
    if (code == "ResourceLimitExceeded")
        return error::resource_limit_exceeded;
    if (code == "ResourceNotFound")
        return error::resource_not_found;
    return json_protocol::classify_error(code, http_status);
}

void throw_error(const boost::system::error_code& ec, const diagnostics& diag)
{
    if (ec == error::resource_in_use)
        throw resource_in_use(ec, diag);
    if (ec == error::resource_limit_exceeded)
        throw resource_limit_exceeded(ec, diag);
    if (ec == error::resource_not_found)
        throw resource_not_found(ec, diag);
    awscoro::throw_error(ec, diag);
}

}  // namespace awscoro::sagemaker
