#include "pipeline/pipeline_config.h"

#include <functional>

#include "common/error.h"
#include "common/rng.h"
#include "learning/config_values.h"
#include "learning/precision.h"
#include "learning/refine_settings.h"
#include "learning/torch_device.h"
#include "pipeline/config_sources.h"
#include "pipeline/pipeline_stages.h"
#include "pipeline/run_config.h"
#include "pipeline/train_policy_job.h"
#include "pipeline/train_reward_job.h"

namespace w4rl::pipeline {
namespace {

// Every stage's settings are read and checked now, the way the stage will read them, so a misspelt key or
// a bad value fails in a second rather than after the stages before it (an hour of world model) have run.
void checkStageSettings(const PipelineConfig& c) {
  auto checked = [](const char* stage, const std::function<void()>& check) {
    try {
      check();
    } catch (const Error& e) {
      throw Error(std::string(stage) + ".* settings: " + e.what());
    }
  };
  checked("bc", [&] { checkPolicyTrainingSettings({}, c.bc); });
  checked("reward", [&] { checkRewardTrainingSettings({}, c.reward); });
  checked("world_model", [&] {
    const auto rc = resolveRunConfig(c.preset, {}, c.worldModel, false);
    rc.model.validate();
    learning::checkPrecision(learning::parsePrecision(rc.train.precision),
                             learning::resolveDevice(rc.train.device));
  });
  learning::RefineSettings refine;
  checked("refine", [&] {
    applyConfigSources({}, c.refine,
                       [&](const std::string& k, const std::string& v) { return refine.set(k, v); });
    refine.validate();
  });
  checked("dream", [&] { stages::dreamRequestFor(c, {}, {}, {}, ""); });
  // Rather than when the first refinement ends without a best.pt.
  if (c.refinedPolicy == "best" && refine.evalEvery == 0)
    throw Error("refined_policy: best needs real evaluations during refinement (refine.eval_every > 0)");
}

}  // namespace

PipelineConfig resolvePipelineConfig(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides) {
  using namespace learning::config;
  PipelineConfig c;
  applyConfigSources(configFile, overrides, [&c](const std::string& key, const std::string& raw) {
    const std::string v = unquote(trim(raw));
    const auto dot = key.find('.');
    if (dot != std::string::npos) {
      const std::string stage = key.substr(0, dot), item = key.substr(dot + 1) + "=" + v;
      if (stage == "bc")
        c.bc.push_back(item);
      else if (stage == "reward")
        c.reward.push_back(item);
      else if (stage == "world_model" && key == "world_model.init_from")
        c.worldModelInitFrom = v;
      else if (stage == "world_model")
        c.worldModel.push_back(item);
      else if (stage == "refine")
        c.refine.push_back(item);
      else if (stage == "dream")
        c.dream.push_back(item);
      else
        throw Error("unknown stage '" + stage + "' (bc, reward, world_model, refine, dream)");
      return true;
    }
    auto count = [&](int& field) {
      field = static_cast<int>(toInt(key, v));
      if (field < 0) throw Error(key + " must be non-negative");
    };
    if (key == "expert_episodes")
      count(c.expertEpisodes);
    else if (key == "policy_episodes")
      count(c.policyEpisodes);
    else if (key == "random_episodes")
      count(c.randomEpisodes);
    else if (key == "noisy_episodes")
      count(c.noisyEpisodes);
    else if (key == "eval_episodes")
      count(c.evalEpisodes);
    else if (key == "eval_seed")
      c.evalSeed = toSeed(key, v);
    else if (key == "seed")
      c.seed = toSeed(key, v);
    else if (key == "preset")
      c.preset = v;
    else if (key == "reward_dreams")
      c.rewardDreams = toBool(key, v);
    else if (key == "reward_rounds")
      count(c.rewardRounds);
    else if (key == "hard_negative_episodes")
      count(c.hardNegativeEpisodes);
    else if (key == "refined_policy") {
      if (v != "last" && v != "best") throw Error("refined_policy must be last or best, not '" + v + "'");
      c.refinedPolicy = v;
    } else
      return false;
    return true;
  });
  if (c.expertEpisodes < 1) throw Error("expert_episodes must be at least 1 (behaviour cloning needs demos)");
  if (c.evalEpisodes < 1) throw Error("eval_episodes must be at least 1");
  checkStageSettings(c);
  if (!c.worldModelInitFrom.empty() && !std::filesystem::is_regular_file(c.worldModelInitFrom))
    throw Error("world_model.init_from: " + c.worldModelInitFrom + " is not a file");
  if (c.rewardRounds > 0 && c.hardNegativeEpisodes < 1)
    throw Error("hard_negative_episodes must be at least 1 when reward_rounds is set");
  return c;
}

std::uint64_t PipelineConfig::hardNegativeSeed(int round) const {
  constexpr std::uint64_t kRefinedEpisodesDomain = 0x726566696e6564ULL;  // "refined"
  return mixSeed(mixSeed(kRefinedEpisodesDomain, seed), static_cast<std::uint64_t>(round));
}

std::string PipelineConfig::toText() const {
  std::string out = "expert_episodes: " + std::to_string(expertEpisodes) +
                    "\npolicy_episodes: " + std::to_string(policyEpisodes) +
                    "\nrandom_episodes: " + std::to_string(randomEpisodes) +
                    "\nnoisy_episodes: " + std::to_string(noisyEpisodes) +
                    "\neval_episodes: " + std::to_string(evalEpisodes) +
                    "\neval_seed: " + std::to_string(evalSeed) + "\nseed: " + std::to_string(seed) +
                    "\npreset: " + preset + "\nreward_dreams: " + (rewardDreams ? "true" : "false") +
                    "\nreward_rounds: " + std::to_string(rewardRounds) +
                    "\nhard_negative_episodes: " + std::to_string(hardNegativeEpisodes) +
                    "\nrefined_policy: " + refinedPolicy + "\n";
  auto stage = [&out](const char* prefix, const std::vector<std::string>& items) {
    for (const auto& item : items) {
      const auto eq = item.find('=');
      out += std::string(prefix) + "." + item.substr(0, eq) + ": " + item.substr(eq + 1) + "\n";
    }
  };
  stage("bc", bc);
  stage("world_model", worldModel);
  if (!worldModelInitFrom.empty()) out += "world_model.init_from: " + worldModelInitFrom + "\n";
  stage("reward", reward);
  stage("refine", refine);
  stage("dream", dream);
  return out;
}

}  // namespace w4rl::pipeline
