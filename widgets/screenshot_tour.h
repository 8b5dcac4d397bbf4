#pragma once
// `world4rl-studio --screenshots DIR`: opens the built-in demo, brings each panel forward with real
// content (an episode scrubbed, an imagined rollout, a teleop session beside the real task, the 3D view,
// the refinement run's charts) and saves a picture of the whole window per panel. The packaging's
// AppStream screenshots and the README's pictures are made this way, under Xvfb
// (packaging/screenshots.sh).
#include <QString>
#include <QStringList>

namespace w4rl::studio {

class MainWindow;

// Returns the files written; throws w4rl::Error naming the step that failed or timed out.
QStringList takeScreenshots(MainWindow& window, const QString& dir);

}  // namespace w4rl::studio
