#include "bind_matching.hpp"

#include <cxxabi.h>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dict_template.hpp"
#include "matcher_arguments.hpp"
#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/core/matching/matcher.hpp"
#include "python_text.hpp"
#include "released_gil.hpp"
#include "thread_scratch.hpp"

namespace py = pybind11;

namespace parity::bindings {
namespace {

namespace matching = parity::core::matching;

/// Python objects made once and reused for every row: dict keys and status strings.
struct Names {
    std::array<py::str, matching::field_count> fields;
    py::str id{"id"};
    py::str status{"status"};
    py::str customer_id{"customer_id"};
    py::str score{"score"};
    py::str field_scores{"field_scores"};
    py::str normalized{"normalized"};
    py::str candidates{"candidates"};
    py::str capped{"capped"};
    std::array<py::str, 3> statuses{py::str("matched"), py::str("possible"), py::str("new")};
    py::object mapping_abc = py::module_::import("collections.abc").attr("Mapping");
    /// The result dicts' shapes: field_scores and normalized (the fields), and a result.
    static constexpr std::size_t result_key_count = 7;
    std::unique_ptr<DictTemplate> field_dict;
    std::unique_ptr<DictTemplate> result_dict;

    Names() {
        std::array<PyObject*, matching::field_count> field_keys{};
        for (std::size_t i = 0; i < matching::field_count; ++i) {
            fields[i] = py::str(std::string(matching::field_names[i]));
            field_keys[i] = fields[i].ptr();
        }
        field_dict = std::make_unique<DictTemplate>(field_keys);
        const std::array<PyObject*, result_key_count> result_keys = {
            status.ptr(),     customer_id.ptr(), score.ptr(), field_scores.ptr(),
            normalized.ptr(), candidates.ptr(),  capped.ptr()};
        result_dict = std::make_unique<DictTemplate>(result_keys);
    }
};

const Names& names() {
    static const Names* const instance =
        new Names();  // leaked on purpose: outlives the interpreter's teardown order
    return *instance;
}

std::string type_name(py::handle value) {
    return py::str(py::type::handle_of(value).attr("__name__"));
}

/// A check of docs/matching.md section 1 that failed while reading the input (under the GIL). It is
/// raised only after the records before it were normalized, because a date error there comes first.
struct InputError {
    std::size_t index;
    bool is_type_error;
    std::string message;
};

/// Where one field's code points lie in a batch's text buffer.
struct FieldSpan {
    std::size_t offset;
    std::size_t length;
};
using RecordSpans = std::array<std::optional<FieldSpan>, matching::field_count>;

/// Code points of a batch's text kept between calls at most (256 kB): a recorded batch of a few
/// dozen rows holds a few thousand.
constexpr std::size_t max_kept_code_points = std::size_t{1} << 16;

/// Field values of a batch's rows kept room for between calls at most (8 per row).
constexpr std::size_t max_kept_sources = std::size_t{1} << 13;

/// Results kept between calls at most, with their strings: a few hundred bytes each.
constexpr std::size_t max_kept_results = 1024;

/// The Python input read into C++ records, up to the first failing check (if any). All field
/// values go into one code point buffer, and the records are views into it: a batch costs no
/// allocation per field (the thread's arrays are reused from call to call).
struct ReadRecords {
    /// A batch of rows reuses the thread's arrays; the customer base is read once and not kept.
    explicit ReadRecords(bool is_batch)
        : text_scratch(is_batch),
          span_scratch(is_batch),
          view_scratch(is_batch),
          keep_sources(is_batch),
          source_scratch(is_batch) {}

    ThreadScratch<char32_t, max_kept_code_points> text_scratch;
    std::vector<char32_t>& text = text_scratch.get();
    ThreadScratch<RecordSpans> span_scratch;
    std::vector<RecordSpans>& spans = span_scratch.get();
    ThreadScratch<matching::RawRecordView> view_scratch;
    /// Views into `text`, made once all records are read (`text` no longer moves then).
    std::vector<matching::RawRecordView>& records = view_scratch.get();
    /// With keep_sources, each record's field values as given (None where absent), field_count per
    /// record: a normalized value equal to its input is returned as that same str, not a copy.
    bool keep_sources;
    ThreadScratch<py::object, max_kept_sources> source_scratch;  // cleared (references dropped) on exit
    std::vector<py::object>& sources = source_scratch.get();
    std::vector<std::int64_t> ids;
    std::optional<InputError> error;

