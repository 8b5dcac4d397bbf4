#pragma once
// The built-in demo: the small hammer dataset and the refinement run's metrics under resources/demo/ (made
// by packaging/make-demo.sh from a pipeline run), opened with the shipped models of resources/models/
// (manifest.json: the multi-task world model, hammer's classifier and its BC policy). Without a manifest
// that lists them, the demo's own checkpoints (resources/demo/*.pt) stand in.
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

// The task of the demo's dataset, whose shipped classifier and policy the demo opens.
inline constexpr const char* kDemoTask = "hammer";

// Looks in the resource directory ($WORLD4RL_RESOURCES, the installed share/, or the source tree).
DemoFiles findDemo();

}  // namespace w4rl::studio
