// world4rl-train-world-model-packs: trains the world model from context packs (world4rl-pack-contexts) with
// the same trainer as `world4rl train-world-model`, on whatever device LibTorch has. It links the learning
// library alone, so it runs on a CUDA machine without HDF5. The run directory is the command line's
// (config.yaml, metrics.jsonl, last.pt, best.pt); each pack is one task, in the order given. Usage:
// world4rl-train-world-model-packs --contexts PACK [--contexts PACK ...] --out RUN_DIR [--preset cpu|gpu]
//        [key=value ...]   (training keys: steps, batch_size, lr, ...; model keys: channels, ...)
#include <torch/torch.h>

#include <cstdio>
#include <string>

#include "common/atomic_file.h"
#include "common/error.h"
#include "learning/episode_transition_source.h"
#include "learning/torch_device.h"
#include "learning/world_model_trainer.h"

namespace {

using namespace w4rl;
using namespace w4rl::learning;

int run(int argc, char** argv) {
  std::vector<std::filesystem::path> packs;
  std::filesystem::path out;
  std::string preset = "cpu";
  std::vector<std::pair<std::string, std::string>> keys;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto eq = a.find('=');
    if (eq != std::string::npos) {
      keys.emplace_back(a.substr(0, eq), a.substr(eq + 1));
      continue;
    }
    if (i + 1 >= argc) throw Error(a + " needs a value");
    if (a == "--contexts")
      packs.emplace_back(argv[++i]);
    else if (a == "--out")
      out = argv[++i];
    else if (a == "--preset")
      preset = argv[++i];
    else
      throw Error("unknown argument " + a);
  }
  if (packs.empty() || out.empty())
    throw Error(
        "usage: world4rl-train-world-model-packs --contexts PACK... --out RUN_DIR [--preset cpu|gpu] "
        "[key=value]");
  WorldModelConfig model = preset == "gpu" ? WorldModelConfig::gpuPreset() : WorldModelConfig::cpuDefault();
  TrainSettings train;
  for (const auto& [k, v] : keys)
    if (!train.set(k, v)) model.set(k, v);
  std::vector<std::pair<std::string, std::vector<EpisodeClip>>> tasks;
  for (const auto& p : packs) tasks.push_back(EpisodeContextSource::loadPack(p));
  EpisodeTransitionSource source(std::move(tasks), train.contextFramesToSample(model.contextFrames));
  model.imageSize = source.imageSize();
  model.actionDim = source.actionDim();
  model.tasks = source.tasks();
  model.validate();
  std::filesystem::create_directories(out);
  writeTextFileAtomically(out / "config.yaml",
                          "# world model\n" + model.toText() + "# training\n" + train.toText());
  writeTextFileAtomically(out / "run.json",
                          "{\"kind\": \"world_model\"}\n");  // the kind alone: no JSON library here
  std::printf("%lld train / %lld valid transitions of %zu tasks on %s\n",
              static_cast<long long>(source.trainTransitions()),
              static_cast<long long>(source.validTransitions()), source.tasks().size(),
              describeDevice(resolveDevice(train.device)).c_str());
  WorldModelTrainer trainer(model, train, out);
  const auto r = trainer.run(
      source, false,
      [](const TrainProgress& p) {
        if (p.samplesPerSecond > 0)
          std::printf("step %lld/%lld loss %.4f valid %.4f %.0f samples/s\n", static_cast<long long>(p.step),
                      static_cast<long long>(p.totalSteps), p.trainLoss, p.validLoss, p.samplesPerSecond);
        std::fflush(stdout);
      },
      CancelToken{});
  std::printf("done: %lld steps in %.1f s on %s; best valid %.4f last valid %.4f\n",
              static_cast<long long>(r.step), r.seconds, r.device.c_str(), r.bestValidLoss, r.lastValidLoss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "world4rl-train-world-model-packs: %s\n", e.what());
    return 1;
  }
}
