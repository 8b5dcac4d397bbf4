#include "data/episode.h"

namespace w4rl::data {

std::string toString(EpisodeSource source) {
  switch (source) {
    case EpisodeSource::Expert:
      return "expert";
    case EpisodeSource::Noisy:
      return "noisy";
    case EpisodeSource::Random:
      return "random";
    case EpisodeSource::Policy:
      return "policy";
    case EpisodeSource::Teleop:
      return "teleop";
    case EpisodeSource::Dream:
      return "dream";
    case EpisodeSource::Unknown:
      return "unknown";
  }
  return "unknown";
}

EpisodeSource episodeSourceFromString(const std::string& name) {
  for (EpisodeSource s : {EpisodeSource::Expert, EpisodeSource::Noisy, EpisodeSource::Random,
                          EpisodeSource::Policy, EpisodeSource::Teleop, EpisodeSource::Dream}) {
    if (toString(s) == name) return s;
  }
  return EpisodeSource::Unknown;
}

}  // namespace w4rl::data
