#include "pipeline/recipe/superseded_outputs.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"

namespace w4rl::pipeline {
namespace {

namespace fs = std::filesystem;

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One rename per output, so an interruption leaves each either in place or moved.
void moveInto(const fs::path& from, const fs::path& toDir) {
  const auto to = toDir / from.filename();
  if (fs::exists(to))
    throw Error("cannot move " + from.string() + " aside: " + to.string() +
                " already exists; move one of them yourself and rerun");
  fs::create_directories(toDir);
  fs::rename(from, to);
}

// A reward classifier trained on dreams (pipeline key reward_dreams) is derived from the world model too.
bool trainedOnDreams(const fs::path& rewardDir) {
  std::ifstream in(rewardDir / "report.json");
  const auto report = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  return report.is_object() && report.value("dreams", false);
}

}  // namespace

fs::path supersedeWorldModelOutputs(const fs::path& pipelineDir, std::int64_t oldSteps) {
  const auto dest = pipelineDir / "superseded" / ("world_model_" + std::to_string(oldSteps));
  const auto wmDir = pipelineDir / "world_model";
  try {
    fs::create_directories(dest / "world_model");
    // A copy of the old model first: training overwrites best.pt, and a second call (after an
    // interrupted retraining) must keep the first copy.
    for (const char* name : {"best.pt", "report.json", "config.yaml"}) {
      const auto to = dest / "world_model" / name;
      if (!fs::exists(wmDir / name) || fs::exists(to)) continue;
      auto partial = to;
      partial += ".partial";  // copied aside, then renamed: an interrupted copy never passes for the model
      fs::copy_file(wmDir / name, partial, fs::copy_options::overwrite_existing);
      fs::rename(partial, to);
    }
    // Listed first, then moved: renaming entries of a directory while iterating it is unspecified.
    std::vector<std::pair<fs::path, fs::path>> moves;  // (output, destination directory)
    auto collect = [&](const fs::path& dir, const fs::path& to, auto&& wanted) {
      if (!fs::is_directory(dir)) return;
      for (const auto& e : fs::directory_iterator(dir))
        if (wanted(e)) moves.emplace_back(e.path(), to);
    };
    collect(wmDir, dest / "world_model", [](const fs::directory_entry& e) {
      const auto name = e.path().filename().string();
      return name.rfind("action_check_", 0) == 0 && endsWith(name, ".json");
    });
    collect(pipelineDir / "refine", dest / "refine",
            [](const fs::directory_entry& e) { return e.is_directory(); });
    // Reward correction rounds start from a refined policy: all of them.
    collect(pipelineDir / "rounds", dest / "rounds",
            [](const fs::directory_entry& e) { return e.is_directory(); });
    // Dreams, the classifiers trained on them and the BC evaluations that audited those classifiers.
    collect(pipelineDir / "data", dest / "data", [](const fs::directory_entry& e) {
      return endsWith(e.path().filename().string(), "_dreams.hdf5");
    });
    std::vector<std::string> dreamTasks;
    collect(pipelineDir / "reward", dest / "reward", [&](const fs::directory_entry& e) {
      const bool derived = e.is_directory() && trainedOnDreams(e.path());
      if (derived) dreamTasks.push_back(e.path().filename().string());
      return derived;
    });
    collect(pipelineDir / "eval", dest / "eval", [&](const fs::directory_entry& e) {
      const auto name = e.path().filename().string();
      if (endsWith(name, "_refined.json") || endsWith(name, "_refined_best.json")) return true;
      if (name.find("_dream_") != std::string::npos && endsWith(name, ".json")) return true;  // eval-dream
      for (const auto& task : dreamTasks)
        if (name == task + "_bc.json") return true;
      return false;
    });
    for (const auto& [from, to] : moves) moveInto(from, to);
  } catch (const fs::filesystem_error& e) {
    throw Error("moving the outputs of the old world model to " + dest.string() + " failed: " + e.what());
  }
  return dest;
}

}  // namespace w4rl::pipeline
