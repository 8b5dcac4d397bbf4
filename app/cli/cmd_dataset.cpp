// world4rl dataset info F.hdf5... [--json] [--image-key K]: what a dataset holds.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
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

}  // namespace

void addDatasetCommand(CLI::App& app) {
  auto* dataset = app.add_subcommand("dataset", "Inspect datasets");
  dataset->require_subcommand(1);
  auto o = std::make_shared<InfoOptions>();
  auto* info = dataset->add_subcommand("info", "Episodes, steps, tasks, sources, shapes and success rate");
  info->add_option("files", o->files, "robomimic or LIBERO .hdf5 files, read as one dataset")->required();
  info->add_flag("--json", o->json, "Print JSON");
  info->add_option("--image-key", o->read.imageKey, "Image observation key under obs/")
      ->capture_default_str();
  info->add_flag("--flip", o->read.flipVertical, "Images are stored upside down (LIBERO)");
  info->callback([o] { runInfo(*o); });
}

}  // namespace w4rl::cli
