#pragma once
// `world4rl dataset convert --next-obs`: a copy of a dataset with next_obs/ added, so that robomimic's
// trainer, which loads next_obs/ by default, trains on a file collected without it. next_obs/<k>[t] is
// obs/<k>[t + 1]; the observation after an episode's last action is not in the file, so it is simulated:
// the built-in task reset with the episode's seed, restored to its last stored state and stepped with
// its last action. Before that, the same is done for the step before, whose outcome the file holds, and
// the simulated frame must equal the recorded one: a file whose states do not reproduce its frames (or
// that another version of a task wrote) is refused rather than given a wrong last observation.
#include <cstdint>
#include <filesystem>

#include "common/cancel.h"

namespace w4rl::collect {

struct NextObsConversion {
  std::int64_t episodes = 0;
  std::int64_t steps = 0;
  double seconds = 0.0;
  bool cancelled = false;  // `out` is then not written
};

// Reads every episode of `in` and writes them, in order and with their attributes, to the new file
// `out` (a temporary file renamed at the end). Throws w4rl::Error naming the file and demo when `out`
// exists or is `in`, a demo has no simulator states, its task is not built in, or its states do not
// reproduce its frames.
NextObsConversion addNextObservations(const std::filesystem::path& in, const std::filesystem::path& out,
                                      const ProgressCallback& progress, const CancelToken& cancel);

}  // namespace w4rl::collect
