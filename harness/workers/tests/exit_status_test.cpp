#include "exit_status.hpp"

#include <csignal>

#include <catch2/catch.hpp>

using parity::workers::describe;
using parity::workers::ExitStatus;

TEST_CASE("exit statuses are described for reports", "[workers][exit_status]") {
    CHECK(describe(ExitStatus{SIGSEGV, 0, true}) == "killed by SIGSEGV (Segmentation fault)");
    CHECK(describe(ExitStatus{SIGABRT, 0, true}) == "killed by SIGABRT (Aborted)");
    CHECK(describe(ExitStatus{0, 3, true}) == "exited with status 3");
    CHECK(describe(ExitStatus{0, 0, false}) == "exited (status unknown)");
}
