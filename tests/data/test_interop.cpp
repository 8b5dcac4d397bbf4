// Interoperability with the Python ecosystem: our files read by h5py as robomimic would, and files
// written by robomimic and LIBERO (reproduced with h5py) read by Dataset.
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;

std::uint8_t pixel(const std::vector<std::uint8_t>& frames, int h, int w, int t, int y, int x, int c) {
  return frames[((static_cast<std::size_t>(t) * h + y) * w + x) * 3 + c];
}

TEST(Interop, WrittenFilePassesTheRobomimicLayoutCheck) {
  const fs::path file = test::freshDir() / "data.hdf5";
  DatasetWriter writer(file, {{"type", 1}, {"env_kwargs", {{"control_freq", 20}}}});
  for (std::uint64_t i = 0; i < 11; ++i)
    writer.append(test::makeEpisode(i, 4, 12, 10, i < 6 ? "pick-place" : "push"));
  writer.commit();
  EXPECT_EQ(test::runPython("check_robomimic_layout.py", {file.string(), "11", "--synthetic"}), 0);
  // The checker is not vacuous: a wrong demo count, or a file without masks, fails it.
  EXPECT_NE(test::runPython("check_robomimic_layout.py", {file.string(), "12"}), 0);
  const fs::path noMasks = test::makeMalformed(file.parent_path(), "valid");
  EXPECT_NE(test::runPython("check_robomimic_layout.py", {noMasks.string(), "2"}), 0);
}

