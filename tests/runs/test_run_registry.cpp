#include <gtest/gtest.h>

#include <fstream>

#include "runs/run_registry.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::runs {
namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

}  // namespace

// The layouts are those the jobs write (see the pipeline test for the real thing end to end).
TEST(RunRegistry, TellsKindsAndProgressFromTheFilesAlone) {
  const auto root = w4rl::test::freshDir();
  write(root / "wm" / "run.json", "{\"kind\": \"world_model\", \"data\": [\"a.hdf5\"]}\n");
  write(root / "wm" / "config.yaml", "# world model\nchannels: [16, 32, 64]\n# training\nsteps: 100\n");
  write(root / "wm" / "metrics.jsonl", "{\"step\": 50, \"train/loss\": 0.1}\n");
  write(root / "wm" / "last.pt", "x");
  write(root / "wm" / "best.pt", "x");
  write(root / "bc" / "run.json", "{\"kind\": \"policy\"}\n");
  write(root / "bc" / "config.yaml", "# policy\nhidden: 256\n# behaviour cloning\nsteps: 20\n");
  write(root / "bc" / "metrics.jsonl", "{\"step\": 20, \"train/nll\": 1}\n");
  write(root / "bc" / "policy.pt", "x");
  write(root / "deep" / "refine" / "run.json", "{\"kind\": \"refinement\"}\n");
  write(root / "deep" / "refine" / "config.yaml", "# refinement of bc/policy.pt on hammer\niterations: 40\n");
  write(root / "deep" / "refine" / "metrics.jsonl", "{\"iteration\": 3, \"charts/sigma\": 0.5}\n");
  write(root / "deep" / "refine" / "last.pt", "x");
  write(root / "notes" / "readme.txt", "not a run");
  // What does not name one of the kinds is not a run: a config.yaml alone, a damaged or foreign run.json.
  write(root / "yaml_only" / "config.yaml", "# world model\nsteps: 100\n");
  write(root / "damaged" / "run.json", "{\"kind\": \"world_mo");
  write(root / "foreign" / "run.json", "{\"kind\": \"sweep\"}\n");
  write(root / "listed" / "run.json", "[\"world_model\"]\n");
  const auto runs = findRuns(root);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].kind, RunKind::BehaviourCloning);
  EXPECT_TRUE(runs[0].complete);
  EXPECT_EQ(runs[1].kind, RunKind::Refinement);
  EXPECT_FALSE(runs[1].complete);  // interrupted: last.pt but no policy.pt
  EXPECT_EQ(runs[1].done, 3);
  EXPECT_EQ(runs[1].total, 40);
  EXPECT_EQ(runs[2].kind, RunKind::WorldModel);
  EXPECT_FALSE(runs[2].complete);  // 50 of 100 steps
  EXPECT_EQ(runs[2].checkpoints.size(), 2u);
  EXPECT_EQ(toString(runs[2].kind), "world model");
  for (const char* other : {"notes", "yaml_only", "damaged", "foreign", "listed"})
    EXPECT_EQ(describeRun(root / other).kind, RunKind::Unknown) << other;
}

// Another tool's metrics may hold any number as a step; one that is no step count reads as no progress.
TEST(RunRegistry, AStepNoInt64HoldsCountsAsNoProgress) {
  const auto root = w4rl::test::freshDir();
  write(root / "huge" / "run.json", "{\"kind\": \"world_model\"}\n");
  write(root / "huge" / "config.yaml", "# world model\nsteps: 100\n");
  write(root / "huge" / "metrics.jsonl", "{\"step\": 1e300, \"train/loss\": 0.1}\n");
  write(root / "negative" / "run.json", "{\"kind\": \"world_model\"}\n");
  write(root / "negative" / "config.yaml", "# world model\nsteps: 100\n");
  write(root / "negative" / "metrics.jsonl", "{\"step\": -7, \"train/loss\": 0.1}\n");
  write(root / "plain" / "run.json", "{\"kind\": \"world_model\"}\n");
  write(root / "plain" / "config.yaml", "# world model\nsteps: 100\n");
  write(root / "plain" / "metrics.jsonl", "{\"step\": 64.0, \"train/loss\": 0.1}\n");
  EXPECT_EQ(describeRun(root / "huge").done, 0);
  EXPECT_FALSE(describeRun(root / "huge").complete);
  EXPECT_EQ(describeRun(root / "negative").done, 0);
  EXPECT_EQ(describeRun(root / "plain").done, 64);
}

}  // namespace w4rl::runs
