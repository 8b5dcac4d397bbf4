// The metrics.jsonl reader on arbitrary bytes, read in two polls split at a point the input chooses (a
// run that is still writing), and the run registry on a run directory holding the input as both its
// metrics.jsonl and its config.yaml.
#include <cstddef>
#include <cstdint>
#include <fstream>

#include "fuzz_input.h"
#include "runs/metrics_reader.h"
#include "runs/run_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::size_t split = size > 0 ? data[0] % (size + 1) : 0;
  const w4rl::fuzz::InputFile file(data, split, "metrics.jsonl");
  w4rl::fuzz::expectCleanRefusal("fuzz_metrics", [&] {
    w4rl::runs::MetricsReader reader(file.path());
    reader.poll();
    {
      std::ofstream rest(file.path(), std::ios::binary | std::ios::app);
      rest.write(reinterpret_cast<const char*>(data + split), static_cast<std::streamsize>(size - split));
    }
    reader.poll();
    for (const auto& key : reader.keys()) {
      reader.series(key);
      reader.latest(key);
    }
    {
      std::ofstream config(file.dir() / "config.yaml", std::ios::binary);
      config.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    w4rl::runs::describeRun(file.dir());
  });
  return 0;
}
