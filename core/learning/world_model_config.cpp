#include "learning/world_model_config.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/error.h"
#include "learning/config_values.h"

namespace w4rl::learning {
namespace {

using config::toBool;
using config::toDouble;
using config::trim;
using config::unquote;

int toInt(const std::string& key, const std::string& v) {
  return static_cast<int>(config::toInt(key, v));
}
std::vector<std::string> toList(const std::string& v) {
  return config::toList("tasks", v);
}
using config::toIntList;

using config::listText;
using config::numberText;

}  // namespace

std::string toString(SamplerKind kind) {
  return kind == SamplerKind::Heun ? "heun" : "euler";
}

SamplerKind samplerKindFromString(const std::string& name) {
  if (name == "euler") return SamplerKind::Euler;
  if (name == "heun") return SamplerKind::Heun;
  throw Error("sampler must be euler or heun, not '" + name + "'");
}

WorldModelConfig WorldModelConfig::cpuDefault() {
  return {};
}

WorldModelConfig WorldModelConfig::gpuPreset() {
  WorldModelConfig c;
  c.channels = {64, 128, 256, 256};
  c.blocksPerLevel = 2;
  c.attentionResolutions = {16, 8};
  c.condDim = 256;
  return c;
}

void WorldModelConfig::set(const std::string& key, const std::string& raw) {
  const std::string v = unquote(trim(raw));
  if (key == "image_size")
    imageSize = toInt(key, v);
  else if (key == "context_frames")
    contextFrames = toInt(key, v);
  else if (key == "action_dim")
    actionDim = toInt(key, v);
  else if (key == "tasks")
    tasks = toList(v);
  else if (key == "action_encoding")
    actionEncoding = actionEncodingFromString(v);
  else if (key == "action_bins")
    actionBins = toInt(key, v);
  else if (key == "task_embedding")
    taskEmbedding = toBool(key, v);
  else if (key == "channels")
    channels = toIntList(key, v);
  else if (key == "blocks_per_level")
    blocksPerLevel = toInt(key, v);
  else if (key == "attention_resolutions")
    attentionResolutions = toIntList(key, v);
  else if (key == "cond_dim")
    condDim = toInt(key, v);
  else if (key == "sigma_data")
    edm.sigmaData = toDouble(key, v);
  else if (key == "p_mean")
    edm.pMean = toDouble(key, v);
  else if (key == "p_std")
    edm.pStd = toDouble(key, v);
  else if (key == "sigma_min")
    edm.sigmaMin = toDouble(key, v);
  else if (key == "sigma_max")
    edm.sigmaMax = toDouble(key, v);
  else if (key == "rho")
    edm.rho = toDouble(key, v);
  else if (key == "sampler")
    sampler = samplerKindFromString(v);
  else if (key == "sampler_steps")
    samplerSteps = toInt(key, v);
  else if (key == "context_noise_max")
    contextNoiseMax = toDouble(key, v);
  else if (key == "context_noise_buckets")
    contextNoiseBuckets = toInt(key, v);
  else
    throw Error("unknown world-model config key '" + key + "'");
}

std::map<std::string, std::string> WorldModelConfig::toMap() const {
  return {{"image_size", std::to_string(imageSize)},
          {"context_frames", std::to_string(contextFrames)},
          {"action_dim", std::to_string(actionDim)},
          {"tasks", listText(tasks)},
          {"action_encoding", toString(actionEncoding)},
          {"action_bins", std::to_string(actionBins)},
          {"task_embedding", taskEmbedding ? "true" : "false"},
          {"channels", listText(channels)},
          {"blocks_per_level", std::to_string(blocksPerLevel)},
          {"attention_resolutions", listText(attentionResolutions)},
          {"cond_dim", std::to_string(condDim)},
          {"sigma_data", numberText(edm.sigmaData)},
          {"p_mean", numberText(edm.pMean)},
          {"p_std", numberText(edm.pStd)},
          {"sigma_min", numberText(edm.sigmaMin)},
          {"sigma_max", numberText(edm.sigmaMax)},
          {"rho", numberText(edm.rho)},
          {"sampler", toString(sampler)},
          {"sampler_steps", std::to_string(samplerSteps)},
          {"context_noise_max", numberText(contextNoiseMax)},
          {"context_noise_buckets", std::to_string(contextNoiseBuckets)}};
}

WorldModelConfig WorldModelConfig::fromMap(const std::map<std::string, std::string>& values) {
  WorldModelConfig c;
  for (const auto& [k, v] : values) c.set(k, v);
  return c;
}

std::string WorldModelConfig::toText() const {
  return config::mapText(toMap());
}

WorldModelConfig WorldModelConfig::fromText(const std::string& text) {
  return fromMap(parseFlatConfig(text, "world-model config"));
}

void WorldModelConfig::validate() const {
  if (imageSize < 8 || imageSize > 1024) throw Error("image_size must be from 8 to 1024");
  if (contextFrames < 1 || contextFrames > 32) throw Error("context_frames must be from 1 to 32");
  if (channels.empty() || channels.size() > 6) throw Error("channels must list 1 to 6 levels");
  for (int c : channels)
    if (c < 8 || c > 2048 || c % 8 != 0)
      throw Error("every channels entry must be a multiple of 8 from 8 to 2048");
  const int downsample = 1 << (channels.size() - 1);
  if (imageSize % downsample != 0)
    throw Error("image_size " + std::to_string(imageSize) +
                " is not divisible by 2^(levels-1) = " + std::to_string(downsample));
  if (blocksPerLevel < 1 || blocksPerLevel > 8) throw Error("blocks_per_level must be from 1 to 8");
  if (condDim < 8) throw Error("cond_dim must be at least 8");
  if (samplerSteps < 1 || samplerSteps > 1000) throw Error("sampler_steps must be from 1 to 1000");
  if (!(edm.sigmaMin > 0 && edm.sigmaMax > edm.sigmaMin)) throw Error("need 0 < sigma_min < sigma_max");
  // Frames lie in [-1, 1]: a noise level of 2 already hides them completely.
  if (!(contextNoiseMax >= 0 && contextNoiseMax <= 2)) throw Error("context_noise_max must be from 0 to 2");
  if (contextNoiseBuckets < 2 || contextNoiseBuckets > 100)
    throw Error("context_noise_buckets must be from 2 to 100");
  ActionEncoder(actionEncoding, actionDim, actionBins);  // validates the encoding settings
}

std::map<std::string, std::string> parseFlatConfig(const std::string& text, const std::string& origin) {
  std::map<std::string, std::string> out;
  std::map<std::string, int> lineOf;
  std::stringstream stream(text);
  std::string line;
  int number = 0;
  while (std::getline(stream, line)) {
    ++number;
    // Editors on Windows start a UTF-8 file with a byte-order mark; it is not part of the first key.
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    const std::string where = origin + " line " + std::to_string(number);
    // A '#' starts a comment unless it sits inside quotes (task names never contain one).
    const auto hash = line.find('#');
    const std::string content = trim(hash == std::string::npos ? line : line.substr(0, hash));
    if (content.empty() || content == "---") continue;
    // Indentation is YAML nesting, which a flat config does not have: "world_model:\n  steps: 5" would
    // otherwise silently become two unrelated keys.
    if (line.front() == ' ' || line.front() == '\t')
      throw Error(
          where + ": indented ('" + content +
          "'); a flat config holds one 'key: value' per line, without nesting (write stage.key: value)");
    const auto colon = content.find(':');
    if (colon == std::string::npos || colon == 0)
      throw Error(where + ": expected 'key: value', got '" + content + "'");
    const std::string key = trim(content.substr(0, colon));
    if (const auto seen = lineOf.find(key); seen != lineOf.end())
      throw Error(where + ": '" + key + "' is given twice (first on line " + std::to_string(seen->second) +
                  ")");
    lineOf[key] = number;
    out[key] = trim(content.substr(colon + 1));
  }
  return out;
}

}  // namespace w4rl::learning
