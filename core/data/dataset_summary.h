#pragma once
// What `world4rl dataset info` prints: counts per task and per source, shapes and the split, as a
// struct so the CLI (text or --json) and the studio's dataset panel show the same numbers.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"

namespace w4rl::data {

struct TaskSummary {
  std::string task;
  std::size_t episodes = 0;
  std::int64_t steps = 0;
  double successRate = 0.0;                    // successful episodes / episodes
  std::map<std::string, std::size_t> sources;  // "expert" -> count; only sources that occur
};

struct DatasetSummary {
  std::vector<std::string> files;
  std::size_t episodes = 0;
  std::int64_t totalSteps = 0;
  std::vector<TaskSummary> tasks;              // in Dataset::tasks() order
  std::map<std::string, std::size_t> sources;  // over all tasks
  int actionDim = 0;
  int imageHeight = 0;  // as the dataset delivers frames (after any resize)
  int imageWidth = 0;
  std::string imageKey;
  std::vector<std::string> lowDimKeys;  // union over episodes, sorted
  std::size_t trainEpisodes = 0;
  std::size_t validEpisodes = 0;
  double successRate = 0.0;
};

DatasetSummary summarize(const Dataset& dataset);
// A human-readable report: a header block, then one aligned row per task.
std::string formatSummaryText(const DatasetSummary& summary);
nlohmann::json summaryToJson(const DatasetSummary& summary);

}  // namespace w4rl::data
