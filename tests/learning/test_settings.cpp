// Settings declared once (learning/setting_table.h): what a run writes reads back identically, each key's
// check names the key, and docs/configuration.md's reference is the declarations' own.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/error.h"
#include "learning/gaussian_policy.h"
#include "learning/refine_settings.h"
#include "learning/success_classifier.h"
#include "learning/train_settings.h"
#include "learning/world_model_config.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

// The error that setting `key` to `value` and validating gives ("" if none).
template <class Settings>
std::string errorOf(Settings s, const std::string& key, const std::string& value) {
  try {
    s.set(key, value);
    s.validate();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

using test::configurationDoc;
using test::documentedTable;

TEST(Settings, EveryWrittenRefineSettingReadsBackIdentically) {
  RefineSettings changed;
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"num_envs", "64"},
                                                        {"start_from", "any"},
                                                        {"gamma", "0.97"},
                                                        {"policy_lr", "1.5e-05"},
                                                        {"clip_vloss", "false"},
                                                        {"imagine_precision", "'bfloat16'"},
                                                        {"seed", "4294967297"},
                                                        {"log_std_min", "-1.25"}})
    ASSERT_TRUE(changed.set(key, value)) << key;
  const auto written = changed.toMap();
  EXPECT_EQ(written.size(), RefineSettings::table().entries().size());
  RefineSettings read;
  for (const auto& [key, value] : written) ASSERT_TRUE(read.set(key, value)) << key;
  EXPECT_EQ(read.toMap(), written);
  EXPECT_NE(read.toMap(), RefineSettings{}.toMap());
  EXPECT_EQ(written.at("imagine_precision"), "bfloat16");
  EXPECT_EQ(read.seed, 4294967297ULL);
  EXPECT_DOUBLE_EQ(read.policyLr, 1.5e-5);
}

TEST(Settings, EachRefineKeysCheckNamesTheKeyAndTheValue) {
  EXPECT_EQ(errorOf(RefineSettings{}, "num_envs", "5000"), "num_envs must be from 1 to 4096, not 5000");
  EXPECT_EQ(errorOf(RefineSettings{}, "gamma", "0"), "gamma must be in (0, 1], not 0");
  EXPECT_EQ(errorOf(RefineSettings{}, "max_grad_norm", "0"), "max_grad_norm must be positive, not 0");
  EXPECT_EQ(errorOf(RefineSettings{}, "log_std_max", "0.5"), "log_std_max must be at most 0, not 0.5");
  EXPECT_EQ(errorOf(RefineSettings{}, "iterations", "0"), "iterations must be at least 1, not 0");
  EXPECT_EQ(errorOf(RefineSettings{}, "device", "tpu"), "device must be auto, cpu or cuda, not 'tpu'");
  EXPECT_NE(errorOf(RefineSettings{}, "horizon", "ten").find("horizon"), std::string::npos);
  EXPECT_NE(errorOf(RefineSettings{}, "horizon", "99999999999").find("horizon"), std::string::npos);
  // A refused word leaves the setting as it was.
  RefineSettings s;
  EXPECT_THROW(s.set("start_from", "middle"), Error);
  EXPECT_EQ(s.startFrom, "first");
  EXPECT_FALSE(s.set("no_such_key", "1"));
  // Checks between keys stay with the struct.
  RefineSettings grouped;
  grouped.set("group_size", "5");
  EXPECT_THROW(grouped.validate(), Error);
  RefineSettings{}.validate();
}

TEST(Settings, TheConfigurationReferenceIsTheRefineDeclarations) {
  const std::string documented = documentedTable("## Refinement (`refine`)");
  const std::string declared = RefineSettings::table().reference(RefineSettings{});
  EXPECT_EQ(documented, declared) << "docs/configuration.md's refine table should read:\n" << declared;
}

TEST(Settings, EveryTrainSettingReadsBackIdenticallyAndIsDocumented) {
  TrainSettings changed;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"steps", "5000000000"}, {"lr", "1e-3"}, {"precision", "bfloat16"}, {"moving_pixel_weight", "10"}})
    ASSERT_TRUE(changed.set(key, value)) << key;
  const auto written = changed.toMap();
  TrainSettings read;
  for (const auto& [key, value] : written) ASSERT_TRUE(read.set(key, value)) << key;
  EXPECT_EQ(read.toMap(), written);
  EXPECT_EQ(read.steps, 5000000000LL);
  EXPECT_NE(read.toMap(), TrainSettings{}.toMap());
  read.validate();
  EXPECT_EQ(errorOf(TrainSettings{}, "batch_size", "0"), "batch_size must be from 1 to 4096, not 0");
  const std::string doc = configurationDoc();
  for (const auto& e : TrainSettings::table().entries())
    EXPECT_NE(doc.find("`" + e.key + "`"), std::string::npos) << e.key << " is not in docs/configuration.md";
}

TEST(Settings, PolicyAndClassifierConfigsReadBackFromTheTextACheckpointStores) {
  PolicyConfig policy;
  policy.set("task", "soccer");
  policy.set("channels", "[8, 16]");
  policy.set("frame_stack", "3");
  policy.set("log_std_min", "-3.5");
  EXPECT_EQ(PolicyConfig::fromText(policy.toText()).toMap(), policy.toMap());
  EXPECT_THROW(policy.set("no_such_key", "1"), Error);
  EXPECT_EQ(errorOf(policy, "frame_stack", "9"), "policy frame_stack must be from 1 to 8, not 9");
  RewardConfig reward;
  reward.set("threshold", "0.625");
  reward.set("valid_auc", "0.9875");
  EXPECT_EQ(RewardConfig::fromText(reward.toText()).toMap(), reward.toMap());
  reward.set("channels", "[16, 0]");
  EXPECT_THROW(reward.validate(), Error);
  reward.set("channels", "[16]");
  reward.set("threshold", "1");
  EXPECT_THROW(reward.validate(), Error);
}

TEST(Settings, WorldModelConfigsReadBackIdenticallyAndEveryKeyIsDocumented) {
  for (const auto& preset : {WorldModelConfig::cpuDefault(), WorldModelConfig::gpuPreset()}) {
    WorldModelConfig c = preset;
    c.set("tasks", "[soccer, 'pick-place']");
    c.set("sampler", "heun");
    c.set("p_std", "1.25");
    c.set("context_noise_max", "0.3");
    const auto read = WorldModelConfig::fromText(c.toText());
    EXPECT_EQ(read.toMap(), c.toMap());
    EXPECT_EQ(read.tasks, (std::vector<std::string>{"soccer", "pick-place"}));
    EXPECT_DOUBLE_EQ(read.edm.pStd, 1.25);
    read.validate();
  }
  EXPECT_EQ(errorOf(WorldModelConfig{}, "context_noise_buckets", "1"),
            "context_noise_buckets must be from 2 to 100, not 1");
  EXPECT_THROW(WorldModelConfig{}.set("no_such_key", "1"), Error);
  const std::string doc = configurationDoc();
  for (const auto& e : WorldModelConfig::table().entries()) {
    if (e.key == "tasks" || e.key == "action_dim") continue;  // data facts, not settings a user gives
    EXPECT_NE(doc.find("`" + e.key + "`"), std::string::npos) << e.key << " is not in docs/configuration.md";
  }
}

}  // namespace
}  // namespace w4rl::learning
