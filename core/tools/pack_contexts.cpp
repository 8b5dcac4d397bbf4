// world4rl-pack-contexts: a task's episodes from datasets as a context pack (a LibTorch archive), the
// starting contexts world4rl-refine-packs reads where the dataset layer is not built. Usage:
// world4rl-pack-contexts --data F [--data F ...] --task T --out PACK [--episodes N (0: all)] [--image-size S]
#include <cstdio>
#include <string>
#include <vector>

#include "common/error.h"
#include "data/dataset.h"
#include "pipeline/jobs/dataset_context_source.h"

int main(int argc, char** argv) {
  try {
    std::vector<std::filesystem::path> files;
    std::filesystem::path out;
    std::string task;
    std::size_t limit = 0;
    w4rl::data::ReadOptions read;
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      if (i + 1 >= argc) throw w4rl::Error(a + " needs a value");
      if (a == "--data")
        files.emplace_back(argv[++i]);
      else if (a == "--task")
        task = argv[++i];
      else if (a == "--out")
        out = argv[++i];
      else if (a == "--episodes")
        limit = static_cast<std::size_t>(std::stoul(argv[++i]));
      else if (a == "--image-size")
        read.imageSize = std::stoi(argv[++i]);
      else
        throw w4rl::Error("unknown argument " + a);
    }
    if (files.empty() || task.empty() || out.empty())
      throw w4rl::Error("usage: world4rl-pack-contexts --data F... --task T --out PACK [--episodes N]");
    const auto dataset = w4rl::data::Dataset::open(files, read);
    const auto clips = w4rl::pipeline::taskEpisodeClips(dataset, task, true, limit);
    w4rl::learning::EpisodeContextSource::savePack(out, task, clips);
    std::printf("%s: %zu episodes of %s\n", out.c_str(), clips.size(), task.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "world4rl-pack-contexts: %s\n", e.what());
    return 1;
  }
}
