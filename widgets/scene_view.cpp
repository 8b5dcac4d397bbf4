#include "scene_view.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QWheelEvent>

namespace w4rl::studio {

SceneView::SceneView(vtkRenderer* renderer)
    : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate),
      renderer_(renderer),
      window_(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      observer_(vtkSmartPointer<vtkCallbackCommand>::New()) {
  window_->SetReadyForRendering(false);
  window_->SetFrameBlitModeToNoBlit();  // paintGL blits into Qt's framebuffer itself
  window_->SetMultiSamples(0);
  window_->AddRenderer(renderer_);
  observer_->SetClientData(this);
  observer_->SetCallback(&SceneView::onVtkEvent);
  window_->AddObserver(vtkCommand::WindowMakeCurrentEvent, observer_);
  window_->AddObserver(vtkCommand::WindowIsCurrentEvent, observer_);
  window_->AddObserver(vtkCommand::WindowFrameEvent, observer_);
}

SceneView::~SceneView() {
  // VTK frees its GL resources on this widget's context, which must be current.
  makeCurrent();
  window_->Finalize();
  doneCurrent();
  window_->RemoveObserver(observer_);
}

void SceneView::onVtkEvent(vtkObject*, unsigned long event, void* clientData, void* callData) {
  auto* self = static_cast<SceneView*>(clientData);
  QOpenGLContext* ctx = self->context();
  switch (event) {
    case vtkCommand::WindowMakeCurrentEvent:
      // Not QOpenGLWindow::makeCurrent(): that rebinds Qt's framebuffer behind VTK's state cache, and
      // the view rendered black (pitfall 5).
      if (ctx) ctx->makeCurrent(ctx->surface());
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(callData) = ctx && QOpenGLContext::currentContext() == ctx;
      break;
    case vtkCommand::WindowFrameEvent:
      break;  // the blit happens in paintGL
    default:
      break;
  }
}

void SceneView::initializeGL() {
  window_->SetOwnContext(0);
  window_->OpenGLInitContext();
  window_->SetReadyForRendering(true);
}

void SceneView::resizeGL(int w, int h) {
  const qreal dpr = devicePixelRatio();
  window_->SetSize(static_cast<int>(w * dpr), static_cast<int>(h * dpr));
}

void SceneView::paintGL() {
  QElapsedTimer clock;
  clock.start();
  const qreal dpr = devicePixelRatio();
  const int w = static_cast<int>(width() * dpr), h = static_cast<int>(height() * dpr);
  window_->SetSize(w, h);
  vtkOpenGLState* state = window_->GetState();
  state->Reset();  // Qt changed GL state since VTK last looked
  state->Push();
  state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK expects GL_LEQUAL
  window_->Render();
  // Copy VTK's display framebuffer into the window's.
  context()->functions()->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  state->ResetFramebufferBindings();
  window_->BlitDisplayFramebuffer(0, 0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  state->Pop();
  ++framesDrawn_;
  lastPaintMs_ = static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

void SceneView::mousePressEvent(QMouseEvent* event) {
  lastMouse_ = event->position().toPoint();
}

void SceneView::mouseMoveEvent(QMouseEvent* event) {
  const QPoint p = event->position().toPoint();
  const QPoint d = p - lastMouse_;
  lastMouse_ = p;
  vtkCamera* camera = renderer_->GetActiveCamera();
  if (event->modifiers() & Qt::ShiftModifier) {
    // Pan: move camera and focal point together along the view plane.
    double fp[3], pos[3], up[3], dir[3], right[3];
    camera->GetFocalPoint(fp);
    camera->GetPosition(pos);
    camera->GetViewUp(up);
    camera->GetDirectionOfProjection(dir);
    right[0] = dir[1] * up[2] - dir[2] * up[1];
    right[1] = dir[2] * up[0] - dir[0] * up[2];
    right[2] = dir[0] * up[1] - dir[1] * up[0];
    const double scale = camera->GetDistance() * 0.002;
    for (int k = 0; k < 3; ++k) {
      const double shift = (-d.x() * right[k] + d.y() * up[k]) * scale;
      fp[k] += shift;
      pos[k] += shift;
    }
    camera->SetFocalPoint(fp);
    camera->SetPosition(pos);
  } else {
    camera->Azimuth(-0.4 * d.x());
    camera->Elevation(0.4 * d.y());
    camera->OrthogonalizeViewUp();
  }
  renderer_->ResetCameraClippingRange();
  update();
}

void SceneView::wheelEvent(QWheelEvent* event) {
  renderer_->GetActiveCamera()->Dolly(event->angleDelta().y() > 0 ? 1.1 : 1.0 / 1.1);
  renderer_->ResetCameraClippingRange();
  update();
}

}  // namespace w4rl::studio
