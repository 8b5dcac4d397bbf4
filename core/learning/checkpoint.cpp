#include "learning/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include <torch/serialize.h>
#include <torch/torch.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "common/zip_integrity.h"
#include "learning/safetensors_io.h"

namespace w4rl::learning {
namespace {

constexpr const char* kMagic = "world4rl-checkpoint-v1";

std::string shortWhat(const c10::Error& e) {
  return std::string(e.what_without_backtrace()).substr(0, 200);
}

std::string readString(torch::serialize::InputArchive& archive, const std::string& key,
                       const std::filesystem::path& file) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isString())
    throw Error(file.string() + ": not a World4RL checkpoint (no '" + key + "' entry)");
  return value.toStringRef();
}

// The header fields, each read by `field` (which throws naming the file when one is missing): entries of
// our archive, or the metadata of a .safetensors checkpoint.
template <class Field>
CheckpointInfo infoFrom(Field&& field, const std::filesystem::path& file) {
  if (field("magic") != kMagic) throw Error(file.string() + ": unknown checkpoint format");
  CheckpointInfo info;
  info.kind = field("kind");
  info.configText = field("config");
  info.trainText = field("train");
  const std::string step = field("step");
  const std::string loss = field("best_valid_loss");
  const auto stepValue = parseInt(step);
  const auto lossValue = parseDouble(loss);
  if (!stepValue) throw Error(file.string() + ": checkpoint entry 'step' is not an integer: '" + step + "'");
  if (!lossValue)
    throw Error(file.string() + ": checkpoint entry 'best_valid_loss' is not a number: '" + loss + "'");
  info.step = *stepValue;
  info.bestValidLoss = *lossValue;
  return info;
}

// A weights-only checkpoint as safetensors: the header fields as metadata (beside "format"), each config
// line also as "config.<key>" so a reader finds the tasks and the action encoding without parsing, and
// the tensors named "<module>.<parameter or buffer>".
bool isSafetensorsPath(const std::filesystem::path& file) {
  return file.extension() == ".safetensors";
}

std::string metadataValue(const std::map<std::string, std::string>& metadata, const std::string& key,
                          const std::filesystem::path& file) {
  const auto it = metadata.find(key);
  if (it == metadata.end())
    throw Error(file.string() + ": not a World4RL checkpoint (its safetensors metadata has no '" + key +
                "')");
  return it->second;
}

void writeSafetensorsCheckpoint(const std::filesystem::path& file, const CheckpointContents& contents) {
  const auto& info = contents.info;
  if (!contents.optimizers.empty())
    throw Error("cannot write " + file.string() +
                ": a .safetensors checkpoint holds weights only, no optimiser "
                "state (save a .pt to resume training)");
  SafetensorsContents out;
  out.metadata = {{"format", kMagic},
                  {"kind", info.kind},
                  {"config", info.configText},
                  {"train", info.trainText},
                  {"step", std::to_string(info.step)},
                  {"best_valid_loss", formatDouble(info.bestValidLoss)}};
  std::size_t start = 0;
  while (start < info.configText.size()) {
    std::size_t end = info.configText.find('\n', start);
    if (end == std::string::npos) end = info.configText.size();
    const std::string line = info.configText.substr(start, end - start);
    if (const auto colon = line.find(": "); colon != std::string::npos && colon > 0)
      out.metadata.emplace_back("config." + line.substr(0, colon), line.substr(colon + 2));
    start = end + 1;
  }
  for (const auto& [name, module] : contents.modules) {
    for (const auto& item : module->named_parameters())
      out.tensors.emplace_back(name + "." + item.key(), item.value());
    for (const auto& item : module->named_buffers())
      out.tensors.emplace_back(name + "." + item.key(), item.value());
  }
  writeSafetensors(file, out);
}

std::string shapeText(const std::vector<std::int64_t>& sizes) {
  std::string out = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) out += (i ? ", " : "") + std::to_string(sizes[i]);
  return out + "]";
}

std::string kindNoun(const std::string& kind) {
  if (kind == kWorldModelKind) return "a world model";
  if (kind == kPolicyKind) return "a policy";
  if (kind == kRewardKind) return "a reward classifier";
  return "a '" + kind + "' checkpoint";
}

}  // namespace

struct CheckpointReader::Archive {
  torch::serialize::InputArchive archive;
  bool safetensors = false;
  std::map<std::string, torch::Tensor> tensors;  // of a .safetensors checkpoint, by "<module>.<key>"
};

