#include "parity/harness/json_input.hpp"

#include <set>
#include <vector>

namespace parity::harness {
namespace {

/// nlohmann's what() starts with "[json.exception.parse_error.101] "; the rest is the message.
std::string without_tag(const std::string& text) {
    const auto end_of_tag = text.find("] ");
    return end_of_tag == std::string::npos ? text : text.substr(end_of_tag + 2);
}

/// Where the parser is, as a key path ("summary.mismatched", "rules[2].path"), kept from the parser's
/// events: one frame per open object or array.
class PositionTracker {
  public:
    explicit PositionTracker(const std::string& source) : source_(source) {}

    bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        switch (event) {
            case Event::object_start:
                frames_.push_back(Frame{false, {}, 0, {}});
                break;
            case Event::array_start:
                frames_.push_back(Frame{true, {}, 0, {}});
                break;
            case Event::key: {
                Frame& frame = frames_.back();
                frame.key = parsed.get<std::string>();
                if (!frame.keys.insert(frame.key).second) {
                    throw JsonInputError(source_ + ": " + path() +
                                         ": key given twice in one object (JSON would keep only the last)");
                }
                break;
            }
            case Event::object_end:
            case Event::array_end:
                frames_.pop_back();
                element_done();
                break;
            case Event::value:
                element_done();
                break;
        }
        return true;  // keep every value
    }

    /// The key path of the value being parsed; "(document)" at the top level.
    [[nodiscard]] std::string path() const {
        std::string text;
        for (const Frame& frame : frames_) {
            if (frame.array)
                text += "[" + std::to_string(frame.index) + "]";
            else if (!frame.keys.empty())
                text += (text.empty() ? "" : ".") + frame.key;
        }
        return text.empty() ? "(document)" : text;
    }

  private:
    struct Frame {
        bool array = false;
        std::string key;        // objects: the key whose value is being parsed
        std::size_t index = 0;  // arrays: the element being parsed
        std::set<std::string> keys;
    };

    void element_done() {
        if (!frames_.empty() && frames_.back().array)
            ++frames_.back().index;
    }

    const std::string& source_;
    std::vector<Frame> frames_;
};

}  // namespace

nlohmann::json parse_json_input(std::string_view text, const std::string& source) {
    PositionTracker tracker(source);
    const nlohmann::json::parser_callback_t callback = [&tracker](int, nlohmann::json::parse_event_t event,
                                                                  nlohmann::json& parsed) {
        return tracker.on_event(event, parsed);
    };
    try {
        return nlohmann::json::parse(text, callback);
    } catch (const nlohmann::json::parse_error& error) {
        throw JsonInputError(source + ": malformed JSON: " + without_tag(error.what()));
    } catch (const nlohmann::json::out_of_range& error) {
        // 406: a number nlohmann cannot hold ("number overflow parsing '1e999'").
        throw JsonInputError(source + ": " + tracker.path() + ": number out of range (" +
                             without_tag(error.what()) + ")");
    }
}

}  // namespace parity::harness
