#pragma once
// The 3D view: the built-in task's scene at the current step of the shown dataset episode (its recorded
// simulator states replayed) or of the teleop session's real task, with two end-effector paths coloured
// by time: the real one and the one obtained by integrating the actions (the episode's, which also
// drive the imagined rollout, or the teleop session's). The GL view is left out on the `offscreen`
// platform, where Qt 6.4 cannot show OpenGL surfaces; the content is built all the same.
#include <QWidget>
#include <memory>
#include <vector>

#include "dataset_listing.h"
#include "scene_actors.h"
#include "teleop_trace.h"

class QCheckBox;
class QLabel;

namespace w4rl::sim {
class SceneReplay;
}

namespace w4rl::studio {

class SceneView;

class ScenePanel : public QWidget {
  Q_OBJECT
 public:
  explicit ScenePanel(QWidget* parent = nullptr);
  ~ScenePanel() override;

  void setEpisode(const EpisodeData& episode);  // shows its step 0
  void setStep(int step);                       // follows the episode's timeline (back from teleop too)
  void showTeleop(const TeleopTrace& trace);    // follows a teleop session

  const SceneActors& actors() const { return actors_; }
  SceneView* view() const { return view_; }  // nullptr on the offscreen platform
  // The widget that holds the view's native window (nullptr on the offscreen platform). QWidget::grab()
  // of the main window leaves that area empty: screenshots draw view()->grabFramebuffer() there.
  QWidget* viewArea() const { return viewArea_; }
  QString caption() const;
  bool showingTeleop() const { return teleop_; }

 private:
  void refreshPaths();
  void redraw();

  SceneActors actors_;
  SceneView* view_ = nullptr;
  QWidget* viewArea_ = nullptr;
  QLabel* caption_;
  QCheckBox *showReal_, *showCommanded_;
  std::unique_ptr<sim::SceneReplay> replay_;
  EpisodeData episode_;
  std::vector<sim::Vec3> realPath_, commandedPath_;              // the episode's
  std::vector<sim::Vec3> teleopRealPath_, teleopCommandedPath_;  // the teleop session's
  bool teleop_ = false;
  QString episodeCaption_;
};

}  // namespace w4rl::studio
