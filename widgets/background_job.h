#pragma once
// A one-shot job on the thread pool (as qBittorrent runs its jobs): QObject + QRunnable with an atomic
// cancel flag (the core's CancelToken), pause (the job blocks in its next progress report until resumed),
// and progress, success and failure as queued signals. Progress signals are throttled so a fast job
// cannot flood the GUI thread's event queue.
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QRunnable>
#include <QThreadPool>
#include <QWaitCondition>

#include <functional>
#include <string>

#include "common/cancel.h"

namespace w4rl::studio {

class BackgroundJob : public QObject, public QRunnable {
  Q_OBJECT
 public:
  using Work = std::function<std::string(const ProgressCallback&, const CancelToken&)>;
  explicit BackgroundJob(Work work);
  void run() override;

  void cancel();
  void setPaused(bool paused);
  bool paused() const;
  // Cancels and returns once run() has returned, or at once if `pool` still held the job unstarted. The
  // owner calls it before the job object dies (a closing window), so the worker never emits into a
  // destroyed object; a cancelled stage stops at its next step and keeps its checkpoint.
  void cancelAndWait(QThreadPool* pool);
  bool done() const;  // run() has returned: the object may be deleted

 signals:
  void progress(qint64 done, qint64 total, const QString& message);
  void succeeded(const QString& summary);
  void failed(const QString& message);
  void cancelled();

 private:
  void report(const ProgressEvent& e);

  Work work_;
  CancelToken cancel_;
  mutable QMutex mutex_;
  QWaitCondition resumed_;
  bool paused_ = false;
  bool done_ = false;  // run() has returned
  QWaitCondition doneChanged_;
  QElapsedTimer sinceReport_;
};

}  // namespace w4rl::studio
