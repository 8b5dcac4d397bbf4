#include "common/binomial_interval.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"
#include "common/number_text.h"

namespace w4rl {

BinomialInterval wilsonInterval(int successes, int trials, double z) {
  if (trials < 0 || successes < 0 || successes > trials)
    throw Error("binomial interval: " + std::to_string(successes) + " successes out of " +
                std::to_string(trials) + " trials is not a valid count");
  if (!(z > 0.0) || !std::isfinite(z))
    throw Error("binomial interval: z " + formatDouble(z) + " is not a positive number");
  if (trials == 0) return {0.0, 1.0};
  const double n = trials;
  const double p = successes / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1 in exact arithmetic; rounding must not move it inside.
  BinomialInterval interval;
  interval.low = successes == 0 ? 0.0 : std::clamp(centre - half, 0.0, 1.0);
  interval.high = successes == trials ? 1.0 : std::clamp(centre + half, 0.0, 1.0);
  return interval;
}

}  // namespace w4rl
