// The studio's main window and dataset panels on real files: a dataset collected from the MuJoCo suite,
// a checkpoint trained by the pipeline's job, a file that is neither.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "dataset_browser.h"
#include "demo_files.h"
#include "episode_view.h"
#include "frame_view.h"
#include "main_window.h"
#include "pipeline/jobs/export_checkpoint_job.h"
#include "pipeline/jobs/train_policy_job.h"
#include "shared_test_support.h"
#include "studio_test_data.h"

namespace fs = std::filesystem;

namespace w4rl::studio {

TEST(MainWindow, OpensADatasetListsItsEpisodesAndFiltersThem) {
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy opened(&window, &MainWindow::fileOpened);
  const QString file = QString::fromStdString(smallDataset().string());
  window.openFiles({file});
  ASSERT_TRUE(opened.wait(10000));
  EXPECT_EQ(window.loadedFiles(), QStringList{file});
  auto* browser = window.datasetBrowser();
  EXPECT_EQ(browser->episodeCount(), 5);
  browser->setFilter("expert");
  EXPECT_EQ(browser->visibleEpisodeCount(), 3);
  browser->setFilter("random failure");
  EXPECT_EQ(browser->visibleEpisodeCount(), 2);
  browser->setFilter("hammer");
  EXPECT_EQ(browser->visibleEpisodeCount(), 0);
  browser->setFilter("");
  EXPECT_EQ(browser->visibleEpisodeCount(), 5);
}

TEST(MainWindow, SelectingAnEpisodeShowsItsFramesAndTheTimelineDrivesTheSlider) {
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy opened(&window, &MainWindow::fileOpened);
  const QString file = QString::fromStdString(smallDataset().string());
  window.openFiles({file});
  ASSERT_TRUE(opened.wait(10000));
  auto* view = window.episodeView();
  QSignalSpy shown(view, &EpisodeView::shown);
  window.datasetBrowser()->selectEpisode(file, 1);
  ASSERT_TRUE(shown.wait(10000));
  EXPECT_EQ(view->episode().index, 1);
  EXPECT_EQ(view->timeline().frameCount(), view->episode().length());
  EXPECT_EQ(view->plot()->graphCount(), 4);  // dx, dy, dz, grip
  const QImage first = view->frameView()->frame();
  view->timeline().step(+10);
  auto* slider = view->findChild<QSlider*>();
  ASSERT_NE(slider, nullptr);
  EXPECT_EQ(slider->value(), 10);
  EXPECT_NE(view->frameView()->frame(), first);  // the arm moved
  slider->setValue(3);
  EXPECT_EQ(view->timeline().frame(), 3);
}

TEST(MainWindow, ReadsACheckpointsKindAndRefusesAForeignFileButCarriesOn) {
  const auto dir = w4rl::test::freshDir();
  pipeline::TrainPolicyRequest r;
  r.data = {smallDataset()};
  r.task = "door-lock";
  r.runDir = dir / "bc";
  r.training =
      pipeline::resolvePolicyTraining({}, {"steps=1", "channels=[8,16,16]", "hidden=16", "device=cpu"});
  pipeline::trainPolicy(r, nullptr, CancelToken());
  QFile junk(QString::fromStdString((dir / "junk.pt").string()));
  ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
  junk.write("not a checkpoint");
  junk.close();

  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy opened(&window, &MainWindow::fileOpened);
  QSignalSpy failed(&window, &MainWindow::openFailed);
  const QString policy = QString::fromStdString((dir / "bc" / "policy.pt").string());
  window.openFiles({junk.fileName(), policy, QStringLiteral("/no/such/file.hdf5")});
  ASSERT_EQ(failed.count(), 2);
  EXPECT_TRUE(failed.at(0).at(1).toString().contains("junk.pt"));
  EXPECT_TRUE(failed.at(1).at(1).toString().contains("/no/such/file.hdf5"));
  ASSERT_EQ(opened.count(), 1);
  EXPECT_TRUE(opened.at(0).at(1).toString().contains("policy for door-lock"));
  EXPECT_EQ(window.loadedFiles(), QStringList{policy});

  // Its safetensors export opens the same way.
  pipeline::exportCheckpoint(dir / "bc" / "policy.pt", dir / "policy.safetensors");
  const QString exported = QString::fromStdString((dir / "policy.safetensors").string());
  window.openFiles({exported});
  ASSERT_EQ(opened.count(), 2);
  EXPECT_TRUE(opened.at(1).at(1).toString().contains("policy for door-lock"));
  EXPECT_EQ(failed.count(), 2);
}

TEST(MainWindow, ResetLayoutDocksEveryPanelAgainAndFitsTheScreen) {
  MainWindow window("CPU");
  window.show();
  auto* teleop = window.findChild<QDockWidget*>("teleop");
  auto* runs = window.findChild<QDockWidget*>("runs");
  ASSERT_TRUE(teleop != nullptr && runs != nullptr);
  teleop->close();
  runs->setFloating(true);
  window.resize(4000, 3000);
  auto* reset = window.findChild<QAction*>("resetLayout");  // View > Reset layout
  ASSERT_NE(reset, nullptr);
  reset->trigger();
  QCoreApplication::processEvents();
  EXPECT_FALSE(teleop->isHidden());
  EXPECT_FALSE(runs->isFloating());
  const QRect area = window.screen()->availableGeometry();
  EXPECT_LE(window.width(), area.width());
  EXPECT_LE(window.height(), area.height());
}

TEST(MainWindow, OpensOnTheBuiltInDemo) {
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy failed(&window, &MainWindow::openFailed);
  QSignalSpy shown(window.episodeView(), &EpisodeView::shown);
  ASSERT_TRUE(window.openDemo()) << "resources/demo is missing";
  ASSERT_TRUE(shown.wait(20000));
  EXPECT_EQ(window.episodeView()->episode().index, 0);
  EXPECT_EQ(window.episodeView()->episode().task, "hammer");
  EXPECT_EQ(window.loadedFiles().size(), 4);  // the dataset, world model, classifier and policy
  EXPECT_TRUE(failed.isEmpty()) << failed.value(0).value(1).toString().toStdString();
  // The models are the shipped ones of resources/models/manifest.json.
  const QStringList files = window.loadedFiles();
  for (const char* shipped :
       {"models/world_model_3task_cpu.pt", "models/reward_hammer.pt", "models/bc_hammer.pt"})
    EXPECT_EQ(files.filter(shipped).size(), 1) << shipped << " in " << files.join(", ").toStdString();
  // The demo stays out of the recent files.
  EXPECT_TRUE(QSettings().value("recentFiles").toStringList().filter("demo").isEmpty());
}

TEST(DemoFiles, TakesTheShippedModelsOfTheManifestAndOtherwiseItsOwn) {
  const fs::path root = w4rl::test::freshDir();
  fs::create_directories(root / "demo");
  fs::create_directories(root / "models");
  fs::create_directories(root / "tasks");  // what marks a resource directory
  for (const char* f : {"demo/hammer_demo.hdf5", "demo/world_model.pt", "demo/reward.pt", "demo/policy.pt",
                        "models/wm.pt", "models/r.pt", "models/bc.pt"})
    std::ofstream(root / f) << "x";
  auto manifest = [&](const std::string& policyTasks) {
    std::ofstream(root / "models" / "manifest.json") << R"({"format": 1, "models": [
             {"file": "wm.pt", "kind": "world_model", "tasks": ["soccer", "hammer"]},
             {"file": "r.pt", "kind": "reward", "tasks": ["hammer"]},
             {"file": "bc.pt", "kind": "policy", "role": "bc", "tasks": [)"
                                                     << policyTasks << "]}]}";
  };
  const char* before = std::getenv("WORLD4RL_RESOURCES");
  const std::string saved = before ? before : "";
  ::setenv("WORLD4RL_RESOURCES", root.c_str(), 1);
  manifest(R"("hammer")");
  const DemoFiles shipped = findDemo();
  manifest(R"("soccer")");  // no hammer policy is shipped: the demo's own three
  const DemoFiles own = findDemo();
  if (before)
    ::setenv("WORLD4RL_RESOURCES", saved.c_str(), 1);
  else
    ::unsetenv("WORLD4RL_RESOURCES");
  auto names = [](const QStringList& files) {
    QStringList out;
    for (const auto& f : files) out << QFileInfo(f).dir().dirName() + "/" + QFileInfo(f).fileName();
    return out.join(",").toStdString();
  };
  EXPECT_EQ(names(shipped.checkpoints), "models/wm.pt,models/r.pt,models/bc.pt");
  EXPECT_EQ(names(own.checkpoints), "demo/world_model.pt,demo/reward.pt,demo/policy.pt");
  EXPECT_EQ(names(own.datasets), "demo/hammer_demo.hdf5");
}

TEST(MainWindow, OpensTheDemoInALocaleThatWritesDecimalsWithAComma) {
  // QApplication sets the C library's locale from the environment; the demo's checkpoints hold numbers
  // such as p_mean -0.4 that must read the same under de_DE as under C.
  test::CommaLocale comma;
  W4RL_REQUIRE_COMMA_LOCALE(comma);
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy failed(&window, &MainWindow::openFailed);
  QSignalSpy shown(window.episodeView(), &EpisodeView::shown);
  ASSERT_TRUE(window.openDemo());
  ASSERT_TRUE(shown.wait(20000));
  EXPECT_EQ(window.loadedFiles().size(), 4) << comma.name();
  EXPECT_TRUE(failed.isEmpty()) << failed.value(0).value(1).toString().toStdString();
}

}  // namespace w4rl::studio
