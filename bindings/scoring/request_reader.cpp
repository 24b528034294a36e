#include "request_reader.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "python_strings.hpp"
#include "record_fields.hpp"
#include "record_layouts.hpp"
#include "string_ids.hpp"

namespace parity::bindings::scoring {
namespace {

namespace core = parity::scoring;

constexpr std::int64_t t_ms_min = -62'135'596'800'000;  // 0001-01-01T00:00:00.000Z
constexpr std::int64_t t_ms_max = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
constexpr double lat_limit = 90.0;
constexpr double lon_limit = 180.0;
/// Country and currency ids: the kernel only compares them with the profile's (request.hpp).
constexpr std::uint32_t home = 0;
constexpr std::uint32_t elsewhere = 1;

std::size_t at(RecordField field) {
    return static_cast<std::size_t>(field);
}

/// A record's kernel fields, checked; strs and `id` borrowed from the record.
struct CheckedRecord {
    PyObject* id = nullptr;
    std::int64_t t_ms = 0;
    double amount = 0.0;
    PyObject* currency = nullptr;
    PyObject* merchant = nullptr;
    PyObject* mcc = nullptr;
    PyObject* country = nullptr;
    PyObject* card = nullptr;
    PyObject* device = nullptr;  // nullptr for None
    bool has_lat = false;
    bool has_lon = false;
    double lat = 0.0;
    double lon = 0.0;
};

/// Where a check failed: "history[3]" and so on.
struct Where {
    const char* label;
    Py_ssize_t index;
};

// --- the fast path: plain values that pass every check --------------------------------------------

bool plain_str(PyObject* value) {
    return PyUnicode_CheckExact(value) && PyUnicode_IS_READY(value);
}

bool plain_double(PyObject* value, double& out) {
    if (PyFloat_CheckExact(value)) {
        out = PyFloat_AS_DOUBLE(value);
        return std::isfinite(out);
    }
    if (PyLong_CheckExact(value)) {
        out = PyLong_AsDouble(value);
        if (out == -1.0 && PyErr_Occurred() != nullptr) {
            PyErr_Clear();
            return false;
        }
        return std::isfinite(out);
    }
    return false;
}

bool plain_coordinate(PyObject* value, double limit, bool& present, double& out) {
    present = value != Py_None;
    return !present || (plain_double(value, out) && -limit <= out && out <= limit);
}

/// The record's values when each one passes its checks as it is, with no conversion that could run
/// Python code; false sends the record to the checked path.
bool read_plain(const FieldValues& v, CheckedRecord& out) {
    PyObject* t_ms = v[at(RecordField::t_ms)];
    if (!PyLong_CheckExact(t_ms)) {
        return false;
    }
    int overflow = 0;
    out.t_ms = PyLong_AsLongLongAndOverflow(t_ms, &overflow);
    if (overflow != 0 || out.t_ms < t_ms_min || out.t_ms > t_ms_max) {
        return false;
    }
    out.id = v[at(RecordField::id)];
    out.currency = v[at(RecordField::currency)];
    out.merchant = v[at(RecordField::merchant_id)];
    out.mcc = v[at(RecordField::mcc)];
    out.country = v[at(RecordField::country)];
    out.card = v[at(RecordField::card_id)];
    PyObject* device = v[at(RecordField::device_id)];
    out.device = device == Py_None ? nullptr : device;
    return plain_str(out.id) && plain_str(out.currency) && plain_str(out.merchant) && plain_str(out.mcc) &&
           plain_str(out.country) && plain_str(out.card) &&
           (out.device == nullptr || plain_str(out.device)) &&
           plain_double(v[at(RecordField::amount)], out.amount) &&
           plain_coordinate(v[at(RecordField::lat)], lat_limit, out.has_lat, out.lat) &&
           plain_coordinate(v[at(RecordField::lon)], lon_limit, out.has_lon, out.lon);
}

// --- the checked path: every check of section 1.2, in order ----------------------------------------

OwnedRef field_value(PyObject* record, RecordField field, const Where& where) {
    OwnedRef value = lookup(record, record_field_keys()[at(field)]);
    if (value.get() == nullptr) {
        raise_formatted(PyExc_ValueError, "%s[%zd].%s: missing", where.label, where.index,
                        record_field_names[at(field)]);
    }
    return value;
}

void expect_str(PyObject* value, RecordField field, const Where& where) {
    if (!PyUnicode_Check(value)) {
        const OwnedRef name = type_name(value);
        raise_formatted(PyExc_TypeError, "%s[%zd].%s: expected str, got %U", where.label, where.index,
                        record_field_names[at(field)], name.get());
    }
    ready(value);
}

double checked_double(PyObject* value, RecordField field, const Where& where, const char* expected) {
    const char* name = record_field_names[at(field)];
    if (!is_number(value)) {
        const OwnedRef type = type_name(value);
        raise_formatted(PyExc_TypeError, "%s[%zd].%s: expected %s, got %U", where.label, where.index, name,
                        expected, type.get());
    }
    const std::optional<double> converted = finite_double(value);
    if (!converted) {
        raise_formatted(PyExc_ValueError, "%s[%zd].%s: not a finite number", where.label, where.index, name);
    }
    return *converted;
}

void checked_coordinate(PyObject* value, RecordField field, double limit, const Where& where, bool& present,
                        double& out) {
    present = value != Py_None;
    if (!present) {
        return;
    }
    out = checked_double(value, field, where, "a number or None");
    if (!(-limit <= out && out <= limit)) {
        raise_formatted(PyExc_ValueError, "%s[%zd].%s: out of range", where.label, where.index,
                        record_field_names[at(field)]);
    }
}

/// check_record: the fields in the table's order; `held` keeps the values alive.
void read_checked(PyObject* record, const Where& where, std::array<OwnedRef, record_field_count>& held,
                  CheckedRecord& out) {
    if (!is_mapping(record)) {
        const OwnedRef name = type_name(record);
        raise_formatted(PyExc_TypeError, "%s[%zd]: expected a mapping, got %U", where.label, where.index,
                        name.get());
    }
    const auto str_field = [&](RecordField field) {
        held[at(field)] = field_value(record, field, where);
        expect_str(held[at(field)].get(), field, where);
        return held[at(field)].get();
    };
    out.id = str_field(RecordField::id);

    held[at(RecordField::t_ms)] = field_value(record, RecordField::t_ms, where);
    PyObject* t_ms = held[at(RecordField::t_ms)].get();
    if (!PyLong_Check(t_ms) || PyBool_Check(t_ms)) {
        const OwnedRef name = type_name(t_ms);
        raise_formatted(PyExc_TypeError, "%s[%zd].t_ms: expected int, got %U", where.label, where.index,
                        name.get());
    }
    int overflow = 0;
    out.t_ms = PyLong_AsLongLongAndOverflow(t_ms, &overflow);
    if (out.t_ms == -1 && PyErr_Occurred() != nullptr) {
        throw_python_error();
    }
    if (overflow != 0 || out.t_ms < t_ms_min || out.t_ms > t_ms_max) {
        raise_formatted(PyExc_ValueError, "%s[%zd].t_ms: out of range", where.label, where.index);
    }

    held[at(RecordField::amount)] = field_value(record, RecordField::amount, where);
    out.amount = checked_double(held[at(RecordField::amount)].get(), RecordField::amount, where, "a number");
    out.currency = str_field(RecordField::currency);
    out.merchant = str_field(RecordField::merchant_id);
    out.mcc = str_field(RecordField::mcc);
    out.country = str_field(RecordField::country);
    held[at(RecordField::lat)] = field_value(record, RecordField::lat, where);
    checked_coordinate(held[at(RecordField::lat)].get(), RecordField::lat, lat_limit, where, out.has_lat,
                       out.lat);
    held[at(RecordField::lon)] = field_value(record, RecordField::lon, where);
    checked_coordinate(held[at(RecordField::lon)].get(), RecordField::lon, lon_limit, where, out.has_lon,
                       out.lon);
    out.card = str_field(RecordField::card_id);

    held[at(RecordField::device_id)] = field_value(record, RecordField::device_id, where);
    PyObject* device = held[at(RecordField::device_id)].get();
    if (device != Py_None && !PyUnicode_Check(device)) {
        const OwnedRef name = type_name(device);
        raise_formatted(PyExc_TypeError, "%s[%zd].device_id: expected str or None, got %U", where.label,
                        where.index, name.get());
    }
    if (device != Py_None) {
        ready(device);
    }
    out.device = device == Py_None ? nullptr : device;
}

// --- assembling the request --------------------------------------------------------------------------

/// The profile's home_country and home_currency (check_profile), new references.
std::array<OwnedRef, 2> read_profile(PyObject* profile) {
    if (!is_mapping(profile)) {
        const OwnedRef name = type_name(profile);
        raise_formatted(PyExc_TypeError, "profile: expected a mapping, got %U", name.get());
    }
    std::array<OwnedRef, 2> values;
    const std::array<const char*, 2> fields = {"home_country", "home_currency"};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const OwnedRef key(PyUnicode_InternFromString(fields[i]));
        if (key.get() == nullptr) {
            throw_python_error();
        }
        values[i] = lookup(profile, key.get());
        if (values[i].get() == nullptr) {
            raise_formatted(PyExc_ValueError, "profile.%s: missing", fields[i]);
        }
        if (!PyUnicode_Check(values[i].get())) {
            const OwnedRef name = type_name(values[i].get());
            raise_formatted(PyExc_TypeError, "profile.%s: expected str, got %U", fields[i], name.get());
        }
        ready(values[i].get());
    }
    return values;
}

class RequestBuilder {
  public:
    RequestBuilder(PyObject* home_country, PyObject* home_currency)
        : home_country_(home_country), home_currency_(home_currency) {}