    void make_views() {
        records.resize(spans.size());
        for (std::size_t r = 0; r < spans.size(); ++r) {
            for (std::size_t i = 0; i < matching::field_count; ++i) {
                if (const auto& span = spans[r][i]) {
                    records[r][i] = std::u32string_view(text.data() + span->offset, span->length);
                }
            }
        }
    }
};

bool is_mapping(py::handle record) {
    return PyDict_Check(record.ptr()) || py::isinstance(record, names().mapping_abc);
}

/// `record.get(key)`: the dict fast path, else the Mapping's own get().
py::object get(py::handle record, const py::str& key) {
    if (PyDict_CheckExact(record.ptr())) {
        PyObject* value = PyDict_GetItemWithError(record.ptr(), key.ptr());
        if (value == nullptr && PyErr_Occurred()) {
            throw py::error_already_set();
        }
        return value == nullptr ? py::none() : py::reinterpret_borrow<py::object>(value);
    }
    return record.attr("get")(key);
}

/// "rows[3]": where a record is, in messages (built only when one is needed).
std::string locate(const char* what, std::size_t index) {
    return std::string(what) + "[" + std::to_string(index) + "]";
}

/// Reads one record's fields in field order; returns the first failing check, if any.
std::optional<InputError> read_fields(py::handle record, const char* what, std::size_t index,
                                      std::vector<char32_t>& text, RecordSpans& out,
                                      std::vector<py::object>* sources) {
    for (std::size_t i = 0; i < matching::field_count; ++i) {
        py::object value = get(record, names().fields[i]);
        if (sources != nullptr) {
            sources->push_back(value);
        }
        if (value.is_none()) {
            continue;
        }
        if (!PyUnicode_Check(value.ptr())) {
            return InputError{index, true,
                              locate(what, index) + "." + std::string(matching::field_names[i]) +
                                  ": expected str or None, got " + type_name(value)};
        }
        const std::size_t offset = text.size();
        if (!append_code_points(value, text)) {
            return InputError{index, false,
                              locate(what, index) + "." + std::string(matching::field_names[i]) +
                                  ": lone surrogate in text"};
        }
        out[i] = FieldSpan{offset, text.size() - offset};
    }
    return std::nullopt;
}

/// Reads `records` into `read.spans` and `read.text` (empty on entry). Messages count records from
/// `base` (a chunk of a longer input); `seen` holds the ids of the records before it.
void read_spans(py::handle records, const char* what, bool with_ids, ReadRecords& read, std::size_t base,
                std::unordered_set<std::int64_t>& seen) {
    if (!PyList_Check(records.ptr()) && !PyTuple_Check(records.ptr())) {
        throw py::type_error(std::string(what) + ": expected a list, got " + type_name(records));
    }
    PyObject* sequence = records.ptr();
    const Py_ssize_t size = PySequence_Fast_GET_SIZE(sequence);
    // Sized once (one clearing of the whole array), each row's spans written in place; cut back to
    // the rows read if one fails.
    read.spans.resize(static_cast<std::size_t>(size));
    if (read.keep_sources) {
        read.sources.reserve(static_cast<std::size_t>(size) * matching::field_count);
    }
    for (Py_ssize_t position = 0; position < size; ++position) {
        const auto local = static_cast<std::size_t>(position);
        const std::size_t index = base + local;
        const py::handle record = PySequence_Fast_GET_ITEM(sequence, position);
        const auto fail = [&read, local](InputError error) {
            read.spans.resize(local);  // the rows before this one
            read.error = std::move(error);
        };
        if (!is_mapping(record)) {
            fail({index, true, locate(what, index) + ": expected a mapping, got " + type_name(record)});
            return;
        }
        if (with_ids) {
            const py::object id = get(record, names().id);
            if (PyBool_Check(id.ptr()) || !PyLong_Check(id.ptr())) {
                fail({index, true, locate(what, index) + ".id: expected int, got " + type_name(id)});
                return;
            }
            int overflow = 0;
            const long long value = PyLong_AsLongLongAndOverflow(id.ptr(), &overflow);
            if (overflow != 0) {
                fail({index, false,
                      locate(what, index) + ".id: " + std::string(py::str(id)) + " does not fit in 64 bits"});
                return;
            }
            if (!seen.insert(value).second) {
                fail({index, false, locate(what, index) + ".id: duplicate id " + std::string(py::str(id))});
                return;
            }
            read.ids.push_back(value);
        }
        if (auto error = read_fields(record, what, index, read.text, read.spans[local],
                                     read.keep_sources ? &read.sources : nullptr)) {
            fail(std::move(*error));
            return;
        }
    }
}

/// Reads `records` into `read` (empty on entry).
void read_records(py::handle records, const char* what, bool with_ids, ReadRecords& read) {
    std::unordered_set<std::int64_t> seen;
    read_spans(records, what, with_ids, read, 0, seen);
    read.make_views();
}

[[noreturn]] void raise(const InputError& error) {
    if (error.is_type_error) {
        throw py::type_error(error.message);
    }
    throw py::value_error(error.message);
}

/// `base`: the index of the first record normalized (a chunk's place in the whole input).
[[noreturn]] void raise(const matching::RecordError& error, const char* what, std::size_t base = 0) {
    throw py::value_error(std::string(what) + "[" + std::to_string(base + error.index()) + "]." +
                          std::string(matching::field_names[matching::index_of(error.field())]) +
                          ": unparseable date");
}

/// Raises the input error of `read`, unless a record before it is rejected by normalization
/// (the reference checks record by record, so that one comes first).
[[noreturn]] void raise_first_error(ReadRecords& read, const char* what, unsigned threads,
                                    std::size_t base = 0) {
    try {
        ReleasedGil released;
        static_cast<void>(matching::normalize_records(read.records, threads));
    } catch (const matching::RecordError& error) {
        raise(error, what, base);
    }
    raise(*read.error);
}

/// Steals a new reference from the C API, raising the pending Python error when it is null.
py::object steal(PyObject* object) {
    if (object == nullptr) {
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::object>(object);
}

py::object optional_float(const std::optional<double>& value) {
    return value ? steal(PyFloat_FromDouble(*value)) : py::none();
}

/// The normalized value as a str: `source` itself when it is a str (not a subclass) and the value
/// equals `raw`, the code points read from it. Comparing with `raw`, in the batch's text buffer,
/// leaves the source object alone when they differ (most fields: names are lowercased, phones
/// lose their punctuation), which a batch's end finds out of cache.
py::object optional_text(const std::optional<std::u32string>& value,
                         const std::optional<std::u32string_view>& raw, const py::object& source) {
    if (!value) {
        return py::none();
    }
    if (raw && *raw == *value && PyUnicode_CheckExact(source.ptr())) {
        return source;
    }
    return from_code_points(*value);
}

/// A dict of `shape`'s keys holding `values` (in key order), which it takes.
template <std::size_t N>
py::object make_dict(const DictTemplate& shape, std::array<py::object, N>& values) {
    std::array<PyObject*, N> taken{};
    for (std::size_t i = 0; i < N; ++i) {
        taken[i] = values[i].release().ptr();
    }
    return steal(shape.make(taken));
}

/// One result dict; `raw` is the row as read, `sources` its field_count input values.
py::object to_python(const matching::MatchResult& result, const matching::RawRecordView& raw,
                     const py::object* sources) {
    const Names& n = names();
    std::array<py::object, matching::field_count> scores;
    std::array<py::object, matching::field_count> texts;
    for (std::size_t i = 0; i < matching::field_count; ++i) {
        scores[i] = optional_float(result.field_scores[i]);
        texts[i] = optional_text(result.normalized[i], raw[i], sources[i]);
    }
    std::array<py::object, Names::result_key_count> items = {
        n.statuses[static_cast<std::size_t>(result.status)],
        result.customer_id ? steal(PyLong_FromLongLong(*result.customer_id)) : py::none(),
        optional_float(result.score),
        make_dict(*n.field_dict, scores),
        make_dict(*n.field_dict, texts),
        steal(PyLong_FromSize_t(result.candidates)),
        py::bool_(result.capped),
    };
    return make_dict(*n.result_dict, items);
}

/// importer._native.Matcher: the same constructor, errors and results as importer.matching.Matcher.
class PyMatcher {
  public:
    PyMatcher(py::handle customers, py::handle config, py::handle threads_given)
        : PyMatcher(py::make_tuple(customers), config, threads_given, false) {}

    /// Matcher.from_chunks: the customers as an iterable of lists, read one list at a time, so that
    /// the caller never holds them all as Python objects; the same checks and messages, the index
    /// counted over the whole input.
    static PyMatcher from_chunks(py::handle chunks, py::handle config, py::handle threads_given) {
        return PyMatcher(chunks, config, threads_given, true);
    }

    py::list match(py::handle rows) const {
        if (PyList_Check(rows.ptr()) || PyTuple_Check(rows.ptr())) {
            matcher_->prepare(static_cast<std::size_t>(PySequence_Fast_GET_SIZE(rows.ptr())));
        }
        ReadRecords read(true);
        read_records(rows, "rows", false, read);
        if (read.error) {
            raise_first_error(read, "rows", matcher_->threads());
        }
        // Kept with their normalized strings: the next batch normalizes into the same memory.
        ThreadScratch<matching::MatchResult, max_kept_results, true> scratch;
        std::vector<matching::MatchResult>& results = scratch.get();
        try {
            ReleasedGil released;
            matcher_->match(read.records, results);
        } catch (const matching::RecordError& error) {
            raise(error, "rows");
        }
        py::list out(results.size());
        for (std::size_t i = 0; i < results.size(); ++i) {
            PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i),
                            to_python(results[i], read.records[i], &read.sources[i * matching::field_count])
                                .release()
                                .ptr());
        }
        return out;
    }

