// world4rl: the command-line tool for every stage of World4RL (reference: docs/cli.md).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cli/commands.h"
#include "common/error.h"

namespace {

// Ends a failed command without the C library's exit handlers. A write that failed inside HDF5 (a full
// disk) leaves its file half closed in the library's table of open objects, and HDF5's own exit handler
// then crashes closing it: the user would get a segfault after the clear one-line error. Every file the
// command meant to keep is complete or untouched by then (written through temporary files).
[[noreturn]] void exitFailed(int code) {
  std::fflush(nullptr);
  std::_Exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"World4RL: refine robot policies with RL inside a learned diffusion world model", "world4rl"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("world4rl ") + W4RL_VERSION);
  w4rl::cli::addTasksCommand(app);
  w4rl::cli::addCollectCommand(app);
  w4rl::cli::addDatasetCommand(app);
  w4rl::cli::addWorldModelCommands(app);
  w4rl::cli::addDreamCommand(app);
  w4rl::cli::addPolicyEvalCommand(app);
  w4rl::cli::addEvalDreamCommand(app);
  w4rl::cli::addCompareEvalsCommand(app);
  w4rl::cli::addAgentTrainingCommands(app);
  w4rl::cli::addPipelineCommand(app);
  w4rl::cli::addExportCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors keep the promise of every other error: one line, a non-zero code (2, as getopt tools).
    std::fprintf(stderr, "world4rl: error: %s (see --help)\n", e.what());
    return 2;
  } catch (const w4rl::Cancelled&) {
    std::fprintf(stderr, "world4rl: interrupted\n");
    return 130;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "world4rl: error: %s\n", e.what());
    exitFailed(1);
  }
  return 0;
}
