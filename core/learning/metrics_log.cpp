#include "learning/metrics_log.h"

#include <cmath>
#include <cstdio>

#include "common/error.h"
#include "common/number_text.h"

namespace w4rl::learning {

MetricsLog::MetricsLog(const std::filesystem::path& file) : file_(file), out_(file, std::ios::app) {
  if (!out_) throw Error("cannot open " + file.string() + " for appending");
}

void MetricsLog::write(const std::vector<std::pair<std::string, double>>& fields) {
  std::string line = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string number = std::isfinite(fields[i].second) ? formatC("%.9g", fields[i].second) : "null";
    line += (i ? ", \"" : "\"") + fields[i].first + "\": " + number;
  }
  line += "}\n";
  out_ << line;
  out_.flush();
  if (!out_) throw Error("cannot write to " + file_.string());
}

}  // namespace w4rl::learning
