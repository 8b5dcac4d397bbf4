#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <regex>

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/metrics_log.h"
#include "learning/safetensors_io.h"
#include "learning/train_settings.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::learning {
namespace {

WorldModelConfig tinyConfig() {
  WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {8, 16};
  c.condDim = 16;
  c.tasks = {"hammer", "soccer"};
  c.actionEncoding = ActionEncoding::OneHot;
  c.actionBins = 11;
  return c;
}

void expectThrowsMentioning(const std::function<void()>& f, const std::string& text) {
  try {
    f();
    FAIL() << "expected an error mentioning " << text;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(Checkpoint, RoundTripRestoresConfigWeightsAndOptimiser) {
  const fs::path file = w4rl::test::freshDir() / "wm.pt";
  torch::manual_seed(0);
  WorldModel model(tinyConfig());
  torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-3));
  // One optimiser step so the optimiser has state to save.
  const auto ctx = torch::rand({2, 4, 3, 16, 16});
  const auto loss =
      model
          ->loss(torch::rand({2, 3, 16, 16}), ctx, torch::zeros({2, 4, 4}), torch::zeros({2}, torch::kLong),
                 torch::ones({2}), torch::randn({2, 3, 16, 16}))
          .mean();
  loss.backward();
  opt.step();
  CheckpointInfo info;
  info.step = 42;
  info.bestValidLoss = 0.125;
  saveWorldModel(file, model, &opt, info);
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);

  const CheckpointInfo read = readCheckpointInfo(file);
  EXPECT_EQ(read.kind, "world_model");
  EXPECT_EQ(read.step, 42);
  EXPECT_DOUBLE_EQ(read.bestValidLoss, 0.125);
  auto loaded = loadWorldModel(file, torch::kCPU);
  EXPECT_EQ(loaded.model->config().tasks, tinyConfig().tasks);
  EXPECT_EQ(loaded.model->config().actionEncoding, ActionEncoding::OneHot);
  EXPECT_EQ(loaded.model->config().actionBins, 11);
  const auto a = model->parameters(), b = loaded.model->parameters();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::equal(a[i], b[i]));
  // The loaded model samples exactly like the saved one.
  model->eval();
  loaded.model->eval();
  const auto act = torch::zeros({2, 4, 4});
  const auto task = torch::zeros({2}, torch::kLong);
  EXPECT_TRUE(torch::equal(model->sample(ctx, act, task, at::detail::createCPUGenerator(3)),
                           loaded.model->sample(ctx, act, task, at::detail::createCPUGenerator(3))));
  torch::optim::AdamW opt2(loaded.model->parameters(), torch::optim::AdamWOptions(1e-3));
  EXPECT_NO_THROW(loadOptimizerState(file, opt2, torch::kCPU));
}

TEST(Checkpoint, ContextNoiseAugmentationAndItsWeightsSurviveARoundTrip) {
  const fs::path file = w4rl::test::freshDir() / "wm.pt";
  auto config = tinyConfig();
  config.contextNoiseMax = 0.3;
  config.contextNoiseBuckets = 5;
  torch::manual_seed(4);
  WorldModel model(config);
  saveWorldModel(file, model, nullptr, CheckpointInfo{});
  auto loaded = loadWorldModel(file, torch::kCPU);
  EXPECT_DOUBLE_EQ(loaded.model->config().contextNoiseMax, 0.3);
  EXPECT_EQ(loaded.model->config().contextNoiseBuckets, 5);
  const auto a = model->named_parameters(), b = loaded.model->named_parameters();
  ASSERT_NE(a.find("context_noise_embedding.weight"), nullptr);
  ASSERT_NE(b.find("context_noise_embedding.weight"), nullptr);
  EXPECT_EQ(b["context_noise_embedding.weight"].sizes(), (std::vector<int64_t>{5, 16}));
  EXPECT_TRUE(torch::equal(a["context_noise_embedding.weight"], b["context_noise_embedding.weight"]));
}

