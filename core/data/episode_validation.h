#pragma once
// Checks an in-memory Episode before the writer stores it, so a bad episode is rejected with a clear
// message instead of producing a file the reader (or robomimic) refuses later.
#include <string>

#include "data/episode.h"

namespace w4rl::data {

// Throws w4rl::Error "<where>: <problem>" for inconsistent lengths, non-finite or out-of-range
// actions, missing images or invalid low-dim streams. `where` names the file and demo being written.
void validateEpisode(const Episode& episode, const std::string& where);

}  // namespace w4rl::data