    /// Reads `records` (history or transactions) into `events`; `ids` gets each record's id when given.
    void read_list(PyObject* records, const char* label, std::vector<core::Event>& events,
                   std::vector<OwnedRef>* ids) {
        if (!PyList_Check(records) && !PyTuple_Check(records)) {
            const OwnedRef name = type_name(records);
            raise_formatted(PyExc_TypeError, "%s: expected a list, got %U", label, name.get());
        }
        if (PyList_CheckExact(records) || PyTuple_CheckExact(records)) {
            events.reserve(static_cast<std::size_t>(Py_SIZE(records)));
            if (ids != nullptr) {
                ids->reserve(static_cast<std::size_t>(Py_SIZE(records)));
            }
            // Re-read the size each time, as list iteration does: a mapping's __getitem__ may change it.
            // A queued record stays alive: only the checked path runs Python code, and it flushes first.
            PyObject** items = PySequence_Fast_ITEMS(records);
            for (Py_ssize_t i = 0; i < Py_SIZE(records); ++i) {
                items = PySequence_Fast_ITEMS(records);  // a list's items may move when it changes size
                prefetch_ahead(items, i, Py_SIZE(records));
                read_one(items[i], Where{label, i}, events, ids);
            }
            flush(events, ids);
            return;
        }
        // A subclass iterates as its own __iter__ says, like the reference's enumerate().
        const OwnedRef iterator(PyObject_GetIter(records));
        if (iterator.get() == nullptr) {
            throw_python_error();
        }
        Py_ssize_t i = 0;
        // A generic iterator may run Python code between records, and drops its reference to each:
        // no queue here.
        while (PyObject* record = PyIter_Next(iterator.get())) {
            const OwnedRef held(record);
            read_one(record, Where{label, i++}, events, ids);
            flush(events, ids);
        }
        if (PyErr_Occurred() != nullptr) {
            throw_python_error();
        }
    }

