#pragma once
// Small policies, quick training settings, labelled grey frames and a metrics reader shared by the
// learning tests on the brightness world (brightness_world.h).
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "brightness_world.h"
#include "learning/bc_trainer.h"
#include "learning/demo_set.h"
#include "learning/gaussian_policy.h"
#include "learning/train_settings.h"

namespace w4rl::learning::test {

inline PolicyConfig tinyPolicy() {
  PolicyConfig c;
  c.task = "brightness";
  c.imageSize = kImage;
  c.channels = {8, 16};
  c.hidden = 32;
  return c;
}

inline TrainSettings quick(std::int64_t steps) {
  TrainSettings s = defaultBcSettings();
  s.steps = steps;
  s.warmupSteps = 10;
  s.validEvery = 50;
  s.logEvery = 25;
  s.device = "cpu";
  s.augmentShift = 0;  // uniform frames: shifting changes nothing
  return s;
}

// Frames of every grey level with a stack of one.
inline DemoSet levels(int n, std::uint64_t seed) {
  torch::manual_seed(seed);
  const auto g = torch::rand({n});
  DemoSet set;
  set.frames = greyFrames(g);
  set.stacks = torch::arange(n, torch::kLong).unsqueeze(1);
  set.labels = (g > kGoal).to(torch::kFloat);
  set.actions = torch::stack({2 * g - 1, torch::zeros({n}), torch::zeros({n}), torch::zeros({n})}, 1);
  return set;
}

inline std::vector<double> metricSeries(const std::filesystem::path& file, const std::string& key) {
  std::vector<double> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.contains(key) && j[key].is_number()) out.push_back(j[key].get<double>());
  }
  return out;
}

}  // namespace w4rl::learning::test
