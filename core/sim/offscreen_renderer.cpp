#include "sim/offscreen_renderer.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace w4rl::sim {
namespace {
constexpr int kMaxGeoms = 1000;
}

OffscreenRenderer::OffscreenRenderer(mjModel* model, const std::string& camera, int width, int height)
    : model_(model), width_(width), height_(height) {
  if (width < 1 || height < 1 || width > 4096 || height > 4096)
    throw Error("image size " + std::to_string(width) + "x" + std::to_string(height) + " is outside 1..4096");
  const int camId = mj_name2id(model, mjOBJ_CAMERA, camera.c_str());
  if (camId < 0) throw Error("the model has no camera named '" + camera + "'");
  model->vis.global.offwidth = std::max(model->vis.global.offwidth, width);
  model->vis.global.offheight = std::max(model->vis.global.offheight, height);

  gl_.makeCurrent();
  mjv_defaultCamera(&camera_);
  camera_.type = mjCAMERA_FIXED;
  camera_.fixedcamid = camId;
  mjv_defaultOption(&option_);
  mjv_defaultScene(&scene_);
  mjv_makeScene(model, &scene_, kMaxGeoms);
  mjr_defaultContext(&context_);
  mjr_makeContext(model, &context_, mjFONTSCALE_50);
  mjr_setBuffer(mjFB_OFFSCREEN, &context_);
  if (context_.currentBuffer != mjFB_OFFSCREEN) {
    mjr_freeContext(&context_);
    mjv_freeScene(&scene_);
    throw Error("MuJoCo could not create an offscreen framebuffer");
  }
  bottomUp_.resize(static_cast<std::size_t>(width) * height * 3);
}

OffscreenRenderer::~OffscreenRenderer() {
  try {
    gl_.makeCurrent();
  } catch (...) {
    // Freeing below still releases CPU-side memory; the GL objects go with the context.
  }
  mjr_freeContext(&context_);
  mjv_freeScene(&scene_);
}

void OffscreenRenderer::render(mjData* data, std::vector<std::uint8_t>& rgb) {
  gl_.makeCurrent();
  mjv_updateScene(model_, data, &option_, nullptr, &camera_, mjCAT_ALL, &scene_);
  const mjrRect viewport{0, 0, width_, height_};
  mjr_render(viewport, &scene_, &context_);
  mjr_readPixels(bottomUp_.data(), nullptr, viewport, &context_);
  // OpenGL rows run bottom-up; images are stored top-down.
  const std::size_t row = static_cast<std::size_t>(width_) * 3;
  rgb.resize(row * height_);
  for (int y = 0; y < height_; ++y)
    std::memcpy(rgb.data() + row * y, bottomUp_.data() + row * (height_ - 1 - y), row);
}

}  // namespace w4rl::sim
