#pragma once
// Everything that defines a world model: data facts (image size, action dimension, tasks), architecture,
// action encoding, EDM and sampler settings. Stored inside every checkpoint so a checkpoint loads without
// its config file or dataset. Serialised as flat "key: value" lines (the YAML subset the CLI reads), so
// the learning library needs nothing but LibTorch.
#include <map>
#include <string>
#include <vector>

#include "learning/action_encoding.h"
#include "learning/edm.h"
#include "learning/setting_table.h"

namespace w4rl::learning {

enum class SamplerKind { Euler, Heun };

struct WorldModelConfig {
  // Data facts.
  int imageSize = 64;
  int contextFrames = 4;  // L: frames and actions conditioning each prediction
  int actionDim = 4;
  std::vector<std::string> tasks;  // task names; the task embedding indexes this list
  // Conditioning.
  ActionEncoding actionEncoding = ActionEncoding::TwoHot;
  int actionBins = 21;
  bool taskEmbedding = true;  // only used when there is more than one task
  // U-Net.
  // Per resolution level, highest resolution first. The CPU default is sized so that 3 Euler steps at
  // batch 1 imagine >= 30 frames/s on 2 cores (bench_world_model).
  std::vector<int> channels{16, 32, 64};
  int blocksPerLevel = 1;
  std::vector<int> attentionResolutions{};  // e.g. {16}: self-attention at 16x16
  int condDim = 128;
  // EDM and sampler.
  EdmParams edm;
  SamplerKind sampler = SamplerKind::Euler;
  int samplerSteps = 3;
  // Noise augmentation of the context frames in training (as GameNGen): each sample's context frames get
  // Gaussian noise of a level drawn from contextNoiseBuckets equal steps over [0, contextNoiseMax], and the
  // network is given the step, so the slightly wrong frames of its own rollouts look like training
  // inputs. Imagination takes its context as clean (step 0). 0 turns it off (no extra weights).
  double contextNoiseMax = 0.0;
  int contextNoiseBuckets = 10;

  // The small CPU default and the larger GPU preset.
  static WorldModelConfig cpuDefault();
  static WorldModelConfig gpuPreset();

  // Every key, declared once (world_model_config.cpp).
  static const SettingTable<WorldModelConfig>& table();
  // Sets one field from text, e.g. ("channels", "[32, 64, 64]"); throws w4rl::Error naming the key.
  void set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> toMap() const;
  static WorldModelConfig fromMap(const std::map<std::string, std::string>& values);
  std::string toText() const;  // "key: value" lines
  static WorldModelConfig fromText(const std::string& text);
  // Throws w4rl::Error describing the first inconsistency.
  void validate() const;
  int numTaskEmbeddings() const {
    return taskEmbedding && tasks.size() > 1 ? static_cast<int>(tasks.size()) : 0;
  }
};

std::string toString(SamplerKind kind);
SamplerKind samplerKindFromString(const std::string& name);

// Parses "key: value" lines (comments with #, blank lines ignored) into a map; the YAML subset used by
// config files. Throws w4rl::Error naming the line.
std::map<std::string, std::string> parseFlatConfig(const std::string& text, const std::string& origin);

}  // namespace w4rl::learning
