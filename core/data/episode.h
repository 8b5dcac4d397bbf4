#pragma once
// One recorded episode, in memory, as the collector produces it and the dataset writer stores it as
// data/demo_<i> of a robomimic-layout HDF5 file. Arrays are row-major and flat; the first dimension of
// every per-step array is numSamples().
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace w4rl::data {

// Where an episode's actions came from; stored as the per-demo attribute "source" (lower-case name).
// Dream: a recorded episode whose images were re-imagined by a world model (`world4rl dream`).
enum class EpisodeSource { Expert, Noisy, Random, Policy, Teleop, Dream, Unknown };

std::string toString(EpisodeSource source);
// Accepts the lower-case names written by toString(); anything else is Unknown.
EpisodeSource episodeSourceFromString(const std::string& name);

// A low-dimensional observation stream (obs/<key>, shape (N, dim), float64 in the file like robomimic).
struct LowDimStream {
  int dim = 0;
  std::vector<double> values;  // N * dim
};

// The observation after an episode's last action. robomimic's next_obs/<k>[t] is obs/<k>[t + 1], so
// writing next_obs/ needs this one observation more than obs/ holds.
struct FinalObservation {
  std::vector<std::uint8_t> image;                    // H * W * 3
  std::map<std::string, std::vector<double>> lowDim;  // the keys of Episode::lowDim, dim values each
};

struct Episode {
  std::string task;  // built-in task name, e.g. "pick-place"
  EpisodeSource source = EpisodeSource::Unknown;
  std::uint64_t seed = 0;  // the environment seed the episode was reset with
  bool success = false;    // the task's success predicate held at some step

  int actionDim = 0;
  std::vector<float> actions;  // N * actionDim, each in [-1, 1]
  std::vector<float> rewards;  // N
  std::vector<std::uint8_t> dones;  // N, 1 on the last step of the episode (or on success termination)

  int stateDim = 0;
  std::vector<double> states;  // N * stateDim, the simulator state before each action (for replay)

  int imageHeight = 0;
  int imageWidth = 0;
  std::vector<std::uint8_t> images;  // N * H * W * 3, RGB, row 0 at the top, before each action

  std::map<std::string, LowDimStream> lowDim;  // obs/<key>, e.g. robot0_eef_pos, object
  // Set: the writer also writes next_obs/ (the observations shifted by one step, this one last).
  std::optional<FinalObservation> finalObservation;

  std::size_t numSamples() const { return rewards.size(); }
};

}  // namespace w4rl::data
