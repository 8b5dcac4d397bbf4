// dataset info: the numbers, the text table and the JSON.
#include <gtest/gtest.h>

#include <sstream>

#include "data/dataset_summary.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;
using test::makeEpisode;

Dataset twoTaskDataset(const fs::path& dir) {
  DatasetWriter a(dir / "a.hdf5", {});
  for (std::uint64_t i = 0; i < 11; ++i) a.append(makeEpisode(i, 4));  // even seeds: expert, success
  a.commit();
  DatasetWriter b(dir / "b.hdf5", {});
  Episode teleop = makeEpisode(2, 6, 8, 8, "push-the-long-block");
  teleop.source = EpisodeSource::Teleop;
  b.append(teleop);
  b.append(makeEpisode(3, 6, 8, 8, "push-the-long-block"));
  b.commit();
  return Dataset::open({dir / "a.hdf5", dir / "b.hdf5"});
}

TEST(Summary, CountsPerTaskAndSource) {
  const fs::path dir = test::freshDir();
  const DatasetSummary s = summarize(twoTaskDataset(dir));
  EXPECT_EQ(s.files, (std::vector<std::string>{(dir / "a.hdf5").string(), (dir / "b.hdf5").string()}));
  EXPECT_EQ(s.episodes, 13u);
  EXPECT_EQ(s.totalSteps, 11 * 4 + 2 * 6);
  ASSERT_EQ(s.tasks.size(), 2u);
  EXPECT_EQ(s.tasks[0].task, "pick-place");
  EXPECT_EQ(s.tasks[0].episodes, 11u);
  EXPECT_EQ(s.tasks[0].steps, 44);
  EXPECT_DOUBLE_EQ(s.tasks[0].successRate, 6.0 / 11.0);
  EXPECT_EQ(s.tasks[0].sources, (std::map<std::string, std::size_t>{{"expert", 6}, {"noisy", 5}}));
  EXPECT_EQ(s.tasks[1].sources, (std::map<std::string, std::size_t>{{"noisy", 1}, {"teleop", 1}}));
  EXPECT_DOUBLE_EQ(s.tasks[1].successRate, 0.5);
  EXPECT_EQ(s.sources.at("noisy"), 6u);
  EXPECT_DOUBLE_EQ(s.successRate, 7.0 / 13.0);
  EXPECT_EQ(s.actionDim, 3);
  EXPECT_EQ(s.imageHeight, 8);
  EXPECT_EQ(s.imageKey, "agentview_image");
  EXPECT_EQ(s.lowDimKeys, (std::vector<std::string>{"object", "robot0_eef_pos"}));
  EXPECT_EQ(s.trainEpisodes, 12u);
  EXPECT_EQ(s.validEpisodes, 1u);
}

TEST(Summary, TextTableIsAligned) {
  const std::string text = formatSummaryText(summarize(twoTaskDataset(test::freshDir())));
  EXPECT_NE(text.find("13 (train 12, valid 1)"), std::string::npos) << text;
  EXPECT_NE(text.find("agentview_image 8x8"), std::string::npos) << text;
  std::istringstream lines(text);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) {
    if (line.rfind("task", 0) == 0 || line.rfind("pick-place", 0) == 0 ||
        line.rfind("push-the-long-block", 0) == 0) {
      rows.push_back(line);
    }
  }
  ASSERT_EQ(rows.size(), 3u) << text;
  // Right-aligned numeric columns: the success column ends at the same offset in every row.
  const std::size_t end = rows[0].find("success") + std::string("success").size();
  EXPECT_EQ(rows[1].substr(end - 5, 5), "54.5%") << text;
  EXPECT_EQ(rows[2].substr(end - 5, 5), "50.0%") << text;
  EXPECT_NE(rows[2].find("noisy 1, teleop 1"), std::string::npos) << text;
}

TEST(Summary, JsonCarriesTheSameNumbers) {
  const nlohmann::json j = summaryToJson(summarize(twoTaskDataset(test::freshDir())));
  EXPECT_EQ(j["episodes"], 13);
  EXPECT_EQ(j["total_steps"], 56);
  EXPECT_EQ(j["tasks"][1]["task"], "push-the-long-block");
  EXPECT_EQ(j["tasks"][1]["sources"]["teleop"], 1);
  EXPECT_EQ(j["image"]["height"], 8);
  EXPECT_EQ(j["low_dim_keys"][1], "robot0_eef_pos");
  EXPECT_EQ(j["valid_episodes"], 1);
  EXPECT_DOUBLE_EQ(j["success_rate"].get<double>(), 7.0 / 13.0);
}

}  // namespace
}  // namespace w4rl::data