TEST(Interop, ReadsARobomimicFile) {
  const fs::path dir = test::freshDir();
  ASSERT_EQ(test::runPython("make_foreign.py", {dir.string(), "robomimic"}), 0);
  const Dataset ds = Dataset::open({dir / "robomimic.hdf5"});
  ASSERT_EQ(ds.size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(ds.episodes()[i].demo, "demo_" + std::to_string(i));
  EXPECT_EQ(ds.tasks(), std::vector<std::string>{"Lift"});
  EXPECT_EQ(ds.actionDim(), 7);
  EXPECT_EQ(ds.imageHeight(), 12);
  EXPECT_EQ(ds.imageWidth(), 10);

  const EpisodeInfo& ten = ds.episodes()[10];
  EXPECT_EQ(ten.numSamples, 4 + 10 % 3);
  EXPECT_EQ(ten.seed, -1);
  EXPECT_EQ(ten.source, EpisodeSource::Unknown);
  EXPECT_TRUE(ten.success);  // even demo: reward 1 on its last step
  EXPECT_FALSE(ds.episodes()[3].success);
  const std::vector<float> actions = ds.actions(10);  // float64 in the file
  ASSERT_EQ(actions.size(), static_cast<std::size_t>(ten.numSamples * 7));
  EXPECT_FLOAT_EQ(actions[2 * 7 + 3], static_cast<float>((2 - 3) / 8.0 + 10 / 64.0));
  EXPECT_EQ(ds.dones(10), (std::vector<std::uint8_t>{0, 0, 0, 0, 1}));  // int64 in the file
  EXPECT_EQ(ds.rewards(10).back(), 1.0f);                               // float64 in the file

  const std::vector<std::uint8_t> frames = ds.frames(10, 1, 2);  // gzip-chunked by h5py
  ASSERT_EQ(frames.size(), 2u * 12 * 10 * 3);
  EXPECT_EQ(pixel(frames, 12, 10, 0, 5, 7, 2), (10 * 13 + 1 * 31 + 5 * 7 + 7 * 3 + 2 * 50) % 256);
  EXPECT_EQ(pixel(frames, 12, 10, 1, 11, 9, 0), (10 * 13 + 2 * 31 + 11 * 7 + 9 * 3) % 256);

  EXPECT_EQ(ds.lowDimKeys(10), (std::vector<std::string>{"object", "robot0_eef_pos"}));
  EXPECT_DOUBLE_EQ(ds.lowDim(10, "robot0_eef_pos")[0], 1.0);
  EXPECT_EQ(ds.stateDim(10), 32);
  EXPECT_EQ(ds.validEpisodes(), (std::vector<std::size_t>{3, 7}));  // from mask/valid
  EXPECT_EQ(ds.trainEpisodes().size(), 10u);
  EXPECT_TRUE(ds.episodes()[7].inValidMask);
}

TEST(Interop, ReadsALiberoFileAndFlipsItsImages) {
  const fs::path dir = test::freshDir();
  ASSERT_EQ(test::runPython("make_foreign.py", {dir.string(), "libero"}), 0);
  ReadOptions options;
  options.imageKey = "agentview_rgb";
  options.flipVertical = true;
  const Dataset ds = Dataset::open({dir / "libero.hdf5"}, options);
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds.tasks(), std::vector<std::string>{"put the bowl on the plate"});
  EXPECT_TRUE(ds.episodes()[0].success);  // uint8 reward 1 on the last step
  EXPECT_EQ(ds.dones(1), (std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(ds.rewards(1), (std::vector<float>{0, 0, 0, 0, 0, 1}));
  EXPECT_FLOAT_EQ(ds.actions(2)[3 * 7 + 5], (5 - 3) / 16.0f);
  EXPECT_EQ(ds.lowDimKeys(0), (std::vector<std::string>{"ee_states", "gripper_states", "joint_states"}));
  EXPECT_DOUBLE_EQ(ds.lowDim(0, "ee_states")[6 + 4], 2.0);  // step 1, component 4
  EXPECT_TRUE(ds.validEpisodes().empty());                  // no masks, fewer than 10 demos

  // Upright after the flip: pixel(t, y, x, c) = (t*10 + y*20 + x + c*3) % 256.
  const std::vector<std::uint8_t> upright = ds.frames(0, 0, 6);
  for (int t : {0, 5}) {
    for (int y : {0, 1, 7}) {
      EXPECT_EQ(pixel(upright, 8, 8, t, y, 3, 1), (t * 10 + y * 20 + 3 + 3) % 256) << t << "," << y;
    }
  }
  options.flipVertical = false;
  const Dataset raw = Dataset::open({dir / "libero.hdf5"}, options);
  EXPECT_EQ(pixel(raw.frames(0, 0, 1), 8, 8, 0, 0, 3, 1), (7 * 20 + 3 + 3) % 256);  // stored bottom row first

  options.imageKey = "eye_in_hand_rgb";
  options.imageSize = 4;
  const Dataset small = Dataset::open({dir / "libero.hdf5"}, options);
  EXPECT_EQ(small.frames(0, 0, 2).size(), 2u * 4 * 4 * 3);
  EXPECT_EQ(small.readEpisode(0).imageHeight, 4);
}

// Without --image-key or --flip a LIBERO file is recognised by its problem_info and read as LIBERO
// stores it; in one dataset with a robomimic file each file keeps its own key.
TEST(Interop, RecognisesALiberoFileWithoutOptionsBesideARobomimicOne) {
  const fs::path dir = test::freshDir();
  ASSERT_EQ(test::runPython("make_foreign.py", {dir.string(), "libero"}), 0);
  ASSERT_EQ(test::runPython("make_foreign.py", {dir.string(), "robomimic"}), 0);
  ReadOptions explicitly;
  explicitly.imageKey = "agentview_rgb";
  explicitly.flipVertical = true;
  const Dataset byHand = Dataset::open({dir / "libero.hdf5"}, explicitly);
  const Dataset detected = Dataset::open({dir / "libero.hdf5"});
  EXPECT_EQ(detected.fileOptions(0).imageKey, "agentview_rgb");
  EXPECT_TRUE(detected.fileOptions(0).flipVertical);
  EXPECT_EQ(detected.frames(0, 0, 6), byHand.frames(0, 0, 6));  // upright
  EXPECT_EQ(pixel(detected.frames(0, 0, 1), 8, 8, 0, 0, 3, 1), (0 * 20 + 3 + 3) % 256);

  // LIBERO's 7-D actions match robomimic's; frames resized to one size so the files can mix.
  ReadOptions resized;
  resized.imageSize = 8;
  const Dataset mixed = Dataset::open({dir / "libero.hdf5", dir / "robomimic.hdf5"}, resized);
  EXPECT_EQ(mixed.fileOptions(0).imageKey, "agentview_rgb");
  EXPECT_EQ(mixed.fileOptions(1).imageKey, "agentview_image");
  EXPECT_FALSE(mixed.fileOptions(1).flipVertical);
  EXPECT_EQ(mixed.size(), 3u + 12u);
  EXPECT_EQ(mixed.frames(3, 0, 1).size(), 8u * 8 * 3);
  EXPECT_THROW(mixed.fileOptions(2), Error);
}

TEST(Interop, ReadsNumpyBoolsAndVariableLengthStrings) {
  const fs::path file = test::makeMalformed(test::freshDir(), "bool_flags");
  const Dataset ds = Dataset::open({file});
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds.dones(0), (std::vector<std::uint8_t>{0, 0, 0, 0, 1}));
  EXPECT_FALSE(ds.episodes()[0].success);  // the attribute wins over rewards
  EXPECT_TRUE(ds.episodes()[1].success);
  EXPECT_EQ(ds.tasks(), std::vector<std::string>{"bool-task"});
  EXPECT_EQ(static_cast<std::uint64_t>(ds.episodes()[1].seed), 0xFFFF'FFFF'FFFF'FFFBull);
}

}  // namespace
}  // namespace w4rl::data
