#pragma once
// Shows one camera frame as large as the widget allows, keeping its aspect ratio, with nearest-neighbour
// scaling so 64x64 pixels stay crisp.
#include <QImage>
#include <QWidget>

namespace w4rl::studio {

class FrameView : public QWidget {
  Q_OBJECT
 public:
  explicit FrameView(QWidget* parent = nullptr);
  void setFrame(const QImage& frame);
  const QImage& frame() const { return frame_; }
  QSize sizeHint() const override { return {256, 256}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage frame_;
};

}  // namespace w4rl::studio
