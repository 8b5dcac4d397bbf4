// world4rl dream --world-model W --data F.hdf5... --out DREAMS.hdf5 [--task T] [--split train|valid|all]
//                [--segment 50] [--episodes N] [--json]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "pipeline/jobs/dream_job.h"

namespace w4rl::cli {
namespace {

struct DreamOptions {
  pipeline::DreamRequest request;
  std::vector<std::string> data;
  std::string worldModel, out;
  bool json = false;
};

void runDream(DreamOptions& o) {
  o.request.data.assign(o.data.begin(), o.data.end());
  o.request.worldModel = o.worldModel;
  o.request.out = o.out;
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::DreamReport r;
  {
    ProgressBar bar("dreaming", "episodes");
    r = pipeline::dreamEpisodes(
        o.request, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  if (o.json) {
    nlohmann::json j{{"file", o.out},           {"episodes", r.episodes},
                     {"frames", r.frames},      {"success_frames", r.successFrames},
                     {"mean_psnr", r.meanPsnr}, {"imagined_frames_per_s", r.framesPerSecond},
                     {"seconds", r.seconds},    {"split", r.split},
                     {"device", r.device}};
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("dreamed %d %s episodes (%lld frames, %lld labelled success) in %.0f s on %s, %.1f frames/s\n",
              r.episodes, r.split.c_str(), static_cast<long long>(r.frames),
              static_cast<long long>(r.successFrames), r.seconds, r.device.c_str(), r.framesPerSecond);
  std::printf("  dream vs real frame of the same step: mean PSNR %.2f dB\n", r.meanPsnr);
  std::printf("  %s\n", o.out.c_str());
}

}  // namespace

void addDreamCommand(CLI::App& app) {
  auto o = std::make_shared<DreamOptions>();
  auto* cmd = app.add_subcommand(
      "dream", "Re-imagine recorded episodes with a world model into a labelled dataset of dreamed frames");
  cmd->add_option("--world-model", o->worldModel, "World-model checkpoint (.pt)")->required();
  cmd->add_option("--data", o->data, "Recorded datasets (robomimic/LIBERO HDF5) to dream")->required();
  cmd->add_option("--out", o->out, "New HDF5 file for the dreams (must not exist)")->required();
  cmd->add_option("--task", o->request.task, "Only episodes of this task (default: every task of the model)");
  cmd->add_option("--split", o->request.split, "Episodes of the data's train, valid or all split")
      ->capture_default_str();
  cmd->add_option("--segment", o->request.segment,
                  "Steps dreamed from each real context before the next (match refinement's horizon)")
      ->capture_default_str();
  cmd->add_option("--episodes", o->request.maxEpisodes, "At most this many episodes (0: all)")
      ->capture_default_str();
  cmd->add_option("--batch", o->request.batch, "Segments imagined side by side")->capture_default_str();
  cmd->add_option("--seed", o->request.seed, "Seed of the sampling noise")->capture_default_str();
  cmd->add_option("--sampler-steps", o->request.samplerSteps, "Denoising steps (0: the checkpoint's)");
  cmd->add_option("--device", o->request.device, "auto, cpu or cuda")->capture_default_str();
  cmd->add_option("--image-key", o->request.imageKey, "Image observation key")->capture_default_str();
  cmd->add_flag("--flip", o->request.flipImages, "Images are stored upside down (LIBERO)");
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->callback([o] { runDream(*o); });
}

}  // namespace w4rl::cli
