// same-state-client SCRIPT URL CA_FILE: runs same_state_script.json with
// awscoro, printing "OK Op" or "ERR Op Code" per step, as same_state.mjs does
// with the JavaScript SDK. Each step's input is parsed by awscoro's codec.
#include <awscoro/sagemaker/client.hpp>
#include <awscoro/sagemaker/codec.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

namespace asio = boost::asio;
namespace sm = awscoro::sagemaker;

namespace {

// Sends `input` as operation Op when `name` is Op's; false otherwise.
template <class Op>
asio::awaitable<bool> try_step(sm::client& client, std::string_view name, const std::string& input)
{
    if (name != Op::name)
        co_return false;
    typename Op::request_type request;
    awscoro::diagnostics diag;
    if (auto ec = sm::from_json(input, request, diag))
        throw std::runtime_error("bad step input: " + diag.message);
    const auto r = co_await client.try_call<Op>(std::move(request));
    if (r)
        std::cout << "OK " << name << '\n';
    else if (!r.diag.aws_code.empty())
        std::cout << "ERR " << name << ' ' << r.diag.aws_code << '\n';
    else
        throw std::runtime_error(std::string(name) + ": " + awscoro::describe(r.error, r.diag));
    co_return true;
}

template <class... Ops>
asio::awaitable<void> step(sm::client& client, std::string_view name, const std::string& input, std::tuple<Ops...>*)
{
    bool done = false;
    ((done = done || co_await try_step<Ops>(client, name, input)), ...);
    if (!done)
        throw std::runtime_error("unknown operation " + std::string(name));
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: same-state-client SCRIPT URL CA_FILE\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    const auto script = boost::json::parse(text.str()).as_array();

    awscoro::config cfg;
    cfg.region = "us-east-1";
    cfg.endpoint_url = argv[2];
    cfg.ca_bundle = argv[3];
    cfg.retry.max_attempts = 1;
    cfg.credentials = awscoro::make_static_credentials_provider({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"});
    asio::io_context io;
    sm::client client(io, cfg);
    std::exception_ptr failure;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (const auto& s : script) {
                const std::string input = boost::json::serialize(s.at("input"));
                co_await step(client, std::string(s.at("op").as_string()), input, static_cast<sm::operations*>(nullptr));
            }
            client.shutdown();
        },
        [&](std::exception_ptr e) { failure = e; });
    io.run_for(std::chrono::seconds(60));
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            std::cerr << "same-state-client: " << e.what() << '\n';
        }
        return 1;
    }
    return 0;
}
