#include "data/dataset_summary.h"
#include "common/number_text.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace w4rl::data {
namespace {

std::string percent(double rate) {
  return formatC("%.1f%%", rate * 100.0);
}

std::string sourceList(const std::map<std::string, std::size_t>& sources) {
  std::string out;
  for (const auto& [name, count] : sources)
    out += (out.empty() ? "" : ", ") + name + " " + std::to_string(count);
  return out.empty() ? "-" : out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

// Left-aligns the first column and right-aligns the numeric ones, each as wide as its widest cell.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::ostringstream out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      const bool last = c + 1 == row.size();
      if (c == 0 || last) {
        line += row[c] + (last ? "" : pad);  // task names and the source list read left to right
      } else {
        line += pad + row[c];
      }
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
  return out.str();
}

}  // namespace

DatasetSummary summarize(const Dataset& dataset) {
  DatasetSummary s;
  for (const auto& f : dataset.files()) s.files.push_back(f.string());
  s.episodes = dataset.size();
  s.totalSteps = dataset.totalSamples();
  s.actionDim = dataset.actionDim();
  s.imageHeight = dataset.imageHeight();
  s.imageWidth = dataset.imageWidth();
  // Each file's key (a LIBERO file's is agentview_rgb), once each.
  for (std::size_t f = 0; f < dataset.files().size(); ++f) {
    const std::string& key = dataset.fileOptions(f).imageKey;
    if (s.imageKey.empty())
      s.imageKey = key;
    else if (("," + s.imageKey + ",").find("," + key + ",") == std::string::npos)
      s.imageKey += "," + key;
  }
  s.trainEpisodes = dataset.trainEpisodes().size();
  s.validEpisodes = dataset.validEpisodes().size();
  for (const std::string& task : dataset.tasks()) s.tasks.push_back(TaskSummary{task, 0, 0, 0.0, {}});

  std::set<std::string> keys;
  std::size_t successes = 0;
  std::vector<std::size_t> taskSuccesses(s.tasks.size(), 0);
  for (std::size_t ep = 0; ep < dataset.size(); ++ep) {
    const EpisodeInfo& info = dataset.episodes()[ep];
    TaskSummary& t = s.tasks[static_cast<std::size_t>(info.taskIndex)];
    ++t.episodes;
    t.steps += info.numSamples;
    ++t.sources[toString(info.source)];
    ++s.sources[toString(info.source)];
    if (info.success) {
      ++successes;
      ++taskSuccesses[static_cast<std::size_t>(info.taskIndex)];
    }
    for (const std::string& key : dataset.lowDimKeys(ep)) keys.insert(key);
  }
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    if (s.tasks[i].episodes > 0) {
      s.tasks[i].successRate =
          static_cast<double>(taskSuccesses[i]) / static_cast<double>(s.tasks[i].episodes);
    }
  }
  if (s.episodes > 0) s.successRate = static_cast<double>(successes) / static_cast<double>(s.episodes);
  s.lowDimKeys.assign(keys.begin(), keys.end());
  return s;
}

std::string formatSummaryText(const DatasetSummary& s) {
  std::vector<std::vector<std::string>> header = {
      {"files:", joined(s.files)},
      {"episodes:", std::to_string(s.episodes) + " (train " + std::to_string(s.trainEpisodes) + ", valid " +
                        std::to_string(s.validEpisodes) + ")"},
      {"steps:", std::to_string(s.totalSteps)},
      {"success rate:", percent(s.successRate)},
      {"sources:", sourceList(s.sources)},
      {"action dim:", std::to_string(s.actionDim)},
      {"image:", s.imageKey + " " + std::to_string(s.imageHeight) + "x" + std::to_string(s.imageWidth)},
      {"low-dim obs:", joined(s.lowDimKeys)},
  };
  std::vector<std::vector<std::string>> rows = {{"task", "episodes", "steps", "success", "sources"}};
  for (const TaskSummary& t : s.tasks) {
    rows.push_back({t.task, std::to_string(t.episodes), std::to_string(t.steps), percent(t.successRate),
                    sourceList(t.sources)});
  }
  return table(header) + "\n" + table(rows);
}

nlohmann::json summaryToJson(const DatasetSummary& s) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const TaskSummary& t : s.tasks) {
    tasks.push_back({{"task", t.task},
                     {"episodes", t.episodes},
                     {"steps", t.steps},
                     {"success_rate", t.successRate},
                     {"sources", t.sources}});
  }
  return {{"files", s.files},
          {"episodes", s.episodes},
          {"total_steps", s.totalSteps},
          {"tasks", tasks},
          {"sources", s.sources},
          {"action_dim", s.actionDim},
          {"image", {{"key", s.imageKey}, {"height", s.imageHeight}, {"width", s.imageWidth}}},
          {"low_dim_keys", s.lowDimKeys},
          {"train_episodes", s.trainEpisodes},
          {"valid_episodes", s.validEpisodes},
          {"success_rate", s.successRate}};
}

}  // namespace w4rl::data
