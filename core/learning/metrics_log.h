#pragma once
// Appends one JSON object per line to RUN_DIR/metrics.jsonl, flushed per line, so a reader (the studio's
// live charts, `tail -f`) always sees complete records. Keys follow CleanRL's "group/name" style. Each
// record also gets "wall_time" (seconds since the Unix epoch) and goes, as scalars of the step given by
// its "step" or "iteration" field, to a TensorBoard event file beside it (`tensorboard --logdir RUN_DIR`).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/tf_events.h"

namespace w4rl::learning {

// Where a run starts: its records are keyed by `key` ("step", "iteration"); a resumed run's checkpoint
// holds everything up to `value`, a fresh run starts below every record (-1).
struct ResumePoint {
  std::string key;
  double value = 0;
};

class MetricsLog {
 public:
  // Opens `file` for appending. With `resumedAt`, first drops what a killed run logged after the point
  // this run starts from: the records whose `key` is above `value` (this run logs those steps again) and
  // a last line cut off without its newline. The file is rewritten atomically, and only when something is
  // dropped. Event files are append-only: a resumed run starts a new one with a SessionLog START at the
  // first step it logs again, which tells TensorBoard (and runs::MetricsReader) to drop the older
  // files' records from that step on.
  explicit MetricsLog(const std::filesystem::path& file, const std::optional<ResumePoint>& resumedAt = {});
  // Numbers are written with enough digits to round-trip; non-finite values as null.
  void write(const std::vector<std::pair<std::string, double>>& fields);

 private:
  std::filesystem::path file_;
  std::ofstream out_;
  TfEventsWriter events_;
  std::int64_t records_ = 0;  // the TensorBoard step of a record without a step or iteration field
};

}  // namespace w4rl::learning