TEST(Checkpoint, RefusesAByteFlippedInsideATensorNamingTheFile) {
  const fs::path dir = w4rl::test::freshDir();
  torch::manual_seed(5);
  WorldModel model(tinyConfig());
  saveWorldModel(dir / "wm.pt", model, nullptr, {});
  std::string bytes;
  {
    std::ifstream in(dir / "wm.pt", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // The largest weight lies in the middle of the archive: flip one of its bits.
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  std::ofstream(dir / "flipped.pt", std::ios::binary) << bytes;
  expectThrowsMentioning([&] { loadWorldModel(dir / "flipped.pt", torch::kCPU); }, "flipped.pt");
  expectThrowsMentioning([&] { loadWorldModel(dir / "flipped.pt", torch::kCPU); }, "CRC-32");
  EXPECT_NO_THROW(loadWorldModel(dir / "wm.pt", torch::kCPU));
}

TEST(Checkpoint, RefusesAStoredConfigThatDisagreesWithTheWeights) {
  const fs::path dir = w4rl::test::freshDir();
  WorldModel model(tinyConfig());
  auto wider = tinyConfig();
  wider.channels = {8, 24};  // same tensor names, other shapes
  CheckpointContents contents;
  contents.info.kind = kWorldModelKind;
  contents.info.configText = wider.toText();
  contents.modules = {{"model", model.ptr().get()}};
  writeCheckpoint(dir / "mismatch.pt", contents);
  expectThrowsMentioning([&] { loadWorldModel(dir / "mismatch.pt", torch::kCPU); }, "mismatch.pt");
  expectThrowsMentioning([&] { loadWorldModel(dir / "mismatch.pt", torch::kCPU); },
                         "but the stored config makes it [");
}

TEST(Checkpoint, AnInvalidValueInTheStoredConfigNamesTheFile) {
  const fs::path dir = w4rl::test::freshDir();
  WorldModel model(tinyConfig());
  CheckpointContents contents;
  contents.info.kind = kWorldModelKind;
  contents.info.configText = tinyConfig().toText() + "sampler_steps: 0\n";
  contents.modules = {{"model", model.ptr().get()}};
  writeCheckpoint(dir / "bad_config.pt", contents);
  expectThrowsMentioning([&] { loadWorldModel(dir / "bad_config.pt", torch::kCPU); },
                         (dir / "bad_config.pt").string() + ": its stored config: ");
  expectThrowsMentioning([&] { loadWorldModel(dir / "bad_config.pt", torch::kCPU); }, "sampler_steps");
}

TEST(Checkpoint, AWriteToAFullDiskFailsCleanlyLeavingThePreviousCheckpoint) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "last.pt";
  WorldModel model(tinyConfig());
  CheckpointInfo info;
  info.step = 1;
  saveWorldModel(file, model, nullptr, info);
  const auto before = fs::file_size(file);
  ASSERT_GT(before, 4096u);
  info.step = 2;
  {
    const w4rl::test::FileSizeLimit fullDisk(4096);  // where LibTorch's own writer aborts the program
    try {
      saveWorldModel(file, model, nullptr, info);
      ADD_FAILURE() << "a checkpoint was written past a full disk";
    } catch (const Error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("cannot write checkpoint " + file.string()), std::string::npos) << msg;
      EXPECT_NE(msg.find("unchanged"), std::string::npos) << msg;
    }
  }
  EXPECT_EQ(fs::file_size(file), before);
  EXPECT_EQ(loadWorldModel(file, torch::kCPU).info.step, 1);
  EXPECT_EQ(w4rl::test::countEntries(dir), 1u) << "a temporary file was left";
}

TEST(Checkpoint, RefusesNaNWeightsNamingTheTensor) {
  const fs::path file = w4rl::test::freshDir() / "wm.pt";
  WorldModel model(tinyConfig());
  {
    torch::NoGradGuard noGrad;
    model->parameters().front().view(-1)[0] = std::numeric_limits<float>::quiet_NaN();
  }
  saveWorldModel(file, model, nullptr, CheckpointInfo{});
  try {
    loadWorldModel(file, torch::kCPU);
    FAIL() << "NaN weights were loaded";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("holds NaN or infinite values"), std::string::npos) << msg;
    EXPECT_NE(msg.find(model->named_parameters().begin()->key()), std::string::npos) << msg;
  }
}

