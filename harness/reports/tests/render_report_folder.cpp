// parity_reports_render <report_dir>...: writes every report file into each folder. For ctest
// (the XML and compare.py checks run on its output) and for looking at reports by hand until
// `parity replay` writes them itself.
#include <exception>
#include <iostream>

#include "parity/reports/report_files.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: parity_reports_render <report_dir>...\n";
        return 2;
    }
    try {
        for (int i = 1; i < argc; ++i)
            parity::reports::write_all(argv[i]);
    } catch (const std::exception& error) {
        std::cerr << "parity_reports_render: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
