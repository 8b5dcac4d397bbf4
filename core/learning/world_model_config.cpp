#include "learning/world_model_config.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <sstream>

#include "common/error.h"
#include "learning/config_values.h"

namespace w4rl::learning {
namespace {

using config::trim;

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

const SettingTable<WorldModelConfig>& WorldModelConfig::table() {
  using S = WorldModelConfig;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    const auto none = [](const S&) {};
    // An EDM parameter (a member of S::edm).
    const auto edm = [&d, none](const std::string& key, double EdmParams::*member,
                                const std::string& meaning) {
      d.custom(
          key, [key, member](S& s, const std::string& v) { s.edm.*member = config::toDouble(key, v); },
          [member](const S& s) { return numberText(s.edm.*member); }, none, meaning);
    };
    d.integer("image_size", &S::imageSize, 8, 1024, "frame height and width")
        .integer("context_frames", &S::contextFrames, 1, 32,
                 "L, past frames and actions conditioning each prediction")
        .integer("action_dim", &S::actionDim, 1, kMany, "action dimensions")
        .custom(
            "tasks", [](S& s, const std::string& v) { s.tasks = toList(v); },
            [](const S& s) { return listText(s.tasks); }, none, "task names; the task embedding indexes them")
        .custom(
            "action_encoding",
            [](S& s, const std::string& v) { s.actionEncoding = actionEncodingFromString(v); },
            [](const S& s) { return toString(s.actionEncoding); }, none,
            "`two-hot` (the paper's Eq. 5), `one-hot` or `linear`", true)
        .integer("action_bins", &S::actionBins, 1, kMany, "K, bins per action dimension")
        .flag("task_embedding", &S::taskEmbedding, "learn a task embedding when the data has several tasks")
        .custom(
            "channels", [](S& s, const std::string& v) { s.channels = toIntList("channels", v); },
            [](const S& s) { return listText(s.channels); },
            [](const S& s) {
              if (s.channels.empty() || s.channels.size() > 6)
                throw Error("channels must list 1 to 6 levels");
              for (int c : s.channels)
                if (c < 8 || c > 2048 || c % 8 != 0)
                  throw Error("every channels entry must be a multiple of 8 from 8 to 2048");
            },
            "U-Net channels per resolution level")
        .integer("blocks_per_level", &S::blocksPerLevel, 1, 8, "residual blocks per level")
        .positiveList("attention_resolutions", &S::attentionResolutions, 0,
                      "self-attention at these resolutions")
        .integer("cond_dim", &S::condDim, 8, kMany, "conditioning vector size");
    edm("sigma_data", &EdmParams::sigmaData, "EDM's data standard deviation");
    edm("p_mean", &EdmParams::pMean, "mean of the log-normal training noise");
    edm("p_std", &EdmParams::pStd, "standard deviation of the log-normal training noise");
    edm("sigma_min", &EdmParams::sigmaMin, "lowest noise level of the sampling schedule");
    edm("sigma_max", &EdmParams::sigmaMax, "highest noise level of the sampling schedule");
    edm("rho", &EdmParams::rho, "Karras schedule exponent");
    d.custom(
         "sampler", [](S& s, const std::string& v) { s.sampler = samplerKindFromString(v); },
         [](const S& s) { return toString(s.sampler); }, none, "`euler` or `heun`", true)
        .integer("sampler_steps", &S::samplerSteps, 1, 1000, "denoising steps per frame")
        // Frames lie in [-1, 1]: a noise level of 2 already hides them completely.
        .real("context_noise_max", &S::contextNoiseMax, Interval::closed(0, 2),
              "highest noise level of the context augmentation (0: off)")
        .integer("context_noise_buckets", &S::contextNoiseBuckets, 2, 100,
                 "levels of the context augmentation");
    return d;
  }();
  return t;
}

void WorldModelConfig::set(const std::string& key, const std::string& value) {
  if (!table().set(*this, key, value)) throw Error("unknown world-model config key '" + key + "'");
}

std::map<std::string, std::string> WorldModelConfig::toMap() const {
  return table().values(*this);
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
  table().check(*this);
  const int downsample = 1 << (channels.size() - 1);
  if (imageSize % downsample != 0)
    throw Error("image_size " + std::to_string(imageSize) +
                " is not divisible by 2^(levels-1) = " + std::to_string(downsample));
  if (!(edm.sigmaMin > 0 && edm.sigmaMax > edm.sigmaMin)) throw Error("need 0 < sigma_min < sigma_max");
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
