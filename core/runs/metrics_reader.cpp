#include "runs/metrics_reader.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/tf_events.h"
#include "common/tf_record.h"

namespace w4rl::runs {

MetricsReader::MetricsReader(std::filesystem::path file) : file_(std::move(file)) {
  std::error_code ec;
  events_ = std::filesystem::is_directory(file_, ec) || isEventFileName(file_);
  if (!std::filesystem::is_directory(file_, ec)) sources_.emplace_back(file_);
}

MetricsReader MetricsReader::forRun(const std::filesystem::path& dir) {
  const auto jsonl = dir / "metrics.jsonl";
  std::error_code ec;
  if (std::filesystem::exists(jsonl, ec)) return MetricsReader(jsonl);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (isEventFileName(entry.path())) return MetricsReader(dir);
  return MetricsReader(jsonl);  // a run that has not logged yet
}

void MetricsReader::addEventSources() {
  std::error_code ec;
  if (!std::filesystem::is_directory(file_, ec)) return;
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(file_, ec))
    if (isEventFileName(entry.path()) && entry.is_regular_file(ec)) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  for (const auto& path : found) {
    const bool known =
        std::any_of(sources_.begin(), sources_.end(), [&](const Source& s) { return s.file == path; });
    if (!known) sources_.emplace_back(path);
  }
}

bool MetricsReader::readAppended(Source& source) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(source.file, ec);
  if (ec || size == source.offset) return false;
  if (size < source.offset) {  // the file was replaced (a run restarted from scratch): read all again
    for (auto& s : sources_) s = Source{s.file};
    records_.clear();
    return true;
  }
  std::ifstream in(source.file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(source.offset));
  std::string chunk(static_cast<std::size_t>(size - source.offset), '\0');
  in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  chunk.resize(static_cast<std::size_t>(in.gcount()));
  source.offset += chunk.size();
  source.partial += chunk;
  return false;
}

std::size_t MetricsReader::poll() {
  addEventSources();
  std::size_t added = 0;
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (readAppended(sources_[i])) {  // everything is read again, from the first file
      added = 0;
      i = static_cast<std::size_t>(-1);
      continue;
    }
    if (sources_[i].partial.empty()) continue;
    added += events_ ? pollEvents(sources_[i]) : pollLines(sources_[i]);
  }
  return added;
}

std::size_t MetricsReader::pollLines(Source& source) {
  std::string& partial = source.partial;
  std::size_t added = 0, start = 0;
  for (auto end = partial.find('\n'); end != std::string::npos; end = partial.find('\n', start)) {
    const std::string line = partial.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      ++malformed_;
      continue;
    }
    MetricRecord r;
    r.x = static_cast<double>(records_.size());
    const char* xKey = j.contains("step") ? "step" : (j.contains("iteration") ? "iteration" : nullptr);
    if (xKey && j[xKey].is_number()) r.x = j[xKey].get<double>();
    for (const auto& [key, value] : j.items())
      if (value.is_number() && (!xKey || key != xKey)) r.values[key] = value.get<double>();
    records_.push_back(std::move(r));
    ++added;
  }
  partial.erase(0, start);
  return added;
}

std::size_t MetricsReader::pollEvents(Source& source) {
  if (source.broken) {
    source.partial.clear();
    return 0;
  }
  const RecordScan scan = scanRecords(source.partial, source.file.string());
  std::size_t added = 0;
  bool damaged = !scan.error.empty();
  for (const auto& bytes : scan.records) {
    TfEvent event;
    try {
      event = decodeEvent(bytes, source.file.string());
    } catch (const Error&) {
      damaged = true;
      break;
    }
    added = addEvent(event, added);
  }
  if (damaged) {  // nothing past the damage is trusted; what came before it stays
    ++malformed_;
    source.broken = true;
    source.partial.clear();
  } else {
    source.partial.erase(0, scan.consumed);
  }
  return added;
}

std::size_t MetricsReader::addEvent(const TfEvent& event, std::size_t added) {
  const auto x = static_cast<double>(event.step);
  if (event.sessionStart) {  // a resumed run: what the old one logged from this step on was redone
    const auto from =
        std::remove_if(records_.begin(), records_.end(), [&](const MetricRecord& r) { return r.x >= x; });
    added -= std::min<std::size_t>(added, static_cast<std::size_t>(records_.end() - from));
    records_.erase(from, records_.end());
  }
  if (event.scalars.empty()) return added;
  // tensorboardX and torch's SummaryWriter write one event per scalar: one step's run of them is one record.
  auto* last = records_.empty() ? nullptr : &records_.back();
  const bool sameStep = last && last->x == x &&
                        std::none_of(event.scalars.begin(), event.scalars.end(),
                                     [&](const auto& s) { return last->values.count(s.first); });
  if (sameStep) {
    for (const auto& [tag, value] : event.scalars) last->values[tag] = value;
    return added;
  }
  MetricRecord r;
  r.x = x;
  for (const auto& [tag, value] : event.scalars) r.values[tag] = value;
  r.values.emplace("wall_time", event.wallTime);
  records_.push_back(std::move(r));
  return added + 1;
}

std::vector<std::pair<double, double>> MetricsReader::series(const std::string& key) const {
  std::vector<std::pair<double, double>> out;
  for (const auto& r : records_) {
    const auto it = r.values.find(key);
    if (it != r.values.end()) out.emplace_back(r.x, it->second);
  }
  return out;
}

std::vector<std::string> MetricsReader::keys() const {
  std::set<std::string> keys;
  for (const auto& r : records_)
    for (const auto& [k, v] : r.values) keys.insert(k);
  return {keys.begin(), keys.end()};
}

double MetricsReader::latest(const std::string& key, double fallback) const {
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
    const auto found = it->values.find(key);
    if (found != it->values.end()) return found->second;
  }
  return fallback;
}

}  // namespace w4rl::runs
