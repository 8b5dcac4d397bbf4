#include "runs/metrics_reader.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace w4rl::runs {

MetricsReader::MetricsReader(std::filesystem::path file) : file_(std::move(file)) {}

std::size_t MetricsReader::poll() {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file_, ec);
  if (ec) return 0;
  if (size < offset_) {  // the file was replaced (a run restarted from scratch): read it again
    offset_ = 0;
    partial_.clear();
    records_.clear();
  }
  if (size == offset_) return 0;
  std::ifstream in(file_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string chunk(static_cast<std::size_t>(size - offset_), '\0');
  in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  chunk.resize(static_cast<std::size_t>(in.gcount()));
  offset_ += chunk.size();
  partial_ += chunk;
  std::size_t added = 0, start = 0;
  for (auto end = partial_.find('\n'); end != std::string::npos; end = partial_.find('\n', start)) {
    const std::string line = partial_.substr(start, end - start);
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
  partial_.erase(0, start);
  return added;
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
