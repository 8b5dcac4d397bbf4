#pragma once
// TensorBoard event files (events.out.tfevents.*): TFRecord-framed `Event` protobufs (tensorflow/core/
// util/event.proto) carrying scalar summaries, encoded and decoded here by hand so the engine needs no
// protobuf library. A run's metrics.jsonl has a twin of these beside it (MetricsLog), so `tensorboard
// --logdir` and W&B's sync read our runs, and the studio reads the event files other tools write (CleanRL,
// robomimic, tensorboardX: scalars as `simple_value`; TF2: as a scalar float/double `tensor`).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace w4rl {

struct TfEvent {
  double wallTime = 0;  // seconds since the Unix epoch
  std::int64_t step = 0;
  std::string fileVersion;                              // set on a file's first event ("brain.Event:2")
  bool sessionStart = false;                            // SessionLog START: a resumed run restarts at `step`
  std::vector<std::pair<std::string, double>> scalars;  // tag, value
};

std::string encodeEvent(const TfEvent& event);
// Throws w4rl::Error naming `origin` when `bytes` is not a well-formed Event. Summary values other than
// scalars (images, histograms, non-scalar tensors) are skipped.
TfEvent decodeEvent(std::string_view bytes, const std::string& origin);

// Whether `file`'s name is that of an event file ("events.out.tfevents." prefix).
bool isEventFileName(const std::filesystem::path& file);

// Appends events to a new file dir/events.out.tfevents.<unix time>.<host>.<pid>.<n> (a name no other
// writer uses), flushed per event so a reader sees whole records. The first event is the file version.
class TfEventsWriter {
 public:
  explicit TfEventsWriter(const std::filesystem::path& dir);
  void write(const TfEvent& event);
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::ofstream out_;
};

}  // namespace w4rl
