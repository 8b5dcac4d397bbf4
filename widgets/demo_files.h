#pragma once
// The built-in demo shipped under resources/demo/ (made by packaging/make-demo.sh from a pipeline run):
// a small dataset, the world model, the success classifier, the policy and the refinement run's metrics.
#include <QString>
#include <QStringList>

namespace w4rl::studio {

struct DemoFiles {
  QString folder;           // empty when the demo is not installed
  QStringList datasets;     // *.hdf5
  QStringList checkpoints;  // world model first, then classifier and policy: the order they are opened
  QString runsFolder;       // runs/ under the demo, if present
  bool complete() const { return !datasets.isEmpty() && !checkpoints.isEmpty(); }
};

// Looks in the resource directory ($WORLD4RL_RESOURCES, the installed share/, or the source tree).
DemoFiles findDemo();

}  // namespace w4rl::studio
