#include "sim/gl_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/osmesa.h>
#include <dlfcn.h>

#include <cstdlib>
#include <vector>

#include "common/error.h"

namespace w4rl::sim {
namespace {

// dlopen handle that closes itself.
struct Library {
  void* handle = nullptr;
  explicit Library(const char* name) : handle(::dlopen(name, RTLD_NOW | RTLD_GLOBAL)) {}
  ~Library() {
    if (handle) ::dlclose(handle);
  }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  template <typename Fn>
  Fn symbol(const char* name) const {
    return reinterpret_cast<Fn>(::dlsym(handle, name));
  }
};

// Offscreen rendering goes through MuJoCo's own framebuffer object; OSMesa still needs a buffer to make
// its context current, so a small one is enough.
constexpr int kOSMesaBufferSide = 16;

}  // namespace

struct HeadlessGlContext::Impl {
  GlBackend backend = GlBackend::Egl;
  std::unique_ptr<Library> lib;
  // EGL
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext eglContext = EGL_NO_CONTEXT;
  PFNEGLMAKECURRENTPROC eglMakeCurrentFn = nullptr;
  PFNEGLDESTROYCONTEXTPROC eglDestroyContextFn = nullptr;
  PFNEGLTERMINATEPROC eglTerminateFn = nullptr;
  // OSMesa
  OSMesaContext osmesa = nullptr;
  std::vector<unsigned char> osmesaBuffer;
  decltype(&OSMesaMakeCurrent) osmesaMakeCurrentFn = nullptr;
  decltype(&OSMesaDestroyContext) osmesaDestroyFn = nullptr;

