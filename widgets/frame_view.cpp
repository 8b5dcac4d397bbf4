#include "frame_view.h"

#include <QPainter>

namespace w4rl::studio {

QImage rgbImage(const std::uint8_t* pixels, int height, int width) {
  return QImage(pixels, width, height, width * 3, QImage::Format_RGB888).copy();
}

FrameView::FrameView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(64, 64);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FrameView::setFrame(const QImage& frame) {
  frame_ = frame;
  update();
}

void FrameView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  if (frame_.isNull()) return;
  const QSize size = frame_.size().scaled(this->size(), Qt::KeepAspectRatio);
  const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(target, frame_);
}

}  // namespace w4rl::studio
