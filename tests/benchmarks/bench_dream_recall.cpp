// bench_dream_recall --world-model W.pt --reward R.pt --data F.hdf5 [--episodes 20] [--start 0]
// Does the dream reproduce the real outcome? For recorded episodes of the classifier's task (successes and
// failures alike), the world model imagines open-loop from step `start` to the episode's end with the
// recorded actions, and the success classifier scores every real and imagined frame. Printed: how often
// the classifier finds success (any frame above its threshold) in the real frames and in the dream, for
// episodes that really succeeded and for those that failed. Refinement's reward is the dream column: a
// low recall there means PPO sees no success to learn from.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/dataset.h"
#include "data/episode.h"
#include "pipeline/imagination_service.h"

int main(int argc, char** argv) {
  std::string worldModel, reward, data;
  int episodes = 20, start = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--world-model")
      worldModel = v;
    else if (k == "--reward")
      reward = v;
    else if (k == "--data")
      data = v;
    else if (k == "--episodes")
      episodes = std::atoi(v.c_str());
    else if (k == "--start")
      start = std::atoi(v.c_str());
  }
  if (worldModel.empty() || reward.empty() || data.empty()) {
    std::fprintf(
        stderr,
        "usage: bench_dream_recall --world-model W --reward R --data F [--episodes 20] [--start 0]\n");
    return 2;
  }
  try {
    w4rl::pipeline::ImaginedWorld world(worldModel, "auto", 0);
    w4rl::pipeline::SuccessScorer scorer(reward, "auto");
    const auto dataset = w4rl::data::Dataset::open({data});
    const int size = world.imageSize();
    int counts[2][2][2] = {};  // [real outcome][real frames flagged][dream flagged]
    int n = 0;
    for (std::size_t ep = 0; ep < dataset.episodes().size() && n < episodes; ++ep) {
      const auto& info = dataset.episodes()[ep];
      if (info.task != scorer.task()) continue;
      const auto frames = dataset.frames(ep, 0, info.numSamples);
      const auto actions = dataset.actions(ep);
      const int horizon = static_cast<int>(info.numSamples) - 1 - start;
      if (horizon < 1) continue;
      const auto dream = world.imagineOpenLoop(frames, actions, start, horizon, info.task);
      const auto pr = scorer.probabilities(frames, size, size);
      const auto pd = scorer.probabilities(dream, size, size);
      const bool realFlag = *std::max_element(pr.begin(), pr.end()) > scorer.threshold();
      const bool dreamFlag = *std::max_element(pd.begin(), pd.end()) > scorer.threshold();
      counts[info.success][realFlag][dreamFlag]++;
      std::printf("%-10s %-7s %-8s real max p %.2f, dream max p %.2f\n", info.demo.c_str(),
                  w4rl::data::toString(info.source).c_str(), info.success ? "success" : "failure",
                  *std::max_element(pr.begin(), pr.end()), *std::max_element(pd.begin(), pd.end()));
      ++n;
    }
    for (int outcome : {1, 0}) {
      const int total =
          counts[outcome][0][0] + counts[outcome][0][1] + counts[outcome][1][0] + counts[outcome][1][1];
      std::printf("%s episodes: %d; classifier flags success in the real frames of %d, in the dream of %d\n",
                  outcome ? "successful" : "failed", total, counts[outcome][1][0] + counts[outcome][1][1],
                  counts[outcome][0][1] + counts[outcome][1][1]);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_dream_recall: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
