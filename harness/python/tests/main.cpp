// Catch2's main, inside one embedded interpreter shared by every test.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <pybind11/embed.h>

int main(int argc, char* argv[]) {
    const pybind11::scoped_interpreter interpreter;
    return Catch::Session().run(argc, argv);
}
