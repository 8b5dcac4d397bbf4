// resources/models/manifest.json against the files beside it: every shipped checkpoint is listed, loads as
// the kind the manifest gives it, is trained for the tasks it lists, and says what trained it; and
// resources/ stays under its 50 MB budget.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/resource_dir.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"

namespace w4rl::learning {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> tasksIn(const nlohmann::json& entry) {
  return entry.at("tasks").get<std::vector<std::string>>();
}

}  // namespace

TEST(ShippedModels, TheManifestListsEveryCheckpointAndEachLoadsAsItsKindForItsTasks) {
  const fs::path dir = resourceDir() / "models";
  ASSERT_TRUE(fs::exists(dir / "manifest.json")) << dir;
  ASSERT_TRUE(fs::exists(dir / "README.md")) << dir;
  const auto manifest = nlohmann::json::parse(std::ifstream(dir / "manifest.json"));
  std::set<std::string> listed;
  for (const auto& entry : manifest.at("models")) {
    const std::string file = entry.at("file").get<std::string>();
    SCOPED_TRACE(file);
    EXPECT_TRUE(listed.insert(file).second) << "listed twice";
    const auto tasks = tasksIn(entry);
    ASSERT_FALSE(tasks.empty());
    for (const char* key : {"command", "data", "steps", "hours"})
      EXPECT_TRUE(entry.at("trained_by").contains(key)) << key;
    const std::string kind = entry.at("kind").get<std::string>();
    if (kind == "world_model") {
      const auto loaded = loadWorldModel(dir / file, torch::kCPU);
      EXPECT_EQ(loaded.model->config().tasks, tasks);
      EXPECT_EQ(loaded.info.step, entry.at("trained_by").at("steps").get<long>());
    } else if (kind == "policy") {
      const std::string role = entry.at("role").get<std::string>();
      EXPECT_TRUE(role == "bc" || role == "refined") << role;
      const auto loaded = loadPolicy(dir / file, torch::kCPU);
      EXPECT_EQ(std::vector<std::string>{loaded.policy->config().task}, tasks);
      EXPECT_FALSE(loaded.critic) << "shipped weights only";
    } else if (kind == "reward") {
      const auto loaded = loadReward(dir / file, torch::kCPU);
      EXPECT_EQ(std::vector<std::string>{loaded.classifier->config().task}, tasks);
    } else {
      ADD_FAILURE() << "unknown kind " << kind;
    }
  }
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".pt") {
      EXPECT_TRUE(listed.count(e.path().filename().string())) << e.path() << " is not in the manifest";
    }
  }
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(resourceDir()))
    if (e.is_regular_file()) bytes += e.file_size();
  EXPECT_LT(bytes, 50u * 1000 * 1000) << "resources/ holds " << bytes << " bytes";
}

}  // namespace w4rl::learning
