#include "collect/next_obs_conversion.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "collect/episode_recording.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "data/env_args.h"
#include "metrics/psnr.h"
#include "sim/action.h"
#include "sim/manipulation_env.h"
#include "sim/task_registry.h"

namespace w4rl::collect {
namespace {

namespace fs = std::filesystem;

// How close a step replayed from a restored state must come to the recorded frame. Restoring puts back
// positions and velocities but not every internal of the simulator (its contact warm start), so a replay
// may be a few pixels off: on 24 collected episodes of soccer, hammer and coffee-pull, 23 replayed
// exactly and the first after a fresh simulator at 50.6 dB. A file whose states belong to other frames
// is off by far more.
constexpr double kMinReplayPsnr = 35.0;

// The simulator settings the file was collected with (env_args.env_kwargs, as collect writes them),
// the episode's own task and frame size.
sim::EnvConfig envConfigFor(const nlohmann::json& envArgs, const data::Episode& ep) {
  sim::EnvConfig c;
  c.task = ep.task;
  c.imageHeight = ep.imageHeight;
  c.imageWidth = ep.imageWidth;
  c.episodeLength = static_cast<int>(ep.numSamples()) + 1;
  const auto kwargs = envArgs.find("env_kwargs");
  if (kwargs != envArgs.end() && kwargs->is_object()) {
    if (const auto camera = kwargs->find("camera"); camera != kwargs->end() && camera->is_string())
      c.camera = camera->get<std::string>();
    if (const auto hz = kwargs->find("control_hz");
        hz != kwargs->end() && hz->is_number() && hz->get<double>() > 0)
      c.substeps = static_cast<int>(std::lround(1.0 / (0.002 * hz->get<double>())));
  }
  return c;
}

sim::Action actionAt(const data::Episode& ep, std::size_t t) {
  sim::Action a{};
  for (std::size_t i = 0; i < a.size() && i < static_cast<std::size_t>(ep.actionDim); ++i)
    a[i] = ep.actions[t * static_cast<std::size_t>(ep.actionDim) + i];
  return a;
}

std::vector<double> stateAt(const data::Episode& ep, std::size_t t) {
  const auto d = static_cast<std::size_t>(ep.stateDim);
  return {ep.states.begin() + static_cast<std::ptrdiff_t>(t * d),
          ep.states.begin() + static_cast<std::ptrdiff_t>((t + 1) * d)};
}

// The observation after the episode's last action, simulated from its last stored state.
void simulateFinalObservation(sim::ManipulationEnv& env, data::Episode& ep, const std::string& where) {
  const std::size_t n = ep.numSamples();
  const std::size_t frame =
      static_cast<std::size_t>(ep.imageHeight) * static_cast<std::size_t>(ep.imageWidth) * 3;
  if (n >= 2) {  // the step before the last, whose outcome is in the file: it must replay exactly
    env.reset(ep.seed);
    env.restoreState(stateAt(ep, n - 2));
    env.step(actionAt(ep, n - 2));
    const double psnr =
        metrics::psnrCapped({env.observation().image.data(), ep.imageHeight, ep.imageWidth},
                            {ep.images.data() + (n - 1) * frame, ep.imageHeight, ep.imageWidth});
    if (psnr < kMinReplayPsnr)
      throw Error(where + ": its stored states do not reproduce its frames (step " + std::to_string(n - 2) +
                  " replayed from its state gives step " + std::to_string(n - 1) + " at " +
                  formatC("%.1f", psnr) + " dB PSNR, below " + formatC("%.0f", kMinReplayPsnr) +
                  " dB), so its last next_obs cannot be simulated");
  }
  env.reset(ep.seed);
  env.restoreState(stateAt(ep, n - 1));
  env.step(actionAt(ep, n - 1));
  recordFinalObservation(env, ep);
  auto& last = *ep.finalObservation;
  std::map<std::string, std::vector<double>> kept;
  for (const auto& [key, stream] : ep.lowDim) {
    const auto it = last.lowDim.find(key);
    if (it == last.lowDim.end())
      throw Error(where + ": obs/" + key + " is not an observation of the built-in task '" + ep.task +
                  "', so its last next_obs cannot be simulated");
    kept[key] = std::move(it->second);
  }
  last.lowDim = std::move(kept);
}

}  // namespace

NextObsConversion addNextObservations(const fs::path& in, const fs::path& out,
                                      const ProgressCallback& progress, const CancelToken& cancel) {
  std::error_code ec;
  if (fs::exists(out, ec)) throw Error(out.string() + " exists: name a new file for the converted dataset");
  const auto dataset = data::Dataset::open({in});
  nlohmann::json envArgs = data::readEnvArgs(in);
  envArgs.erase("env_name");  // the writer sets it from the episodes' tasks
  envArgs.erase("tasks");
  data::DatasetWriter writer(out, envArgs);

  NextObsConversion result;
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<sim::ManipulationEnv> env;
  const auto total = static_cast<std::int64_t>(dataset.size());
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    if (cancel.cancelled()) {
      result.cancelled = true;
      return result;  // the writer is destroyed uncommitted: `out` is not created
    }
    const auto& info = dataset.episodes()[i];
    const std::string where = in.string() + ": " + info.demo;
    data::Episode ep = dataset.readEpisode(i);
    if (ep.numSamples() == 0) throw Error(where + ": has no steps");
    if (ep.stateDim == 0 || ep.states.empty())
      throw Error(where + ": has no simulator states (states/), so its last next_obs cannot be simulated");
    const auto& tasks = sim::taskNames();
    if (std::find(tasks.begin(), tasks.end(), ep.task) == tasks.end())
      throw Error(where + ": its task '" + ep.task +
                  "' is not a built-in task, so its last next_obs cannot be simulated");
    const auto config = envConfigFor(envArgs, ep);
    if (!env || env->config().task != config.task || env->config().imageHeight != config.imageHeight ||
        env->config().imageWidth != config.imageWidth || env->config().episodeLength < config.episodeLength)
      env = std::make_unique<sim::ManipulationEnv>(config);
    if (env->stateDim() != ep.stateDim)
      throw Error(where + ": its states have " + std::to_string(ep.stateDim) +
                  " values, the built-in task '" + ep.task + "' has " + std::to_string(env->stateDim()));
    simulateFinalObservation(*env, ep, where);
    writer.append(ep);
    ++result.episodes;
    result.steps += static_cast<std::int64_t>(ep.numSamples());
    if (progress) progress({result.episodes, total, info.demo});
  }
  writer.commit();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace w4rl::collect
