#pragma once
// Appends one JSON object per line to RUN_DIR/metrics.jsonl, flushed per line, so a reader (the studio's
// live charts, `tail -f`) always sees complete records. Keys follow CleanRL's "group/name" style.
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  // dropped.
  explicit MetricsLog(const std::filesystem::path& file, const std::optional<ResumePoint>& resumedAt = {});
  // Numbers are written with enough digits to round-trip; non-finite values as null.
  void write(const std::vector<std::pair<std::string, double>>& fields);

 private:
  std::filesystem::path file_;
  std::ofstream out_;
};

}  // namespace w4rl::learning
