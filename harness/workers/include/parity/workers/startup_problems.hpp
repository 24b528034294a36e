#pragma once

#include <string>

#include "parity/workers/job.hpp"

namespace parity::workers {

/// A fixture file left out of the fixtures passed to setup(). Not fatal: the requests that need it
/// will fail in the adapters.
struct FixtureProblem {
    std::string fixture_id;  // "sha256-<64 hex>"
    std::string message;     // "fixtures/sha256-ab….json: content hash is sha256-cd…",
                             // "fixtures/sha256-ab….json: malformed JSON: line 1 column 7: Expecting value"
};

/// An adapter that could not be imported or set up. Not fatal: its path is `unavailable` in every job
/// (with this message in `detail`) and the other path still runs.
struct AdapterProblem {
    PathName path = PathName::reference;  // reference or candidate
    std::string adapter;                  // as configured, "module:attribute"
    std::string message;  // "importer.adapters:nope: AttributeError: module 'importer.adapters' has no
                          // attribute 'nope'"; a setup failure adds where it was raised
};

}  // namespace parity::workers
