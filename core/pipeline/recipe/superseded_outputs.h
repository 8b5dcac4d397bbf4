#pragma once
// When a finished pipeline world model is trained further (world_model.steps raised), everything derived
// from the old model is out of date: the world-model checks, every refinement run and the refined
// policies' evaluations; with reward_dreams, also the dreams, the classifiers trained on them and the BC
// evaluations that audited those classifiers; and every reward correction round (OUT/rounds/). They are
// moved, not deleted, to OUT/superseded/world_model_<steps>/ beside a copy of the old model's best.pt,
// report.json and config.yaml, so the earlier results stay reproducible and the pipeline redoes them
// against the new model.
#include <cstdint>
#include <filesystem>

namespace w4rl::pipeline {

// Returns the directory the outputs went to. Safe to call again after an interruption: what was moved
// stays moved, and the old model's copy is not overwritten by a partly retrained one. Throws w4rl::Error
// when a destination is already taken by a different run.
std::filesystem::path supersedeWorldModelOutputs(const std::filesystem::path& pipelineDir,
                                                 std::int64_t oldSteps);

}  // namespace w4rl::pipeline
