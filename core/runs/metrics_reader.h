#pragma once
// Reads a run's metrics.jsonl while the run may still be writing it: poll() returns only records that
// are complete (a line without its newline yet is kept for the next poll), so live charts and finished
// runs use the same reader. Keys follow CleanRL's "group/name" style; each record is one event with an
// x value ("step" for training runs, "iteration" for refinement). The same reader reads TensorBoard event
// files (ours, or those of CleanRL, robomimic, tensorboardX, TF2), so another tool's run overlays ours.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/tf_events.h"

namespace w4rl::runs {

struct MetricRecord {
  double x = 0.0;                        // "step", else "iteration", else the record's index
  std::map<std::string, double> values;  // numeric fields other than the x key (null fields skipped)
};

class MetricsReader {
 public:
  // `file` is a metrics.jsonl, one event file (events.out.tfevents.*), or a directory whose event files
  // are read as one run (in name order, that is by creation time; a SessionLog START at step s drops the
  // records from s on, as TensorBoard does when a run resumes).
  explicit MetricsReader(std::filesystem::path file);
  // The reader of a run directory: its metrics.jsonl, else its event files.
  static MetricsReader forRun(const std::filesystem::path& dir);

  // Reads what was appended since the last call; returns the number of new records. A missing file
  // reads as empty (a run that has not logged yet). A malformed complete line is skipped and counted; so
  // is the rest of an event file from a record with a wrong checksum or a malformed event on.
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
  struct Source {
    explicit Source(std::filesystem::path f) : file(std::move(f)) {}
    std::filesystem::path file;
    std::uintmax_t offset = 0;
    std::string partial;
    bool broken = false;  // an event file past a damaged record
  };
  std::size_t pollLines(Source& source);
  std::size_t pollEvents(Source& source);
  std::size_t addEvent(const TfEvent& event, std::size_t added);  // returns `added` updated
  void addEventSources();
  bool readAppended(Source& source);

  std::filesystem::path file_;
  bool events_ = false;
  std::vector<Source> sources_;
  std::vector<MetricRecord> records_;
  std::size_t malformed_ = 0;
};

}  // namespace w4rl::runs
