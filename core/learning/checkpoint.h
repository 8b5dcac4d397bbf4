#pragma once
// Self-describing checkpoints: a kind ("world_model", "policy", "reward"), the full model config, the
// training settings, the step, named modules and named optimiser states. A checkpoint loads without its
// config file or dataset. Written to a temporary file and renamed, so a crash never leaves a half-written
// checkpoint.
#include <torch/nn.h>
#include <torch/optim.h>
#include <torch/serialize/output-archive.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "learning/world_model.h"

namespace w4rl::learning {

constexpr const char* kWorldModelKind = "world_model";
constexpr const char* kPolicyKind = "policy";
constexpr const char* kRewardKind = "reward";

struct CheckpointInfo {
  std::string kind;
  std::int64_t step = 0;
  double bestValidLoss = 0.0;
  std::string configText;  // the model config ("key: value" lines)
  std::string trainText;   // the training settings, for the record
};

// Reads only the header fields; throws w4rl::Error naming the file if it is not a World4RL checkpoint.
CheckpointInfo readCheckpointInfo(const std::filesystem::path& file);

struct CheckpointContents {
  CheckpointInfo info;  // info.kind and info.configText must be set
  std::vector<std::pair<std::string, torch::nn::Module*>> modules;
  std::vector<std::pair<std::string, torch::optim::Optimizer*>> optimizers;
};
// Atomic: the file appears complete or not at all. A file named *.safetensors is written in that format
// (weights only: optimisers are refused), which CheckpointReader and every loader read like our own.
// Throws w4rl::Error naming the file.
void writeCheckpoint(const std::filesystem::path& file, const CheckpointContents& contents);
// Writes `archive` to `file` through a temporary file and a rename. A failed write (no space left, an I/O
// error) throws w4rl::Error naming `what` and the file, leaves the previous file as it was and removes the
// temporary.
void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::filesystem::path& file,
                           const std::string& what);

// Opens a checkpoint, our LibTorch archive or its .safetensors form (told apart by content), and checks
// its kind (an empty expectedKind accepts any). Errors name the file.
class CheckpointReader {
 public:
  CheckpointReader(const std::filesystem::path& file, const torch::Device& device,
                   const std::string& expectedKind);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  const CheckpointInfo& info() const { return info_; }
  // Runs `build` (which reads info().configText and builds the module from it); a w4rl::Error it throws,
  // an invalid value in the stored config, is given the file's name.
  template <class Build>
  auto fromStoredConfig(Build&& build) const -> decltype(build()) {
    try {
      return build();
    } catch (const Error& e) {
      throw Error(file_.string() + ": its stored config: " + e.what());
    }
  }
  bool hasModule(const std::string& name);
  bool hasOptimizer(const std::string& name);
  // Loads weights into `module` (built from info().configText) and moves it to the device.
  void readModule(const std::string& name, torch::nn::Module& module);
  void readOptimizer(const std::string& name, torch::optim::Optimizer& optimizer);

 private:
  void readSafetensorsModule(const std::string& name, torch::nn::Module& module);
  struct Archive;
  std::filesystem::path file_;
  torch::Device device_;
  std::unique_ptr<Archive> archive_;
  CheckpointInfo info_;
};

void saveWorldModel(const std::filesystem::path& file, WorldModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info);

struct LoadedWorldModel {
  WorldModel model{nullptr};
  CheckpointInfo info;
};
// Loads onto `device`. Throws w4rl::Error for a foreign, truncated or other-kind file.
LoadedWorldModel loadWorldModel(const std::filesystem::path& file, const torch::Device& device);
// Restores the optimiser state saved with the checkpoint into `optimizer`, which must have been built
// over the loaded model's parameters.
void loadOptimizerState(const std::filesystem::path& file, torch::optim::Optimizer& optimizer,
                        const torch::Device& device);

}  // namespace w4rl::learning
