// Every malformed input is refused with a message naming the file and the offending path inside it.
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;                // make_malformed.py case
  std::vector<std::string> parts;  // the error must contain each (besides the file name)
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::string openError(const std::vector<fs::path>& files) {
  try {
    Dataset::open(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, OpenFailsNamingFileAndPath) {
  const Case& c = GetParam();
  const fs::path file = test::makeMalformed(test::freshDir(), c.name);
  const std::string msg = openError({file});
  EXPECT_NE(msg.find(file.string() + ": "), std::string::npos) << msg;
  for (const std::string& part : c.parts)
    EXPECT_NE(msg.find(part), std::string::npos) << "'" << part << "' in: " << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Malformed,
    ::testing::Values(
        Case{"not_hdf5", {"not an HDF5 file"}}, Case{"no_data_group", {"/data: missing group"}},
        Case{"no_demos", {"/data: contains no demos"}},
        Case{"missing_image_key",
             {"/data/demo_1/obs/agentview_image: missing", "robot0_eef_pos", "wrist_image"}},
        Case{"wrong_rank_images",
             {"/data/demo_1/obs/agentview_image: expected a 4-D dataset", "found rank 3"}},
        Case{"float_images", {"/data/demo_1/obs/agentview_image: expected uint8", "float (4 bytes)"}},
        Case{"actions_rank3", {"/data/demo_1/actions: expected a 2-D dataset, found rank 3"}},
        Case{"length_mismatch", {"/data/demo_1/rewards: has 4 steps, but actions has 5"}},
        Case{"image_length_mismatch", {"/data/demo_1/obs/agentview_image: has 7 frames, but actions has 5"}},
        Case{"missing_dones", {"/data/demo_1/dones: missing"}},
        Case{"non_utf8_task", {"/data/demo_1: attribute \"task\" is not valid UTF-8 text"}},
        Case{"huge_num_samples", {"/data/demo_1: attribute num_samples is 1000000000000", "actions has 5"}}),
    [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

TEST(MalformedFile, TruncatedFileIsReported) {
  const fs::path file = test::freshDir() / "cut.hdf5";
  {
    DatasetWriter writer(file, {});
    for (std::uint64_t i = 0; i < 3; ++i) writer.append(test::makeEpisode(i, 10, 16, 16));
    writer.commit();
  }
  fs::resize_file(file, fs::file_size(file) / 2);
  const std::string msg = openError({file});
  EXPECT_NE(msg.find(file.string() + ": "), std::string::npos) << msg;
  EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(MalformedFile, MissingFileIsReported) {
  const fs::path file = test::freshDir() / "absent.hdf5";
  EXPECT_EQ(openError({file}), file.string() + ": no such file");
}

TEST(MalformedFile, BadActionValuesFailWhenRead) {
  const fs::path dir = test::freshDir();
  const fs::path nan = test::makeMalformed(dir, "nan_action");
  const fs::path big = test::makeMalformed(dir, "out_of_range_action");
  const Dataset ds = Dataset::open({nan, big});  // values are not read at open
  EXPECT_EQ(ds.actions(0).size(), 15u);
  const auto actionError = [&](std::size_t ep) -> std::string {
    try {
      ds.actions(ep);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  };
  const std::string nanMsg = actionError(1);
  EXPECT_NE(nanMsg.find(nan.string() + ": /data/demo_1/actions: step 2, component 1"), std::string::npos)
      << nanMsg;
  EXPECT_NE(nanMsg.find("nan"), std::string::npos) << nanMsg;
  const std::string bigMsg = actionError(3);
  EXPECT_NE(bigMsg.find(big.string() + ": /data/demo_1/actions: step 3, component 0"), std::string::npos)
      << bigMsg;
  EXPECT_NE(bigMsg.find("1.5"), std::string::npos) << bigMsg;
  EXPECT_EQ(actionError(2), "(no error)");
}

TEST(MalformedFile, ActionDimsMustAgreeAcrossFiles) {
  const fs::path dir = test::freshDir();
  const fs::path three = test::makeMalformed(dir, "valid");
  const fs::path four = test::makeMalformed(dir, "action_dim_4");
  const std::string msg = openError({three, four});
  EXPECT_NE(msg.find(four.string() + ": /data/demo_0/actions: expected action dimension 3"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("found 4"), std::string::npos) << msg;
  EXPECT_NE(msg.find(three.string()), std::string::npos) << msg;  // names what it was compared with
}

}  // namespace
}  // namespace w4rl::data
