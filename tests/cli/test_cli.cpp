// The `world4rl` executable as a user runs it: exit codes, one-line errors, output formats, and what
// an interrupted collection leaves on disk.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "data/dataset.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace {

using CliRun = w4rl::test::ProgramRun;

CliRun runCli(const std::string& args) {
  return w4rl::test::runProgram(W4RL_CLI_BINARY, args);
}

}  // namespace

TEST(Cli, TasksJsonListsSevenTasksWithMeasuredExperts) {
  const CliRun r = runCli("tasks --seeds 2 --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  ASSERT_EQ(rows.size(), 7u);
  for (const auto& row : rows) {
    EXPECT_EQ(row["expert_seeds"], 2);
    EXPECT_GE(row["expert_successes"].get<int>(), 1) << row["name"];
    EXPECT_FALSE(row["description"].get<std::string>().empty());
  }
}

TEST(Cli, UnknownTaskIsOneLineErrorWithNonZeroExit) {
  const fs::path dir = w4rl::test::freshDir();
  const CliRun r = runCli("collect --task juggling --out " + (dir / "x.hdf5").string());
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.err.find("unknown task 'juggling'"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x.hdf5"));
}

TEST(Cli, BadRecipeAndMissingArgumentsFail) {
  EXPECT_NE(runCli("collect --task soccer --recipe expert:lots --out /tmp/never.hdf5").exitCode, 0);
  EXPECT_NE(runCli("collect --task soccer").exitCode, 0);
  EXPECT_NE(runCli("no-such-command").exitCode, 0);
  // Usage errors are one line naming what is wrong, exit code 2.
  for (const char* args : {"export-checkpoint", "export-checkpoint /no/such/file.pt /tmp/never.pt",
                           "collect --task soccer", "eval-policy --episodes many --policy x.pt"}) {
    const CliRun r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_EQ(r.err.rfind("world4rl: error: ", 0), 0u) << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
  }
  EXPECT_EQ(runCli("export-checkpoint --help").exitCode, 0);
}

TEST(Cli, CollectThenDatasetInfo) {
  const fs::path file = w4rl::test::freshDir() / "soccer.hdf5";
  const CliRun c =
      runCli("collect --task soccer --recipe expert:2,random:1 --image-size 32 --out " + file.string());
  ASSERT_EQ(c.exitCode, 0) << c.err;
  EXPECT_NE(c.out.find("collected 3 episodes (150 steps)"), std::string::npos) << c.out;
  const CliRun info = runCli("dataset info --json " + file.string());
  ASSERT_EQ(info.exitCode, 0) << info.err;
  const auto j = nlohmann::json::parse(info.out);
  EXPECT_EQ(j["episodes"], 3);
  EXPECT_EQ(j["total_steps"], 150);
  const CliRun text = runCli("dataset info " + file.string());
  EXPECT_NE(text.out.find("soccer"), std::string::npos);
}

TEST(Cli, CollectedDatasetHasTheRobomimicLayoutForH5py) {
  const fs::path file = w4rl::test::freshDir() / "hammer.hdf5";
  const CliRun c = runCli("collect --task hammer --recipe expert:2,noisy:1 --out " + file.string());
  ASSERT_EQ(c.exitCode, 0) << c.err;
  const std::string check = std::string("'") + W4RL_TEST_PYTHON + "' '" + W4RL_TEST_SCRIPTS_DIR +
                            "/check_robomimic_layout.py' '" + file.string() + "' 3";
  EXPECT_EQ(std::system(check.c_str()), 0) << check;
}

// robomimic's trainer reads, before its first step, every key the shipped BC-image config names (its
// filter keys' masks, obs/ keys, dataset keys, env_args' type): ten episodes give both masks demos.
TEST(Cli, CollectedDatasetHasEveryKeyTheShippedRobomimicConfigReads) {
  const fs::path file = w4rl::test::freshDir() / "soccer.hdf5";
  const CliRun c =
      runCli("collect --task soccer --recipe expert:6,random:4 --episode-length 12 --image-size 16 --out " +
             file.string());
  ASSERT_EQ(c.exitCode, 0) << c.err;
  const fs::path config = fs::path(W4RL_SOURCE_RESOURCES) / "configs" / "robomimic_bc_image.json";
  EXPECT_EQ(w4rl::test::runPython("check_robomimic_config.py", {file.string(), config.string()}), 0);
  // The check fails where robomimic would: robomimic's default of loading next_obs/, not written here.
  std::ifstream in(config);
  auto withNextObs = nlohmann::json::parse(in);
  withNextObs["train"]["hdf5_load_next_obs"] = true;
  const fs::path altered = file.parent_path() / "next_obs.json";
  std::ofstream(altered) << withNextObs.dump();
  EXPECT_NE(w4rl::test::runPython("check_robomimic_config.py", {file.string(), altered.string()}), 0);
  // collect --next-obs writes it, and appending without it to such a file is refused.
  const fs::path withNext = file.parent_path() / "next.hdf5";
  const std::string recipe =
      " --task soccer --recipe expert:6,random:4 --episode-length 12 --image-size 16 --out ";
  const CliRun n = runCli("collect --next-obs" + recipe + withNext.string());
  ASSERT_EQ(n.exitCode, 0) << n.err;
  EXPECT_EQ(w4rl::test::runPython("check_robomimic_config.py", {withNext.string(), altered.string()}), 0);
  const CliRun mixed = runCli("collect" + recipe + withNext.string());
  EXPECT_NE(mixed.exitCode, 0);
  EXPECT_NE(mixed.err.find("next_obs"), std::string::npos) << mixed.err;
}

// A file collected without next_obs/ converted to one with it: the same next_obs/ as collect --next-obs
// writes for the same episodes, the last step simulated from the stored states.
TEST(Cli, DatasetConvertAddsTheNextObservationsCollectWouldHaveWritten) {
  const fs::path dir = w4rl::test::freshDir();
  const std::string recipe = " --task hammer --recipe expert:2,noisy:2,random:1 --episode-length 15 --out ";
  ASSERT_EQ(runCli("collect" + recipe + (dir / "plain.hdf5").string()).exitCode, 0);
  ASSERT_EQ(runCli("collect --next-obs" + recipe + (dir / "reference.hdf5").string()).exitCode, 0);
  const CliRun c = runCli("dataset convert " + (dir / "plain.hdf5").string() + " --out " +
                          (dir / "converted.hdf5").string() + " --next-obs");
  ASSERT_EQ(c.exitCode, 0) << c.err;
  EXPECT_NE(c.out.find("5 episodes (75 steps) with next_obs/"), std::string::npos) << c.out;
  EXPECT_EQ(w4rl::test::runPython("compare_next_obs.py",
                                  {(dir / "converted.hdf5").string(), (dir / "reference.hdf5").string()}),
            0);
  // An existing output is never overwritten; nothing to add is an error too.
  const CliRun again = runCli("dataset convert " + (dir / "plain.hdf5").string() + " --out " +
                              (dir / "converted.hdf5").string() + " --next-obs");
  EXPECT_NE(again.exitCode, 0);
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
  const CliRun nothing =
      runCli("dataset convert " + (dir / "plain.hdf5").string() + " --out " + (dir / "other.hdf5").string());
  EXPECT_NE(nothing.exitCode, 0);
  EXPECT_NE(nothing.err.find("--next-obs"), std::string::npos) << nothing.err;
  EXPECT_FALSE(fs::exists(dir / "other.hdf5"));
}

TEST(Cli, DatasetExportLeRobotWritesAFolderAnIndependentReaderAccepts) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = dir / "d.hdf5", out = dir / "lerobot";
  ASSERT_EQ(runCli("collect --task soccer --recipe expert:1,random:1 --episode-length 10 --image-size 32 "
                   "--out " +
                   data.string())
                .exitCode,
            0);
  const CliRun c = runCli("dataset export-lerobot " + data.string() + " --out " + out.string() + " --fps 10");
  ASSERT_EQ(c.exitCode, 0) << c.err;
  EXPECT_NE(c.out.find("LeRobot v2.1 dataset of 2 episodes, 20 frames, 1 task(s) at 10 fps"),
            std::string::npos)
      << c.out;
  EXPECT_EQ(w4rl::test::runPython("check_lerobot.py", {out.string(), data.string()}), 0);
  const CliRun again = runCli("dataset export-lerobot " + data.string() + " --out " + out.string());
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_NE(again.err.find(out.string() + " already exists"), std::string::npos) << again.err;
  const CliRun missing =
      runCli("dataset export-lerobot " + (dir / "none.hdf5").string() + " --out " + (dir / "other").string());
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("none.hdf5"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(dir / "other"));
}

TEST(Cli, DatasetInfoOnNonHdf5NamesTheFile) {
  const fs::path file = w4rl::test::freshDir() / "notes.hdf5";
  std::ofstream(file) << "not a dataset";
  const CliRun r = runCli("dataset info " + file.string());
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
}

TEST(Cli, InterruptedCollectionLeavesAValidFileWithCompletedEpisodes) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "d.hdf5";
  const std::string fileArg = file.string();
  std::vector<std::string> args{W4RL_CLI_BINARY,  "collect",    "--task",       "pick-place",
                                "--recipe",       "random:500", "--out",        fileArg,
                                "--commit-every", "1",          "--image-size", "16"};
  const pid_t pid = w4rl::test::spawnSilently(args);
  // Wait until some episodes are committed, then press Ctrl-C.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(file) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const auto ds = w4rl::data::Dataset::open({file});
  EXPECT_GE(ds.episodes().size(), 1u);
  EXPECT_LT(ds.episodes().size(), 500u);
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename(), "d.hdf5") << "left behind: " << entry.path();
}

