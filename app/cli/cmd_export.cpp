// world4rl export-checkpoint IN OUT: a checkpoint's weights only (no optimiser state, no critic).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "pipeline/jobs/export_checkpoint_job.h"

namespace w4rl::cli {

void addExportCommand(CLI::App& app) {
  struct Options {
    std::string in, out;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export-checkpoint",
                                 "Write a checkpoint's weights only: smaller, for sharing and inference");
  cmd->add_option("in", o->in, "World-model, policy or reward checkpoint")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("out", o->out, "Output file (written atomically)")->required();
  cmd->callback([o] {
    const auto r = pipeline::exportCheckpoint(o->in, o->out);
    std::printf("%s: %s checkpoint, %.1f MB -> %.1f MB\n", o->out.c_str(), r.kind.c_str(),
                static_cast<double>(r.bytesBefore) / 1e6, static_cast<double>(r.bytesAfter) / 1e6);
  });
}

}  // namespace w4rl::cli
