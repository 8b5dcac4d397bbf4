#pragma once
// Runs a function on the thread pool and hands its result (or its error message) back on the owner's
// thread: the pattern of every load or computation the panels start that could take longer than a frame.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <utility>

namespace w4rl::studio {

// `pool` null: the global thread pool.
template <typename Result, typename Work, typename Done>
void runInBackground(QObject* owner, Work work, Done done, std::function<void(const QString&)> fail,
                     QThreadPool* pool = nullptr) {
  struct Outcome {
    Result result{};
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(owner);
  QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, owner, [watcher, done, fail] {
    Outcome o = watcher->result();
    watcher->deleteLater();
    if (o.error.isEmpty())
      done(std::move(o.result));
    else
      fail(o.error);
  });
  watcher->setFuture(QtConcurrent::run(pool ? pool : QThreadPool::globalInstance(), [work] {
    Outcome o;
    try {
      o.result = work();
    } catch (const std::exception& e) {
      o.error = QString::fromUtf8(e.what());
    }
    return o;
  }));
}

}  // namespace w4rl::studio
