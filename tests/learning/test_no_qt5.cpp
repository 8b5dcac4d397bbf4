// Debian's libtorch pulls Qt 5 in through libopencv_highgui; the build points such binaries at an empty
// stand-in (cmake/TorchWithoutQt5.cmake). This process links torch: Qt 5 must not be mapped in it.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <string>

TEST(TorchLinking, NoQt5InAProcessThatUsesTorch) {
  const auto t = torch::ones({2, 2}).sum();  // make sure torch is really used and loaded
  EXPECT_EQ(t.item<float>(), 4.0f);
  std::ifstream maps("/proc/self/maps");
  std::string line;
  bool highguiStub = false;
  while (std::getline(maps, line)) {
    EXPECT_EQ(line.find("libQt5"), std::string::npos) << line;
    if (line.find("libopencv_highgui") != std::string::npos) {
      EXPECT_NE(line.find("torch-stubs"), std::string::npos) << "the real highgui was loaded: " << line;
      highguiStub = true;
    }
  }
  EXPECT_TRUE(highguiStub) << "libtorch's highgui dependency was not resolved to the stub";
}
