// awscoro-sagemaker: AWS CLI-style SageMaker image commands and the
// `register` batch. Exit status: 0 success, 1 service/transport/timeout
// error (register: some line did not succeed), 2 usage error.
#include "args.hpp"
#include "commands.hpp"
#include "error_report.hpp"
#include "register_command.hpp"
#include "register_options.hpp"
#include "session.hpp"
#include "usage.hpp"

#include <exception>
#include <iostream>
#include <string_view>
#include <vector>

namespace {

using namespace awscoro_cli;

int run(std::span<const std::string_view> args)
{
    std::vector<option_spec> operation_specs;
    const auto specs_of = [&](std::string_view command) -> std::optional<std::span<const option_spec>> {
        if (command == "register")
            return register_option_specs();
        if (auto specs = operation_option_specs(command)) {
            operation_specs = std::move(*specs);
            return operation_specs;
        }
        return std::nullopt;
    };
    const auto line = parse_command_line(args, global_option_specs(), specs_of);
    if (line.help) {
        print_help(line.command, std::cout);
        return exit_success;
    }
    if (line.command.empty()) {
        print_help("", std::cerr);
        return exit_usage;
    }
    const auto global = read_global_options(line.options);
    if (line.command == "register")
        return run_register(line.options, global);
    return run_operation_command(line.command, line.options, global);
}

}  // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    try {
        return run(args);
    }
    catch (const usage_error& e) {
        std::cerr << "awscoro-sagemaker: error: " << e.what() << "\n(run 'awscoro-sagemaker help' for usage)\n";
        return exit_usage;
    }
    catch (const std::exception& e) {
        std::cerr << "awscoro-sagemaker: " << e.what() << '\n';
        return exit_failure;
    }
}
