#include "learning/metrics_log.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"

namespace w4rl::learning {
namespace {

// JSON string escaping for keys (ours are plain ASCII, but a key must never break the line's syntax).
std::string quoted(const std::string& key) {
  std::string out = "\"";
  for (const char c : key) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += formatC("\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The value of `"key": number` in one of our own lines, if it has one.
std::optional<double> recordValue(const std::string& line, const std::string& key) {
  const std::string field = quoted(key) + ": ";
  const auto at = line.find(field);
  if (at == std::string::npos) return std::nullopt;
  const auto begin = at + field.size();
  const auto end = line.find_first_of(",}", begin);
  return parseDouble(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
}

void dropRecordsAfter(const std::filesystem::path& file, const ResumePoint& point) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return;  // nothing logged yet
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string text = whole.str();
  std::string kept;
  bool dropped = false;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto newline = text.find('\n', begin);
    if (newline == std::string::npos) {  // cut off by the kill
      dropped = true;
      break;
    }
    const std::string line = text.substr(begin, newline - begin);
    const auto x = recordValue(line, point.key);
    if (x && *x > point.value)
      dropped = true;
    else
      kept += line + '\n';
    begin = newline + 1;
  }
  if (!dropped) return;
  AtomicFile out(file);
  {
    std::ofstream stream(out.tempPath(), std::ios::binary);
    stream << kept;
    stream.close();
    if (!stream) throw Error("cannot write " + file.string() + " (no space left, or an I/O error)");
  }
  out.commit();
}

double unixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::filesystem::path directoryOf(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

}  // namespace

MetricsLog::MetricsLog(const std::filesystem::path& file, const std::optional<ResumePoint>& resumedAt)
    : file_(file), events_(directoryOf(file)) {
  if (resumedAt) {
    dropRecordsAfter(file, *resumedAt);
    TfEvent restart;
    restart.wallTime = unixSeconds();
    restart.step = static_cast<std::int64_t>(std::floor(resumedAt->value)) + 1;
    restart.sessionStart = true;
    events_.write(restart);
  }
  out_.open(file, std::ios::app);
  if (!out_) throw Error("cannot open " + file.string() + " for appending");
}

void MetricsLog::write(const std::vector<std::pair<std::string, double>>& fields) {
  TfEvent event;
  event.wallTime = unixSeconds();
  event.step = records_++;
  const std::pair<std::string, double>* x = nullptr;
  for (const auto& field : fields)
    if (field.first == "step" || (field.first == "iteration" && !x)) x = &field;
  if (x && std::isfinite(x->second)) event.step = static_cast<std::int64_t>(x->second);
  std::string line = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& [key, value] = fields[i];
    const std::string number = std::isfinite(value) ? formatC("%.9g", value) : "null";
    line += (i ? ", " : "") + quoted(key) + ": " + number;
    if (&fields[i] != x && std::isfinite(value)) event.scalars.emplace_back(key, value);
  }
  line += (fields.empty() ? "" : ", ") + quoted("wall_time") + ": " + formatC("%.3f", event.wallTime) + "}\n";
  out_ << line;
  out_.flush();
  if (!out_) throw Error("cannot write to " + file_.string());
  events_.write(event);
}

}  // namespace w4rl::learning
