#pragma once
// Shows one camera frame as large as the widget allows, keeping its aspect ratio, with nearest-neighbour
// scaling so 64x64 pixels stay crisp.
#include <QImage>
#include <QWidget>

#include <cstdint>

namespace w4rl::studio {

// A copy of `height` x `width` RGB pixels (row-major, 3 bytes each) as an image for FrameView.
QImage rgbImage(const std::uint8_t* pixels, int height, int width);

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
