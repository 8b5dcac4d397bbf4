#include "data/episode_validation.h"

#include <cmath>
#include <sstream>

#include "common/error.h"
#include "data/dataset_limits.h"

namespace w4rl::data {
namespace {

void expectSize(const std::string& where, const std::string& field, std::size_t found, std::size_t expected,
                const std::string& shape) {
  if (found != expected) {
    throw Error(where + ": " + field + " has " + std::to_string(found) + " values, expected " +
                std::to_string(expected) + " (" + shape + ")");
  }
}

}  // namespace

void validateEpisode(const Episode& ep, const std::string& where) {
  const std::size_t n = ep.numSamples();
  if (n == 0) throw Error(where + ": episode has no steps");
  if (static_cast<std::int64_t>(n) > limits::kMaxSamples) {
    throw Error(where + ": episode has " + std::to_string(n) + " steps, more than " +
                std::to_string(limits::kMaxSamples));
  }
  const std::string ns = std::to_string(n);
  if (ep.actionDim < 1 || ep.actionDim > limits::kMaxActionDim) {
    throw Error(where + ": action dimension " + std::to_string(ep.actionDim) + " is outside 1.." +
                std::to_string(limits::kMaxActionDim));
  }
  const auto a = static_cast<std::size_t>(ep.actionDim);
  expectSize(where, "actions", ep.actions.size(), n * a, ns + " x " + std::to_string(a));
  for (std::size_t i = 0; i < ep.actions.size(); ++i) {
    const float v = ep.actions[i];
    if (!std::isfinite(v) || v < -1.0f || v > 1.0f) {
      std::ostringstream value;
      value << v;
      throw Error(where + ": action " + std::to_string(i % a) + " at step " + std::to_string(i / a) + " is " +
                  value.str() + ", expected a finite value in [-1, 1]");
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(ep.rewards[i]))
      throw Error(where + ": reward at step " + std::to_string(i) + " is not finite");
  }
  expectSize(where, "dones", ep.dones.size(), n, ns);
  if (ep.stateDim < 0 || ep.stateDim > limits::kMaxLowDim) {
    throw Error(where + ": state dimension " + std::to_string(ep.stateDim) + " is invalid");
  }
  expectSize(where, "states", ep.states.size(), n * static_cast<std::size_t>(ep.stateDim),
             ns + " x " + std::to_string(ep.stateDim));

  if (ep.imageHeight < 1 || ep.imageWidth < 1 || ep.imageHeight > limits::kMaxImageSide ||
      ep.imageWidth > limits::kMaxImageSide) {
    throw Error(where + ": image size " + std::to_string(ep.imageHeight) + "x" +
                std::to_string(ep.imageWidth) + " is outside 1.." + std::to_string(limits::kMaxImageSide));
  }
  const std::size_t frameBytes =
      static_cast<std::size_t>(ep.imageHeight) * static_cast<std::size_t>(ep.imageWidth) * 3;
  expectSize(where, "images", ep.images.size(), n * frameBytes,
             ns + " x " + std::to_string(ep.imageHeight) + " x " + std::to_string(ep.imageWidth) + " x 3");

  for (const auto& [key, stream] : ep.lowDim) {
    if (key.empty() || key.find('/') != std::string::npos || key == ".") {
      throw Error(where + ": invalid low-dim observation name \"" + key + "\"");
    }
    if (key == "agentview_image")
      throw Error(where + ": low-dim observation \"" + key + "\" clashes with the image");
    if (stream.dim < 1 || stream.dim > limits::kMaxLowDim) {
      throw Error(where + ": low-dim observation \"" + key + "\" has dimension " +
                  std::to_string(stream.dim));
    }
    expectSize(where, "obs/" + key, stream.values.size(), n * static_cast<std::size_t>(stream.dim),
               ns + " x " + std::to_string(stream.dim));
  }
  if (const auto& last = ep.finalObservation) {
    expectSize(where, "the final observation's image", last->image.size(), frameBytes,
               std::to_string(ep.imageHeight) + " x " + std::to_string(ep.imageWidth) + " x 3");
    if (last->lowDim.size() != ep.lowDim.size())
      throw Error(where + ": the final observation has " + std::to_string(last->lowDim.size()) +
                  " low-dim keys, obs/ has " + std::to_string(ep.lowDim.size()));
    for (const auto& [key, stream] : ep.lowDim) {
      const auto found = last->lowDim.find(key);
      if (found == last->lowDim.end()) throw Error(where + ": the final observation has no \"" + key + "\"");
      expectSize(where, "the final observation's " + key, found->second.size(),
                 static_cast<std::size_t>(stream.dim), std::to_string(stream.dim));
    }
  }
}

}  // namespace w4rl::data