TEST(Checkpoint, NumbersReadAndWriteTheSameInACommaDecimalLocale) {
  w4rl::test::CommaLocale comma;
  W4RL_REQUIRE_COMMA_LOCALE(comma);
  const fs::path dir = w4rl::test::freshDir();
  WorldModel model(tinyConfig());
  TrainSettings train;
  train.lr = 3e-5;
  train.gradClip = 0.5;
  CheckpointInfo info;
  info.step = 7;
  info.bestValidLoss = 1.5e-7;  // printf's %f would have written 0,000000
  info.trainText = train.toText();
  saveWorldModel(dir / "wm.pt", model, nullptr, info);
  const auto read = readCheckpointInfo(dir / "wm.pt");
  EXPECT_EQ(read.bestValidLoss, 1.5e-7);
  EXPECT_NE(read.trainText.find("lr: 3e-05"), std::string::npos) << read.trainText;
  EXPECT_EQ(read.trainText.find(','), std::string::npos) << read.trainText;
  const auto loaded = loadWorldModel(dir / "wm.pt", torch::kCPU).model;
  EXPECT_EQ(loaded->config().edm.pMean, -0.4);
  EXPECT_EQ(loaded->config().edm.sigmaMin, 2e-3);
  EXPECT_EQ(loaded->config().toText(), model->config().toText());

  // metrics.jsonl stays JSON.
  {
    MetricsLog log(dir / "metrics.jsonl");
    log.write({{"global_step", 3}, {"losses/loss", 0.125}, {"charts/learning_rate", 2e-4}});
  }
  std::ifstream in(dir / "metrics.jsonl");
  std::string line;
  std::getline(in, line);
  EXPECT_TRUE(std::regex_match(
      line,
      std::regex(
          R"(\{"global_step": 3, "losses/loss": 0\.125, "charts/learning_rate": 0\.0002, "wall_time": [0-9]+\.[0-9]{3}\})")))
      << line;
}

// The weights-only safetensors form: every loader reads it like our own archive, with the same config,
// weights and samples; the header fields and each config line are in its metadata.
TEST(Checkpoint, SafetensorsFormLoadsLikeTheArchive) {
  const fs::path dir = w4rl::test::freshDir();
  torch::manual_seed(6);
  WorldModel model(tinyConfig());
  CheckpointInfo info;
  info.step = 7;
  info.bestValidLoss = 0.5;
  info.trainText = "lr: 0.001";
  saveWorldModel(dir / "wm.pt", model, nullptr, info);
  saveWorldModel(dir / "wm.safetensors", model, nullptr, info);
  EXPECT_TRUE(looksLikeSafetensors(dir / "wm.safetensors"));
  EXPECT_FALSE(looksLikeSafetensors(dir / "wm.pt"));

  auto viaArchive = loadWorldModel(dir / "wm.pt", torch::kCPU);
  auto viaSafetensors = loadWorldModel(dir / "wm.safetensors", torch::kCPU);
  EXPECT_EQ(viaSafetensors.info.kind, "world_model");
  EXPECT_EQ(viaSafetensors.info.step, 7);
  EXPECT_DOUBLE_EQ(viaSafetensors.info.bestValidLoss, 0.5);
  EXPECT_EQ(viaSafetensors.info.trainText, "lr: 0.001");
  EXPECT_EQ(viaSafetensors.info.configText, viaArchive.info.configText);
  const auto a = viaArchive.model->named_parameters(), b = viaSafetensors.model->named_parameters();
  ASSERT_EQ(a.size(), b.size());
  for (const auto& item : a) EXPECT_TRUE(torch::equal(item.value(), b[item.key()])) << item.key();
  viaArchive.model->eval();
  viaSafetensors.model->eval();
  const auto ctx = torch::rand({1, 4, 3, 16, 16});
  const auto act = torch::zeros({1, 4, 4});
  const auto task = torch::ones({1}, torch::kLong);
  EXPECT_TRUE(torch::equal(viaArchive.model->sample(ctx, act, task, at::detail::createCPUGenerator(3)),
                           viaSafetensors.model->sample(ctx, act, task, at::detail::createCPUGenerator(3))));

  const SafetensorsContents raw = readSafetensors(dir / "wm.safetensors");
  std::map<std::string, std::string> metadata(raw.metadata.begin(), raw.metadata.end());
  EXPECT_EQ(metadata["format"], "world4rl-checkpoint-v1");
  EXPECT_EQ(metadata["config.tasks"], "[hammer, soccer]");
  EXPECT_EQ(metadata["config.action_encoding"], "one-hot");
  EXPECT_EQ(metadata["config.action_bins"], "11");
  EXPECT_EQ(raw.tensors.size(), model->named_parameters().size() + model->named_buffers().size());
  EXPECT_EQ(raw.tensors.front().first.rfind("model.", 0), 0u);
}

