#include "learning/checkpoint.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include "common/atomic_file.h"
#include "common/error.h"

namespace w4rl::learning {
namespace {

constexpr const char* kMagic = "world4rl-checkpoint-v1";

std::string readString(torch::serialize::InputArchive& archive, const std::string& key,
                       const std::filesystem::path& file) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isString())
    throw Error(file.string() + ": not a World4RL checkpoint (no '" + key + "' entry)");
  return value.toStringRef();
}

torch::serialize::InputArchive openArchive(const std::filesystem::path& file, const torch::Device& device) {
  if (!std::filesystem::exists(file)) throw Error(file.string() + ": no such checkpoint");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file.string(), device);
  } catch (const c10::Error& e) {
    throw Error(file.string() + ": not a readable checkpoint (foreign or truncated file): " +
                std::string(e.what_without_backtrace()).substr(0, 200));
  }
  return archive;
}

CheckpointInfo readInfo(torch::serialize::InputArchive& archive, const std::filesystem::path& file) {
  if (readString(archive, "magic", file) != kMagic)
    throw Error(file.string() + ": unknown checkpoint format");
  CheckpointInfo info;
  info.kind = readString(archive, "kind", file);
  info.configText = readString(archive, "config", file);
  info.trainText = readString(archive, "train", file);
  info.step = std::stoll(readString(archive, "step", file));
  info.bestValidLoss = std::stod(readString(archive, "best_valid_loss", file));
  return info;
}

}  // namespace

CheckpointInfo readCheckpointInfo(const std::filesystem::path& file) {
  auto archive = openArchive(file, torch::kCPU);
  return readInfo(archive, file);
}

void saveWorldModel(const std::filesystem::path& file, WorldModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info) {
  torch::serialize::OutputArchive archive;
  archive.write("magic", c10::IValue(std::string(kMagic)));
  archive.write("kind", c10::IValue(std::string(kWorldModelKind)));
  archive.write("config", c10::IValue(model->config().toText()));
  archive.write("train", c10::IValue(info.trainText));
  archive.write("step", c10::IValue(std::to_string(info.step)));
  archive.write("best_valid_loss", c10::IValue(std::to_string(info.bestValidLoss)));
  torch::serialize::OutputArchive weights;
  model->save(weights);
  archive.write("model", weights);
  if (optimizer) {
    torch::serialize::OutputArchive state;
    optimizer->save(state);
    archive.write("optimizer", state);
  }
  AtomicFile out(file);
  try {
    archive.save_to(out.tempPath().string());
  } catch (const c10::Error& e) {
    throw Error("cannot write checkpoint " + file.string() + ": " + e.what_without_backtrace());
  }
  out.commit();
}

LoadedWorldModel loadWorldModel(const std::filesystem::path& file, const torch::Device& device) {
  auto archive = openArchive(file, device);
  LoadedWorldModel loaded;
  loaded.info = readInfo(archive, file);
  if (loaded.info.kind != kWorldModelKind)
    throw Error(file.string() + ": a " + loaded.info.kind + " checkpoint, not a world model");
  loaded.model = WorldModel(WorldModelConfig::fromText(loaded.info.configText));
  try {
    torch::serialize::InputArchive weights;
    archive.read("model", weights);
    loaded.model->load(weights);
    loaded.model->to(device);
  } catch (const c10::Error& e) {
    throw Error(file.string() + ": weights do not match the stored config: " +
                std::string(e.what_without_backtrace()).substr(0, 200));
  }
  return loaded;
}

}  // namespace w4rl::learning

namespace w4rl::learning {

void loadOptimizerState(const std::filesystem::path& file, torch::optim::Optimizer& optimizer,
                        const torch::Device& device) {
  auto archive = openArchive(file, device);
  torch::serialize::InputArchive state;
  if (!archive.try_read("optimizer", state)) throw Error(file.string() + ": holds no optimiser state");
  try {
    optimizer.load(state);
  } catch (const c10::Error& e) {
    throw Error(file.string() + ": optimiser state does not fit the model: " +
                std::string(e.what_without_backtrace()).substr(0, 200));
  }
}

}  // namespace w4rl::learning
