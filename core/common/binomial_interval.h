#pragma once
// Confidence intervals for a success rate measured over a finite number of episodes. The Wilson score
// interval is used instead of the normal approximation p +- z sqrt(p(1-p)/n) because that one collapses
// to a zero-width interval at 0/n and n/n and leaves [0, 1] near them, exactly where small evaluations of
// weak or strong policies land.
namespace w4rl {

struct BinomialInterval {
  double low = 0.0;
  double high = 1.0;
};

// z of a two-sided 95% interval (the 0.975 quantile of the standard normal).
constexpr double kZ95 = 1.959963984540054;

// The Wilson score interval for `successes` out of `trials`, within [0, 1]; 0 trials give [0, 1] (no
// information). Throws w4rl::Error for negative counts, more successes than trials or a non-positive z.
BinomialInterval wilsonInterval(int successes, int trials, double z = kZ95);

}  // namespace w4rl
