#include "studio_test_data.h"

#include <QCoreApplication>

#include "collect/collector.h"
#include "collect/recipe.h"
#include "pipeline/jobs/train_world_model_job.h"

namespace fs = std::filesystem;

namespace w4rl::studio {

const fs::path& smallDataset() {
  static const fs::path file = [] {
    // Not a per-test directory: it outlives the test that first asks for it.
    const auto dir = fs::temp_directory_path() /
                     ("w4rl_studio_tests_" + std::to_string(QCoreApplication::applicationPid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    collect::CollectConfig c;
    c.task = "door-lock";
    c.recipe = collect::parseRecipe("expert:3,random:2");
    c.out = dir / "door.hdf5";
    collect::collect(c, nullptr, CancelToken());
    return c.out;
  }();
  return file;
}

const fs::path& tinyWorldModel() {
  static const fs::path file = [] {
    pipeline::TrainWorldModelRequest r;
    r.data = {smallDataset()};
    r.runDir = smallDataset().parent_path() / "wm";
    r.preset = "cpu";
    r.overrides = {"steps=2", "channels=[8,8,8]", "cond_dim=16", "device=cpu", "valid_every=1"};
    pipeline::trainWorldModel(r, nullptr, CancelToken());
    return r.runDir / "last.pt";
  }();
  return file;
}

}  // namespace w4rl::studio
