#include "collect/lerobot_export.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/env_args.h"
#include "data/parquet_writer.h"
#include "metrics/video_writer.h"
#include "sim/task_registry.h"

namespace w4rl::collect {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::int64_t kChunkSize = 1000;  // LeRobot's DEFAULT_CHUNK_SIZE
constexpr double kDefaultFps = 20.0;
constexpr const char* kDataPath = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";
constexpr const char* kVideoPath =
    "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";

std::string numbered(const char* format, std::int64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, format, static_cast<long long>(value));
  return text;
}

std::string chunkDir(std::int64_t episode) {
  return numbered("chunk-%03lld", episode / kChunkSize);
}
std::string episodeName(std::int64_t episode) {
  return numbered("episode_%06lld", episode);
}

// min, max, mean, std (population, as numpy's) and count per dimension of rows x width values.
json vectorStats(const std::vector<double>& values, int width) {
  const auto w = static_cast<std::size_t>(width);
  const std::size_t rows = values.size() / w;
  std::vector<double> lo(w, INFINITY), hi(w, -INFINITY), sum(w, 0.0), squares(w, 0.0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t d = 0; d < w; ++d) {
      const double v = values[r * w + d];
      lo[d] = std::min(lo[d], v);
      hi[d] = std::max(hi[d], v);
      sum[d] += v;
    }
  std::vector<double> mean(w), stdev(w);
  for (std::size_t d = 0; d < w; ++d) mean[d] = sum[d] / static_cast<double>(rows);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t d = 0; d < w; ++d) squares[d] += std::pow(values[r * w + d] - mean[d], 2);
  for (std::size_t d = 0; d < w; ++d) stdev[d] = std::sqrt(squares[d] / static_cast<double>(rows));
  return {{"min", lo}, {"max", hi}, {"mean", mean}, {"std", stdev}, {"count", json::array({rows})}};
}

// Per channel over every pixel of the frames, in [0, 1], shaped (3, 1, 1) as LeRobot's image stats; the
// count is the number of frames, as LeRobot counts images.
json imageStats(const std::vector<std::uint8_t>& rgb, std::int64_t frames) {
  std::vector<double> values(rgb.size());
  std::transform(rgb.begin(), rgb.end(), values.begin(), [](std::uint8_t v) { return v / 255.0; });
  json flat = vectorStats(values, 3);
  json shaped;
  for (const char* key : {"min", "max", "mean", "std"}) {
    shaped[key] = json::array();
    for (const double v : flat[key]) shaped[key].push_back(json::array({json::array({v})}));
  }
  shaped["count"] = json::array({frames});
  return shaped;
}

json scalarFeature(const char* dtype) {
  return {{"dtype", dtype}, {"shape", json::array({1})}, {"names", nullptr}};
}

// Hugging Face datasets' feature description of a column (the parquet files' "huggingface" metadata).
json hfFeature(const std::string& dtype, int length) {
  const json value = {{"dtype", dtype}, {"_type", "Value"}};
  if (length == 0) return value;
  return {{"feature", value}, {"length", length}, {"_type", "Sequence"}};
}

// The low-dimensional keys of an episode split into the robot's own state and the environment's.
struct StateKeys {
  std::vector<std::string> robot, environment;
  std::vector<std::string> robotNames, environmentNames;  // one per dimension, "<key>_<i>"
};

StateKeys stateKeys(const data::Dataset& d, std::size_t ep) {
  StateKeys k;
  for (const auto& key : d.lowDimKeys(ep)) {
    const bool robot = key.rfind("robot0_", 0) == 0;
    (robot ? k.robot : k.environment).push_back(key);
    auto& names = robot ? k.robotNames : k.environmentNames;
    for (int i = 0; i < d.lowDimSize(ep, key); ++i) names.push_back(key + "_" + std::to_string(i));
  }
  return k;
}

