// world4rl train-world-model --data F.hdf5... --out RUN_DIR [--config C.yaml] [key=value ...] [--resume]
// [--nproc N] world4rl eval-world-model --checkpoint C --data F.hdf5 [--episodes N] [--horizon H] [--json]
// [--video DIR]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/local_ranks.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "common/launch_env.h"
#include "pipeline/jobs/eval_world_model_job.h"
#include "pipeline/jobs/train_world_model_job.h"

namespace w4rl::cli {
namespace {

struct TrainOptions {
  pipeline::TrainWorldModelRequest request;
  std::vector<std::string> data;
  std::string out, config;
  int nproc = 1;
  int distTimeout = 0;
};

void runTrain(TrainOptions& o) {
  o.request.launch = launchEnvFromVariables();
  if (o.nproc > 1) {
    if (o.request.launch.distributed())
      throw Error("--nproc starts the ranks itself; this process is already rank " +
                  std::to_string(o.request.launch.rank) + " of a launched job (WORLD_SIZE is set)");
    if (runLocalRanks(o.nproc) == 130) throw Cancelled();
    return;
  }
  if (o.distTimeout > 0) o.request.launch.timeoutSeconds = o.distTimeout;
  o.request.data.assign(o.data.begin(), o.data.end());
  o.request.runDir = o.out;
  o.request.configFile = o.config;
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::TrainWorldModelReport r;
  if (!o.request.launch.isMain()) {  // rank 0 alone reports
    r = pipeline::trainWorldModel(o.request, nullptr, cancel);
    if (r.cancelled) throw Cancelled();
    return;
  }
  {
    ProgressBar bar("training", "steps");
    r = pipeline::trainWorldModel(
        o.request, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  std::printf("%s world model: %lld steps in %.0f s on %s; %lld parameters; tasks:",
              r.cancelled ? "interrupted" : "trained", static_cast<long long>(r.steps), r.seconds,
              r.device.c_str(), static_cast<long long>(r.parameters));
  for (const auto& t : r.tasks) std::printf(" %s", t.c_str());
  std::printf("\n  transitions: %lld train, %lld valid; validation loss: last %.5f, best %.5f\n",
              static_cast<long long>(r.trainTransitions), static_cast<long long>(r.validTransitions),
              r.lastValidLoss, r.bestValidLoss);
  const bool averaged = std::filesystem::exists(std::filesystem::path(o.out) / "ema.pt");
  std::printf("  %s/{last.pt,best.pt,%smetrics.jsonl,config.yaml}\n", o.out.c_str(),
              averaged ? "ema.pt," : "");
  if (r.cancelled) throw Cancelled();
}

struct EvalOptions {
  pipeline::EvalWorldModelRequest request;
  std::vector<std::string> data;
  std::string checkpoint, video;
  bool json = false;
};

void runEval(EvalOptions& o) {
  o.request.data.assign(o.data.begin(), o.data.end());
  o.request.checkpoint = o.checkpoint;
  o.request.videoDir = o.video;
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::EvalWorldModelReport r;
  {
    ProgressBar bar("evaluating", "stages");
    r = pipeline::evalWorldModel(
        o.request, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  if (o.json) {
    nlohmann::json j;
    auto row = [](const pipeline::FidelityRow& x) {
      return nlohmann::json{{"step", x.step},
                            {"psnr", x.psnr},
                            {"ssim", x.ssim},
                            {"copy_last_psnr", x.copyPsnr},
                            {"copy_last_ssim", x.copySsim},
                            {"shuffled_actions_psnr", x.shuffledPsnr},
                            {"shuffled_actions_ssim", x.shuffledSsim}};
    };
    for (const auto& x : r.perStep) j["per_step"].push_back(row(x));
    j["mean"] = row(r.mean);
    j["episodes"] = r.episodes;
    j["horizon"] = r.horizon;
    j["split"] = r.split;
    j["imagined_frames_per_s"] = r.imaginedFramesPerSecond;
    j["device"] = r.device;
    j["videos"] = r.videos;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("open-loop fidelity over %d %s episodes, %d steps ahead (PSNR dB / SSIM)\n", r.episodes,
              r.split.c_str(), r.horizon);
  std::printf("%5s  %16s  %16s  %16s\n", "step", "true actions", "copy last frame", "shuffled actions");
  for (const auto& x : r.perStep)
    std::printf("%5d  %7.2f / %.3f  %7.2f / %.3f  %7.2f / %.3f\n", x.step, x.psnr, x.ssim, x.copyPsnr,
                x.copySsim, x.shuffledPsnr, x.shuffledSsim);
  std::printf("%5s  %7.2f / %.3f  %7.2f / %.3f  %7.2f / %.3f\n", "mean", r.mean.psnr, r.mean.ssim,
              r.mean.copyPsnr, r.mean.copySsim, r.mean.shuffledPsnr, r.mean.shuffledSsim);
  std::printf("imagined %.1f frames/s on %s\n", r.imaginedFramesPerSecond, r.device.c_str());
  for (const auto& v : r.videos) std::printf("video: %s\n", v.c_str());
}

}  // namespace

void addWorldModelCommands(CLI::App& app) {
  auto t = std::make_shared<TrainOptions>();
  auto* train = app.add_subcommand("train-world-model", "Train the diffusion world model on datasets");
  train->add_option("--data", t->data, "Dataset files (robomimic/LIBERO HDF5), trained on as one")
      ->required();
  train->add_option("--out", t->out, "Run directory")->required();
  train->add_option("--config", t->config, "YAML config (flat 'key: value' lines)");
  train->add_option("--preset", t->request.preset, "Model size preset: cpu, gpu, or auto (gpu on CUDA)")
      ->capture_default_str();
  train->add_flag("--resume", t->request.resume, "Continue the run in --out from last.pt");
  train->add_option("--init-from", t->request.initFrom,
                    "Start a fresh run from this world model's weights (fresh optimiser and warm-up)");
  train->add_option("--image-key", t->request.imageKey, "Image observation key")->capture_default_str();
  train->add_flag("--flip", t->request.flipImages, "Images are stored upside down (LIBERO)");
  train
      ->add_option("--nproc", t->nproc,
                   "Train data-parallel in this many local processes (RANK, WORLD_SIZE, ... as torchrun "
                   "sets them also work without it)")
      ->capture_default_str();
  train->add_option("--dist-timeout", t->distTimeout,
                    "Seconds a rank waits for the others before it stops with an error (default 300, or "
                    "W4RL_DIST_TIMEOUT)");
  train->add_option("overrides", t->request.overrides, "key=value settings applied after --config");
  train->callback([t] { runTrain(*t); });

  auto e = std::make_shared<EvalOptions>();
  auto* eval =
      app.add_subcommand("eval-world-model", "Open-loop fidelity of a world model on held-out episodes");
  eval->add_option("--checkpoint", e->checkpoint, "World-model checkpoint (.pt)")->required();
  eval->add_option("--data", e->data, "Dataset files; their held-out (mask/valid) episodes are used")
      ->required();
  eval->add_option("--episodes", e->request.episodes, "Episodes")->capture_default_str();
  eval->add_option("--horizon", e->request.horizon, "Steps imagined open-loop")->capture_default_str();
  eval->add_option("--seed", e->request.seed, "Seed of start steps and sampling noise")
      ->capture_default_str();
  eval->add_option("--sampler-steps", e->request.samplerSteps, "Denoising steps (0: the checkpoint's)");
  eval->add_option("--device", e->request.device, "auto, cpu or cuda")->capture_default_str();
  eval->add_option("--precision", e->request.precision, "float32, or bfloat16 (CPU autocast)")
      ->capture_default_str();
  eval->add_option("--video", e->video, "Write real | imagined | |difference| videos to this directory");
  eval->add_option("--videos", e->request.videos, "Episodes to render as video")->capture_default_str();
  eval->add_flag("--resize", e->request.resize, "Resize frames whose size differs from the checkpoint's");
  eval->add_option("--image-key", e->request.imageKey, "Image observation key")->capture_default_str();
  eval->add_flag("--flip", e->request.flipImages, "Images are stored upside down (LIBERO)");
  eval->add_flag("--json", e->json, "Print JSON");
  eval->callback([e] { runEval(*e); });
}

}  // namespace w4rl::cli
