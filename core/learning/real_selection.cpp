#include "learning/real_selection.h"

#include <cstdio>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "learning/config_values.h"

namespace w4rl::learning {

RealSelection::RealSelection(int patience, bool stopOnRealLoss)
    : patience_(patience), stopOnRealLoss_(stopOnRealLoss) {
  if (patience < 0) throw Error("early_stop_patience must be non-negative");
}

bool RealSelection::record(const RealOutcome& o) {
  lastIteration_ = o.iteration;
  lastGained_ = o.seedsGained;
  lastLost_ = o.seedsLost;
  lastP_ = o.mcnemarP;
  if (bestIteration_ < 0 || o.successRate > bestRate_) {
    bestIteration_ = o.iteration;
    bestRate_ = o.successRate;
    withoutGain_ = 0;
    return true;
  }
  ++withoutGain_;
  return false;
}

std::string RealSelection::stopReason() const {
  if (stopOnRealLoss_ && lastP_ >= 0 && lastP_ < kRealLossP && lastLost_ > lastGained_)
    return formatC(
        "real success at iteration %d is significantly below the start policy's (%d seeds lost, %d gained, "
        "exact McNemar p = %.3g)",
        lastIteration_, lastLost_, lastGained_, lastP_);
  if (patience_ > 0 && withoutGain_ >= patience_) {
    return formatC("no real gain over iteration %d in %d evaluations (early_stop_patience)", bestIteration_,
                   withoutGain_);
  }
  return {};
}

void RealSelection::save(const std::filesystem::path& file) const {
  using config::numberText;
  writeTextFileAtomically(
      file, "# the refinement's real evaluations so far: best.pt is the policy of best_iteration\n" +
                config::mapText({{"best_iteration", std::to_string(bestIteration_)},
                                 {"best_real_success_rate", numberText(bestRate_)},
                                 {"evaluations_without_gain", std::to_string(withoutGain_)},
                                 {"last_iteration", std::to_string(lastIteration_)},
                                 {"last_seeds_gained", std::to_string(lastGained_)},
                                 {"last_seeds_lost", std::to_string(lastLost_)},
                                 {"last_mcnemar_p", numberText(lastP_)}}));
}

void RealSelection::load(const std::filesystem::path& file) {
  const config::FlatFile values(file);
  auto integer = [&](const std::string& key) { return static_cast<int>(values.integer(key)); };
  auto real = [&](const std::string& key) { return values.real(key); };
  // Parsed whole before anything is assigned: a bad file leaves this object as it was.
  const int bestIteration = integer("best_iteration"), withoutGain = integer("evaluations_without_gain");
  const double bestRate = real("best_real_success_rate"), lastP = real("last_mcnemar_p");
  const int lastIteration = integer("last_iteration"), lastGained = integer("last_seeds_gained"),
            lastLost = integer("last_seeds_lost");
  if (withoutGain < 0) throw Error(file.string() + ": evaluations_without_gain must be non-negative");
  bestIteration_ = bestIteration;
  bestRate_ = bestRate;
  withoutGain_ = withoutGain;
  lastIteration_ = lastIteration;
  lastGained_ = lastGained;
  lastLost_ = lastLost;
  lastP_ = lastP;
}

}  // namespace w4rl::learning
