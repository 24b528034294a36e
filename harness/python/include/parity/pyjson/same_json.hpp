#pragma once

#include <pybind11/pytypes.h>

namespace parity::pyjson {

/// Whether two Python objects certainly convert to the same JSON value (to_json.hpp), decided by
/// walking them, without converting either: `to_json(a).value` and `to_json(b).value` are then
/// equal as the diff engine's strict comparison sees them (floats by bits, every NaN equal to every
/// NaN). The caller holds the GIL.
///
///     same_json([{"score": 0.9}], ({"score": 0.9},))   // true: a tuple is an array too
///     same_json([1], [1.0])                            // false
///
/// `false` only means "not proven": the walk gives up, rather than reasoning about the conversion's
/// corner cases, on anything but None, bool, int, float, str, list, tuple and dict (bytes and other
/// objects, which convert to tagged objects); on dicts whose keys are not str, or whose keys come in
/// another order and are not all exact strs without lone surrogates (looking up a subclass could run
/// its __eq__, and two keys with surrogates can convert to one name); on nesting deeper than
/// `max_same_json_depth` and on a container inside itself. The caller then
/// converts. It never says `true` wrongly, and runs no Python code: no __eq__, __hash__ or __repr__
/// of any object is called (ints and strs are compared as the built-in types, whatever a subclass
/// says), so nothing can change the objects while they are walked.
[[nodiscard]] bool same_json(pybind11::handle reference, pybind11::handle candidate);

/// Containers nested deeper than this are left to the conversion (which takes any depth, on the heap).
inline constexpr int max_same_json_depth = 1000;

}  // namespace parity::pyjson
