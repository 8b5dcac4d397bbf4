#pragma once
// A collection recipe: how many episodes of each source, e.g. "expert:50,noisy:150,random:30" (the
// paper's per-task mix: expert demonstrations, imitation-policy rollouts, random actions). "policy:N"
// episodes are driven by a policy given to the collector (CollectConfig::policy).
#include <string>
#include <vector>

#include "data/episode.h"

namespace w4rl::collect {

struct RecipeItem {
  data::EpisodeSource source = data::EpisodeSource::Expert;
  int episodes = 0;
};

// Throws w4rl::Error naming the offending item ("noisy:abc", "teleop:3", ...).
std::vector<RecipeItem> parseRecipe(const std::string& text);
std::string formatRecipe(const std::vector<RecipeItem>& recipe);

}  // namespace w4rl::collect
