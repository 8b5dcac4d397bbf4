#include "pipeline/recipe/pipeline_config.h"

#include <functional>
#include <limits>

#include "common/error.h"
#include "common/rng.h"
#include "learning/config_values.h"
#include "learning/policy_config.h"
#include "learning/precision.h"
#include "learning/refine_settings.h"
#include "learning/reward_config.h"
#include "learning/setting_table.h"
#include "learning/torch_device.h"
#include "learning/train_settings.h"
#include "pipeline/jobs/config_sources.h"
#include "pipeline/jobs/run_config.h"
#include "pipeline/jobs/train_policy_job.h"
#include "pipeline/jobs/train_reward_job.h"
#include "pipeline/recipe/pipeline_stages.h"

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
  checked("bc", [&] { c.bc.check(); });
  checked("reward", [&] { c.reward.check(); });
  checked("world_model", [&] {
    const auto rc = resolveRunConfig(c.preset, {}, c.worldModel, false);
    rc.model.validate();
    learning::checkPrecision(learning::parsePrecision(rc.train.precision),
                             learning::resolveDevice(rc.train.device));
  });
  checked("refine", [&] { c.refine.validate(); });
  checked("dream", [&] { stages::dreamRequestFor(c, {}, {}, {}, ""); });
  // Rather than when the first refinement ends without a best.pt.
  if (c.refinedPolicy == "best" && c.refine.evalEvery == 0)
    throw Error("refined_policy: best needs real evaluations during refinement (refine.eval_every > 0)");
}

}  // namespace

const learning::SettingTable<PipelineConfig>& PipelineConfig::table() {
  using S = PipelineConfig;
  using learning::SettingTable;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    d.integer("expert_episodes", &S::expertEpisodes, 1, kMany,
              "scripted-expert demonstrations per task (behaviour cloning's data)")
        .integer("policy_episodes", &S::policyEpisodes, 0, kMany,
                 "rollouts of the BC policy per task (sampled actions)")
        .integer("random_episodes", &S::randomEpisodes, 0, kMany, "uniform random-action episodes per task")
        .integer("noisy_episodes", &S::noisyEpisodes, 0, kMany,
                 "perturbed expert episodes per task (collect's `noisy` source, action noise std 0.6), in "
                 "the rollouts file: near misses of the object for the world model and the classifier")
        .integer("eval_episodes", &S::evalEpisodes, 1, kMany,
                 "held-out seeds of the BC and refined evaluations")
        .seed("eval_seed", &S::evalSeed, "the first held-out evaluation seed")
        .seed("seed", &S::seed, "seeds the collection (experts and rollouts draw streams of their own)")
        .choice("preset", &S::preset, {"auto", "cpu", "gpu"},
                "the world model's size: `cpu`, `gpu` or `auto` (`gpu` where CUDA is available)")
        .text("world_model.init_from", &S::worldModelInitFrom,
              "`W.pt`: start the world model's run from another model's weights (below)")
        .flag("reward_dreams", &S::rewardDreams, "train the classifiers on dreams beside the real frames")
        .integer("reward_rounds", &S::rewardRounds, 0, kMany,
                 "rounds of reward correction per task after the first refinement")
        .integer("hard_negative_episodes", &S::hardNegativeEpisodes, 0, kMany,
                 "real episodes recorded per round of reward correction")
        .choice("refined_policy", &S::refinedPolicy, {"last", "best"},
                "`last` or `best`: which refined policy gets the held-out evaluation")
        .custom(
            "refine_seeds",
            [](S& s, const std::string& v) {
              s.refineSeeds.clear();
              for (const auto& item : learning::config::toList("refine_seeds", v))
                s.refineSeeds.push_back(learning::config::toSeed("refine_seeds", item));
            },
            [](const S& s) {
              std::string text = "[";
              for (std::size_t i = 0; i < s.refineSeeds.size(); ++i)
                text += (i ? ", " : "") + std::to_string(s.refineSeeds[i]);
              return text + "]";
            },
            [](const S& s) {
              for (std::size_t i = 0; i < s.refineSeeds.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                  if (s.refineSeeds[i] == s.refineSeeds[j])
                    throw Error("refine_seeds lists seed " + std::to_string(s.refineSeeds[i]) + " twice");
            },
            "PPO seeds, `[0, 1, 2]`: one refinement of each task per seed (`refine/<task>/seed<s>/`), each "
            "evaluated on the held-out seeds, and a table with a row per seed; `[]`: one refinement with "
            "`refine.seed`",
            true);
    return d;
  }();
  return t;
}

