#pragma once
// Appends one JSON object per line to RUN_DIR/metrics.jsonl, flushed per line, so a reader (the studio's
// live charts, `tail -f`) always sees complete records. Keys follow CleanRL's "group/name" style.
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace w4rl::learning {

class MetricsLog {
 public:
  explicit MetricsLog(const std::filesystem::path& file);
  // Numbers are written with enough digits to round-trip; non-finite values as null.
  void write(const std::vector<std::pair<std::string, double>>& fields);

 private:
  std::filesystem::path file_;
  std::ofstream out_;
};

}  // namespace w4rl::learning