    void finish(core::Request& request) {
        request.home_country = home;
        request.home_currency = home;
        request.mcc_names.reserve(mccs_.strings().size());
        for (PyObject* mcc : mccs_.strings()) {
            request.mcc_names.push_back(code_point_bytes(mcc));
        }
    }

  private:
    /// Asks for the memory the records a few places ahead will be read from, each step one level
    /// deeper: the dict object, then its key table (entries included), then its values (each object
    /// and, for a short str, the line its characters start in). Hints only: what is read to find them
    /// is what the list and its dicts hold now (no Python code runs), and a record that changes
    /// meanwhile is read as it then is.
    static void prefetch_ahead(PyObject** items, Py_ssize_t i, Py_ssize_t size) {
        constexpr Py_ssize_t object_distance = 8;
        constexpr Py_ssize_t table_distance = 4;
        constexpr Py_ssize_t value_distance = 2;
        constexpr std::size_t value_entries = 16;
        constexpr int table_lines = 4;  // a 12-key table: header, indices and 12 entries
        constexpr std::size_t line = 64;
        if (i + object_distance < size) {
            __builtin_prefetch(items[i + object_distance]);
        }
        if (i + value_distance < size) {
            PyObject* record = items[i + value_distance];
            if (PyDict_CheckExact(record)) {
                Py_ssize_t position = 0;
                PyObject* key = nullptr;
                PyObject* value = nullptr;
                // At most a record's worth of entries: a dict of many more is no record of the fast path.
                for (std::size_t n = 0; n < value_entries && PyDict_Next(record, &position, &key, &value);
                     ++n) {
                    __builtin_prefetch(value);
                    __builtin_prefetch(reinterpret_cast<const char*>(value) + line);  // a short str's bytes
                }
            }
        }
        if (i + table_distance < size) {
            PyObject* record = items[i + table_distance];
            if (PyDict_CheckExact(record)) {
                const char* table =
                    reinterpret_cast<const char*>(reinterpret_cast<PyDictObject*>(record)->ma_keys);
                for (int l = 0; l < table_lines; ++l) {
                    __builtin_prefetch(table + l * line);
                }
            }
        }
    }