// The keys' values step by step, side by side.
std::vector<double> concatenated(const data::Dataset& d, std::size_t ep, const std::vector<std::string>& keys,
                                 std::int64_t steps) {
  std::vector<std::vector<double>> parts;
  std::vector<int> widths;
  int width = 0;
  for (const auto& key : keys) {
    parts.push_back(d.lowDim(ep, key));
    widths.push_back(d.lowDimSize(ep, key));
    width += widths.back();
  }
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(steps * width));
  for (std::int64_t t = 0; t < steps; ++t)
    for (std::size_t k = 0; k < parts.size(); ++k)
      for (int i = 0; i < widths[k]; ++i)
        out.push_back(parts[k][static_cast<std::size_t>(t * widths[k] + i)]);
  return out;
}

std::vector<float> toFloat(const std::vector<double>& v) {
  return {v.begin(), v.end()};
}

// The export's folder while it is written; removed unless it was renamed into place.
class PartialDir {
 public:
  explicit PartialDir(const fs::path& target)
      : path_(target.string() + ".partial-" + std::to_string(::getpid())) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~PartialDir() {
    std::error_code ignored;
    if (!committed_) fs::remove_all(path_, ignored);
  }
  PartialDir(const PartialDir&) = delete;
  PartialDir& operator=(const PartialDir&) = delete;
  const fs::path& path() const { return path_; }
  void commit(const fs::path& target) {
    std::error_code ec;
    fs::rename(path_, target, ec);
    if (ec) throw Error("cannot move the export into " + target.string() + ": " + ec.message());
    committed_ = true;
  }

 private:
  fs::path path_;
  bool committed_ = false;
};

double fpsOf(const fs::path& file, double requested) {
  if (requested > 0) return requested;
  const json args = data::readEnvArgs(file);
  if (const auto kwargs = args.find("env_kwargs"); kwargs != args.end() && kwargs->is_object())
    if (const auto hz = kwargs->find("control_hz");
        hz != kwargs->end() && hz->is_number() && hz->get<double>() > 0)
      return hz->get<double>();
  return kDefaultFps;
}

std::string taskText(const std::string& name) {
  const auto& known = sim::taskNames();
  if (std::find(known.begin(), known.end(), name) == known.end()) return name;
  return sim::makeTask(name)->info().description;
}

}  // namespace

