#pragma once
// One built-in task as an environment: reset(seed) -> observation, step(action) -> reward/success/done.
// Bit-for-bit deterministic for a given seed (single-threaded MuJoCo, our own RNG).
//
// Observations are taken before each action: the camera image (rendered headless), the end-effector
// position, the finger openings, the object state and the goal. `state()` is the full simulator state
// (qpos, qvel, mocap position, finger controls) recorded in datasets for replay and analysis.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/action.h"
#include "sim/expert.h"
#include "sim/task.h"

namespace w4rl::sim {

struct EnvConfig {
  std::string task = "pick-place";
  int imageWidth = 64;
  int imageHeight = 64;
  int episodeLength = 50;
  bool terminateOnSuccess = false;
  bool render = true;  // false: no GL context, empty images (experts and success checks only)
  int substeps = 20;   // physics steps of 2 ms per control step (25 Hz control)
  std::string camera = "agentview";
};

struct Observation {
  std::vector<std::uint8_t> image;  // H * W * 3 RGB, row 0 at the top; empty when rendering is off
  Vec3 eefPos{};
  std::array<double, 4> eefQuat{0, 0, 0, 1};  // x, y, z, w (robosuite's order)
  std::array<double, 2> gripperQpos{};  // left, right finger inner-face offsets (m)
  std::vector<double> object;
  Vec3 goal{};
};

struct StepResult {
  double reward = 0.0;  // sparse: 1 when the task's success predicate holds after the action
  bool success = false;
  bool done = false;  // episode length reached, or success with terminateOnSuccess
};

class ManipulationEnv {
 public:
  explicit ManipulationEnv(EnvConfig config);  // throws w4rl::Error (unknown task, bad MJCF, no GL)
  ~ManipulationEnv();
  ManipulationEnv(const ManipulationEnv&) = delete;
  ManipulationEnv& operator=(const ManipulationEnv&) = delete;

  const Observation& reset(std::uint64_t seed);
  StepResult step(const Action& action);
  const Observation& observation() const { return obs_; }

  std::unique_ptr<Expert> makeExpert() const;
  std::vector<double> state() const;
  int stateDim() const;
  // Puts the simulator in a recorded state() (same task, after reset with the episode's seed so the
  // fixtures the task moves per seed are in place) and recomputes positions and the observation. The
  // step count is unchanged. Throws w4rl::Error when the size is not stateDim().
  void restoreState(const std::vector<double>& state);
  int stepCount() const { return steps_; }
  bool successNow() const;
  const TaskInfo& taskInfo() const;
  const EnvConfig& config() const { return config_; }
  std::string renderBackend() const;  // "EGL (surfaceless)", "OSMesa" or "none"
  const mjModel* model() const;
  const mjData* data() const;

 private:
  void observe();

  struct Impl;
  EnvConfig config_;
  std::unique_ptr<Impl> impl_;
  Observation obs_;
  int steps_ = 0;
  bool needsReset_ = true;
};

}  // namespace w4rl::sim
