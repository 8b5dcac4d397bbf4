// bench_dream_recall --world-model W.pt --reward R.pt --data F.hdf5 [--episodes 20] [--start 0]
//                    [--actions recorded|zero|foreign]
// Does the dream reproduce the real outcome? For recorded episodes of the classifier's task (successes and
// failures alike), the world model imagines open-loop from step `start` to the episode's end with the
// recorded actions, and the success classifier scores every real and imagined frame. Printed: how often
// the classifier finds success (any frame above its threshold) in the real frames and in the dream, for
// episodes that really succeeded and for those that failed. Refinement's reward is the dream column: a
// low recall there means PPO sees no success to learn from.
// --actions asks whether the dream depends on the actions at all: from `start` on, the dream is driven by
// zero actions or by a foreign episode's (the next episode of the task, cyclically) instead of its own.
// If the dream of foreign actions succeeds as often as the dream of the episode's own actions, the world
// model predicts outcomes from the context alone and PPO cannot learn which actions help.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/dataset.h"
#include "data/episode.h"
#include "metrics/psnr.h"
#include "pipeline/services/imagination_service.h"

int main(int argc, char** argv) {
  std::string worldModel, reward, data, actionMode = "recorded";
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
    else if (k == "--actions")
      actionMode = v;
  }
  if (actionMode != "recorded" && actionMode != "zero" && actionMode != "foreign") {
    std::fprintf(stderr, "bench_dream_recall: --actions is recorded, zero or foreign, not %s\n",
                 actionMode.c_str());
    return 2;
  }
  if (worldModel.empty() || reward.empty() || data.empty()) {
    std::fprintf(stderr,
                 "usage: bench_dream_recall --world-model W --reward R --data F [--episodes 20] [--start 0] "
                 "[--actions recorded|zero|foreign]\n");
    return 2;
  }
  try {
    w4rl::pipeline::ImaginedWorld world(worldModel, "auto", 0);
    w4rl::pipeline::SuccessScorer scorer(reward, "auto");
    const auto dataset = w4rl::data::Dataset::open({data});
    const int size = world.imageSize();
    int counts[2][2][2] = {};  // [real outcome][real frames flagged][dream flagged]
    int n = 0;
    double psnrSum = 0.0;  // the dream against the real frames over its first kPsnrSteps steps
    int psnrCount = 0;
    constexpr int kPsnrSteps = 10;
    for (std::size_t ep = 0; ep < dataset.episodes().size() && n < episodes; ++ep) {
      const auto& info = dataset.episodes()[ep];
      if (info.task != scorer.task()) continue;
      const auto frames = dataset.frames(ep, 0, info.numSamples);
      auto actions = dataset.actions(ep);
      const std::size_t dim = dataset.actionDim(), from = static_cast<std::size_t>(std::max(start, 0)) * dim;
      if (actionMode == "zero")
        std::fill(actions.begin() + static_cast<std::ptrdiff_t>(std::min(from, actions.size())),
                  actions.end(), 0.0f);
      if (actionMode == "foreign") {
        std::size_t other = ep;
        do other = (other + 1) % dataset.episodes().size();
        while (dataset.episodes()[other].task != info.task && other != ep);
        const auto foreign = dataset.actions(other);
        for (std::size_t i = from; i < actions.size(); ++i)
          actions[i] = i < foreign.size() ? foreign[i] : 0.0f;
      }
      const int horizon = static_cast<int>(info.numSamples) - 1 - start;
      if (horizon < 1) continue;
      const auto dream = world.imagineOpenLoop(frames, actions, start, horizon, info.task);
      const std::size_t frameBytes = static_cast<std::size_t>(size) * size * 3;
      for (int i = 0; i < std::min(horizon, kPsnrSteps); ++i) {
        const auto realIndex = static_cast<std::size_t>(start + 1 + i);
        psnrSum +=
            w4rl::metrics::psnrCapped({frames.data() + realIndex * frameBytes, size, size},
                                      {dream.data() + static_cast<std::size_t>(i) * frameBytes, size, size});
        ++psnrCount;
      }
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
    std::printf("dream vs real frames over the first %d imagined steps (%s actions): mean PSNR %.2f dB\n",
                kPsnrSteps, actionMode.c_str(), psnrCount ? psnrSum / psnrCount : 0.0);
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
