#include "runs/run_registry.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/tf_events.h"
#include "config/config_file.h"
#include "runs/metrics_reader.h"

namespace w4rl::runs {
namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The integer value of `key` in a run's config.yaml, or 0 where the file does not give one: the registry
// lists what it finds and never fails on a run it cannot read.
std::int64_t configInt(const std::string& text, const std::string& key) {
  try {
    for (const auto& entry : config::parseConfigText(text, "config.yaml"))
      if (entry.key == key) return std::stoll(entry.value);
  } catch (const std::exception&) {
  }
  return 0;
}

// A record's x as a step count: x is read from a file any tool may have written, so a value that is not a
// whole number of steps an int64 can hold (NaN, infinite, negative, 1e300) counts as no progress.
std::int64_t stepCount(double x) {
  constexpr double kLimit = 9.0e18;  // below INT64_MAX, exactly representable as a double
  if (!std::isfinite(x) || x < 0.0 || x >= kLimit) return 0;
  return static_cast<std::int64_t>(x);
}

// The kind run.json names (pipeline/jobs/run_record.h), or Unknown.
RunKind kindOf(const fs::path& dir) {
  std::ifstream in(dir / "run.json");
  if (!in) return RunKind::Unknown;
  const auto record = nlohmann::json::parse(in, nullptr, false);
  if (!record.is_object() || !record.contains("kind") || !record["kind"].is_string()) return RunKind::Unknown;
  const auto kind = record["kind"].get<std::string>();
  if (kind == "world_model") return RunKind::WorldModel;
  if (kind == "policy") return RunKind::BehaviourCloning;
  if (kind == "reward") return RunKind::Reward;
  if (kind == "refinement") return RunKind::Refinement;
  if (kind == "pipeline") return RunKind::Pipeline;
  return RunKind::Unknown;
}

}  // namespace

std::string toString(RunKind kind) {
  switch (kind) {
    case RunKind::WorldModel:
      return "world model";
    case RunKind::BehaviourCloning:
      return "behaviour cloning";
    case RunKind::Reward:
      return "reward classifier";
    case RunKind::Refinement:
      return "refinement";
    case RunKind::Pipeline:
      return "pipeline";
    case RunKind::TensorBoard:
      return "TensorBoard events";
    case RunKind::Unknown:
      break;
  }
  return "unknown";
}

RunInfo describeRun(const fs::path& dir) {
  RunInfo info;
  info.dir = dir;
  const auto configFile = dir / "config.yaml";
  const std::string config = fs::is_regular_file(configFile) ? readText(configFile) : std::string();
  info.kind = kindOf(dir);
  std::error_code ec;
  if (info.kind == RunKind::Unknown) {  // another tool's run, when it holds event files
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!isEventFileName(entry.path())) continue;
      info.kind = RunKind::TensorBoard;
      info.lastUpdate = std::max(info.lastUpdate, fs::last_write_time(entry.path(), ec));
    }
    if (info.kind == RunKind::Unknown) return info;
  } else {
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".pt") info.checkpoints.push_back(entry.path());
    std::sort(info.checkpoints.begin(), info.checkpoints.end());
    const auto metrics = dir / "metrics.jsonl";
    info.lastUpdate = fs::last_write_time(fs::exists(metrics) ? metrics : configFile, ec);
  }
  MetricsReader reader = MetricsReader::forRun(dir);
  reader.poll();
  if (!reader.records().empty()) info.done = stepCount(reader.records().back().x);
  if (info.kind == RunKind::TensorBoard) return info;
  auto has = [&dir](const char* name) { return fs::exists(dir / name); };
  switch (info.kind) {
    case RunKind::WorldModel:
      info.total = configInt(config, "steps");
      info.complete = has("best.pt") && info.total > 0 && info.done >= info.total;
      break;
    case RunKind::BehaviourCloning:
      info.total = configInt(config, "steps");
      info.complete = has("policy.pt") && info.total > 0 && info.done >= info.total;
      break;
    case RunKind::Reward:
      info.total = configInt(config, "steps");
      info.complete = has("reward.pt");
      break;
    case RunKind::Refinement:
      info.total = configInt(config, "iterations");
      info.complete = has("policy.pt");
      break;
    case RunKind::Pipeline:
      info.complete = has("results.md");
      break;
    case RunKind::TensorBoard:
    case RunKind::Unknown:
      break;
  }
  return info;
}

std::vector<RunInfo> findRuns(const fs::path& root, int depth) {
  std::vector<RunInfo> out;
  auto info = describeRun(root);
  if (info.kind != RunKind::Unknown) out.push_back(info);
  if (depth > 0) {
    std::error_code ec;
    std::vector<fs::path> children;
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (entry.is_directory()) children.push_back(entry.path());
    std::sort(children.begin(), children.end());
    for (const auto& child : children)
      for (auto& r : findRuns(child, depth - 1)) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace w4rl::runs