TEST(Cli, EvalPolicyWithoutAUsableCheckpointNamesTheFile) {
  const fs::path dir = w4rl::test::freshDir();
  const CliRun missing = runCli("eval-policy --policy " + (dir / "missing.pt").string() + " --device cpu");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find((dir / "missing.pt").string()), std::string::npos) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
  const fs::path notes = dir / "notes.pt";
  std::ofstream(notes) << "not a checkpoint";
  const CliRun foreign = runCli("eval-policy --policy " + notes.string() + " --device cpu --task soccer");
  EXPECT_EQ(foreign.exitCode, 1);
  EXPECT_NE(foreign.err.find(notes.string()), std::string::npos) << foreign.err;
  EXPECT_NE(runCli("eval-policy --task soccer").exitCode, 0);  // --policy is required
}

TEST(Cli, CompareEvalsCountsSeedsGainedAndLostAndNamesAMismatch) {
  const fs::path dir = w4rl::test::freshDir();
  auto write = [&](const std::string& name, const std::vector<std::pair<int, bool>>& outcomes) {
    nlohmann::json episodes = nlohmann::json::array();
    for (const auto& [seed, success] : outcomes) episodes.push_back({{"seed", seed}, {"success", success}});
    std::ofstream(dir / name) << nlohmann::json{{"task", "hammer"}, {"per_episode", episodes}}.dump();
    return (dir / name).string();
  };
  std::vector<std::pair<int, bool>> bc, refined;
  for (int seed = 0; seed < 20; ++seed) {
    bc.push_back({seed, seed < 4});                     // 4 of 20
    refined.push_back({seed, seed >= 2 && seed < 14});  // 12 of 20: seeds 4..13 gained, 0 and 1 lost
  }
  const auto base = write("bc.json", bc), other = write("refined.json", refined);
  const CliRun text = runCli("compare-evals " + base + " " + other);
  ASSERT_EQ(text.exitCode, 0) << text.err;
  // 2 (1 + 12 + 66) / 2^12 = 0.0386.
  EXPECT_NE(
      text.out.find("hammer 20.0% -> 60.0% (+40.0 points) over 20 seeds: 10 gained, 2 lost, exact McNemar "
                    "p = 0.0386\n"),
      std::string::npos)
      << text.out;
  const CliRun json = runCli("compare-evals --json " + base + " " + other + " " + base);
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["seeds_gained"], 10);
  EXPECT_EQ(j[0]["seeds_lost"], 2);
  EXPECT_NEAR(j[0]["mcnemar_p"].get<double>(), 158.0 / 4096.0, 1e-12);
  EXPECT_EQ(j[1]["seeds_gained"], 0);  // BC against itself
  EXPECT_EQ(j[1]["mcnemar_p"], 1.0);

  refined.back().first = 99;
  const auto shifted = write("shifted.json", refined);
  const CliRun mismatch = runCli("compare-evals " + base + " " + shifted);
  EXPECT_EQ(mismatch.exitCode, 1);
  EXPECT_NE(mismatch.err.find(shifted + ": seed 19 of " + base + " was not evaluated"), std::string::npos)
      << mismatch.err;
  EXPECT_EQ(std::count(mismatch.err.begin(), mismatch.err.end(), '\n'), 1) << mismatch.err;
  EXPECT_NE(runCli("compare-evals " + base).exitCode, 0);  // nothing to compare with
}

