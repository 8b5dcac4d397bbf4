// SSIM against scikit-image: pairs of images are written to disk, tests/scripts/ssim_reference.py
// computes skimage.metrics.structural_similarity(a, b, channel_axis=2, data_range=255) for each, and our
// values must agree within 1e-6.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "common/error.h"
#include "common/number_text.h"
#include "metrics/ssim.h"
#include "test_support.h"

namespace w4rl::metrics {
namespace {

namespace fs = std::filesystem;

struct Pair {
  std::string name;
  RgbImage a;
  RgbImage b;
};

std::vector<Pair> referencePairs() {
  std::vector<Pair> pairs;
  pairs.push_back({"noise_64", test::noiseImage(64, 64, 1), test::noiseImage(64, 64, 2)});
  const RgbImage gradient = test::gradientImage(64, 64, 0.0, 3);
  pairs.push_back({"gradient_noise_64", gradient, test::addNoise(gradient, 12.0, 4)});
  pairs.push_back({"gradient_slight_64", gradient, test::addNoise(gradient, 1.5, 5)});
  const RgbImage blocks = test::blockyImage(64, 64, 8, 6);
  pairs.push_back({"blocky_64", blocks, test::blockyImage(64, 64, 8, 7)});
  pairs.push_back({"blocky_vs_noisy_64", blocks, test::addNoise(blocks, 20.0, 8)});
  pairs.push_back(
      {"gradient_48x40", test::gradientImage(48, 40, 6.0, 9), test::gradientImage(48, 40, 6.0, 10)});
  pairs.push_back({"blocky_48x40", test::blockyImage(48, 40, 5, 11), test::blockyImage(48, 40, 3, 12)});
  pairs.push_back({"noise_7x7", test::noiseImage(7, 7, 13), test::noiseImage(7, 7, 14)});
  pairs.push_back({"gradient_7x7", test::gradientImage(7, 7, 4.0, 15), test::gradientImage(7, 7, 30.0, 16)});
  pairs.push_back({"thin_7x31", test::gradientImage(7, 31, 3.0, 17), test::noiseImage(7, 31, 18)});
  pairs.push_back({"odd_37x100", test::gradientImage(37, 100, 8.0, 19), test::blockyImage(37, 100, 6, 20)});
  pairs.push_back(
      {"flat_vs_flat", test::constantImage(16, 16, 10, 200, 128), test::constantImage(16, 16, 12, 150, 128)});
  pairs.push_back(
      {"flat_vs_noise", test::constantImage(16, 16, 128, 128, 128), test::noiseImage(16, 16, 21)});
  RgbImage inverted = gradient;
  for (std::uint8_t& v : inverted.pixels) v = static_cast<std::uint8_t>(255 - v);
  pairs.push_back({"inverted_64", test::addNoise(gradient, 5.0, 22), inverted});
  return pairs;
}

void writeRaw(const fs::path& path, const RgbImage& image) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(image.pixels.data()),
            static_cast<std::streamsize>(image.pixels.size()));
  ASSERT_TRUE(out.good()) << path;
}

TEST(Ssim, MatchesScikitImage) {
  const fs::path dir = test::freshDir();
  const std::vector<Pair> pairs = referencePairs();
  {
    std::ofstream manifest(dir / "manifest.txt");
    for (const Pair& p : pairs) {
      writeRaw(dir / (p.name + ".a.raw"), p.a);
      writeRaw(dir / (p.name + ".b.raw"), p.b);
      manifest << p.name << ' ' << p.a.height << ' ' << p.a.width << '\n';
    }
  }
  ASSERT_EQ(test::runPython("ssim_reference.py",
                            {(dir / "manifest.txt").string(), (dir / "reference.txt").string()}),
            0);

  std::map<std::string, double> reference;
  std::ifstream in(dir / "reference.txt");
  std::string name, value;
  while (in >> name >> value) reference[name] = parseDouble(value).value();
  ASSERT_EQ(reference.size(), pairs.size());

  double maxDiff = 0.0;
  double lowest = 1.0;
  double highest = -1.0;
  for (const Pair& p : pairs) {
    ASSERT_EQ(reference.count(p.name), 1u) << p.name;
    const double ours = ssim(p.a.view(), p.b.view());
    const double theirs = reference[p.name];
    EXPECT_NEAR(ours, theirs, 1e-6) << p.name;
    maxDiff = std::max(maxDiff, std::abs(ours - theirs));
    lowest = std::min(lowest, theirs);
    highest = std::max(highest, theirs);
  }
  // The pairs span the range, from anti-correlated to nearly identical, so agreement is not an accident
  // of every value being the same.
  EXPECT_LT(lowest, 0.0);
  EXPECT_GT(highest, 0.95);
  RecordProperty("max_abs_diff_vs_skimage", std::to_string(maxDiff));
  std::cout << "max |ours - skimage| = " << maxDiff << "\n";
}

TEST(Ssim, IdenticalImagesGiveOne) {
  for (const RgbImage& a : {test::noiseImage(64, 64, 1), test::gradientImage(48, 40, 3.0, 2),
                            test::constantImage(7, 7, 0, 0, 0)}) {
    EXPECT_NEAR(ssim(a.view(), a.view()), 1.0, 1e-12);
  }
  const RgbImage a = test::gradientImage(32, 32, 5.0, 3);
  EXPECT_LT(ssim(a.view(), test::addNoise(a, 10.0, 4).view()), 0.99);
}

TEST(Ssim, IsSymmetric) {
  const RgbImage a = test::gradientImage(20, 30, 5.0, 1);
  const RgbImage b = test::blockyImage(20, 30, 4, 2);
  EXPECT_DOUBLE_EQ(ssim(a.view(), b.view()), ssim(b.view(), a.view()));
}

TEST(Ssim, RefusesImagesSmallerThanTheWindow) {
  for (const auto& [h, w] : {std::pair{6, 7}, std::pair{7, 6}, std::pair{3, 40}}) {
    const RgbImage a = test::noiseImage(h, w, 1);
    try {
      ssim(a.view(), a.view());
      FAIL() << "no error for " << h << "x" << w;
    } catch (const Error& e) {
      const std::string size = std::to_string(h) + "x" + std::to_string(w);
      EXPECT_NE(std::string(e.what()).find(size), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(ssim(test::noiseImage(8, 8, 1).view(), test::noiseImage(8, 9, 1).view()), Error);
}

}  // namespace
}  // namespace w4rl::metrics