    [[nodiscard]] std::size_t size() const {
        return matcher_->size();
    }
    [[nodiscard]] const py::object& config() const {
        return config_;
    }
    [[nodiscard]] unsigned threads() const {
        return matcher_->threads();
    }

  private:
    /// Reads and normalizes the customers list by list as `chunks` yields them (`chunked`: each must be
    /// a list or tuple), then indexes them. An input error comes after the normalization errors of the
    /// records before it, as the reference checks record by record.
    PyMatcher(py::handle chunks, py::handle config, py::handle threads_given, bool chunked) {
        const unsigned threads = threads_for(threads_given);
        const py::object config_class = py::module_::import("importer.matching.config").attr("MatchConfig");
        config_ = py::isinstance(config, config_class) ? py::reinterpret_borrow<py::object>(config)
                                                       : config_class.attr("from_dict")(config);
        std::vector<std::int64_t> ids;
        std::vector<matching::NormalizedRecord> customers;
        std::unordered_set<std::int64_t> seen;
        const py::iterator chunk_iterator = py::iter(chunks);
        for (const py::handle chunk : chunk_iterator) {
            if (chunked && !PyList_Check(chunk.ptr()) && !PyTuple_Check(chunk.ptr())) {
                throw py::type_error("customers: expected chunks that are lists, got " + type_name(chunk));
            }
            // Each chunk normalized as it comes: its raw text is gone before the next one is read.
            const std::size_t base = customers.size();
            ReadRecords read(false);
            read_spans(chunk, "customers", true, read, base, seen);
            read.make_views();
            if (read.error) {
                raise_first_error(read, "customers", threads, base);
            }
            std::vector<matching::NormalizedRecord> normalized;
            try {
                ReleasedGil released;
                normalized = matching::normalize_records(read.records, threads);
            } catch (const matching::RecordError& error) {
                raise(error, "customers", base);
            }
            customers.insert(customers.end(), std::make_move_iterator(normalized.begin()),
                             std::make_move_iterator(normalized.end()));
            ids.insert(ids.end(), read.ids.begin(), read.ids.end());
        }
        const matching::MatchConfig core_config = to_core_config(config_);
        ReleasedGil released;
        matcher_.emplace(ids, std::move(customers), core_config, threads, matching::Matcher::from_normalized);
    }

