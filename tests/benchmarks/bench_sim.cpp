// bench_sim: how fast the built-in "real world" runs on this machine.
//   render ms/frame    - one headless camera frame (EGL or OSMesa), per image size
//   physics ms/step    - one 40 ms control step (20 MuJoCo steps) without rendering
//   collect steps/s    - the whole collection loop: expert + physics + render + HDF5 write
// Usage: bench_sim [--quick] [--json]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "collect/collector.h"
#include "sim/manipulation_env.h"
#include "sim/task_registry.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

w4rl::sim::Action wiggle(int t) {
  return {static_cast<float>((t % 7) / 3.5 - 1.0), static_cast<float>((t % 5) / 2.5 - 1.0),
          static_cast<float>((t % 3) - 1.0), (t % 2) ? 1.0f : -1.0f};
}

// Mean milliseconds of one render, measured on frames of a running episode.
double renderMs(const std::string& task, int size, int frames) {
  w4rl::sim::EnvConfig c;
  c.task = task;
  c.imageWidth = c.imageHeight = size;
  w4rl::sim::ManipulationEnv env(c);
  env.reset(1);
  // observe() renders once per step: time steps with and without rendering and take the difference.
  w4rl::sim::EnvConfig headless = c;
  headless.render = false;
  w4rl::sim::ManipulationEnv noRender(headless);
  noRender.reset(1);
  auto timeSteps = [frames](w4rl::sim::ManipulationEnv& e) {
    const auto t0 = Clock::now();
    for (int i = 0; i < frames; ++i) {
      if (e.stepCount() >= e.config().episodeLength) e.reset(static_cast<std::uint64_t>(i));
      e.step(wiggle(i));
    }
    return since(t0);
  };
  timeSteps(env);  // warm-up (shader compilation, caches)
  noRender.reset(1);
  env.reset(1);
  const double with = timeSteps(env), without = timeSteps(noRender);
  return 1000.0 * (with - without) / frames;
}

double physicsMs(const std::string& task, int steps) {
  w4rl::sim::EnvConfig c;
  c.task = task;
  c.render = false;
  w4rl::sim::ManipulationEnv env(c);
  env.reset(1);
  const auto t0 = Clock::now();
  for (int i = 0; i < steps; ++i) {
    if (env.stepCount() >= c.episodeLength) env.reset(static_cast<std::uint64_t>(i));
    env.step(wiggle(i));
  }
  return 1000.0 * since(t0) / steps;
}

double collectStepsPerSecond(const std::string& task, int episodes) {
  const auto file =
      std::filesystem::temp_directory_path() / ("w4rl_bench_" + std::to_string(::getpid()) + ".hdf5");
  std::filesystem::remove(file);
  w4rl::collect::CollectConfig c;
  c.task = task;
  c.recipe = {{w4rl::data::EpisodeSource::Expert, episodes / 3},
              {w4rl::data::EpisodeSource::Noisy, episodes - 2 * (episodes / 3)},
              {w4rl::data::EpisodeSource::Random, episodes / 3}};
  c.out = file;
  const auto r = w4rl::collect::collect(c, {}, w4rl::CancelToken{});
  std::filesystem::remove(file);
  return static_cast<double>(r.steps) / r.seconds;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, json = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick"))
      quick = true;
    else if (!std::strcmp(argv[i], "--json"))
      json = true;
    else {
      std::fprintf(stderr, "usage: bench_sim [--quick] [--json]\n");
      return 2;
    }
  }
  const int frames = quick ? 50 : 300, episodes = quick ? 6 : 30;
  nlohmann::json report;
  {
    w4rl::sim::EnvConfig c;
    report["render_backend"] = w4rl::sim::ManipulationEnv(c).renderBackend();
  }
  report["cores"] = std::thread::hardware_concurrency();
  if (!json)
    std::printf("%-12s %14s %15s %15s %18s\n", "task", "render64 ms", "render128 ms", "physics ms",
                "collect steps/s");
  for (const auto& task : w4rl::sim::taskNames()) {
    const double r64 = renderMs(task, 64, frames), r128 = renderMs(task, 128, frames);
    const double phys = physicsMs(task, frames * 2);
    const double sps = collectStepsPerSecond(task, episodes);
    report["tasks"][task] = {{"render_ms_64", r64},
                             {"render_ms_128", r128},
                             {"physics_ms_per_step", phys},
                             {"collect_steps_per_s", sps}};
    if (!json) std::printf("%-12s %14.2f %15.2f %15.3f %18.0f\n", task.c_str(), r64, r128, phys, sps);
  }
  if (json)
    std::printf("%s\n", report.dump(2).c_str());
  else
    std::printf("render backend: %s; collection = expert/noisy/random mix at 64x64 with HDF5 writing\n",
                report["render_backend"].get<std::string>().c_str());
  return 0;
}
