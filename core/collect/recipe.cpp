#include "collect/recipe.h"

#include <sstream>

#include "common/error.h"

namespace w4rl::collect {

std::vector<RecipeItem> parseRecipe(const std::string& text) {
  std::vector<RecipeItem> recipe;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto colon = item.find(':');
    const std::string name = item.substr(0, colon);
    const auto source = data::episodeSourceFromString(name);
    if (colon == std::string::npos)
      throw Error("recipe item '" + item + "' must be SOURCE:COUNT, e.g. expert:50");
    if (source != data::EpisodeSource::Expert && source != data::EpisodeSource::Noisy &&
        source != data::EpisodeSource::Random && source != data::EpisodeSource::Policy)
      throw Error("recipe item '" + item + "': source must be expert, noisy, random or policy");
    const std::string count = item.substr(colon + 1);
    std::size_t used = 0;
    int n = -1;
    try {
      n = std::stoi(count, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != count.size() || count.empty() || n < 0 || n > 1000000)
      throw Error("recipe item '" + item + "': count must be a whole number from 0 to 1000000");
    recipe.push_back({source, n});
  }
  if (recipe.empty()) throw Error("the recipe is empty; e.g. expert:50,noisy:150,random:30");
  return recipe;
}

std::string formatRecipe(const std::vector<RecipeItem>& recipe) {
  std::string out;
  for (const auto& item : recipe)
    out += (out.empty() ? "" : ",") + data::toString(item.source) + ":" + std::to_string(item.episodes);
  return out;
}

}  // namespace w4rl::collect
