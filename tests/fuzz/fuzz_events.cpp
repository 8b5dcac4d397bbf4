// TensorBoard event files of other tools are untrusted input: the input is decoded as one Event
// protobuf, and a run directory holds an event file of the input framed as a valid record (so the CRCs
// pass and the protobuf decoder sees the bytes) followed by the raw input (so the framing scan sees them),
// read in two polls as a run that is still writing.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "common/tf_events.h"
#include "common/tf_record.h"
#include "fuzz_input.h"
#include "runs/metrics_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  w4rl::fuzz::expectCleanRefusal("fuzz_events", [&] { w4rl::decodeEvent(bytes, "fuzz input"); });
  const std::string framed = w4rl::frameRecord(bytes);
  const w4rl::fuzz::InputFile file(reinterpret_cast<const std::uint8_t*>(framed.data()), framed.size(),
                                   "events.out.tfevents.1.fuzz");
  w4rl::fuzz::expectCleanRefusal("fuzz_events", [&] {
    w4rl::runs::MetricsReader reader(file.dir());
    reader.poll();
    {
      std::ofstream rest(file.path(), std::ios::binary | std::ios::app);
      rest.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    reader.poll();
    for (const auto& key : reader.keys()) {
      reader.series(key);
      reader.latest(key);
    }
  });
  return 0;
}
