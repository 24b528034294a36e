#include <fstream>
#include <iostream>
#include <sstream>

#include "fuzz_command.hpp"
#include "parity/fuzz/findings_writer.hpp"
#include "parity/fuzz/fuzz_session.hpp"
#include "parity/fuzz/fuzzer.hpp"
#include "parity/harness/utc_time.hpp"
#include "parity/replay/corpus_reader.hpp"
#include "parity/replay/manifest.hpp"
#include "parity/replay/report_folder.hpp"
#include "parity/replay/repro_bundle.hpp"
#include "run_options.hpp"

namespace parity::cli {
namespace {

namespace fs = std::filesystem;
using harness::ExitCode;

/// Bad input to `parity shrink`: exit 2 with this message.
class ShrinkInputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ShrinkInputError(path.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The request to shrink: the corpus line (or the bundle's request.jsonl), its id, and where it is.
struct Target {
    std::string id;
    std::string line;
    std::optional<fuzz::Divergence> divergence;  // the bundle's, when it says
};

fuzz::Request request_of(const std::string& line, const std::string& where) {
    fuzz::Input document = fuzz::Input::parse(line, nullptr, false);
    if (document.is_discarded() || !document.is_object() || !document.contains("input")) {
        throw ShrinkInputError(where + ": not a request line (a JSON object with an \"input\")");
    }
    fuzz::Request request{document["input"], {}};
    if (document.contains("fixtures") && document["fixtures"].is_array()) {
        for (const auto& id : document["fixtures"]) {
            if (!id.is_string())
                throw ShrinkInputError(where + ": \"fixtures\" holds a " + std::string(id.type_name()));
            request.fixtures.push_back(id.get<std::string>());
        }
    }
    return request;
}

Target target_from_bundle(ShrinkCommand& command, const fs::path& bundle) {
    fuzz::ShrinkOptions& options = command.options;
    Target target;
    const fs::path request_file = bundle / "request.jsonl";
    if (!fs::exists(request_file)) {
        throw ShrinkInputError(bundle.string() +
                               ": neither a corpus (manifest.json) nor a repro bundle (request.jsonl)");
    }
    target.line = read_text(request_file);
    while (!target.line.empty() && (target.line.back() == '\n' || target.line.back() == '\r'))
        target.line.pop_back();
    const fuzz::Input document = fuzz::Input::parse(target.line, nullptr, false);
    target.id = document.is_object() && document.contains("id") && document["id"].is_string()
                    ? document["id"].get<std::string>()
                    : bundle.filename().string();
    const fs::path bundle_json = bundle / "bundle.json";
    if (fs::exists(bundle_json)) {
        const nlohmann::json about = nlohmann::json::parse(read_text(bundle_json), nullptr, false);
        if (about.is_discarded() || !about.is_object())
            throw ShrinkInputError(bundle_json.string() + ": malformed JSON");
        if (options.run.corpus.empty() && about.contains("corpus"))
            options.run.corpus = about.value("corpus", "");
        if (!options.run.reference && about.contains("reference"))
            options.run.reference = about.value("reference", "");
        if (!options.run.candidate && about.contains("candidate"))
            options.run.candidate = about.value("candidate", "");
        if (!options.run.rules_file && about.contains("rules") && about["rules"].is_string()) {
            options.run.rules_file = about["rules"].get<std::string>();
        }
        if (about.contains("divergence") && about["divergence"].is_object()) {
            const auto& divergence = about["divergence"];
            target.divergence = fuzz::Divergence{
                divergence.value("kind", ""), divergence.value("pattern", ""), divergence.value("path", "")};
        }
    }
    if (options.run.corpus.empty()) {
        throw ShrinkInputError(
            bundle.string() +
            ": which corpus holds its fixtures? Give --corpus (a replay's bundles name it in "
            "README.txt's command)");
    }
    return target;
}

Target target_from_corpus(const ShrinkCommand& command) {
    const fuzz::ShrinkOptions& options = command.options;
    if (!options.request_id)
        throw ShrinkInputError("parity shrink CORPUS needs --id ID: which request to shrink");
    const replay::Manifest manifest = replay::Manifest::load(options.run.corpus);
    replay::CorpusReader reader(options.run.corpus, manifest,
                                replay::FixtureCatalog::scan(options.run.corpus));
    std::optional<Target> found;
    while (auto entry = reader.next()) {
        const auto* request = std::get_if<replay::CorpusRequest>(&*entry);
        if (request == nullptr || request->id != *options.request_id)
            continue;
        if (found)
            throw ShrinkInputError(options.run.corpus.string() + ": request id '" + request->id +
                                   "' is used twice");
        found = Target{request->id, request->line, std::nullopt};
    }
    if (!found) {
        throw ShrinkInputError(options.run.corpus.string() + ": no valid request with id '" +
                               *options.request_id + "'");
    }
    return *found;
}

}  // namespace

std::shared_ptr<ShrinkCommand> setup_shrink(CLI::App& app) {
    auto command = std::make_shared<ShrinkCommand>();
    fuzz::ShrinkOptions& options = command->options;
    CLI::App* sub = app.add_subcommand(
        "shrink",
        "Shrink one diverging request to a minimal one showing the same kind of difference at the same field "
        "path; writes a repro bundle, a pytest case and a JSON case for C++ tests (docs/fuzz.md).\n"
        "  parity shrink reports/fuzz/repro/fuzz-s1-1\n"
        "  parity shrink corpora/imports-sample --id job1-batch000007 --candidate my.port:adapter");
    sub->add_option("target", command->target, "A repro bundle folder, or a corpus (with --id)")
        ->required()
        ->check(CLI::ExistingDirectory);
    sub->add_option("--id", options.request_id, "With a corpus: the id of the request to shrink");
    sub->add_option("--corpus", options.run.corpus,
                    "With a bundle written by parity replay: the corpus holding its fixtures")
        ->check(CLI::ExistingDirectory);
    add_run_options(*sub, options.run);
    sub->add_option("--max-runs", options.limits.max_tests, "Runs of both paths, at most")
        ->capture_default_str();
    sub->add_option_function<double>(
           "--max-time",
           [&options](double seconds) {
               options.limits.time = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
           },
           "Seconds of shrinking, at most (default 120)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--out", options.out, "Output folder (default: reports/shrink-<id>-<UTC timestamp>)");
    sub->callback([command] { finish_run_options(command->options.run); });
    return command;
}

ExitCode run_shrink(ShrinkCommand& command) {
    fuzz::ShrinkOptions& options = command.options;
    return run_reporting_errors("shrink", [&]() -> ExitCode {
        const fs::path given(command.target);
        Target target;
        if (fs::exists(given / replay::Manifest::file_name)) {
            options.run.corpus = given;
            target = target_from_corpus(command);
        } else {
            target = target_from_bundle(command, given);
        }
        const fuzz::Request request = request_of(target.line, target.id);
        const fs::path out = options.out.value_or(
            harness::timestamped_report_folder("shrink-" + replay::bundle_folder_name(target.id)));
        replay::prepare_report_folder(out, "parity shrink", std::cerr);
        fuzz::FuzzSession session(options.run, 1);

        fuzz::Finding finding;
        finding.id = target.id;
        finding.origin = target.id;
        finding.original = finding.request = request;
        finding.original_bytes = finding.bytes = fuzz::python_json_text(request.input).size();
        // With a second run of the reference: where it differs from itself is not the port's doing.
        workers::JobResult first = std::move(session.run({request}, false, 1).front());
        const fuzz::NoisyPatterns noisy = fuzz::noisy_patterns(first, session.rules());
        fuzz::Comparison comparison = fuzz::compare_paths(first, session.rules(), noisy);
        if (target.divergence && fuzz::shows(comparison, *target.divergence)) {
            finding.divergence = *target.divergence;
        } else if (comparison.divergence) {
            if (target.divergence) {
                std::cerr << "parity shrink: the bundle's divergence (" << target.divergence->key()
                          << ") did not show; shrinking the one that did: " << comparison.divergence->key()
                          << "\n";
            }
            finding.divergence = *comparison.divergence;
        } else {
            std::cout << "parity shrink: " << target.id
                      << ": the reference and the candidate agree on it now: nothing to shrink\n";
            return ExitCode::success;
        }
        finding.found_at_run = 1;
        std::cerr << "parity shrink: " << target.id << ": " << finding.divergence.key() << "; shrinking\n";
        fuzz::shrink_finding(finding, session, options.limits, noisy, std::cerr);
        const fuzz::FindingsOrigin origin{"parity shrink", command.command_line, std::nullopt};
        const auto not_in_corpus = fuzz::write_findings(out, options.run, session, {finding}, origin);
        std::ofstream(out / "shrink.json")
            << fuzz::finding_json(finding, not_in_corpus)
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
        std::cout << "parity shrink: " << target.id << ": " << finding.divergence.key() << ", input "
                  << finding.original_bytes << " -> " << finding.bytes << " bytes in " << finding.shrink_tests
                  << " runs" << (finding.shrink_limited ? " (stopped by --max-runs/--max-time)" : "")
                  << "\n  " << fuzz::python_json_text(finding.request.input).substr(0, 400) << "\n  bundle "
                  << (out / "repro" / replay::bundle_folder_name(finding.id)).string() << "\n";
        return ExitCode::differences;
    });
}

}  // namespace parity::cli
