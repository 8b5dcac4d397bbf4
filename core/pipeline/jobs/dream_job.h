#pragma once
// Dreamed copies of recorded episodes: the job behind `world4rl dream`. The frozen world model re-imagines
// every frame of each episode from the episode's own real context and recorded actions, in segments of
// `segment` steps (each segment starts again from real frames), and the dreams are written as a new
// robomimic-layout file whose demos are the recorded episodes with their images replaced by the dream.
//
// Why: refinement's reward is a classifier looking at dreamed frames. One trained on real frames only has
// never seen the world model's blur and artefacts, and PPO finds dreamed states it calls successes that
// the real task does not (measured on handle-pull). Dreams of labelled episodes carry the real outcome of
// the same step as their label, so `train-reward --data REAL... DREAMS.hdf5` learns on both.
//
// Each dream demo is its source episode without its first frame (frame 0 is only ever context): step i of
// the demo shows the dream of the source's frame i + 1, with the source's action, reward, done, simulator
// state and low-dimensional observations of that step (those stay real: they say what the dream should
// show). Demo attribute source = "dream"; data.attrs["env_args"]["dream"] records the world model, the
// segment length, the seed and each demo's source ("file:demo"). Torch-free interface.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

struct DreamRequest {
  std::filesystem::path worldModel;
  std::vector<std::filesystem::path> data;
  std::filesystem::path out;  // must not exist: a dream file is written whole or not at all
  std::string task;           // empty: every episode of a task the model was trained on
  // Which of the data's episodes: "train" (mask/train; the default, so a classifier trained on real and
  // dreamed data keeps held-out episodes out of both), "valid" or "all".
  std::string split = "train";
  int segment = 50;     // dreamed steps before the next real context; refinement's horizon is a good match
  int maxEpisodes = 0;  // 0: every selected episode
  int batch = 64;       // segments imagined side by side
  std::uint64_t seed = 0;
  int samplerSteps = 0;  // 0: the checkpoint's
  std::string device = "auto";
  std::string imageKey = "agentview_image";
  bool flipImages = false;
};

struct DreamReport {
  int episodes = 0;
  std::int64_t frames = 0;         // dreamed frames written
  std::int64_t successFrames = 0;  // of them, labelled success by the source episode
  double meanPsnr = 0.0;           // dream against the real frame of the same step, dB (capped at 100)
  double framesPerSecond = 0.0;
  double seconds = 0.0;
  std::string split;
  std::string device;
};

// Sets one request field from a settings key, as the studio's form passes them: segment, split, episodes,
// batch, seed, sampler_steps, device. False for another key; throws w4rl::Error naming a bad value.
bool setDreamOption(DreamRequest& request, const std::string& key, const std::string& value);

DreamReport dreamEpisodes(const DreamRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel);

}  // namespace w4rl::pipeline
