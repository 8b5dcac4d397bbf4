// world4rl collect --task T --recipe expert:50,noisy:150,random:30 --out F.hdf5 [--seed S]
//                  [--image-size 64] [--policy P.pt]: collect episodes of a built-in task into a robomimic
//                  dataset.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "collect/collector.h"
#include "common/error.h"
#include "pipeline/services/policy_actor.h"

namespace w4rl::cli {
namespace {

struct CollectOptions {
  collect::CollectConfig config;
  std::string recipe = "expert:50,noisy:150,random:30";
  std::string out;
  std::string policy, device = "auto";
  bool imageSizeGiven = false;
};

// The "policy" source: the checkpoint's actions sampled from its Gaussian (reseeded per episode from the
// episode's seed, so --seed makes the data reproducible). Frames default to the policy's image size.
void attachPolicy(CollectOptions& o) {
  bool inRecipe = false;
  for (const auto& item : o.config.recipe) inRecipe = inRecipe || item.source == data::EpisodeSource::Policy;
  if (!inRecipe)
    throw Error("--policy is given but the recipe '" + o.recipe +
                "' has no policy episodes (e.g. --recipe policy:50)");
  auto runner = std::make_shared<pipeline::PolicyRunner>(o.policy, o.device, pipeline::ActionMode::Sample);
  if (!o.imageSizeGiven) o.config.imageSize = runner->imageSize();
  o.config.policy = std::make_shared<pipeline::PolicyActor>(runner);
}

void run(CollectOptions& o) {
  o.config.recipe = collect::parseRecipe(o.recipe);
  o.config.out = o.out;
  if (!o.policy.empty()) attachPolicy(o);
  CancelToken cancel;
  InterruptGuard guard(cancel);
  collect::CollectResult result;
  {
    ProgressBar bar("collecting " + o.config.task, "episodes");
    result = collect::collect(
        o.config, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(o.config.out, ec);
  std::printf("%s %d episodes (%lld steps) of %s in %.1f s: %.0f steps/s\n",
              result.cancelled ? "interrupted after" : "collected", result.episodes,
              static_cast<long long>(result.steps), o.config.task.c_str(), result.seconds,
              result.seconds > 0 ? static_cast<double>(result.steps) / result.seconds : 0.0);
  for (const auto& [source, tally] : result.bySource)
    std::printf("  %-7s %4d episodes, success %5.1f%%\n", source.c_str(), tally.episodes,
                tally.episodes > 0 ? 100.0 * tally.successes / tally.episodes : 0.0);
  std::printf("%s: %zu episodes in the file, %.1f MB\n", o.config.out.c_str(), result.episodesInFile,
              ec ? 0.0 : static_cast<double>(bytes) / 1e6);
  if (result.cancelled) throw Cancelled();
}

}  // namespace

void addCollectCommand(CLI::App& app) {
  auto o = std::make_shared<CollectOptions>();
  auto* cmd =
      app.add_subcommand("collect", "Collect episodes of a built-in task into a robomimic HDF5 dataset");
  cmd->add_option("--task", o->config.task, "Built-in task (see `world4rl tasks`)")->required();
  cmd->add_option("--recipe", o->recipe,
                  "Episodes per source: expert, noisy (perturbed expert), random, policy (needs --policy)")
      ->capture_default_str();
  cmd->add_option("--out", o->out, "Output .hdf5 file; episodes are appended if it exists")->required();
  cmd->add_option("--seed", o->config.seed,
                  "Base seed; episode k of the file uses an independent seed from it")
      ->capture_default_str();
  auto* imageSize =
      cmd->add_option("--image-size", o->config.imageSize,
                      "Camera image height and width in pixels (with --policy: the policy's by default)")
          ->capture_default_str();
  cmd->add_option("--episode-length", o->config.episodeLength, "Steps per episode")->capture_default_str();
  cmd->add_option("--noise", o->config.noiseStd, "Action noise std of the noisy source")
      ->capture_default_str();
  cmd->add_option("--commit-every", o->config.commitEvery, "Publish the file every N episodes")
      ->capture_default_str();
  cmd->add_flag("--next-obs", o->config.nextObs,
                "Also write next_obs/ (the observation after each action), which robomimic loads by default");
  cmd->add_option("--policy", o->policy, "Policy checkpoint (.pt) acting in the recipe's policy episodes");
  cmd->add_option("--device", o->device, "Device of --policy: auto, cpu or cuda")->capture_default_str();
  cmd->callback([o, imageSize] {
    o->imageSizeGiven = imageSize->count() > 0;
    run(*o);
  });
}

}  // namespace w4rl::cli
