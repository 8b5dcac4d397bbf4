#include "pipeline/services/file_probe.h"

#include <torch/torch.h>

#include <fstream>

#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/gaussian_policy.h"
#include "learning/success_classifier.h"
#include "learning/world_model_config.h"

namespace w4rl::pipeline {
namespace {

bool isHdf5(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[8] = {};
  in.read(magic, 8);
  return in.gcount() == 8 && std::string(magic, 8) == std::string("\x89HDF\r\n\x1a\n", 8);
}

}  // namespace

std::string toString(FileKind kind) {
  switch (kind) {
    case FileKind::Dataset:
      return "dataset";
    case FileKind::WorldModel:
      return "world model";
    case FileKind::Policy:
      return "policy";
    case FileKind::Reward:
      return "reward classifier";
  }
  return "file";
}

FileProbe probeFile(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) throw Error(file.string() + ": no such file");
  FileProbe p;
  if (isHdf5(file)) {
    const auto dataset = data::Dataset::open({file});
    p.kind = FileKind::Dataset;
    std::string tasks;
    for (const auto& t : dataset.tasks()) tasks += (tasks.empty() ? "" : ", ") + t;
    p.task = dataset.tasks().empty() ? "" : dataset.tasks().front();
    p.description = std::to_string(dataset.size()) + " episodes, " + std::to_string(dataset.tasks().size()) +
                    (dataset.tasks().size() == 1 ? " task (" : " tasks (") + tasks + "), " +
                    std::to_string(dataset.imageHeight()) + "x" + std::to_string(dataset.imageWidth());
    return p;
  }
  const auto info = learning::readCheckpointInfo(file);  // throws naming the file when it is not one
  const std::string step = ", step " + std::to_string(info.step);
  if (info.kind == learning::kWorldModelKind) {
    const auto c = learning::WorldModelConfig::fromText(info.configText);
    p.kind = FileKind::WorldModel;
    std::string tasks;
    for (const auto& t : c.tasks) tasks += (tasks.empty() ? "" : ", ") + t;
    p.task = c.tasks.empty() ? "" : c.tasks.front();
    p.description = "world model for " + (tasks.empty() ? std::string("any task") : tasks) + ", " +
                    std::to_string(c.imageSize) + "x" + std::to_string(c.imageSize) + step;
  } else if (info.kind == learning::kPolicyKind) {
    const auto c = learning::PolicyConfig::fromText(info.configText);
    p.kind = FileKind::Policy;
    p.task = c.task;
    p.description = "policy for " + (c.task.empty() ? std::string("an unnamed task") : c.task) + step;
  } else if (info.kind == learning::kRewardKind) {
    const auto c = learning::RewardConfig::fromText(info.configText);
    p.kind = FileKind::Reward;
    p.task = c.task;
    p.description = "success classifier for " + c.task +
                    (c.validAuc >= 0 ? ", held-out AUC " + formatC("%.3f", c.validAuc) : "");
  } else {
    throw Error(file.string() + ": a checkpoint of unknown kind '" + info.kind + "'");
  }
  return p;
}

}  // namespace w4rl::pipeline
