#include "common/paired_test.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"

namespace w4rl {

double exactMcNemarP(const PairedOutcomes& outcomes) {
  if (outcomes.gained < 0 || outcomes.lost < 0)
    throw Error("paired test: " + std::to_string(outcomes.gained) + " seeds gained and " +
                std::to_string(outcomes.lost) + " lost is not a valid count");
  const int n = outcomes.gained + outcomes.lost;
  if (n == 0) return 1.0;
  const int tail = std::min(outcomes.gained, outcomes.lost);
  // Binomial terms in log space: C(n, k) / 2^n underflows and C(n, k) overflows long before n = 2000.
  const double logHalfPowN = -n * std::log(2.0);
  double sum = 0.0;
  for (int k = 0; k <= tail; ++k)
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + logHalfPowN);
  return std::min(1.0, 2.0 * sum);
}

}  // namespace w4rl