LeRobotExport exportLeRobot(const std::vector<fs::path>& files, const data::ReadOptions& read,
                            const fs::path& outDir, const LeRobotExportOptions& options,
                            const ProgressCallback& progress, const CancelToken& cancel) {
  const auto start = std::chrono::steady_clock::now();
  if (fs::exists(outDir))
    throw Error(outDir.string() + " already exists: choose a new folder for the export");
  if (options.fps < 0 || !std::isfinite(options.fps))
    throw Error("fps must be positive (or 0 for the dataset's control rate)");
  if (options.camera.empty() || options.camera.find('/') != std::string::npos)
    throw Error("camera name '" + options.camera + "' must be non-empty and without '/'");
  const data::Dataset dataset = data::Dataset::open(files, read);
  if (dataset.size() == 0) throw Error("the datasets hold no episodes to export");

  LeRobotExport result;
  result.fps = fpsOf(files.front(), options.fps);
  const int actionDim = dataset.actionDim();
  const int height = dataset.imageHeight(), width = dataset.imageWidth();
  const StateKeys keys = stateKeys(dataset, 0);
  const std::string videoKey = "observation.images." + options.camera;

  PartialDir partial(outDir);
  const fs::path root = partial.path();
  fs::create_directories(root / "meta");
  std::string episodesJsonl, statsJsonl;
  std::int64_t index = 0;
  for (std::size_t e = 0; e < dataset.size(); ++e) {
    if (cancel.cancelled()) {
      result.cancelled = true;
      return result;
    }
    const auto& info = dataset.episodes()[e];
    const std::string where = info.file + ": " + info.demo;
    const StateKeys mine = stateKeys(dataset, e);
    if (mine.robot != keys.robot || mine.environment != keys.environment ||
        mine.robotNames.size() != keys.robotNames.size() ||
        mine.environmentNames.size() != keys.environmentNames.size())
      throw Error(where +
                  ": its low-dimensional observations differ from the first episode's; a LeRobot "
                  "dataset has one set of features");
    const auto ep = static_cast<std::int64_t>(e);
    const std::int64_t steps = info.numSamples;

    // The camera stream.
    const auto frames = dataset.frames(e, 0, steps);
    const fs::path videoDir = root / "videos" / chunkDir(ep) / videoKey;
    fs::create_directories(videoDir);
    metrics::VideoOptions video;
    video.fps = result.fps;
    video.bare = true;
    metrics::SideBySideVideoWriter writer(videoDir / (episodeName(ep) + ".mp4"), height, width, video);
    const auto frameBytes = static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * 3;
    for (std::int64_t t = 0; t < steps; ++t)
      writer.addFrame(
          metrics::ImageView{frames.data() + static_cast<std::size_t>(t) * frameBytes, height, width});
    writer.close();
    result.videoCodec = writer.fourcc() == "avc1" ? "h264" : "mpeg4";

    // The steps' table.
    data::ParquetTable table;
    json stats;
    stats[videoKey] = imageStats(frames, steps);
    const auto addList = [&](const std::string& name, const std::vector<double>& values, int w) {
      table.addFloatList(name, toFloat(values), w);
      stats[name] = vectorStats(values, w);
    };
    const auto addScalar = [&](const std::string& name, const std::vector<double>& values) {
      stats[name] = vectorStats(values, 1);
    };
    if (!keys.robot.empty())
      addList("observation.state", concatenated(dataset, e, keys.robot, steps),
              static_cast<int>(keys.robotNames.size()));
    if (!keys.environment.empty())
      addList("observation.environment_state", concatenated(dataset, e, keys.environment, steps),
              static_cast<int>(keys.environmentNames.size()));
    const auto actions = dataset.actions(e);
    addList("action", {actions.begin(), actions.end()}, actionDim);
    std::vector<float> timestamps;
    std::vector<std::int64_t> frameIndex, episodeIndex, globalIndex, taskIndex;
    for (std::int64_t t = 0; t < steps; ++t) {
      timestamps.push_back(static_cast<float>(static_cast<double>(t) / result.fps));
      frameIndex.push_back(t);
      episodeIndex.push_back(ep);
      globalIndex.push_back(index + t);
      taskIndex.push_back(info.taskIndex);
    }
    const auto asDoubles = [](const auto& v) { return std::vector<double>(v.begin(), v.end()); };
    addScalar("timestamp", asDoubles(timestamps));
    addScalar("frame_index", asDoubles(frameIndex));
    addScalar("episode_index", asDoubles(episodeIndex));
    addScalar("index", asDoubles(globalIndex));
    addScalar("task_index", asDoubles(taskIndex));
    table.addFloat("timestamp", timestamps);
    table.addInt64("frame_index", frameIndex);
    table.addInt64("episode_index", episodeIndex);
    table.addInt64("index", globalIndex);
    table.addInt64("task_index", taskIndex);
    const auto rewards = dataset.rewards(e);
    const auto dones = dataset.dones(e);
    addScalar("next.reward", asDoubles(rewards));
    addScalar("next.done", asDoubles(dones));
    table.addFloat("next.reward", rewards);
    table.addBool("next.done", std::vector<bool>(dones.begin(), dones.end()));
    json hf;
    if (!keys.robot.empty())
      hf["observation.state"] = hfFeature("float32", static_cast<int>(keys.robotNames.size()));
    if (!keys.environment.empty())
      hf["observation.environment_state"] =
          hfFeature("float32", static_cast<int>(keys.environmentNames.size()));
    hf["action"] = hfFeature("float32", actionDim);
    hf["timestamp"] = hfFeature("float32", 0);
    for (const char* k : {"frame_index", "episode_index", "index", "task_index"})
      hf[k] = hfFeature("int64", 0);
    hf["next.reward"] = hfFeature("float32", 0);
    hf["next.done"] = hfFeature("bool", 0);
    table.setMetadata("huggingface", json{{"info", {{"features", hf}}}}.dump());
    const fs::path dataDir = root / "data" / chunkDir(ep);
    fs::create_directories(dataDir);
    table.write(dataDir / (episodeName(ep) + ".parquet"));

    episodesJsonl +=
        json{{"episode_index", ep}, {"tasks", json::array({taskText(info.task)})}, {"length", steps}}.dump() +
        "\n";
    statsJsonl += json{{"episode_index", ep}, {"stats", stats}}.dump() + "\n";
    index += steps;
    ++result.episodes;
    if (progress) progress({result.episodes, static_cast<std::int64_t>(dataset.size()), info.demo});
  }
  result.frames = index;

  std::string tasksJsonl;
  for (std::size_t t = 0; t < dataset.tasks().size(); ++t)
    tasksJsonl += json{{"task_index", t}, {"task", taskText(dataset.tasks()[t])}}.dump() + "\n";
  result.tasks = static_cast<std::int64_t>(dataset.tasks().size());

  json features;
  features[videoKey] = {{"dtype", "video"},
                        {"shape", json::array({height, width, 3})},
                        {"names", json::array({"height", "width", "channels"})},
                        {"info",
                         {{"video.fps", result.fps},
                          {"video.height", height},
                          {"video.width", width},
                          {"video.channels", 3},
                          {"video.codec", result.videoCodec},
                          {"video.pix_fmt", "yuv420p"},
                          {"video.is_depth_map", false},
                          {"has_audio", false}}}};
  if (!keys.robot.empty())
    features["observation.state"] = {
        {"dtype", "float32"}, {"shape", json::array({keys.robotNames.size()})}, {"names", keys.robotNames}};
  if (!keys.environment.empty())
    features["observation.environment_state"] = {{"dtype", "float32"},
                                                 {"shape", json::array({keys.environmentNames.size()})},
                                                 {"names", keys.environmentNames}};
  json actionNames = json::array();
  // The built-in tasks' action (sim/action.h); other files' extra dimensions by position.
  for (int i = 0; i < actionDim; ++i)
    actionNames.push_back(i < 4 ? std::string(std::array<const char*, 4>{"dx", "dy", "dz", "grip"}[i])
                                : "a" + std::to_string(i));
  features["action"] = {{"dtype", "float32"}, {"shape", json::array({actionDim})}, {"names", actionNames}};
  features["timestamp"] = scalarFeature("float32");
  for (const char* k : {"frame_index", "episode_index", "index", "task_index"})
    features[k] = scalarFeature("int64");
  features["next.reward"] = scalarFeature("float32");
  features["next.done"] = scalarFeature("bool");
  const std::int64_t chunks = (result.episodes + kChunkSize - 1) / kChunkSize;
  const json infoJson = {{"codebase_version", "v2.1"},
                         {"robot_type", options.robotType},
                         {"total_episodes", result.episodes},
                         {"total_frames", result.frames},
                         {"total_tasks", result.tasks},
                         {"total_videos", result.episodes},
                         {"total_chunks", chunks},
                         {"chunks_size", kChunkSize},
                         {"fps", result.fps},
                         {"splits", {{"train", "0:" + std::to_string(result.episodes)}}},
                         {"data_path", kDataPath},
                         {"video_path", kVideoPath},
                         {"features", features}};
  writeTextFileAtomically(root / "meta" / "info.json", infoJson.dump(4) + "\n");
  writeTextFileAtomically(root / "meta" / "episodes.jsonl", episodesJsonl);
  writeTextFileAtomically(root / "meta" / "tasks.jsonl", tasksJsonl);
  writeTextFileAtomically(root / "meta" / "episodes_stats.jsonl", statsJsonl);
  partial.commit(outDir);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace w4rl::collect