CheckpointReader::CheckpointReader(const std::filesystem::path& file, const torch::Device& device,
                                   const std::string& expectedKind)
    : file_(file), device_(device), archive_(std::make_unique<Archive>()) {
  if (!std::filesystem::exists(file)) throw Error(file.string() + ": no such checkpoint");
  if (looksLikeSafetensors(file)) {
    SafetensorsContents contents = readSafetensors(file);
    const std::map<std::string, std::string> metadata(contents.metadata.begin(), contents.metadata.end());
    // The archive's "magic" entry is the metadata's "format".
    info_ = infoFrom(
        [&](const std::string& key) {
          return metadataValue(metadata, key == "magic" ? "format" : key, file);
        },
        file);
    archive_->safetensors = true;
    for (auto& [name, tensor] : contents.tensors) archive_->tensors.emplace(name, std::move(tensor));
  } else {
    verifyZipArchive(file);  // LibTorch itself reads damaged records without complaint
    try {
      archive_->archive.load_from(file.string(), device);
    } catch (const c10::Error& e) {
      throw Error(file.string() + ": not a readable checkpoint (foreign or truncated file): " + shortWhat(e));
    }
    info_ = infoFrom([&](const std::string& key) { return readString(archive_->archive, key, file); }, file);
  }
  if (!expectedKind.empty() && info_.kind != expectedKind)
    throw Error(file.string() + ": " + kindNoun(info_.kind) + " checkpoint, not " + kindNoun(expectedKind));
}

CheckpointReader::~CheckpointReader() = default;

bool CheckpointReader::hasModule(const std::string& name) {
  if (archive_->safetensors) {
    const auto it = archive_->tensors.lower_bound(name + ".");
    return it != archive_->tensors.end() && it->first.compare(0, name.size() + 1, name + ".") == 0;
  }
  torch::serialize::InputArchive sub;
  return archive_->archive.try_read(name, sub);
}

bool CheckpointReader::hasOptimizer(const std::string& name) {
  return !archive_->safetensors && hasModule(name);
}

