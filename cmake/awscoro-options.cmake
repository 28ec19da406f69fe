# Every build option of awscoro in one place.
option(AWSCORO_BUILD_TESTS "Build the tests" ON)
option(AWSCORO_BUILD_TOOLS "Build sagemaker-local and awscoro-sagemaker" ON)
option(AWSCORO_BUILD_BENCH "Build the benchmarks" ON)
option(AWSCORO_BUILD_EXAMPLES "Build the examples" ON)
option(AWSCORO_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
set(AWSCORO_SANITIZE "" CACHE STRING "Sanitizers for tests and tools, e.g. address,undefined or thread")
set(AWSCORO_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
    "Reference data (SigV4 suite, protocol tests, service model) read by tests only")

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

if(AWSCORO_SANITIZE)
    add_compile_options(-fsanitize=${AWSCORO_SANITIZE} -fno-omit-frame-pointer -g)
    add_link_options(-fsanitize=${AWSCORO_SANITIZE})
    if(AWSCORO_SANITIZE MATCHES "undefined" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # clang-14's function sanitizer misfires on coroutine frames.
        add_compile_options(-fno-sanitize=function -fno-sanitize-recover=undefined)
    endif()
endif()

function(awscoro_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(AWSCORO_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
