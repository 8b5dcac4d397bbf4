#pragma once
// Each `world4rl` subcommand registers itself on the top-level CLI11 app. A command's callback throws
// w4rl::Error on failure; main() turns that into one line on stderr and a non-zero exit code.
namespace CLI {
class App;
}

namespace w4rl::cli {

void addTasksCommand(CLI::App& app);
void addCollectCommand(CLI::App& app);
void addDatasetCommand(CLI::App& app);
void addWorldModelCommands(CLI::App& app);
void addDreamCommand(CLI::App& app);
void addPolicyEvalCommand(CLI::App& app);
void addEvalDreamCommand(CLI::App& app);
void addCompareEvalsCommand(CLI::App& app);
void addAgentTrainingCommands(CLI::App& app);
void addPipelineCommand(CLI::App& app);
void addExportCommand(CLI::App& app);

}  // namespace w4rl::cli