  std::string tryEgl();
  std::string tryOSMesa();
  void release();
};

std::string HeadlessGlContext::Impl::tryEgl() {
  lib = std::make_unique<Library>("libEGL.so.1");
  if (!lib->handle) return std::string("libEGL.so.1 not loadable: ") + ::dlerror();
  auto getProc = lib->symbol<PFNEGLGETPROCADDRESSPROC>("eglGetProcAddress");
  auto initialize = lib->symbol<PFNEGLINITIALIZEPROC>("eglInitialize");
  auto chooseConfig = lib->symbol<PFNEGLCHOOSECONFIGPROC>("eglChooseConfig");
  auto bindApi = lib->symbol<PFNEGLBINDAPIPROC>("eglBindAPI");
  auto createContext = lib->symbol<PFNEGLCREATECONTEXTPROC>("eglCreateContext");
  eglMakeCurrentFn = lib->symbol<PFNEGLMAKECURRENTPROC>("eglMakeCurrent");
  eglDestroyContextFn = lib->symbol<PFNEGLDESTROYCONTEXTPROC>("eglDestroyContext");
  eglTerminateFn = lib->symbol<PFNEGLTERMINATEPROC>("eglTerminate");
  if (!getProc || !initialize || !chooseConfig || !bindApi || !createContext || !eglMakeCurrentFn ||
      !eglDestroyContextFn || !eglTerminateFn)
    return "libEGL lacks core entry points";
  auto getPlatformDisplay =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(getProc("eglGetPlatformDisplayEXT"));
  if (!getPlatformDisplay) return "EGL has no eglGetPlatformDisplayEXT";
  display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  EGLint major = 0, minor = 0;
  if (display == EGL_NO_DISPLAY || !initialize(display, &major, &minor))
    return "no EGL surfaceless display (Mesa's EGL_MESA_platform_surfaceless)";
  // MuJoCo draws into its own framebuffer object, so the config needs no colour or depth buffer of its
  // own (Mesa's surfaceless configs have none with depth).
  // EGL_SURFACE_TYPE defaults to EGL_WINDOW_BIT, which surfaceless configs lack: a zero mask matches all.
  const EGLint configAttribs[] = {EGL_SURFACE_TYPE, 0, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint count = 0;
  if (!chooseConfig(display, configAttribs, &config, 1, &count) || count < 1)
    return "no EGL config that renders desktop OpenGL";
  if (!bindApi(EGL_OPENGL_API)) return "EGL cannot bind the desktop OpenGL API";
  eglContext = createContext(display, config, EGL_NO_CONTEXT, nullptr);
  if (eglContext == EGL_NO_CONTEXT) return "eglCreateContext failed";
  if (!eglMakeCurrentFn(display, EGL_NO_SURFACE, EGL_NO_SURFACE, eglContext))
    return "eglMakeCurrent without a surface failed";
  backend = GlBackend::Egl;
  return {};
}

std::string HeadlessGlContext::Impl::tryOSMesa() {
  lib = std::make_unique<Library>("libOSMesa.so.8");
  if (!lib->handle) return std::string("libOSMesa.so.8 not loadable: ") + ::dlerror();
  auto create = lib->symbol<decltype(&OSMesaCreateContextAttribs)>("OSMesaCreateContextAttribs");
  osmesaMakeCurrentFn = lib->symbol<decltype(&OSMesaMakeCurrent)>("OSMesaMakeCurrent");
  osmesaDestroyFn = lib->symbol<decltype(&OSMesaDestroyContext)>("OSMesaDestroyContext");
  if (!create || !osmesaMakeCurrentFn || !osmesaDestroyFn) return "libOSMesa lacks core entry points";
  const int attribs[] = {
      OSMESA_FORMAT, OSMESA_RGBA, OSMESA_DEPTH_BITS, 24, OSMESA_PROFILE, OSMESA_COMPAT_PROFILE, 0};
  osmesa = create(attribs, nullptr);
  if (!osmesa) return "OSMesaCreateContextAttribs failed";
  osmesaBuffer.assign(kOSMesaBufferSide * kOSMesaBufferSide * 4, 0);
  if (!osmesaMakeCurrentFn(osmesa, osmesaBuffer.data(), GL_UNSIGNED_BYTE, kOSMesaBufferSide,
                           kOSMesaBufferSide))
    return "OSMesaMakeCurrent failed";
  backend = GlBackend::OSMesa;
  return {};
}

void HeadlessGlContext::Impl::release() {
  if (eglContext != EGL_NO_CONTEXT) {
    eglMakeCurrentFn(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContextFn(display, eglContext);
    eglContext = EGL_NO_CONTEXT;
  }
  // The surfaceless display is shared by every context in the process; eglTerminate would pull it from
  // under other live contexts, so it is left initialised (Mesa reference-counts nothing here).
  display = EGL_NO_DISPLAY;
  if (osmesa) {
    osmesaDestroyFn(osmesa);
    osmesa = nullptr;
  }
}

HeadlessGlContext::HeadlessGlContext() : impl_(std::make_unique<Impl>()) {
  const char* forced = std::getenv("WORLD4RL_GL");
  const std::string choice = forced ? forced : "";
  if (!choice.empty() && choice != "egl" && choice != "osmesa")
    throw Error("WORLD4RL_GL must be 'egl' or 'osmesa', not '" + choice + "'");
  std::string eglError, osmesaError;
  if (choice != "osmesa") {
    eglError = impl_->tryEgl();
    if (eglError.empty()) return;
    impl_->release();
    impl_->lib.reset();  // unload, so MuJoCo does not pick EGL's loader for an OSMesa context
  }
  if (choice != "egl") {
    osmesaError = impl_->tryOSMesa();
    if (osmesaError.empty()) return;
    impl_->release();
    impl_->lib.reset();
  }
  std::string message = "no headless OpenGL context could be created:";
  if (!eglError.empty()) message += " EGL: " + eglError + ";";
  if (!osmesaError.empty()) message += " OSMesa: " + osmesaError + ";";
  message += " install libegl1 (Mesa) or libosmesa6";
  throw Error(message);
}

HeadlessGlContext::~HeadlessGlContext() {
  impl_->release();
  // The library stays loaded on purpose: MuJoCo resolved its GL entry points through it, and other
  // contexts in the process may still use them.
  if (impl_->lib) impl_->lib->handle = nullptr;
}

void HeadlessGlContext::makeCurrent() {
  bool ok = false;
  if (impl_->backend == GlBackend::Egl)
    ok = impl_->eglMakeCurrentFn(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, impl_->eglContext);
  else
    ok = impl_->osmesaMakeCurrentFn(impl_->osmesa, impl_->osmesaBuffer.data(), GL_UNSIGNED_BYTE,
                                    kOSMesaBufferSide, kOSMesaBufferSide);
  if (!ok) throw Error("cannot make the " + backendName() + " OpenGL context current");
}

GlBackend HeadlessGlContext::backend() const {
  return impl_->backend;
}

std::string HeadlessGlContext::backendName() const {
  return impl_->backend == GlBackend::Egl ? "EGL (surfaceless)" : "OSMesa";
}

}  // namespace w4rl::sim