void CheckpointReader::readSafetensorsModule(const std::string& name, torch::nn::Module& module) {
  if (!hasModule(name)) throw Error(file_.string() + ": holds no '" + name + "' weights");
  const std::string prefix = name + ".";
  auto targets = module.named_parameters();
  for (const auto& item : module.named_buffers()) targets.insert(item.key(), item.value());
  torch::NoGradGuard noGrad;
  for (auto& item : targets) {
    const auto it = archive_->tensors.find(prefix + item.key());
    if (it == archive_->tensors.end())
      throw Error(file_.string() + ": '" + name + "' weight '" + item.key() +
                  "' is missing but the stored config has it");
    const torch::Tensor& stored = it->second;
    if (stored.sizes() != item.value().sizes())
      throw Error(file_.string() + ": '" + name + "' weight '" + item.key() + "' is " +
                  shapeText(stored.sizes().vec()) + " but the stored config makes it " +
                  shapeText(item.value().sizes().vec()));
    if (stored.is_floating_point() && !torch::isfinite(stored).all().item<bool>())
      throw Error(file_.string() + ": '" + name + "' weight '" + item.key() +
                  "' holds NaN or infinite values (saved from a diverged training?)");
    if (stored.is_floating_point() != item.value().is_floating_point())
      throw Error(file_.string() + ": '" + name + "' weight '" + item.key() + "' has the wrong type");
    item.value().copy_(stored);
  }
  for (auto it = archive_->tensors.lower_bound(prefix);
       it != archive_->tensors.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    if (targets.find(it->first.substr(prefix.size())) == nullptr)
      throw Error(file_.string() + ": '" + name + "' weight '" + it->first.substr(prefix.size()) +
                  "' is not in the model its stored config makes");
  module.to(device_);
}

void CheckpointReader::readModule(const std::string& name, torch::nn::Module& module) {
  if (archive_->safetensors) return readSafetensorsModule(name, module);
  torch::serialize::InputArchive sub;
  if (!archive_->archive.try_read(name, sub))
    throw Error(file_.string() + ": holds no '" + name + "' weights");
  // Module::load replaces each tensor by the stored one whatever its shape, so a config that disagrees
  // with the weights would go unnoticed until some later operation failed (or silently broadcast).
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> expected;
  for (const auto& item : module.named_parameters())
    expected.emplace_back(item.key(), item.value().sizes().vec());
  for (const auto& item : module.named_buffers())
    expected.emplace_back(item.key(), item.value().sizes().vec());
  try {
    module.load(sub);
    module.to(device_);
  } catch (const c10::Error& e) {
    throw Error(file_.string() + ": '" + name + "' weights do not match the stored config: " + shortWhat(e));
  }
  auto loaded = module.named_parameters();
  for (const auto& item : module.named_buffers()) loaded.insert(item.key(), item.value());
  for (const auto& [key, sizes] : expected) {
    const auto* tensor = loaded.find(key);
    if (tensor == nullptr || tensor->sizes().vec() != sizes)
      throw Error(file_.string() + ": '" + name + "' weight '" + key + "' is " +
                  (tensor == nullptr ? std::string("missing") : shapeText(tensor->sizes().vec())) +
                  " but the stored config makes it " + shapeText(sizes));
    // A diverged training saved NaN weights (or a damaged file holds them with valid CRCs): every later
    // result would be NaN, or an index computed from one.
    if (tensor->is_floating_point() && !torch::isfinite(*tensor).all().item<bool>())
      throw Error(file_.string() + ": '" + name + "' weight '" + key +
                  "' holds NaN or infinite values (saved from a diverged training?)");
  }
}

void CheckpointReader::readOptimizer(const std::string& name, torch::optim::Optimizer& optimizer) {
  if (archive_->safetensors)
    throw Error(file_.string() + ": holds no '" + name +
                "' optimiser state (a .safetensors checkpoint holds weights only)");
  torch::serialize::InputArchive state;
  if (!archive_->archive.try_read(name, state))
    throw Error(file_.string() + ": holds no '" + name + "' optimiser state");
  try {
    optimizer.load(state);
  } catch (const c10::Error& e) {
    throw Error(file_.string() + ": optimiser state '" + name + "' does not fit the model: " + shortWhat(e));
  }
}

CheckpointInfo readCheckpointInfo(const std::filesystem::path& file) {
  return CheckpointReader(file, torch::kCPU, "").info();
}

void writeCheckpoint(const std::filesystem::path& file, const CheckpointContents& contents) {
  const auto& info = contents.info;
  if (info.kind.empty()) throw Error("checkpoint " + file.string() + " has no kind");
  if (isSafetensorsPath(file)) return writeSafetensorsCheckpoint(file, contents);
  torch::serialize::OutputArchive archive;
  archive.write("magic", c10::IValue(std::string(kMagic)));
  archive.write("kind", c10::IValue(info.kind));
  archive.write("config", c10::IValue(info.configText));
  archive.write("train", c10::IValue(info.trainText));
  archive.write("step", c10::IValue(std::to_string(info.step)));
  archive.write("best_valid_loss", c10::IValue(formatDouble(info.bestValidLoss)));
  for (const auto& [name, module] : contents.modules) {
    torch::serialize::OutputArchive sub;
    module->save(sub);
    archive.write(name, sub);
  }
  for (const auto& [name, optimizer] : contents.optimizers) {
    torch::serialize::OutputArchive sub;
    optimizer->save(sub);
    archive.write(name, sub);
  }
  saveArchiveAtomically(archive, file, "checkpoint");
}

void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::filesystem::path& file,
                           const std::string& what) {
  AtomicFile out(file);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(out.tempPath().c_str(), "wb"),
                                                         std::fclose);
  if (!stream) throw Error("cannot write " + what + " " + file.string() + ": " + std::strerror(errno));
  // LibTorch's archive writer checks the count each write returns and, when one falls short, throws from
  // its destructor, which terminates the program (a full disk ended every training that way). So every
  // write reports success, the first failure is kept, and it is reported once the archive is done.
  int failure = 0;
  try {
    archive.save_to([&](const void* data, std::size_t n) -> std::size_t {
      if (failure == 0 && std::fwrite(data, 1, n, stream.get()) != n) failure = errno != 0 ? errno : EIO;
      return n;
    });
  } catch (const c10::Error& e) {
    throw Error("cannot write " + what + " " + file.string() + ": " + e.what_without_backtrace());
  }
  if (std::fflush(stream.get()) != 0 && failure == 0) failure = errno != 0 ? errno : EIO;
  if (std::fclose(stream.release()) != 0 && failure == 0) failure = errno != 0 ? errno : EIO;
  if (failure != 0)
    throw Error("cannot write " + what + " " + file.string() + ": " + std::strerror(failure) +
                " (the previous file, if any, is unchanged)");
  out.commit();
}

void saveWorldModel(const std::filesystem::path& file, WorldModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info) {
  CheckpointContents contents;
  contents.info = info;
  contents.info.kind = kWorldModelKind;
  contents.info.configText = model->config().toText();
  contents.modules = {{"model", model.ptr().get()}};
  if (optimizer) contents.optimizers = {{"optimizer", optimizer}};
  writeCheckpoint(file, contents);
}

LoadedWorldModel loadWorldModel(const std::filesystem::path& file, const torch::Device& device) {
  CheckpointReader reader(file, device, kWorldModelKind);
  LoadedWorldModel loaded;
  loaded.info = reader.info();
  loaded.model =
      reader.fromStoredConfig([&] { return WorldModel(WorldModelConfig::fromText(loaded.info.configText)); });
  reader.readModule("model", *loaded.model);
  return loaded;
}

void loadOptimizerState(const std::filesystem::path& file, torch::optim::Optimizer& optimizer,
                        const torch::Device& device) {
  CheckpointReader(file, device, "").readOptimizer("optimizer", optimizer);
}

}  // namespace w4rl::learning
