#pragma once
// Renders one fixed camera of a MuJoCo model to an RGB image, headless. Owns its GL context, so
// environments on different threads never share GL state.
#include <mujoco/mujoco.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/gl_context.h"

namespace w4rl::sim {

class OffscreenRenderer {
 public:
  // The model's offscreen buffer is enlarged to width x height if needed (it must be before the
  // rendering context is made, hence the non-const model). Throws if the camera does not exist.
  OffscreenRenderer(mjModel* model, const std::string& camera, int width, int height);
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  // Renders the current state of `data` into `rgb` (height * width * 3, row 0 at the top).
  void render(mjData* data, std::vector<std::uint8_t>& rgb);

  int width() const { return width_; }
  int height() const { return height_; }
  std::string backendName() const { return gl_.backendName(); }

 private:
  HeadlessGlContext gl_;
  const mjModel* model_;
  int width_;
  int height_;
  mjvCamera camera_{};
  mjvOption option_{};
  mjvScene scene_{};
  mjrContext context_{};
  std::vector<std::uint8_t> bottomUp_;
};

}  // namespace w4rl::sim
