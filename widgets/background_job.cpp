#include "background_job.h"

#include <exception>

#include "common/error.h"

namespace w4rl::studio {

BackgroundJob::BackgroundJob(Work work) : work_(std::move(work)) {
  setAutoDelete(false);  // owned by its QObject parent, which outlives the run
}

void BackgroundJob::run() {
  sinceReport_.start();
  try {
    const std::string summary = work_([this](const ProgressEvent& e) { report(e); }, cancel_);
    if (cancel_.cancelled())
      emit cancelled();
    else
      emit succeeded(QString::fromStdString(summary));
  } catch (const Cancelled&) {
    emit cancelled();
  } catch (const std::exception& e) {
    emit failed(QString::fromUtf8(e.what()));
  }
  QMutexLocker lock(&mutex_);
  done_ = true;
  doneChanged_.wakeAll();
}

bool BackgroundJob::done() const {
  QMutexLocker lock(&mutex_);
  return done_;
}

void BackgroundJob::cancelAndWait(QThreadPool* pool) {
  cancel();
  if (pool && pool->tryTake(this)) return;  // never started
  QMutexLocker lock(&mutex_);
  while (!done_) doneChanged_.wait(&mutex_);
}

void BackgroundJob::report(const ProgressEvent& e) {
  {
    QMutexLocker lock(&mutex_);
    while (paused_ && !cancel_.cancelled()) resumed_.wait(&mutex_);
  }
  // At most 20 reports a second reach the GUI, plus the last one.
  if (sinceReport_.elapsed() < 50 && e.done < e.total) return;
  sinceReport_.restart();
  emit progress(e.done, e.total, QString::fromStdString(e.message));
}

void BackgroundJob::cancel() {
  cancel_.cancel();
  QMutexLocker lock(&mutex_);
  resumed_.wakeAll();
}

void BackgroundJob::setPaused(bool paused) {
  QMutexLocker lock(&mutex_);
  paused_ = paused;
  if (!paused) resumed_.wakeAll();
}

bool BackgroundJob::paused() const {
  QMutexLocker lock(&mutex_);
  return paused_;
}

}  // namespace w4rl::studio
