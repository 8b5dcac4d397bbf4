// world4rl eval-dream --world-model W --reward R (--policy P | --random) [--task T] [--episodes 100]
//                     [--seed S] [--horizon 50] [--start-from first|any --data F.hdf5...]
//                     [--act-on dream|real] [--json] [--video DIR]: whether the dream's outcomes are the
//                     real ones. The actions taken in the dream are replayed in the real task from the
//                     same start (or, acting on the real task, its actions are dreamt); the 2x2 table of
//                     imagined against real success, agreement, precision and recall, and whose error
//                     each disagreement is (world model or classifier).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "pipeline/jobs/eval_dream_job.h"

namespace w4rl::cli {
namespace {

struct EvalDreamOptions {
  pipeline::EvalDreamRequest request;
  std::string worldModel, reward, policy, video, startFrom = "first", actOn = "dream";
  std::vector<std::string> data, ensemble;
  bool sample = false;
  bool json = false;
};

void printRate(const char* name, const pipeline::RateWithInterval& r) {
  std::printf("  %-28s %5.1f%%  (%d of %d, 95%% CI %.1f-%.1f%%)\n", name, 100.0 * r.rate, r.count, r.of,
              100.0 * r.ci.low, 100.0 * r.ci.high);
}

void run(EvalDreamOptions& o) {
  auto& q = o.request;
  q.worldModel = o.worldModel;
  q.reward = o.reward;
  q.policy = o.policy;
  q.deterministic = !o.sample;
  q.videoDir = o.video;
  q.startFrom = pipeline::dreamStartFromString(o.startFrom);
  q.actOn = pipeline::dreamActOnString(o.actOn);
  q.data.assign(o.data.begin(), o.data.end());
  q.ensemble.assign(o.ensemble.begin(), o.ensemble.end());
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::EvalDreamReport r;
  {
    ProgressBar bar("dream against real replay", "starts");
    r = pipeline::evalDream(
        q, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  const auto& a = r.table;
  if (o.json) {
    std::printf("%s\n", pipeline::evalDreamJson(r, q).dump(2).c_str());
  } else {
    std::printf("%sdream against real %s on %s: agreement %.1f%% of %d starts (%s actions, %d steps)\n",
                r.cancelled ? "interrupted: " : "",
                r.actOn == pipeline::DreamActOn::Real ? "episode (acting on the real task)" : "replay",
                r.task.c_str(), 100.0 * a.agreement.rate, a.starts, r.actions.c_str(), r.horizon);
    std::printf("                      real success   real failure\n");
    std::printf("  dream success       %12d   %12d\n", a.bothSuccess, a.dreamOnly);
    std::printf("  dream failure       %12d   %12d\n", a.realOnly, a.bothFailure);
    printRate("agreement", a.agreement);
    printRate("imagined success", a.imaginedSuccess);
    printRate("real success (replayed)", a.realSuccess);
    printRate("classifier on real replay", a.classifierOnRealSuccess);
    printRate("precision of imagined success", a.precision);
    printRate("recall of imagined success", a.recall);
    std::printf(
        "  disagreements: %d the world model's (the classifier is right on the real frames), %d the "
        "classifier's\n",
        a.worldModelErrors, a.classifierErrors);
    std::printf("  PSNR dream vs replay: %.1f dB on average, %.1f dB at step 1, %.1f dB at step %d\n",
                r.meanPsnr, r.meanPsnrPerStep.empty() ? 0.0 : r.meanPsnrPerStep.front(),
                r.meanPsnrPerStep.empty() ? 0.0 : r.meanPsnrPerStep.back(), r.horizon);
    if (r.dreams > 1)
      std::printf(
          "  %d dreams per start (%zu of them by other world models), an imagined success in at least "
          "%d of them\n",
          r.dreams, q.ensemble.size(), r.consensus);
    std::printf("  threshold %.3f, seed %llu, %.1f s on %s\n", r.threshold,
                static_cast<unsigned long long>(q.seed), r.seconds, r.device.c_str());
    for (const auto& v : r.videos) std::printf("video: %s\n", v.c_str());
  }
  if (r.cancelled) throw Cancelled();
}

}  // namespace

void addEvalDreamCommand(CLI::App& app) {
  auto o = std::make_shared<EvalDreamOptions>();
  auto* cmd = app.add_subcommand(
      "eval-dream",
      "Whether the world model's imagined outcomes are the real ones: the dream's actions replayed "
      "in the real task");
  cmd->add_option("--world-model", o->worldModel, "World-model checkpoint (.pt)")->required();
  cmd->add_option("--reward", o->reward, "Success classifier that judges the dream (.pt)")->required();
  auto* policy = cmd->add_option("--policy", o->policy, "Policy checkpoint that acts in the dream");
  auto* random =
      cmd->add_flag("--random", o->request.randomActions, "Uniform random actions instead of a policy");
  policy->excludes(random);
  random->excludes(policy);
  cmd->add_option("--task", o->request.task, "Built-in task (default: the policy's)");
  cmd->add_option("--episodes", o->request.episodes, "Starts")->capture_default_str();
  cmd->add_option("--seed", o->request.seed, "Seed of the starts (eval-policy's stream) and of the dream")
      ->capture_default_str();
  cmd->add_option("--horizon", o->request.horizon, "Steps dreamt and replayed from each start")
      ->capture_default_str();
  cmd->add_option("--start-from", o->startFrom,
                  "first: fresh resets of the task; any: recorded steps of --data before their first success")
      ->capture_default_str();
  cmd->add_option("--data", o->data, "Datasets with simulator states, for --start-from any");
  cmd->add_option("--act-on", o->actOn,
                  "dream: the policy acts on the dreamt frames, its actions are replayed in the real task; "
                  "real: it acts in the real task, the world model dreams its actions")
      ->capture_default_str();
  cmd->add_flag("--sample", o->sample, "Sample the policy's actions instead of taking its mean");
  cmd->add_option("--batch", o->request.batch, "Starts dreamt side by side")->capture_default_str();
  cmd->add_option("--sampler-steps", o->request.samplerSteps, "Denoising steps (0: the world model's)")
      ->capture_default_str();
  cmd->add_option("--dreams", o->request.dreams,
                  "Dreams of each start's actions: the closed-loop one and more of the same actions with "
                  "fresh noise")
      ->capture_default_str();
  cmd->add_option("--ensemble", o->ensemble,
                  "Other world models (same tasks and frames) that each dream the same actions once more; "
                  "their dreams count toward --consensus")
      ->check(CLI::ExistingFile);
  cmd->add_option("--consensus", o->request.consensus,
                  "Dreams that must show success for an imagined success (0: all)")
      ->capture_default_str();
  cmd->add_option("--device", o->request.device, "auto, cpu or cuda")->capture_default_str();
  cmd->add_option("--video", o->video,
                  "Write real replay | dream | |difference| videos of the first starts here");
  cmd->add_option("--videos", o->request.videos, "Starts written as video")->capture_default_str();
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->callback([o] { run(*o); });
}

}  // namespace w4rl::cli
