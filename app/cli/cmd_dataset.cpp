// world4rl dataset info F.hdf5... [--json] [--image-key K]: what a dataset holds.
// world4rl dataset convert IN --out OUT --next-obs: a copy with next_obs/ added (robomimic's trainer).
// world4rl dataset export-lerobot F.hdf5... --out DIR [--fps N]: the episodes as a LeRobot dataset.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "collect/lerobot_export.h"
#include "collect/next_obs_conversion.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "data/dataset_summary.h"

namespace w4rl::cli {
namespace {

struct InfoOptions {
  std::vector<std::string> files;
  bool json = false;
  data::ReadOptions read;
};

void runInfo(const InfoOptions& o) {
  const std::vector<std::filesystem::path> files(o.files.begin(), o.files.end());
  const data::Dataset dataset = data::Dataset::open(files, o.read);
  const data::DatasetSummary summary = data::summarize(dataset);
  if (o.json)
    std::printf("%s\n", data::summaryToJson(summary).dump(2).c_str());
  else
    std::printf("%s", data::formatSummaryText(summary).c_str());
}

struct ConvertOptions {
  std::string in, out;
  bool nextObs = false;
};

void runConvert(const ConvertOptions& o) {
  if (!o.nextObs) throw Error("dataset convert: say what to add (--next-obs)");
  CancelToken cancel;
  InterruptGuard guard(cancel);
  collect::NextObsConversion result;
  {
    ProgressBar bar("adding next_obs", "episodes");
    result = collect::addNextObservations(
        o.in, o.out, [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  if (result.cancelled) throw Cancelled();
  std::printf("%s: %lld episodes (%lld steps) with next_obs/ in %.1f s\n", o.out.c_str(),
              static_cast<long long>(result.episodes), static_cast<long long>(result.steps), result.seconds);
}

struct ExportOptions {
  std::vector<std::string> files;
  std::string out;
  data::ReadOptions read;
  collect::LeRobotExportOptions lerobot;
};

void runExportLeRobot(const ExportOptions& o) {
  CancelToken cancel;
  InterruptGuard guard(cancel);
  collect::LeRobotExport result;
  {
    ProgressBar bar("exporting", "episodes");
    result = collect::exportLeRobot(
        {o.files.begin(), o.files.end()}, o.read, o.out, o.lerobot,
        [&bar](const ProgressEvent& e) { bar.update(e); }, cancel);
  }
  if (result.cancelled) throw Cancelled();
  std::printf(
      "%s: LeRobot v2.1 dataset of %lld episodes, %lld frames, %lld task(s) at %s fps (%s videos) in "
      "%.1f s\n",
      o.out.c_str(), static_cast<long long>(result.episodes), static_cast<long long>(result.frames),
      static_cast<long long>(result.tasks), formatDouble(result.fps).c_str(), result.videoCodec.c_str(),
      result.seconds);
}

}  // namespace

void addDatasetCommand(CLI::App& app) {
  auto* dataset = app.add_subcommand("dataset", "Inspect and convert datasets");
  dataset->require_subcommand(1);
  auto o = std::make_shared<InfoOptions>();
  auto* info = dataset->add_subcommand("info", "Episodes, steps, tasks, sources, shapes and success rate");
  info->add_option("files", o->files, "robomimic or LIBERO .hdf5 files, read as one dataset")->required();
  info->add_flag("--json", o->json, "Print JSON");
  info->add_option("--image-key", o->read.imageKey, "Image observation key under obs/")
      ->capture_default_str();
  info->add_flag("--flip", o->read.flipVertical, "Images are stored upside down (LIBERO)");
  info->callback([o] { runInfo(*o); });

  auto c = std::make_shared<ConvertOptions>();
  auto* convert = dataset->add_subcommand(
      "convert",
      "Write a copy of a dataset with what other tools expect added (--next-obs: robomimic's next_obs/)");
  convert->add_option("in", c->in, "robomimic .hdf5 file of built-in tasks, with simulator states")
      ->required();
  convert->add_option("--out", c->out, "The new file")->required();
  convert->add_flag(
      "--next-obs", c->nextObs,
      "Add next_obs/ (the observation after each action; the last one simulated from the stored "
      "states)");
  convert->callback([c] { runConvert(*c); });

  auto x = std::make_shared<ExportOptions>();
  auto* exportLeRobot = dataset->add_subcommand(
      "export-lerobot",
      "Write the episodes as a LeRobot dataset (v2.1: meta/, parquet per episode, mp4 videos)");
  exportLeRobot->add_option("files", x->files, "robomimic or LIBERO .hdf5 files, exported as one dataset")
      ->required();
  exportLeRobot->add_option("--out", x->out, "The dataset's folder (must not exist)")->required();
  exportLeRobot
      ->add_option("--fps", x->lerobot.fps, "Frames per second (0: the file's control rate, else 20)")
      ->capture_default_str();
  exportLeRobot->add_option("--robot-type", x->lerobot.robotType, "info.json's robot_type")
      ->capture_default_str();
  exportLeRobot->add_option("--camera", x->lerobot.camera, "The video feature is observation.images.<camera>")
      ->capture_default_str();
  exportLeRobot->add_option("--image-key", x->read.imageKey, "Image observation key under obs/")
      ->capture_default_str();
  exportLeRobot->add_flag("--flip", x->read.flipVertical, "Images are stored upside down (LIBERO)");
  exportLeRobot->callback([x] { runExportLeRobot(*x); });
}

}  // namespace w4rl::cli
