#include "resource_monitor.h"

#include <QFile>
#include <QThread>
#include <QTimer>

namespace w4rl::studio {

ResourceMonitor::ResourceMonitor(const QString& device, QWidget* parent)
    : QLabel(parent), device_(device), timer_(new QTimer(this)) {
  setToolTip(tr("Compute device used for training and imagination, CPU threads, memory in use"));
  connect(timer_, &QTimer::timeout, this, &ResourceMonitor::refresh);
  timer_->start(1000);
  refresh();
}

qint64 ResourceMonitor::residentBytes() {
  QFile status("/proc/self/status");
  if (!status.open(QIODevice::ReadOnly)) return 0;
  for (const auto& line : status.readAll().split('\n'))
    if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
  return 0;
}

void ResourceMonitor::refresh() {
  setText(tr("%1 | %2 threads | %3 MB")
              .arg(device_)
              .arg(QThread::idealThreadCount())
              .arg(residentBytes() / (1024 * 1024)));
}

}  // namespace w4rl::studio
