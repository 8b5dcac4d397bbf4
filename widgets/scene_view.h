#pragma once
// A VTK renderer drawn inside a Qt 6 QOpenGLWidget. Debian's VTK Qt module is built on Qt 5, so the
// studio hosts a vtkGenericOpenGLRenderWindow on Qt's context itself (TOOLCHAIN pitfall 5): VTK renders
// into its own framebuffer and paintGL blits that into the widget's framebuffer. Mouse drags orbit the
// camera, the wheel zooms. Never shown on the `offscreen` platform (Qt 6.4 crashes there, pitfall 6).
#include <vtkCallbackCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <QOpenGLWidget>
#include <QPoint>

namespace w4rl::studio {

class SceneView : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit SceneView(vtkRenderer* renderer, QWidget* parent = nullptr);
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
