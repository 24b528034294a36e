#include "parity/fuzz/findings_writer.hpp"

#include <cerrno>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "parity/harness/utc_time.hpp"
#include "parity/replay/repro_bundle.hpp"

namespace parity::fuzz {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        // An environment failure (a full disk, say), not bad input: a system_error, exit 5.
        throw std::system_error(errno != 0 ? errno : EIO, std::generic_category(),
                                path.string() + ": cannot write");
    }
}

nlohmann::json path_outcome(const workers::PathResult& path) {
    switch (path.status) {
        case workers::PathStatus::ok:
            return {{"output", path.value}};
        case workers::PathStatus::error:
            return {{"error", path.value}};
        case workers::PathStatus::crash:
            return {{"crash", path.detail}};
        case workers::PathStatus::timeout:
            return {{"timeout", path.detail}};
        case workers::PathStatus::unavailable:
            return {{"unavailable", path.detail}};
    }
    return {};
}

/// Whether a worker's output can be written as strict JSON (no NaN or infinity).
bool finite_everywhere(const nlohmann::json& value) {
    if (value.is_number_float())
        return std::isfinite(value.get<double>());
    if (value.is_structured()) {
        for (const auto& element : value) {
            if (!finite_everywhere(element))
                return false;
        }
    }
    return true;
}

std::string python_identifier(const std::string& text) {
    std::string name;
    for (const char c : text) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        name += word ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
    }
    while (name.find("__") != std::string::npos)
        name.replace(name.find("__"), 2, "_");
    while (!name.empty() && name.back() == '_')
        name.pop_back();
    return name;
}

std::string pytest_case(const Finding& finding, const RunOptions& options, const FuzzSession& session,
                        const std::string& line) {
    const std::string name = "test_" + python_identifier(finding.id + " " + finding.divergence.key());
    const std::string rules =
        options.rules_file ? nlohmann::json(fs::absolute(*options.rules_file).string()).dump() : "None";
    std::ostringstream out;
    out << "\"\"\"Regression test written by parity fuzz/shrink: " << finding.divergence.key() << ".\n\n"
        << "The reference and the candidate must agree on this input; while they do not, this test fails.\n"
        << "Found from corpus request " << finding.origin << " by " << describe(finding.mutations) << ";\n"
        << "shrunk from " << finding.original_bytes << " to " << finding.bytes
        << " bytes of input. Needs the adapters\n"
        << "importable (PYTHONPATH) and the fixtures/ folder beside this file.\n\"\"\"\n\n"
        << "import importlib\nimport json\nfrom pathlib import Path\n\n"
        << "from parity.diff import Rules, diff\n\n"
        << "HERE = Path(__file__).resolve().parent\n"
        << "REFERENCE = " << nlohmann::json(session.reference()).dump() << "\n"
        << "CANDIDATE = " << nlohmann::json(session.candidate()).dump() << "\n"
        << "RULES = " << rules << "  # the diff rules the divergence was found under, or None: strict\n"
        << "#: The request as the workers received it; json.loads reads NaN, big integers and lone "
           "surrogates back.\n"
        << "REQUEST_LINE = " << nlohmann::json(line).dump() << "\n\n\n"
        << "def _adapter(spec):\n"
        << "    module, _, attribute = spec.partition(\":\")\n"
        << "    adapter = importlib.import_module(module)\n"
        << "    for part in attribute.split(\".\"):\n"
        << "        adapter = getattr(adapter, part)\n"
        << "    return adapter\n\n\n"
        << "def _outcome(spec, fixtures):\n"
        << "    adapter = _adapter(spec)\n"
        << "    context = adapter.setup(fixtures)\n"
        << "    try:\n"
        << "        return adapter.run(context, json.loads(REQUEST_LINE)[\"input\"])\n"
        << "    except Exception as error:  # compared as {\"type\", \"message\"}, like the harness does\n"
        << "        return error\n\n\n"
        << "def " << name << "():\n"
        << "    request = json.loads(REQUEST_LINE)\n"
        << "    fixtures = {fixture_id: json.loads((HERE / \"fixtures\" / "
           "f\"{fixture_id}.json\").read_text(encoding=\"utf-8\"))\n"
        << "                for fixture_id in request[\"fixtures\"]}\n"
        << "    rules = Rules.load(RULES) if RULES else Rules()\n"
        << "    differences = diff(_outcome(REFERENCE, fixtures), _outcome(CANDIDATE, fixtures), rules)\n"
        << "    assert differences == [], [d.describe() for d in differences]\n";
    return out.str();
}

