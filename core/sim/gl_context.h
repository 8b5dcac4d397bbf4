#pragma once
// A headless OpenGL context for MuJoCo's offscreen renderer: no display, no window.
//
// EGL on Mesa's surfaceless platform is tried first, OSMesa second. Both libraries are dlopen'ed rather
// than linked: MuJoCo picks its GL function loader from whichever of libEGL / libOSMesa is already loaded
// (EGL first), so linking both would make an OSMesa context be driven through EGL's loader.
// WORLD4RL_GL=egl|osmesa forces one backend.
#include <memory>
#include <string>

namespace w4rl::sim {

enum class GlBackend { Egl, OSMesa };

class HeadlessGlContext {
 public:
  // Throws w4rl::Error naming every backend tried and why it failed.
  HeadlessGlContext();
  ~HeadlessGlContext();
  HeadlessGlContext(const HeadlessGlContext&) = delete;
  HeadlessGlContext& operator=(const HeadlessGlContext&) = delete;

  // Makes the context current on the calling thread; renderers call this before every frame, so several
  // environments (each with its own context) can render from one thread.
  void makeCurrent();
  GlBackend backend() const;
  std::string backendName() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::sim
