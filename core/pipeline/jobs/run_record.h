#pragma once
// run.json: the kind of run a directory holds and what it was made from, written by every job beside its
// config.yaml and read by the studio's run registry (runs/run_registry.h) and by a resumed run:
//   {"kind": "refinement", "start_policy": "bc/policy.pt", "task": "hammer", ...}
// Kinds: world_model, policy, reward, refinement, pipeline.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace w4rl::pipeline {

// The dataset paths of a request, as run.json lists them.
nlohmann::json dataPaths(const std::vector<std::filesystem::path>& files);
// Writes runDir/run.json atomically: `inputs` with "kind" added.
void writeRunRecord(const std::filesystem::path& runDir, const std::string& kind, nlohmann::json inputs);
// The record of runDir; throws w4rl::Error naming the file when it is missing, unreadable, not JSON or of
// another kind than `kind`.
nlohmann::json readRunRecord(const std::filesystem::path& runDir, const std::string& kind);

}  // namespace w4rl::pipeline
