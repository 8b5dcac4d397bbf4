#pragma once
// A VTK renderer drawn inside a Qt 6 OpenGL window. Debian's VTK Qt module is built on Qt 5, so the
// studio hosts a vtkGenericOpenGLRenderWindow on Qt's context itself (TOOLCHAIN pitfall 5): VTK renders
// into its own framebuffer and paintGL blits that into the window's. Mouse drags orbit the camera, the
// wheel zooms. Never created on the `offscreen` platform (pitfall 6).
//
// A QOpenGLWindow in a window container rather than a QOpenGLWidget: a shown QOpenGLWidget makes Qt
// compose the whole main window through OpenGL on every repaint of any widget. With software OpenGL
// (llvmpipe, as under Xvfb or on machines without a GPU driver) that took 60-160 ms per repaint while a
// run trained, over the studio's 100 ms stall budget; as a native child window the view draws only
// itself and the rest of the window paints as plain raster (bench_studio).
#include <vtkCallbackCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <QOpenGLWindow>
#include <QPoint>

namespace w4rl::studio {

class SceneView : public QOpenGLWindow {
  Q_OBJECT
 public:
  // Shown through QWidget::createWindowContainer, which takes ownership.
  explicit SceneView(vtkRenderer* renderer);
  ~SceneView() override;
  int framesDrawn() const { return framesDrawn_; }
  double lastPaintMs() const { return lastPaintMs_; }  // VTK render and blit of the latest frame

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  static void onVtkEvent(vtkObject* caller, unsigned long event, void* clientData, void* callData);

  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkCallbackCommand> observer_;
  QPoint lastMouse_;
  int framesDrawn_ = 0;
  double lastPaintMs_ = 0.0;
};

}  // namespace w4rl::studio