/// The input as strict JSON, NaN and infinities as {"$float": "nan" | "inf" | "-inf"} (replay's
/// json_safe); nullopt when a lone surrogate is in it.
std::optional<nlohmann::json> strict_json(const Input& value) {
    switch (value.type()) {
        case Input::value_t::object: {
            nlohmann::json object = nlohmann::json::object();
            for (const auto& [key, element] : value.items()) {
                auto converted = strict_json(element);
                if (!converted)
                    return std::nullopt;
                object[key] = std::move(*converted);
            }
            return object;
        }
        case Input::value_t::array: {
            nlohmann::json array = nlohmann::json::array();
            for (const auto& element : value) {
                auto converted = strict_json(element);
                if (!converted)
                    return std::nullopt;
                array.push_back(std::move(*converted));
            }
            return array;
        }
        case Input::value_t::string:
            if (!not_storable_in_corpus(value).empty())
                return std::nullopt;
            return nlohmann::json(value.get<std::string>());
        case Input::value_t::number_float:
            return replay::json_safe(nlohmann::json(value.get<double>()));
        case Input::value_t::number_unsigned:
            return nlohmann::json(value.get<std::uint64_t>());
        case Input::value_t::number_integer:
            return nlohmann::json(value.get<std::int64_t>());
        case Input::value_t::boolean:
            return nlohmann::json(value.get<bool>());
        default:
            return nlohmann::json();
    }
}

ordered_json case_json(const Finding& finding, const FuzzSession& session) {
    ordered_json document = {
        {"format", "parity.fuzz.case"},
        {"format_version", 1},
        {"kernel", session.manifest().kernel},
        {"id", finding.id},
        {"divergence",
         {{"kind", finding.divergence.kind},
          {"pattern", finding.divergence.pattern},
          {"path", finding.divergence.path},
          {"key", finding.divergence.key()}}},
        {"fixtures", finding.request.fixtures},
        // As Python's json.loads reads it (NaN, lone surrogates as \u escapes); `input` below is the same
        // value as strict JSON with NaN and infinities as {"$float": "nan" | "inf" | "-inf"}, or null when
        // a lone surrogate is in it.
        {"input_text", python_json_text(finding.request.input)},
    };
    const auto input = strict_json(finding.request.input);
    document["input"] = input ? *input : nlohmann::json();
    document["reference"] = replay::json_safe(path_outcome(finding.result.reference));
    document["candidate"] = replay::json_safe(path_outcome(finding.result.candidate));
    return document;
}

/// The corpus line of a finding: the reference's outcome recorded as the output or error, so that a
/// replay checks the reference against it as well.
std::optional<std::string> corpus_line(const Finding& finding, const FuzzSession& session,
                                       std::string& why_not) {
    why_not = not_storable_in_corpus(finding.request.input);
    if (!why_not.empty()) {
        why_not = "the input holds " + why_not + ", which a corpus line (strict JSON) cannot";
        return std::nullopt;
    }
    const auto& reference = finding.result.reference;
    if (reference.status != workers::PathStatus::ok && reference.status != workers::PathStatus::error) {
        why_not =
            "the reference " + std::string(workers::to_string(reference.status)) + "ed: no outcome to record";
        return std::nullopt;
    }
    if (!finite_everywhere(reference.value)) {
        why_not = "the reference's output holds NaN or an infinity, which a corpus line cannot";
        return std::nullopt;
    }
    std::string line = R"({"id":)" + nlohmann::json(finding.id).dump() + R"(,"ts":)" +
                       nlohmann::json(harness::utc_timestamp()).dump() + R"(,"kernel":)" +
                       nlohmann::json(session.manifest().kernel).dump() + R"(,"fixtures":)" +
                       nlohmann::json(finding.request.fixtures).dump() + R"(,"input":)" +
                       python_json_text(finding.request.input) +
                       (reference.status == workers::PathStatus::ok ? R"(,"output":)" : R"(,"error":)") +
                       reference.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                       R"(,"duration_ns":)" + std::to_string(reference.wall_ns) + R"(,"service_version":)" +
                       nlohmann::json(session.manifest().service_version).dump() + "}";
    return line;
}

void copy_fixtures(const fs::path& corpus, const std::vector<std::string>& ids, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& id : ids) {
        const fs::path source = corpus / "fixtures" / (id + ".json");
        if (fs::exists(source))
            fs::copy_file(source, to / (id + ".json"), fs::copy_options::overwrite_existing);
    }
}

}  // namespace

