// The 3D view's content on the offscreen platform (the GL view itself is checked under Xvfb, see
// test_studio_gl): a door-lock episode's recorded states replayed step by step, its real and commanded
// end-effector paths, a file the view cannot replay, and the main window wiring the panel to the episode
// timeline.
#include <gtest/gtest.h>

#include <QSignalSpy>

#include "dataset_browser.h"
#include "episode_view.h"
#include "main_window.h"
#include "scene_panel.h"
#include "studio_test_data.h"

namespace w4rl::studio {

namespace {

EpisodeData firstEpisode() {
  return loadEpisode(QString::fromStdString(smallDataset().string()), 0);
}

}  // namespace

TEST(ScenePanel, ReplaysAnEpisodesStatesAndDrawsItsPaths) {
  const EpisodeData episode = firstEpisode();
  ASSERT_GT(episode.stateDim, 0);
  ASSERT_EQ(episode.eefPos.size(), static_cast<std::size_t>(3 * episode.length()));
  ScenePanel panel;
  panel.setEpisode(episode);
  EXPECT_GT(panel.actors().geomCount(), 5);  // table, gripper, lock parts
  EXPECT_EQ(panel.actors().realPathPoints(), static_cast<std::size_t>(episode.length()));
  EXPECT_EQ(panel.actors().commandedPathPoints(), static_cast<std::size_t>(episode.length() + 1));
  EXPECT_TRUE(panel.caption().contains("door-lock"));
  panel.setStep(20);
  const sim::Vec3* marker = panel.actors().realMarker();
  ASSERT_NE(marker, nullptr);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ((*marker)[k], episode.eefPos[3 * 20 + k]);
  EXPECT_EQ(panel.view(), nullptr);  // no GL view on the offscreen platform
}

TEST(ScenePanel, SaysWhyItCannotReplayAnEpisode) {
  EpisodeData episode = firstEpisode();
  episode.task = "someone-elses-task";
  ScenePanel panel;
  panel.setEpisode(episode);
  EXPECT_TRUE(panel.caption().contains("no built-in scene")) << panel.caption().toStdString();
  EXPECT_EQ(panel.actors().geomCount(), 0);
  EXPECT_EQ(panel.actors().realPathPoints(), static_cast<std::size_t>(episode.length()));  // eef data still

  episode = firstEpisode();
  episode.stateDim = 3;
  episode.states.assign(static_cast<std::size_t>(3 * episode.length()), 0.0);
  panel.setEpisode(episode);
  EXPECT_TRUE(panel.caption().contains("its states have 3 values")) << panel.caption().toStdString();
  EXPECT_EQ(panel.actors().geomCount(), 0);
}

TEST(ScenePanel, DrawsATeleopSessionsPaths) {
  TeleopTrace trace;
  trace.start = sim::Vec3{0.0, 0.0, 0.2};
  trace.actions = {1, 0, 0, 0, 1, 0, 0, 0};
  trace.realPath = {{0.0, 0.0, 0.2}, {0.02, 0.0, 0.2}, {0.05, 0.0, 0.2}};
  ScenePanel panel;
  panel.showTeleop(trace);
  EXPECT_TRUE(panel.showingTeleop());
  EXPECT_EQ(panel.actors().commandedPathPoints(), 3u);
  EXPECT_EQ(panel.actors().realPathPoints(), 3u);
  EXPECT_DOUBLE_EQ((*panel.actors().realMarker())[0], 0.05);  // the marker sits at the latest step
}

TEST(ScenePanel, GoesBackToTheEpisodeAfterTeleop) {
  const EpisodeData episode = firstEpisode();
  ScenePanel panel;
  panel.setEpisode(episode);
  const QString caption = panel.caption();
  TeleopTrace trace;
  trace.start = sim::Vec3{0.0, 0.0, 0.2};
  trace.actions = {1, 0, 0, 0};
  panel.showTeleop(trace);
  EXPECT_TRUE(panel.caption().contains("Teleop"));
  panel.setStep(5);  // the episode's timeline moved: the episode is shown again, its replay kept
  EXPECT_FALSE(panel.showingTeleop());
  EXPECT_EQ(panel.caption(), caption);
  EXPECT_EQ(panel.actors().realPathPoints(), static_cast<std::size_t>(episode.length()));
  EXPECT_GT(panel.actors().geomCount(), 5);
}

TEST(MainWindow, TheSceneFollowsTheEpisodeTimeline) {
  MainWindow window(QStringLiteral("CPU"));
  window.setQuietErrors(true);
  QSignalSpy opened(&window, &MainWindow::fileOpened);
  const QString file = QString::fromStdString(smallDataset().string());
  window.openFiles({file});
  ASSERT_TRUE(opened.wait(20000));
  auto* view = window.episodeView();
  QSignalSpy shown(view, &EpisodeView::shown);
  window.datasetBrowser()->selectEpisode(file, 1);
  ASSERT_TRUE(shown.wait(20000));
  EXPECT_GT(window.scenePanel()->actors().geomCount(), 5);
  view->timeline().seek(12);
  const auto episode = view->episode();
  const sim::Vec3* marker = window.scenePanel()->actors().realMarker();
  ASSERT_NE(marker, nullptr);
  EXPECT_DOUBLE_EQ((*marker)[2], episode.eefPos[3 * 12 + 2]);
}

}  // namespace w4rl::studio
