#include "studio_test_data.h"

#include <QCoreApplication>

#include "collect/collector.h"
#include "collect/recipe.h"

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

}  // namespace w4rl::studio
