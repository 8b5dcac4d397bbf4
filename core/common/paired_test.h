#pragma once
// Did a policy change its success rate, judged on the same episodes? When two policies are evaluated on
// the same seeds, only the seeds where their outcomes differ carry evidence: under "no difference" each
// such seed is equally likely to favour either policy. The exact McNemar test (a two-sided sign test on
// those discordant seeds) turns their counts into a p-value. Comparing the two success rates' intervals
// instead ignores the pairing and is far weaker at 50 episodes per task.
namespace w4rl {

struct PairedOutcomes {
  int gained = 0;  // seeds the new policy solves and the old one does not
  int lost = 0;    // seeds the old policy solves and the new one does not
};

// Two-sided exact McNemar p-value: min(1, 2 P[X <= min(gained, lost)]) for X ~ Binomial(gained + lost,
// 1/2); 1 when no seed differs. Throws w4rl::Error for a negative count.
double exactMcNemarP(const PairedOutcomes& outcomes);

}  // namespace w4rl