ordered_json finding_json(const Finding& finding, const std::map<std::string, std::string>& not_in_corpus) {
    ordered_json mutations = ordered_json::array();
    for (const auto& mutation : finding.mutations) {
        mutations.push_back({{"name", mutation.name}, {"pointer", mutation.pointer}});
    }
    ordered_json differences = ordered_json::array();
    for (std::size_t i = 0; i < finding.differences.size() && i < 20; ++i) {
        differences.push_back(replay::difference_to_json(finding.differences[i]));
    }
    ordered_json document = {
        {"id", finding.id},
        {"key", finding.divergence.key()},
        {"kind", finding.divergence.kind},
        {"pattern", finding.divergence.pattern},
        {"path", finding.divergence.path},
        {"origin", finding.origin},
        {"mutations", mutations},
        {"found_at_run", finding.found_at_run},
        {"found_after_s", finding.found_after_s},
        {"hits", finding.hits},
        {"reproduced", finding.reproduced},
        {"shrunk", finding.shrunk},
        {"shrink_limited", finding.shrink_limited},
        {"shrink_runs", finding.shrink_tests},
        {"original_bytes", finding.original_bytes},
        {"bytes", finding.bytes},
        {"input_text", python_json_text(finding.request.input)},
        {"bundle", "repro/" + replay::bundle_folder_name(finding.id)},
        {"differences", differences},
    };
    if (const auto why = not_in_corpus.find(finding.id); why != not_in_corpus.end()) {
        document["not_in_corpus"] = why->second;
    }
    return document;
}

