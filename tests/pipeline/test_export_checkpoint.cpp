// export-checkpoint: weights survive bit for bit, optimiser state and the critic are dropped, the file
// shrinks, and bad input is refused with the file named.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"
#include "pipeline/jobs/export_checkpoint_job.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

void expectSameParameters(torch::nn::Module& a, torch::nn::Module& b) {
  const auto pa = a.parameters(), pb = b.parameters();
  ASSERT_EQ(pa.size(), pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) EXPECT_TRUE(torch::equal(pa[i], pb[i]));
}

}  // namespace

TEST(ExportCheckpoint, KeepsAWorldModelsWeightsAndDropsItsOptimiser) {
  const auto dir = w4rl::test::freshDir();
  learning::WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {8, 16};
  c.condDim = 16;
  torch::manual_seed(1);
  learning::WorldModel model(c);
  torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-3));
  const auto loss =
      model
          ->loss(torch::rand({2, 3, 16, 16}), torch::rand({2, 4, 3, 16, 16}), torch::zeros({2, 4, 4}),
                 torch::zeros({2}, torch::kLong), torch::ones({2}), torch::randn({2, 3, 16, 16}))
          .mean();
  loss.backward();
  opt.step();  // the optimiser now has moments to save
  learning::CheckpointInfo info;
  info.step = 7;
  learning::saveWorldModel(dir / "full.pt", model, &opt, info);

  const auto r = exportCheckpoint(dir / "full.pt", dir / "slim.pt");
  EXPECT_EQ(r.kind, "world_model");
  EXPECT_LT(r.bytesAfter * 2, r.bytesBefore);  // Adam keeps two moments per weight
  auto slim = learning::loadWorldModel(dir / "slim.pt", torch::kCPU);
  EXPECT_EQ(slim.info.step, 7);
  expectSameParameters(*model, *slim.model);
  torch::optim::AdamW fresh(slim.model->parameters(), torch::optim::AdamWOptions(1e-3));
  EXPECT_THROW(learning::loadOptimizerState(dir / "slim.pt", fresh, torch::kCPU), Error);
}

TEST(ExportCheckpoint, DropsAPoliciesCritic) {
  const auto dir = w4rl::test::freshDir();
  learning::PolicyConfig c;
  c.task = "hammer";
  c.imageSize = 16;
  c.channels = {8, 16};
  c.hidden = 16;
  learning::PolicyCheckpoint full;
  full.policy = learning::GaussianPolicy(c);
  full.critic = learning::ValueNetwork(c);
  learning::savePolicy(dir / "refined.pt", full);
  exportCheckpoint(dir / "refined.pt", dir / "policy.pt");
  auto loaded = learning::loadPolicy(dir / "policy.pt", torch::kCPU);
  EXPECT_FALSE(loaded.critic);
  expectSameParameters(*full.policy, *loaded.policy);
}

TEST(ExportCheckpoint, RefusesForeignFilesAndOverwritingItsInput) {
  const auto dir = w4rl::test::freshDir();
  std::ofstream(dir / "notes.txt") << "not a checkpoint";
  try {
    exportCheckpoint(dir / "notes.txt", dir / "out.pt");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("notes.txt"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "out.pt"));
  learning::WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {8, 16};
  c.condDim = 16;
  learning::WorldModel model(c);
  learning::saveWorldModel(dir / "wm.pt", model, nullptr, {});
  EXPECT_THROW(exportCheckpoint(dir / "wm.pt", dir / "wm.pt"), Error);
}

}  // namespace w4rl::pipeline
