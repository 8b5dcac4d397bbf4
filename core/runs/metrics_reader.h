#pragma once
// Reads a run's metrics.jsonl while the run may still be writing it: poll() returns only records that
// are complete (a line without its newline yet is kept for the next poll), so live charts and finished
// runs use the same reader. Keys follow CleanRL's "group/name" style; each record is one event with an
// x value ("step" for training runs, "iteration" for refinement).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace w4rl::runs {

struct MetricRecord {
  double x = 0.0;                        // "step", else "iteration", else the record's index
  std::map<std::string, double> values;  // numeric fields other than the x key (null fields skipped)
};

class MetricsReader {
 public:
  explicit MetricsReader(std::filesystem::path file);

  // Reads what was appended since the last call; returns the number of new records. A missing file
  // reads as empty (a run that has not logged yet). A malformed complete line is skipped and counted.
  std::size_t poll();
  const std::vector<MetricRecord>& records() const { return records_; }
  // (x, value) of every record that has `key`, in file order.
  std::vector<std::pair<double, double>> series(const std::string& key) const;
  // Every key seen, sorted.
  std::vector<std::string> keys() const;
  std::size_t malformedLines() const { return malformed_; }
  // The latest value of `key`, or `fallback`.
  double latest(const std::string& key, double fallback = -1.0) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::uintmax_t offset_ = 0;
  std::string partial_;
  std::vector<MetricRecord> records_;
  std::size_t malformed_ = 0;
};

}  // namespace w4rl::runs
