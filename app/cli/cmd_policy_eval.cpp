// world4rl eval-policy --policy P [--task T] [--episodes 50] [--seed S] [--sample] [--device auto] [--json]
//                      [--video DIR] [--exclude-data F.hdf5...] [--reward R]: a policy's success rate in the
//                      real task, and optionally how often a reward classifier agrees with the simulator.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/jobs/eval_report_json.h"

namespace w4rl::cli {
namespace {

struct EvalPolicyOptions {
  pipeline::EvalPolicyRequest request;
  std::string policy, video, reward;
  std::vector<std::string> excludeData;
  bool sample = false;
  bool json = false;
};

void run(EvalPolicyOptions& o) {
  o.request.checkpoint = o.policy;
  o.request.deterministic = !o.sample;
  o.request.videoDir = o.video;
  o.request.reward = o.reward;
  o.request.excludeData.assign(o.excludeData.begin(), o.excludeData.end());
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::EvalPolicyReport r;
  {
    ProgressBar bar("evaluating policy", "episodes");
    r = pipeline::evalPolicy(
        o.request, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  if (o.json) {
    std::printf("%s\n", pipeline::evalReportJson(r, o.policy, o.request.seed).dump(2).c_str());
  } else {
    std::printf("%ssuccess %d/%d = %.1f%% (95%% CI %.1f-%.1f%%) on %s\n", r.cancelled ? "interrupted: " : "",
                r.successes, r.episodes, 100.0 * r.successRate, 100.0 * r.ciLow, 100.0 * r.ciHigh,
                r.task.c_str());
    std::printf("  %s, %s actions, seed %llu: %d episodes in %.1f s on %s\n", o.policy.c_str(),
                r.deterministic ? "mean" : "sampled", static_cast<unsigned long long>(o.request.seed),
                r.episodes, r.seconds, r.device.c_str());
    if (r.rewardScored)
      std::printf("  reward %s fires in %d of %d successful and %d of %d failed episodes%s\n",
                  o.reward.c_str(), r.reward.firedInSuccesses, r.successes, r.reward.firedInFailures,
                  r.episodes - r.successes,
                  r.reward.firedInFailures > 0 ? " (false positives: states refinement can exploit)" : "");
    for (const auto& v : r.videos) std::printf("video: %s\n", v.c_str());
  }
  if (r.cancelled) throw Cancelled();
}

}  // namespace

void addPolicyEvalCommand(CLI::App& app) {
  auto o = std::make_shared<EvalPolicyOptions>();
  auto* cmd = app.add_subcommand("eval-policy", "Success rate of a policy checkpoint in a built-in task");
  cmd->add_option("--policy", o->policy, "Policy checkpoint (.pt)")->required();
  cmd->add_option("--task", o->request.task, "Built-in task (default: the one the policy was trained for)");
  cmd->add_option("--episodes", o->request.episodes, "Episodes")->capture_default_str();
  cmd->add_option("--seed", o->request.seed, "Seed of the evaluation scenes (a stream apart from collection)")
      ->capture_default_str();
  cmd->add_flag("--sample", o->sample, "Sample actions from the policy's Gaussian instead of its mean");
  cmd->add_option("--device", o->request.device, "auto, cpu or cuda")->capture_default_str();
  cmd->add_option("--episode-length", o->request.episodeLength, "Steps per episode")->capture_default_str();
  cmd->add_option("--video", o->video, "Write camera videos of the first episodes to this directory");
  cmd->add_option("--videos", o->request.videos, "Episodes recorded as video")->capture_default_str();
  cmd->add_option("--exclude-data", o->excludeData,
                  "Datasets (e.g. the training data) whose episode seeds must not be evaluated on");
  cmd->add_option("--reward", o->reward,
                  "Success classifier to audit on the same episodes: where it fires in failed ones, "
                  "refinement can be rewarded for failing");
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->callback([o] { run(*o); });
}

}  // namespace w4rl::cli
