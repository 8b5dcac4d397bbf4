#include "pipeline/jobs/export_checkpoint_job.h"

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"

namespace w4rl::pipeline {

ExportReport exportCheckpoint(const std::filesystem::path& in, const std::filesystem::path& out) {
  namespace fs = std::filesystem;
  if (out.empty()) throw Error("no output file given");
  std::error_code ec;
  if (fs::exists(out) && fs::equivalent(in, out, ec))
    throw Error(out.string() + " is the input checkpoint; export to another file");
  const auto info = learning::readCheckpointInfo(in);  // throws naming a foreign file
  const torch::Device cpu(torch::kCPU);
  ExportReport report;
  report.kind = info.kind;
  report.bytesBefore = fs::file_size(in);
  if (info.kind == learning::kWorldModelKind) {
    auto loaded = learning::loadWorldModel(in, cpu);
    learning::saveWorldModel(out, loaded.model, nullptr, loaded.info);
  } else if (info.kind == learning::kPolicyKind) {
    auto loaded = learning::loadPolicy(in, cpu);
    learning::PolicyCheckpoint c;
    c.policy = loaded.policy;
    c.info = loaded.info;
    learning::savePolicy(out, c);
  } else if (info.kind == learning::kRewardKind) {
    auto loaded = learning::loadReward(in, cpu);
    learning::saveReward(out, loaded.classifier, loaded.info);
  } else {
    throw Error(in.string() + ": unknown checkpoint kind \"" + info.kind + "\"");
  }
  report.bytesAfter = fs::file_size(out);
  return report;
}

}  // namespace w4rl::pipeline
