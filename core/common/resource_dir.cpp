#include "common/resource_dir.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include "common/error.h"

namespace w4rl {

std::filesystem::path resourceDir() {
  namespace fs = std::filesystem;
  std::string tried;
  auto usable = [&tried](const fs::path& p) {
    std::error_code ec;
    if (fs::is_directory(p / "tasks", ec)) return true;
    tried += " " + p.string();
    return false;
  };
  if (const char* env = std::getenv("WORLD4RL_RESOURCES"); env && *env) {
    if (usable(env)) return env;
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "world4rl" / "resources";
    if (usable(installed)) return installed;
  }
  const fs::path source = W4RL_SOURCE_RESOURCE_DIR;
  if (usable(source)) return source;
  throw Error("cannot find World4RL resources (a folder with tasks/); tried:" + tried +
              "; set WORLD4RL_RESOURCES");
}

}  // namespace w4rl
