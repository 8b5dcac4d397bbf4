// The YAML config reader (every --config file, the pipeline's config.yaml) on arbitrary text: it either
// refuses with a w4rl::Error or yields entries that keep its promises (a non-empty dotted key given once,
// a line inside the text), so no settings struct downstream sees a key twice or an empty one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "config/config_file.h"
#include "fuzz_input.h"

namespace {

void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_config_file: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  w4rl::fuzz::expectCleanRefusal("fuzz_config_file", [&] {
    const auto entries = w4rl::config::parseConfigText(text, "fuzz input");
    const long lines = 1 + static_cast<long>(std::count(text.begin(), text.end(), '\n')) +
                       static_cast<long>(std::count(text.begin(), text.end(), '\r'));
    std::set<std::string> seen;
    for (const auto& entry : entries) {
      if (entry.key.empty()) fail("an entry with an empty key");
      if (!seen.insert(entry.key).second) fail("the key '" + entry.key + "' was yielded twice");
      if (entry.line < 1 || entry.line > lines)
        fail("the key '" + entry.key + "' names line " + std::to_string(entry.line) + " of " +
             std::to_string(lines));
    }
  });
  return 0;
}
