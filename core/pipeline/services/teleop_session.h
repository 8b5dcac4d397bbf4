#pragma once
// Driving the world model live (the studio's Teleop panel): one action per step from the user or from a
// loaded policy, the imagined frame back, the step's latency; optionally the real MuJoCo task stepped
// with the same actions beside the dream and the PSNR between the two frames (where the model drifts
// from reality). A session can be recorded and appended to a dataset as a "teleop" episode: the real
// task's observations when it ran alongside (a complete robomimic episode), else the imagined frames.
// Torch-free interface. One thread at a time.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/services/imagination_service.h"
#include "sim/scene_snapshot.h"

namespace w4rl::sim {
class ManipulationEnv;
}

namespace w4rl::pipeline {

struct TeleopStep {
  Frames imagined;            // H * W * 3
  Frames real;                // empty unless the real task runs alongside
  double psnr = -1.0;         // imagined vs real, -1 without the real task
  double latencyMs = 0.0;     // the world model's step (plus the policy's action when it acts)
  Frames spread;              // with spread samples >= 2: where the samples of this step differ (heat map)
  double meanSpread = -1.0;   // their mean spread, 0..1 of the pixel range; -1 with one sample
  std::vector<float> action;  // the action applied (the policy's when it is in control)
  bool realSuccess = false;
  std::optional<sim::SceneSnapshot> realScene;  // the real task's scene after the step, when it runs
};

class TeleopSession {
 public:
  explicit TeleopSession(const std::filesystem::path& worldModel, const std::string& device = "auto",
                         std::uint64_t seed = 0);
  ~TeleopSession();
  TeleopSession(const TeleopSession&) = delete;
  TeleopSession& operator=(const TeleopSession&) = delete;

  // Starts the dream from step t of a dataset episode (no real task alongside).
  void resetFromEpisode(const Frames& frames, const std::vector<float>& actions, std::int64_t t,
                        const std::string& task);
  // The same for an episode of a built-in task recorded with its scene seed and simulator states: the task
  // is reset at `seed` (which places what the state does not hold, such as a goal) and put in `state`,
  // the state of step t; with `stepReal` it keeps stepping with the same actions beside the dream. Throws
  // w4rl::Error for a task that is not built in or a state of another size than the task's.
  void resetFromEpisodeState(const Frames& frames, const std::vector<float>& actions, std::int64_t t,
                             const std::string& task, std::uint64_t seed, const std::vector<double>& state,
                             bool stepReal);
  // Starts from a fresh reset of a built-in task at `seed`: its first camera frame starts the dream, and
  // with `stepReal` the task keeps stepping with the same actions.
  void resetFromTask(const std::string& task, std::uint64_t seed, bool stepReal);
  // A policy that can take control; acts on the imagined frames.
  void setPolicy(const std::filesystem::path& policy);
  void setPolicyInControl(bool inControl);
  bool policyInControl() const;
  // One step: `action` (actionDim values, clamped to [-1, 1]) or, with the policy in control, its action.
  TeleopStep step(const std::vector<float>& action);
  // Every step dreamt `samples` times (1 to 16) with independent noise; the dream goes on with the
  // first, and the step reports how far the others spread around it. 1 (the default) costs one sample.
  void setSpreadSamples(int samples);

  int steps() const;
  int imageSize() const;
  bool realRunning() const;
  // The built-in task's scene: now when the real task runs alongside, else as it was reset (for the 3D
  // view's starting point); none after a reset from a dataset episode.
  std::optional<sim::SceneSnapshot> taskScene() const;
  // Appends the session so far to `dataset` (created if absent); returns the episodes now in the file.
  // Throws w4rl::Error when nothing was recorded.
  std::size_t saveRecording(const std::filesystem::path& dataset);

 private:
  // Keeps `env`'s scene for the 3D view and, with `stepReal`, steps it beside the dream from now on.
  void startReal(std::unique_ptr<sim::ManipulationEnv> env, std::uint64_t seed, bool stepReal);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::pipeline