    /// Reads one record. A record the fast path reads waits in a short queue with its string keys
    /// made (their slots requested from memory); the queue is resolved when full, before a record of the
    /// checked path (whose Python calls could change the queued records' objects), and at the end.
    void read_one(PyObject* record, const Where& where, std::vector<core::Event>& events,
                  std::vector<OwnedRef>* ids) {
        Pending& pending = pending_[pending_count_];
        if (layouts_.read(record, values_) && read_plain(values_, pending.record)) {
            pending.card = cards_.key(pending.record.card);
            pending.merchant = merchants_.key(pending.record.merchant);
            pending.mcc = mccs_.key(pending.record.mcc);
            if (pending.record.device != nullptr) {
                pending.device = devices_.key(pending.record.device);
            }
            if (++pending_count_ == pending_.size()) {
                flush(events, ids);
            }
            return;
        }
        flush(events, ids);
        const OwnedRef held_record(Py_NewRef(record));  // its __getitem__ could drop it from the list
        CheckedRecord checked;
        std::array<OwnedRef, record_field_count> held;
        read_checked(record, where, held, checked);
        Pending direct{checked, cards_.key(checked.card), merchants_.key(checked.merchant),
                       checked.device == nullptr ? StringIds::Key{} : devices_.key(checked.device),
                       mccs_.key(checked.mcc)};
        append(direct, events, ids);
    }

  public:
    /// Resolves the queued records, in order.
    void flush(std::vector<core::Event>& events, std::vector<OwnedRef>* ids) {
        for (std::size_t i = 0; i < pending_count_; ++i) {
            append(pending_[i], events, ids);
        }
        pending_count_ = 0;
    }

  private:
    struct Pending {
        CheckedRecord record;
        StringIds::Key card{};
        StringIds::Key merchant{};
        StringIds::Key device{};
        StringIds::Key mcc{};
    };
    static constexpr std::size_t queue_length = 16;

    void append(const Pending& pending, std::vector<core::Event>& events, std::vector<OwnedRef>* ids) {
        const CheckedRecord& record = pending.record;
        core::Event event;
        event.t_ms = record.t_ms;
        event.amount = record.amount;
        event.has_location = record.has_lat && record.has_lon;
        if (event.has_location) {
            event.lat = record.lat;
            event.lon = record.lon;
        }
        event.card = cards_.id(pending.card);
        event.merchant = merchants_.id(pending.merchant);
        event.device = record.device == nullptr ? core::no_device : devices_.id(pending.device);
        event.mcc = mccs_.id(pending.mcc);
        event.country = StrBytes(record.country) == StrBytes(home_country_) ? home : elsewhere;
        event.currency = StrBytes(record.currency) == StrBytes(home_currency_) ? home : elsewhere;
        events.push_back(event);
        if (ids != nullptr) {
            ids->emplace_back(Py_NewRef(record.id));
        }
    }

    PyObject* home_country_;
    PyObject* home_currency_;
    RecordLayouts layouts_;
    FieldValues values_{};
    std::array<Pending, queue_length> pending_{};
    std::size_t pending_count_ = 0;
    StringIds cards_;
    StringIds merchants_;
    StringIds devices_;
    StringIds mccs_;
};

}  // namespace

ReadRequest read_request(PyObject* profile, PyObject* history, PyObject* transactions) {
    const std::array<OwnedRef, 2> homes = read_profile(profile);
    ReadRequest read;
    RequestBuilder builder(homes[0].get(), homes[1].get());
    builder.read_list(history, "history", read.request.history, nullptr);
    builder.read_list(transactions, "transactions", read.request.transactions, &read.ids);
    builder.finish(read.request);
    return read;
}

}  // namespace parity::bindings::scoring