bool PipelineConfig::set(const std::string& key, const std::string& raw) {
  if (table().set(*this, key, raw)) return true;
  const auto dot = key.find('.');
  if (dot == std::string::npos) return false;
  const std::string stage = key.substr(0, dot);
  const std::string name = key.substr(dot + 1);
  if (stage == "refine") {
    if (!refine.set(name, raw)) throw Error("unknown key '" + name + "'");
    return true;
  }
  if (stage == "bc" || stage == "reward") {
    stage == "bc" ? bc.set(name, raw) : reward.set(name, raw);
    return true;
  }
  const std::string item = name + "=" + learning::config::unquote(learning::config::trim(raw));
  std::vector<std::string>* items = stage == "world_model" ? &worldModel
                                    : stage == "dream"     ? &dream
                                                           : nullptr;
  if (!items) throw Error("unknown stage '" + stage + "' (bc, reward, world_model, refine, dream)");
  items->push_back(item);
  return true;
}

PipelineConfig resolvePipelineConfig(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides) {
  PipelineConfig c;
  applyConfigSources(configFile, overrides,
                     [&c](const std::string& key, const std::string& value) { return c.set(key, value); });
  PipelineConfig::table().check(c);
  checkStageSettings(c);
  if (!c.worldModelInitFrom.empty() && !std::filesystem::is_regular_file(c.worldModelInitFrom))
    throw Error("world_model.init_from: " + c.worldModelInitFrom + " is not a file");
  if (c.rewardRounds > 0 && !c.refineSeeds.empty())
    throw Error("reward_rounds and refine_seeds cannot be combined: each round refines one policy per task");
  if (c.rewardRounds > 0 && c.hardNegativeEpisodes < 1)
    throw Error("hard_negative_episodes must be at least 1 when reward_rounds is set");
  return c;
}

std::uint64_t PipelineConfig::hardNegativeSeed(int round) const {
  constexpr std::uint64_t kRefinedEpisodesDomain = 0x726566696e6564ULL;  // "refined"
  return mixSeed(mixSeed(kRefinedEpisodesDomain, seed), static_cast<std::uint64_t>(round));
}

std::string PipelineConfig::toText() const {
  std::string out;
  for (const auto& e : table().entries())
    if (e.key != "world_model.init_from" || !worldModelInitFrom.empty())
      out += e.key + ": " + e.text(*this) + "\n";
  auto stage = [&out](const char* prefix, const std::vector<std::string>& items) {
    for (const auto& item : items) {
      const auto eq = item.find('=');
      out += std::string(prefix) + "." + item.substr(0, eq) + ": " + item.substr(eq + 1) + "\n";
    }
  };
  // A typed stage's keys that differ from the stage's defaults, so the file reads as what was chosen.
  auto changed = [&out](const char* prefix, const auto& table, const auto& value, const auto& defaults) {
    for (const auto& e : table.entries())
      if (e.text(value) != e.text(defaults))
        out += std::string(prefix) + "." + e.key + ": " + e.text(value) + "\n";
  };
  const PolicyTraining bcDefaults;
  const RewardTraining rewardDefaults;
  changed("bc", learning::TrainSettings::table(), bc.settings, bcDefaults.settings);
  changed("bc", learning::PolicyConfig::table(), bc.config, bcDefaults.config);
  stage("world_model", worldModel);
  changed("reward", learning::TrainSettings::table(), reward.settings, rewardDefaults.settings);
  changed("reward", learning::RewardConfig::table(), reward.config, rewardDefaults.config);
  changed("refine", learning::RefineSettings::table(), refine, learning::RefineSettings{});
  stage("dream", dream);
  return out;
}

}  // namespace w4rl::pipeline