TEST(Cli, PolicyRecipeWithoutAPolicyIsRefused) {
  const fs::path file = w4rl::test::freshDir() / "p.hdf5";
  const CliRun r = runCli("collect --task soccer --recipe expert:1,policy:2 --out " + file.string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--policy"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file));
}

namespace {
std::string fileBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

// Every shipped model kind exported as safetensors: a plain reader (json, struct, numpy) finds the
// tensors and metadata, the file converts back to our archive and again to the same bytes, and a policy
// acts from it exactly as from its .pt.
TEST(Cli, ExportToSafetensorsIsReadablePlainlyAndLoadsLikeTheCheckpoint) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path models = fs::path(W4RL_SOURCE_RESOURCES) / "models";
  const std::pair<const char*, const char*> shipped[] = {
      {"world_model_3task_cpu", "world_model"}, {"bc_hammer", "policy"}, {"reward_hammer", "reward"}};
  for (const auto& [name, kind] : shipped) {
    const fs::path st = dir / (std::string(name) + ".safetensors");
    const CliRun r =
        runCli("export-checkpoint " + (models / (std::string(name) + ".pt")).string() + " " + st.string());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find(std::string(kind) + " checkpoint"), std::string::npos) << r.out;
    EXPECT_EQ(w4rl::test::runPython("check_safetensors.py", {st.string(), kind, "10"}), 0) << name;
    const fs::path back = dir / (std::string(name) + "_back.pt");
    const fs::path again = dir / (std::string(name) + "_again.safetensors");
    ASSERT_EQ(runCli("export-checkpoint " + st.string() + " " + back.string()).exitCode, 0);
    ASSERT_EQ(runCli("export-checkpoint " + back.string() + " " + again.string()).exitCode, 0);
    EXPECT_EQ(fileBytes(st), fileBytes(again)) << name;
  }
  const std::string eval = " --task hammer --episodes 3 --seed 11 --json";
  const CliRun viaPt = runCli("eval-policy --policy " + (models / "bc_hammer.pt").string() + eval);
  const CliRun viaSt = runCli("eval-policy --policy " + (dir / "bc_hammer.safetensors").string() + eval);
  ASSERT_EQ(viaPt.exitCode, 0) << viaPt.err;
  ASSERT_EQ(viaSt.exitCode, 0) << viaSt.err;
  EXPECT_EQ(nlohmann::json::parse(viaPt.out)["per_episode"], nlohmann::json::parse(viaSt.out)["per_episode"]);

  // A weights-only file cannot resume training, and a damaged one is named.
  fs::copy_file(dir / "bc_hammer.safetensors", dir / "cut.safetensors");
  fs::resize_file(dir / "cut.safetensors", fs::file_size(dir / "cut.safetensors") / 2);
  const CliRun cut = runCli("eval-policy --policy " + (dir / "cut.safetensors").string() + eval);
  EXPECT_NE(cut.exitCode, 0);
  EXPECT_NE(cut.err.find("cut.safetensors"), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("truncated file"), std::string::npos) << cut.err;
}
