#pragma once
// The status bar's right side: the compute device (CPU or CUDA, as the learning library would pick it),
// the CPU threads and the studio's resident memory, refreshed every second.
#include <QLabel>

class QTimer;

namespace w4rl::studio {

class ResourceMonitor : public QLabel {
  Q_OBJECT
 public:
  explicit ResourceMonitor(const QString& device, QWidget* parent = nullptr);
  void refresh();
  static qint64 residentBytes();  // from /proc/self/status; 0 where unavailable

 private:
  QString device_;
  QTimer* timer_;
};

}  // namespace w4rl::studio
