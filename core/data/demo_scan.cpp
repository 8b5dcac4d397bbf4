#include "data/demo_scan.h"

#include <algorithm>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "data/dataset_limits.h"
#include "data/demo_names.h"
#include "data/h5_read.h"

namespace w4rl::data {
namespace {

std::string str(hsize_t v) {
  return std::to_string(v);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// Parses a JSON string attribute of /data; a missing or unparsable attribute is simply absent, since
// these only supply a fallback task name.
std::optional<nlohmann::json> jsonAttribute(const h5::File& file, const std::string& name) {
  const std::optional<std::string> text = h5::stringAttribute(file, "/data", name);
  if (!text) return std::nullopt;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

// Checks a per-step dataset: present, numeric, the expected rank, and N rows.
h5::DatasetInfo expectSteps(const h5::File& file, const std::string& path, std::size_t rank, hsize_t n) {
  const h5::DatasetInfo info = h5::describe(file, path);
  if (info.rank() != rank) {
    file.fail(path,
              "expected a " + std::to_string(rank) + "-D dataset, found rank " + std::to_string(info.rank()));
  }
  if (!info.isNumeric()) file.fail(path, "expected numbers, found " + info.describeType());
  if (info.dims[0] != n) file.fail(path, "has " + str(info.dims[0]) + " steps, but actions has " + str(n));
  return info;
}

struct Masks {
  bool present = false;
  std::optional<std::set<std::string>> train;
  std::optional<std::set<std::string>> valid;
};

Masks readMasks(const h5::File& file) {
  Masks masks;
  for (const char* name : {"train", "valid"}) {
    const std::string path = std::string("/mask/") + name;
    if (!h5::isDataset(file, path)) continue;
    const std::vector<std::string> names = h5::readStrings(file, path);
    (std::string(name) == "train" ? masks.train : masks.valid) =
        std::set<std::string>(names.begin(), names.end());
    masks.present = true;
  }
  return masks;
}

void scanImage(const h5::File& file, const std::string& group, const ReadOptions& options, hsize_t n,
               DemoLayout& layout) {
  const std::string path = group + "/obs/" + options.imageKey;
  if (!h5::isDataset(file, path)) {
    std::vector<std::string> keys;
    if (h5::isGroup(file, group + "/obs")) keys = h5::childNames(file, group + "/obs");
    file.fail(path, "missing image dataset; available obs keys: " + joined(keys));
  }
  const h5::DatasetInfo image = h5::describe(file, path);
  if (image.rank() != 4) {
    file.fail(path, "expected a 4-D dataset (N, H, W, 3), found rank " + std::to_string(image.rank()));
  }
  if (image.dims[3] != 3) file.fail(path, "expected 3 color channels, found " + str(image.dims[3]));
  if (!image.isUint8()) file.fail(path, "expected uint8 pixels, found " + image.describeType());
  if (image.dims[0] != n) file.fail(path, "has " + str(image.dims[0]) + " frames, but actions has " + str(n));
  const auto side = static_cast<hsize_t>(limits::kMaxImageSide);
  if (image.dims[1] < 1 || image.dims[2] < 1 || image.dims[1] > side || image.dims[2] > side) {
    file.fail(path,
              "image size " + str(image.dims[1]) + "x" + str(image.dims[2]) + " is outside 1.." + str(side));
  }
  layout.imageHeight = static_cast<int>(image.dims[1]);
  layout.imageWidth = static_cast<int>(image.dims[2]);
}

// Numeric rank-1/2 obs datasets are low-dim streams; other ranks (further cameras) and non-numeric
// entries are not, and are left alone.
void scanLowDim(const h5::File& file, const std::string& group, const ReadOptions& options, hsize_t n,
                DemoLayout& layout) {
  if (!h5::isGroup(file, group + "/obs")) return;
  for (const std::string& key : h5::childNames(file, group + "/obs")) {
    const std::string path = group + "/obs/" + key;
    if (key == options.imageKey || !h5::isDataset(file, path)) continue;
    const h5::DatasetInfo info = h5::describe(file, path);
    if (!info.isNumeric() || info.rank() < 1 || info.rank() > 2) continue;
    if (info.dims[0] != n) file.fail(path, "has " + str(info.dims[0]) + " steps, but actions has " + str(n));
    const hsize_t width = info.rank() == 2 ? info.dims[1] : 1;
    if (width > static_cast<hsize_t>(limits::kMaxLowDim)) file.fail(path, "implausible width " + str(width));
    layout.lowDim.emplace_back(key, static_cast<int>(width));
  }
  std::sort(layout.lowDim.begin(), layout.lowDim.end());
}

ScannedDemo scanDemo(const h5::File& file, const std::string& name, const std::string& fallbackTask,
                     const ReadOptions& options, int& fileActionDim) {
  ScannedDemo demo;
  DemoLayout& layout = demo.layout;
  layout.group = "/data/" + name;
  const std::string& g = layout.group;

  const h5::DatasetInfo actions = h5::describe(file, g + "/actions");
  if (actions.rank() != 2) {
    file.fail(g + "/actions", "expected a 2-D dataset, found rank " + std::to_string(actions.rank()));
  }
  if (!actions.isNumeric()) file.fail(g + "/actions", "expected numbers, found " + actions.describeType());
  const hsize_t n = actions.dims[0];
  if (n > static_cast<hsize_t>(limits::kMaxSamples)) {
    file.fail(g + "/actions", "has " + str(n) + " steps, more than the reader accepts");
  }
  if (actions.dims[1] < 1 || actions.dims[1] > static_cast<hsize_t>(limits::kMaxActionDim)) {
    file.fail(g + "/actions", "expected an action dimension in 1.." + std::to_string(limits::kMaxActionDim) +
                                  ", found " + str(actions.dims[1]));
  }
  const int actionDim = static_cast<int>(actions.dims[1]);
  if (fileActionDim != 0 && actionDim != fileActionDim) {
    file.fail(g + "/actions", "expected action dimension " + std::to_string(fileActionDim) +
                                  " like the file's other demos, found " + std::to_string(actionDim));
  }
  fileActionDim = actionDim;
  if (const auto claimed = h5::integerAttribute(file, g, "num_samples")) {
    if (*claimed < 0 || static_cast<hsize_t>(*claimed) != n) {
      file.fail(g, "attribute num_samples is " + std::to_string(*claimed) + ", but actions has " + str(n) +
                       " steps");
    }
  }
  layout.numSamples = static_cast<std::int64_t>(n);

  scanImage(file, g, options, n, layout);
  expectSteps(file, g + "/rewards", 1, n);
  expectSteps(file, g + "/dones", 1, n);
  if (h5::exists(file, g + "/states")) {
    const h5::DatasetInfo states = expectSteps(file, g + "/states", 2, n);
    if (states.dims[1] > static_cast<hsize_t>(limits::kMaxLowDim))
      file.fail(g + "/states", "implausible width");
    layout.stateDim = static_cast<int>(states.dims[1]);
  }
  scanLowDim(file, g, options, n, layout);

  EpisodeInfo& info = demo.info;
  info.demo = name;
  info.numSamples = layout.numSamples;
  info.task = h5::stringAttribute(file, g, "task").value_or(fallbackTask);
  info.source = episodeSourceFromString(h5::stringAttribute(file, g, "source").value_or("unknown"));
  info.seed = h5::integerAttribute(file, g, "seed").value_or(-1);
  if (const auto success = h5::integerAttribute(file, g, "success")) {
    info.success = *success != 0;
  } else {  // no flag: an episode that ever earned reward counts as a success (robomimic's sparse reward)
    const std::vector<double> rewards = h5::readDoubles(file, g + "/rewards", 0, n, 1);
    info.success = std::any_of(rewards.begin(), rewards.end(), [](double r) { return r > 0.0; });
  }
  return demo;
}

}  // namespace

std::string defaultTask(const h5::File& file, const std::filesystem::path& path) {
  if (const auto info = jsonAttribute(file, "problem_info")) {
    const auto it = info->find("language_instruction");
    if (it != info->end() && it->is_string() && !it->get<std::string>().empty())
      return it->get<std::string>();
    if (it != info->end() && it->is_array()) {  // LIBERO joins a list of pieces
      std::string text;
      for (const auto& piece : *it) {
        if (piece.is_string()) text += piece.get<std::string>();
      }
      if (!text.empty()) return text;
    }
  }
  if (const auto env = jsonAttribute(file, "env_args")) {
    const auto it = env->find("env_name");
    if (it != env->end() && it->is_string()) {
      const std::string name = it->get<std::string>();
      if (!name.empty() && name != "multi-task") return name;
    }
  }
  return path.stem().string();
}

ReadOptions optionsForFile(const h5::File& file, const ReadOptions& options) {
  if (options.imageKey != ReadOptions{}.imageKey || options.flipVertical) return options;
  // A file without /data is refused by scanFile, with its own message.
  if (!h5::isGroup(file, "/data") || !h5::stringAttribute(file, "/data", "problem_info")) return options;
  for (const std::string& name : h5::childNames(file, "/data")) {
    const std::string obs = "/data/" + name + "/obs";
    if (!h5::isGroup(file, obs)) continue;
    if (h5::isDataset(file, obs + "/" + options.imageKey) || !h5::isDataset(file, obs + "/agentview_rgb"))
      return options;
    ReadOptions libero = options;
    libero.imageKey = "agentview_rgb";
    libero.flipVertical = true;
    return libero;
  }
  return options;
}

ScannedFile scanFile(const h5::File& file, std::size_t fileIndex, const std::filesystem::path& path,
                     const ReadOptions& options) {
  if (!h5::isGroup(file, "/data")) file.fail("/data", "missing group (not a robomimic-layout dataset)");
  std::vector<std::string> names;
  for (std::string& name : h5::childNames(file, "/data")) {
    if (h5::isGroup(file, "/data/" + name)) names.push_back(std::move(name));
  }
  if (names.empty()) file.fail("/data", "contains no demos");
  sortDemoNames(names);

  const std::string fileTask = defaultTask(file, path);
  const Masks masks = readMasks(file);
  ScannedFile scanned;
  for (std::size_t i = 0; i < names.size(); ++i) {
    ScannedDemo demo = scanDemo(file, names[i], fileTask, options, scanned.actionDim);
    demo.info.fileIndex = fileIndex;
    demo.info.file = file.name();
    if (masks.present) {
      // Each mask decides for itself; a missing one is the complement of the other.
      const bool inValid = masks.valid ? masks.valid->count(names[i]) > 0 : masks.train->count(names[i]) == 0;
      demo.info.inValidMask = inValid;
      demo.layout.inTrain = masks.train ? masks.train->count(names[i]) > 0 : !inValid;
    } else {
      demo.info.inValidMask = isValidationIndex(static_cast<std::int64_t>(i));
      demo.layout.inTrain = !demo.info.inValidMask;
    }
    scanned.demos.push_back(std::move(demo));
  }
  return scanned;
}

}  // namespace w4rl::data