    py::object config_;
    std::optional<matching::Matcher> matcher_;
};

// Matcher.match, called once per batch, is a plain CPython method rather than a pybind11 one.
// pybind11's dispatcher finds the C++ object of `self` through its registry of types (hash maps
// keyed by std::type_index): a call after other work finds those maps and the dispatcher's code out
// of cache, about 3 microseconds of a 15-row batch's 70 (timed from Python right after the
// reference: `len(matcher)` 4.2 µs, a method of _decimal 1.1 µs, `len([])` 0.9 µs; an empty
// `match([])` went from 10 to 3 µs with this). Here the Matcher's pybind11 type record is looked up
// once, and the call goes straight from Python's vectorcall to PyMatcher::match; errors are
// translated by pybind11's own translators, as its dispatcher does.

const PyMatcher& matcher_of(PyObject* self) {
    static const py::detail::type_info* const type = py::detail::get_type_info(typeid(PyMatcher));
    py::detail::type_caster_generic caster(type);
    if (!caster.load(self, false) || caster.value == nullptr) {
        throw py::type_error("Matcher.match: expected a Matcher, got " + type_name(self));
    }
    return *static_cast<const PyMatcher*>(caster.value);
}

/// The Python error for the exception being handled, as pybind11's dispatcher sets it.
void set_python_error() {
    try {
        throw;
    } catch (py::error_already_set& error) {
        error.restore();
    } catch (...) {
        if (!py::detail::apply_exception_translators(
                py::detail::get_local_internals().registered_exception_translators) &&
            !py::detail::apply_exception_translators(
                py::detail::get_internals().registered_exception_translators)) {
            PyErr_SetString(PyExc_SystemError, "Exception escaped from default exception translator!");
        }
    }
}

/// match(rows), by position or keyword: METH_FASTCALL | METH_KEYWORDS. Not noexcept, and a forced unwinding
/// (pthread_exit) passes the catch-all, as pybind11's dispatcher lets it: ReleasedGil stops the one CPython
/// starts while a thread takes the GIL back (released_gil.hpp), any other must still reach its end.
PyObject* call_match(PyObject* self, PyObject* const* args, Py_ssize_t count, PyObject* keywords) {
    const Py_ssize_t positional = PyVectorcall_NARGS(count);
    const Py_ssize_t named = keywords == nullptr ? 0 : PyTuple_GET_SIZE(keywords);
    if (positional + named != 1 ||
        (named == 1 && PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(keywords, 0), "rows") != 0)) {
        PyErr_SetString(PyExc_TypeError, "Matcher.match() takes one argument, rows");
        return nullptr;
    }
    try {
        return matcher_of(self).match(args[0]).release().ptr();
#ifdef __GLIBCXX__
    } catch (abi::__forced_unwind&) {
        throw;
#endif
    } catch (...) {
        set_python_error();
        return nullptr;
    }
}