std::map<std::string, std::string> write_findings(const fs::path& out, const RunOptions& options,
                                                  const FuzzSession& session,
                                                  const std::vector<Finding>& findings,
                                                  const FindingsOrigin& origin) {
    std::map<std::string, std::string> not_in_corpus;
    const fs::path corpus = out / "findings";
    fs::create_directories(corpus / "fixtures");
    std::string lines;
    std::uint64_t count = 0;
    std::set<std::string> fixtures;
    for (const auto& finding : findings) {
        // The bundle first: every finding has one, whether or not the corpus can hold it.
        std::string why_not;
        const std::optional<std::string> line = corpus_line(finding, session, why_not);
        const std::string worker_line = request_line(finding.id, session.manifest().kernel, finding.request);
        replay::ReproContent content;
        content.request_id = finding.id;
        content.request_line = line.value_or(worker_line);
        content.fixtures = finding.request.fixtures;
        content.reference = path_outcome(finding.result.reference);
        content.candidate = path_outcome(finding.result.candidate);
        content.differences = finding.differences;
        content.origin = replay::bundle_origin(options.corpus, session.reference(), session.candidate(),
                                               options.rules_file);
        content.origin["divergence"] = {{"kind", finding.divergence.kind},
                                        {"pattern", finding.divergence.pattern},
                                        {"path", finding.divergence.path}};
        const std::string command =
            line ? "parity replay " + replay::shell_quote(fs::absolute(corpus).string()) + " --id " +
                       replay::shell_quote(finding.id) + " --reference " +
                       replay::shell_quote(session.reference()) + " --candidate " +
                       replay::shell_quote(session.candidate())
                 : "pytest " + replay::shell_quote(
                                   (fs::absolute(out) / "repro" / replay::bundle_folder_name(finding.id) /
                                    ("test_" + python_identifier(finding.id) + ".py"))
                                       .string());
        const fs::path bundle = out / replay::write_repro_bundle(out, content, command);
        copy_fixtures(options.corpus, finding.request.fixtures, bundle / "fixtures");
        write_text(bundle / "original.jsonl",
                   request_line(finding.id, session.manifest().kernel, finding.original) + "\n");
        write_text(bundle / ("test_" + python_identifier(finding.id) + ".py"),
                   pytest_case(finding, options, session, worker_line));
        write_text(
            bundle / "case.json",
            case_json(finding, session).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        if (!line) {
            not_in_corpus[finding.id] = why_not;
            continue;
        }
        lines += *line + "\n";
        ++count;
        fixtures.insert(finding.request.fixtures.begin(), finding.request.fixtures.end());
    }
    copy_fixtures(options.corpus, {fixtures.begin(), fixtures.end()}, corpus / "fixtures");
    write_text(corpus / "requests.jsonl", lines);
    const std::string now = harness::utc_timestamp();
    ordered_json synthetic = {{"tool", origin.tool},
                              {"command", origin.command},
                              {"source", fs::absolute(options.corpus).lexically_normal().string()}};
    if (origin.seed)
        synthetic["seed"] = *origin.seed;
    const ordered_json manifest = {
        {"format", "parity.corpus"},
        {"format_version", 1},
        {"kernel", session.manifest().kernel},
        {"reference", session.reference()},
        {"candidate", session.candidate()},
        {"created", now},
        {"updated", now},
        {"count", count},
        {"segments", {"requests.jsonl"}},
        {"service_version", session.manifest().service_version},
        {"description", "synthetic: divergences found by " + origin.tool + " in " +
                            options.corpus.filename().string() +
                            "; each request's recorded outcome is the reference's"},
        {"recorder",
         {{"recorded", count}, {"sampled_out", 0}, {"dropped", 0}, {"errors", 0}, {"rotated_out", 0}}},
        {"synthetic", synthetic},
    };
    write_text(corpus / "manifest.json", manifest.dump(2) + "\n");
    return not_in_corpus;
}

void write_fuzz_report(const fs::path& out, const FuzzOptions& options, const FuzzSession& session,
                       const FuzzStats& stats, const std::vector<Finding>& findings,
                       const std::map<std::string, std::string>& not_in_corpus,
                       const FindingsOrigin& origin) {
    ordered_json mutations = ordered_json::object();
    for (const auto& [name, counts] : stats.mutations) {
        mutations[name] = {{"runs", counts.runs},
                           {"out_of_domain", counts.out_of_domain},
                           {"new_features", counts.new_features},
                           {"divergent", counts.divergent}};
    }
    ordered_json found = ordered_json::array();
    for (const auto& finding : findings)
        found.push_back(finding_json(finding, not_in_corpus));
    ordered_json reasons = ordered_json::object();
    for (const auto& [reason, count] : stats.out_of_domain_reasons)
        reasons[reason] = count;
    const ordered_json document = {
        {"format", "parity.fuzz"},
        {"format_version", 1},
        {"command", origin.command},
        {"corpus", fs::absolute(options.run.corpus).lexically_normal().string()},
        {"kernel", session.manifest().kernel},
        {"reference", session.reference()},
        {"candidate", session.candidate()},
        {"seed", options.seed},
        {"jobs", session.workers()},
        {"time_s", std::chrono::duration<double>(options.time).count()},
        {"max_runs", options.max_runs ? nlohmann::json(*options.max_runs) : nlohmann::json()},
        {"stopped_by", stats.stopped_by},
        {"seeds", stats.seeds},
        {"skipped_lines", stats.skipped_lines},
        {"runs", stats.runs},
        {"runs_per_s", stats.search_s > 0 ? static_cast<double>(stats.runs) / stats.search_s : 0.0},
        {"search_s", stats.search_s},
        {"shrink_s", stats.shrink_s},
        {"out_of_domain", stats.out_of_domain},
        {"out_of_domain_reasons", reasons},
        {"divergent_runs", stats.divergent_runs},
        {"reference_failed", stats.reference_failed},
        {"noisy_patterns", stats.noisy_patterns},
        {"fixture_problems", session.fixture_problems()},
        {"features", stats.features},
        {"queue", stats.queue},
        {"mutations", mutations},
        {"findings", found},
    };
    write_text(out / "fuzz.json",
               document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");

    std::ostringstream md;
    md << "# parity fuzz: " << session.manifest().kernel << "\n\n"
       << "`" << origin.command << "`\n\n"
       << "Reference `" << session.reference() << "`, candidate `" << session.candidate() << "`; seed "
       << options.seed << ", " << session.workers() << " worker(s). " << stats.runs << " mutants of "
       << stats.seeds << " corpus requests in " << static_cast<long long>(stats.search_s) << " s (stopped by "
       << stats.stopped_by << "); " << stats.out_of_domain << " outside the kernel's domain; "
       << stats.reference_failed
       << " on which the reference crashed or timed out (no answer to compare with); " << stats.divergent_runs
       << " diverged; shrinking took " << static_cast<long long>(stats.shrink_s) << " s.\n\n";
    if (!stats.noisy_patterns.empty()) {
        md << "Left out of every comparison, where the reference differed from a second run of itself:";
        for (const auto& pattern : stats.noisy_patterns)
            md << " `" << pattern << "`";
        md << ".\n\n";
    }
    if (findings.empty()) {
        md << "**No divergence found.**\n";
    } else {
        md << "**" << findings.size() << " finding(s).** Replay them: `parity replay "
           << (out / "findings").string()
           << "`\n\n| finding | divergence | found at run | from | mutations | input bytes (shrunk) | bundle "
              "|\n"
              "| --- | --- | ---: | --- | --- | ---: | --- |\n";
        for (const auto& finding : findings) {
            md << "| " << finding.id << " | " << finding.divergence.key() << " | " << finding.found_at_run
               << " | " << finding.origin << " | " << describe(finding.mutations) << " | "
               << finding.original_bytes << " → " << finding.bytes
               << (finding.reproduced ? "" : " (did not reproduce)") << " | repro/"
               << replay::bundle_folder_name(finding.id) << " |\n";
        }
        for (const auto& [id, why] : not_in_corpus)
            md << "\n- " << id << " is not in findings/: " << why << ".";
        md << "\n";
    }
    write_text(out / "fuzz.md", md.str());
}

}  // namespace parity::fuzz
