#include "metrics/image.h"

#include "common/error.h"

namespace w4rl::metrics {

std::string sizeString(const ImageView& image) {
  return std::to_string(image.height) + "x" + std::to_string(image.width);
}

void checkImage(const ImageView& image, const std::string& what) {
  if (image.height <= 0 || image.width <= 0)
    throw Error(what + ": image size " + sizeString(image) + " is not positive");
  if (image.data == nullptr) throw Error(what + ": image of size " + sizeString(image) + " has no data");
}

void checkSameSize(const ImageView& a, const ImageView& b, const std::string& what) {
  checkImage(a, what);
  checkImage(b, what);
  if (a.height != b.height || a.width != b.width)
    throw Error(what + ": images differ in size (" + sizeString(a) + " vs " + sizeString(b) + ")");
}

}  // namespace w4rl::metrics