PyMethodDef match_method{
    "match", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(call_match)),
    METH_FASTCALL | METH_KEYWORDS,
    "match($self, /, rows)\n--\n\nOne result dict per row, in row order (docs/matching.md section 6)."};

}  // namespace

void bind_matching(py::module_& module) {
    py::class_<PyMatcher> matcher(
        module, "Matcher", "Matches import rows against a customer base: importer.matching.Matcher, in C++.");
    matcher
        .def(py::init<py::handle, py::handle, py::handle>(), py::arg("customers"),
             py::arg("config") = py::none(), py::kw_only(), py::arg("threads") = 0,
             "Index the customers once. config: None, a MatchConfig or its dict form. threads: 0 = one per "
             "CPU this process may keep busy (its affinity mask, capped by a cgroup CPU quota); a larger "
             "count is capped to that number.")
        .def_static("from_chunks", &PyMatcher::from_chunks, py::arg("chunks"), py::arg("config") = py::none(),
                    py::kw_only(), py::arg("threads") = 0,
                    "The same Matcher from the customers given as an iterable of lists (chunks), read one "
                    "at a time: the whole customer base never needs to exist as Python objects at once.")
        .def("__len__", &PyMatcher::size)
        .def_property_readonly("config", &PyMatcher::config)
        .def_property_readonly("threads", &PyMatcher::threads);
    PyObject* match = PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(matcher.ptr()), &match_method);
    if (match == nullptr) {
        throw py::error_already_set();
    }
    matcher.attr("match") = py::reinterpret_steal<py::object>(match);

    module.def(
        "_result_dicts_by_copy",
        [](const py::object& wanted) {
            const Names& n = names();
            if (!wanted.is_none()) {
                n.field_dict->set_copies(wanted.cast<bool>());
                n.result_dict->set_copies(wanted.cast<bool>());
            }
            return n.field_dict->copies() && n.result_dict->copies();
        },
        py::arg("wanted") = py::none(),
        "For tests: whether Matcher.match makes its result dicts by copying a template (else by inserts); "
        "`wanted` switches the way first (True only takes where the dict layout check passes).");
}

}  // namespace parity::bindings
