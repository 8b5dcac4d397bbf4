#pragma once
// What the dream check found (learning/dream_check.h): the starting policy against random actions on the
// same imagined starts. Torch-free, so reports and the command line carry it as plain data.
#include "common/paired_test.h"

namespace w4rl::learning {

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
  // The policy solves significantly more of the same starts than random actions (exact McNemar, 5%).
  bool policyFavoured() const { return policyOverRandom.gained > policyOverRandom.lost && pValue() < 0.05; }
};

}  // namespace w4rl::learning
