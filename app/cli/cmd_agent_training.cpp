// world4rl train-policy --data F... --task T --out RUN_DIR [--config C.yaml] [key=value ...]
// world4rl train-reward --data F... --task T --out RUN_DIR [--config C.yaml] [key=value ...]
// world4rl refine --policy P --world-model W --reward R --data F... [--task T] --out RUN_DIR [--resume]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "pipeline/jobs/refine_job.h"
#include "pipeline/jobs/train_policy_job.h"
#include "pipeline/jobs/train_reward_job.h"

namespace w4rl::cli {
namespace {

// Runs a job with a progress bar and Ctrl-C handling; returns its report.
template <typename Job>
auto runWithProgress(const char* label, const char* unit, Job job) {
  CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressBar bar(label, unit);
  return job([&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
}

template <typename Request>
struct Options {
  Request request;
  std::vector<std::string> data;
  std::string out, config;
  std::vector<std::string> overrides;
  void finish() {
    request.data.assign(data.begin(), data.end());
    request.runDir = out;
  }
};

void addDataOptions(CLI::App* cmd, std::vector<std::string>& data, std::string& out, std::string& config,
                    std::vector<std::string>& overrides, std::string& imageKey, bool& flip) {
  cmd->add_option("--data", data, "Dataset files (robomimic/LIBERO HDF5)")->required();
  cmd->add_option("--out", out, "Run directory")->required();
  cmd->add_option("--config", config, "YAML config (flat 'key: value' lines)");
  cmd->add_option("--image-key", imageKey, "Image observation key")->capture_default_str();
  cmd->add_flag("--flip", flip, "Images are stored upside down (LIBERO)");
  cmd->add_option("overrides", overrides, "key=value settings applied after --config");
}

void runTrainPolicy(Options<pipeline::TrainPolicyRequest>& o) {
  o.finish();
  o.request.training = pipeline::resolvePolicyTraining(o.config, o.overrides);
  const auto r = runWithProgress("cloning", "steps", [&](const ProgressCallback& p, const CancelToken& c) {
    return pipeline::trainPolicy(o.request, p, c);
  });
  std::printf("%s policy for %s: %lld steps in %.0f s on %s; %lld parameters\n",
              r.cancelled ? "interrupted" : "trained", o.request.task.c_str(),
              static_cast<long long>(r.steps), r.seconds, r.device.c_str(),
              static_cast<long long>(r.parameters));
  std::printf("  %d train episodes (%lld steps), %d held-out (%lld steps)", r.trainEpisodes,
              static_cast<long long>(r.trainSamples), r.validEpisodes,
              static_cast<long long>(r.validSamples));
  if (r.validActionMse >= 0)
    std::printf("; held-out nll %.3f, action mse %.4f", r.validNll, r.validActionMse);
  std::printf("\n  %s/{policy.pt,metrics.jsonl,config.yaml}\n", o.out.c_str());
  if (r.cancelled) throw Cancelled();
}

void runTrainReward(Options<pipeline::TrainRewardRequest>& o) {
  o.finish();
  o.request.training = pipeline::resolveRewardTraining(o.config, o.overrides);
  const auto r = runWithProgress("training", "steps", [&](const ProgressCallback& p, const CancelToken& c) {
    return pipeline::trainReward(o.request, p, c);
  });
  std::printf("%s success classifier for %s: %lld steps in %.0f s on %s\n",
              r.cancelled ? "interrupted" : "trained", o.request.task.c_str(),
              static_cast<long long>(r.steps), r.seconds, r.device.c_str());
  std::printf("  frames: train %lld success / %lld other, held-out %lld / %lld\n",
              static_cast<long long>(r.trainPositives), static_cast<long long>(r.trainNegatives),
              static_cast<long long>(r.validPositives), static_cast<long long>(r.validNegatives));
  if (r.validAuc >= 0) {
    std::printf("  held-out frames: balanced accuracy %.3f at their own threshold %.3f, ROC AUC %.3f\n",
                r.validBalancedAccuracy, r.frameThreshold, r.validAuc);
    if (r.validEpisodeBalancedAccuracy >= 0)
      std::printf(
          "  held-out episodes (%lld success / %lld other): balanced accuracy %.3f at threshold %.3f "
          "(stored)\n",
          static_cast<long long>(r.validSuccessEpisodes), static_cast<long long>(r.validFailedEpisodes),
          r.validEpisodeBalancedAccuracy, r.threshold);
    else
      std::printf("  no held-out episodes of both kinds: the frames' threshold %.3f is stored\n",
                  r.threshold);
  } else
    std::printf("  no held-out frames of both classes: threshold left at %.2f\n", r.threshold);
  std::printf("  %s/{reward.pt,metrics.jsonl,config.yaml}\n", o.out.c_str());
  if (r.cancelled) throw Cancelled();
}

struct RefineOptions : Options<pipeline::RefineRequest> {
  std::string policy, worldModel, reward;
};

void runRefine(RefineOptions& o) {
  o.finish();
  o.request.policy = o.policy;
  o.request.worldModel = o.worldModel;
  o.request.reward = o.reward;
  o.request.settings = pipeline::resolveRefineSettings(o.config, o.overrides);
  const auto r =
      runWithProgress("refining", "iterations", [&](const ProgressCallback& p, const CancelToken& c) {
        return pipeline::refinePolicy(o.request, p, c);
      });
  auto pct = [](double x) {
    return x < 0 ? std::string("-") : std::to_string(static_cast<int>(100 * x + 0.5)) + "%";
  };
  std::printf("%s refinement of %s: %d iterations in %.0f s on %s, from %lld real start frames\n",
              r.cancelled            ? "interrupted"
              : r.stopReason.empty() ? "finished"
                                     : "stopped early",
              r.task.c_str(), r.iterations, r.seconds, r.device.c_str(),
              static_cast<long long>(r.startContexts));
  std::printf("  imagined success %s -> %s; real success (evaluation seeds %llu) %s -> %s\n",
              pct(r.firstImaginedSuccessRate).c_str(), pct(r.lastImaginedSuccessRate).c_str(),
              static_cast<unsigned long long>(o.request.evalSeed), pct(r.firstRealSuccessRate).c_str(),
              pct(r.lastRealSuccessRate).c_str());
  if (const auto& d = r.dreamCheck; d.starts > 0) {
    const auto verdict = d.verdict();
    std::printf(
        "  dream check (%d starts, %d steps): the policy %s, random actions %s, +%d / -%d (p %.2g)%s\n",
        d.starts, d.horizon, pct(d.policyRate()).c_str(), pct(d.randomRate()).c_str(),
        d.policyOverRandom.gained, d.policyOverRandom.lost, d.pValue(),
        verdict == learning::DreamVerdict::PolicyFavoured ? ""
        : verdict == learning::DreamVerdict::RandomFavoured
            ? ": random actions do better in the dream, which rewards what fails the real task"
            : ": the dream does not favour the policy, refinement has no signal");
  }
  if (!r.stopReason.empty()) std::printf("  stopped: %s\n", r.stopReason.c_str());
  if (r.bestIteration >= 0)
    std::printf("  best real success %s at iteration %d: best.pt\n", pct(r.bestRealSuccessRate).c_str(),
                r.bestIteration);
  std::string files;
  for (const char* f : {"policy.pt", "best.pt", "last.pt"})
    if (std::filesystem::exists(std::filesystem::path(o.out) / f)) files += std::string(f) + ",";
  std::printf("  %s/{%smetrics.jsonl,config.yaml}\n", o.out.c_str(), files.c_str());
  if (r.cancelled) throw Cancelled();
}

}  // namespace

void addAgentTrainingCommands(CLI::App& app) {
  auto p = std::make_shared<Options<pipeline::TrainPolicyRequest>>();
  auto* policy =
      app.add_subcommand("train-policy", "Behaviour cloning of a Gaussian image policy for one task");
  addDataOptions(policy, p->data, p->out, p->config, p->overrides, p->request.imageKey,
                 p->request.flipImages);
  policy->add_option("--task", p->request.task, "Task whose episodes are imitated")->required();
  policy->add_option("--sources", p->request.sources, "Episode sources to imitate, comma-separated")
      ->capture_default_str();
  policy->callback([p] { runTrainPolicy(*p); });

  auto r = std::make_shared<Options<pipeline::TrainRewardRequest>>();
  auto* reward = app.add_subcommand("train-reward", "Train the success classifier that rewards refinement");
  addDataOptions(reward, r->data, r->out, r->config, r->overrides, r->request.imageKey,
                 r->request.flipImages);
  reward->add_option("--task", r->request.task, "Task whose frames are classified")->required();
  reward->callback([r] { runTrainReward(*r); });

  auto f = std::make_shared<RefineOptions>();
  auto* refine = app.add_subcommand("refine", "Refine a policy with PPO inside a frozen world model");
  addDataOptions(refine, f->data, f->out, f->config, f->overrides, f->request.imageKey,
                 f->request.flipImages);
  refine->add_option("--policy", f->policy, "Policy checkpoint to refine (not needed with --resume)");
  refine->add_option("--world-model", f->worldModel, "World-model checkpoint (frozen)")->required();
  refine->add_option("--reward", f->reward, "Success-classifier checkpoint (frozen)")->required();
  refine->add_option("--task", f->request.task, "Task (default: the policy's)");
  refine->add_option("--eval-seed", f->request.evalSeed, "Seed of the real evaluations during refinement")
      ->capture_default_str();
  refine->add_flag("--resume", f->request.resume, "Continue the run in --out from last.pt");
  refine->callback([f] { runRefine(*f); });
}

}  // namespace w4rl::cli