TEST(Checkpoint, SafetensorsFormHoldsWeightsOnlyAndRefusesDamage) {
  const fs::path dir = w4rl::test::freshDir();
  WorldModel model(tinyConfig());
  torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-3));
  expectThrowsMentioning([&] { saveWorldModel(dir / "wm.safetensors", model, &opt, {}); }, "weights only");
  EXPECT_FALSE(fs::exists(dir / "wm.safetensors"));
  saveWorldModel(dir / "wm.safetensors", model, nullptr, {});
  expectThrowsMentioning([&] { loadOptimizerState(dir / "wm.safetensors", opt, torch::kCPU); },
                         "weights only");

  const auto size = fs::file_size(dir / "wm.safetensors");
  fs::copy_file(dir / "wm.safetensors", dir / "truncated.safetensors");
  fs::resize_file(dir / "truncated.safetensors", size - 4);
  expectThrowsMentioning([&] { loadWorldModel(dir / "truncated.safetensors", torch::kCPU); },
                         "truncated file");
  expectThrowsMentioning([&] { loadWorldModel(dir / "truncated.safetensors", torch::kCPU); },
                         "truncated.safetensors");

  // Another program's safetensors file: weights without our metadata.
  writeSafetensors(dir / "foreign.safetensors", {{}, {{"weight", torch::ones({3})}}});
  expectThrowsMentioning([&] { loadWorldModel(dir / "foreign.safetensors", torch::kCPU); },
                         "not a World4RL checkpoint (its safetensors metadata has no 'format')");

  // Ours with a weight the config does not make, and one missing.
  CheckpointContents contents;
  contents.info.kind = kWorldModelKind;
  contents.info.configText = tinyConfig().toText();
  torch::nn::Linear extra(2, 2);
  contents.modules = {{"model", model.ptr().get()}, {"model.more", extra.ptr().get()}};
  writeCheckpoint(dir / "extra.safetensors", contents);
  expectThrowsMentioning([&] { loadWorldModel(dir / "extra.safetensors", torch::kCPU); },
                         "'more.bias' is not in the model");
  auto smaller = tinyConfig();
  smaller.channels = {8, 16, 16};
  contents.modules = {{"model", model.ptr().get()}};
  contents.info.configText = smaller.toText();
  writeCheckpoint(dir / "missing.safetensors", contents);
  expectThrowsMentioning([&] { loadWorldModel(dir / "missing.safetensors", torch::kCPU); }, "is missing");
}

TEST(Checkpoint, RefusesForeignTruncatedMissingAndOtherKindFiles) {
  const fs::path dir = w4rl::test::freshDir();
  std::ofstream(dir / "text.pt") << "this is not a checkpoint";
  expectThrowsMentioning([&] { loadWorldModel(dir / "text.pt", torch::kCPU); }, "text.pt");
  expectThrowsMentioning([&] { loadWorldModel(dir / "missing.pt", torch::kCPU); }, "missing.pt");

  WorldModel model(tinyConfig());
  saveWorldModel(dir / "good.pt", model, nullptr, {});
  const auto size = fs::file_size(dir / "good.pt");
  fs::copy_file(dir / "good.pt", dir / "truncated.pt");
  fs::resize_file(dir / "truncated.pt", size / 2);
  expectThrowsMentioning([&] { loadWorldModel(dir / "truncated.pt", torch::kCPU); }, "truncated.pt");

  // A torch archive that is not ours (no magic entry).
  torch::serialize::OutputArchive foreign;
  foreign.write("weights", torch::ones({3}));
  foreign.save_to((dir / "foreign.pt").string());
  expectThrowsMentioning([&] { loadWorldModel(dir / "foreign.pt", torch::kCPU); },
                         "not a World4RL checkpoint");

  // Ours, but of another kind.
  torch::serialize::OutputArchive policy;
  policy.write("magic", c10::IValue(std::string("world4rl-checkpoint-v1")));
  policy.write("kind", c10::IValue(std::string("policy")));
  for (const char* key : {"config", "train", "step", "best_valid_loss"})
    policy.write(key, c10::IValue(std::string(
                          std::string(key) == "step" || std::string(key) == "best_valid_loss" ? "0" : "")));
  policy.save_to((dir / "policy.pt").string());
  expectThrowsMentioning([&] { loadWorldModel(dir / "policy.pt", torch::kCPU); },
                         "policy checkpoint, not a world model");
}

}  // namespace w4rl::learning
