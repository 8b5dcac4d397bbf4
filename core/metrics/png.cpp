#include "metrics/png.h"

#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "common/atomic_file.h"
#include "common/error.h"

namespace w4rl::metrics {

void writePng(const std::filesystem::path& path, const ImageView& rgb) {
  checkImage(rgb, "writePng " + path.string());
  // cv::imwrite picks the encoder from the file name, and the temporary name does not end in .png, so the
  // image is encoded in memory and the bytes written to the temporary file.
  // The cv::Mat only reads the caller's pixels; OpenCV's constructor takes void* for both uses.
  const cv::Mat src(rgb.height, rgb.width, CV_8UC3, const_cast<std::uint8_t*>(rgb.data));
  cv::Mat bgr;
  cv::cvtColor(src, bgr, cv::COLOR_RGB2BGR);
  std::vector<std::uint8_t> bytes;
  bool encoded = false;
  try {
    encoded = cv::imencode(".png", bgr, bytes);
  } catch (const cv::Exception& e) {
    throw Error("cannot encode " + path.string() + " as PNG: " + e.what());
  }
  if (!encoded) throw Error("cannot encode " + path.string() + " as PNG");

  AtomicFile file(path);
  {
    std::ofstream out(file.tempPath(), std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write " + path.string() + ": cannot create " + file.tempPath().string());
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw Error("cannot write " + path.string() + ": write failed");
  }
  file.commit();
}

}  // namespace w4rl::metrics
