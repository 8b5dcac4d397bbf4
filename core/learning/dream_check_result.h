#pragma once
// What the dream check found (learning/dream_check.h): the starting policy against random actions on the
// same imagined starts. Torch-free, so reports and the command line carry it as plain data.
#include "common/paired_test.h"

namespace w4rl::learning {

// What the check says about the dream, by the exact McNemar test at 5% on the starts the two disagree on.
enum class DreamVerdict {
  PolicyFavoured,  // the policy solves significantly more of the starts: the dream rewards its actions
  RandomFavoured,  // random actions solve significantly more: the dream rewards the wrong actions
  NoDifference,    // no significant difference: little signal about the actions (or too few starts)
};

struct DreamCheck {
  int starts = 0;  // 0: not run
  int horizon = 0;
  int policySuccesses = 0, randomSuccesses = 0;
  PairedOutcomes policyOverRandom;  // gained: starts only the policy solves; lost: only random actions
  double seconds = 0.0;
  bool cancelled = false;

  double policyRate() const { return starts > 0 ? static_cast<double>(policySuccesses) / starts : 0.0; }
  double randomRate() const { return starts > 0 ? static_cast<double>(randomSuccesses) / starts : 0.0; }
  double pValue() const { return exactMcNemarP(policyOverRandom); }
  DreamVerdict verdict() const {
    if (pValue() >= 0.05) return DreamVerdict::NoDifference;
    return policyOverRandom.gained > policyOverRandom.lost ? DreamVerdict::PolicyFavoured
                                                           : DreamVerdict::RandomFavoured;
  }
  bool policyFavoured() const { return verdict() == DreamVerdict::PolicyFavoured; }
};

}  // namespace w4rl::learning
