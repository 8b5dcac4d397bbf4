#pragma once
// World4RL Studio's main window: opens datasets and checkpoints (menu, drag and drop, command line; the
// kind is read from the file), lists what is loaded, hosts the panels as docks around the episode view,
// remembers recent files and the window layout (QSettings), and shows errors as dialogs while carrying on.
#include <QMainWindow>
#include <QStringList>

class QListWidget;
class QMenu;

namespace w4rl::studio {

class DatasetBrowser;
class DreamTruthPanel;
class EpisodeView;
class RolloutPanel;
class RunsPanel;
class ScenePanel;
class TeleopPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const QString& device, QWidget* parent = nullptr);
  // Opens each file by its kind; a bad file gets a dialog (or, with quiet errors, only the signal).
  void openFiles(const QStringList& files);
  // Opens the built-in demo (resources/demo): its dataset with the first episode shown, its checkpoints
  // and its runs. Returns false, with a status-bar note, when the demo is not installed.
  bool openDemo();
  // View > Reset layout: every panel docked where it starts, shown, and the window at its default size,
  // which fits the screen (a 1366x768 laptop included).
  void resetLayout();
  QStringList loadedFiles() const { return loaded_; }
  DatasetBrowser* datasetBrowser() const { return browser_; }
  EpisodeView* episodeView() const { return episodeView_; }
  RunsPanel* runsPanel() const { return runsPanel_; }
  RolloutPanel* rolloutPanel() const { return rolloutPanel_; }
  TeleopPanel* teleopPanel() const { return teleopPanel_; }
  ScenePanel* scenePanel() const { return scenePanel_; }
  DreamTruthPanel* dreamTruthPanel() const { return dreamTruthPanel_; }
  // Tests set this so error dialogs do not block; the error still reaches openFailed().
  void setQuietErrors(bool quiet) { quietErrors_ = quiet; }

 signals:
  void fileOpened(const QString& file, const QString& description);
  void openFailed(const QString& file, const QString& message);
  void languageChosen(const QString& locale);  // "" for the system's

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void showError(const QString& file, const QString& message);
  void addLoaded(const QString& file, const QString& kind, const QString& description);
  void rememberRecent(const QString& file);
  void openFilesRemembering(const QStringList& files, bool remember);
  void rebuildRecentMenu();
  void showAbout();
  QSize defaultSize() const;

  DatasetBrowser* browser_;
  EpisodeView* episodeView_;
  RunsPanel* runsPanel_;
  RolloutPanel* rolloutPanel_;
  TeleopPanel* teleopPanel_;
  ScenePanel* scenePanel_;
  DreamTruthPanel* dreamTruthPanel_;
  QString demoDataset_;  // shows its first episode once listed
  QListWidget* loadedList_;
  QMenu* recentMenu_ = nullptr;
  QStringList loaded_;
  bool quietErrors_ = false;
  QByteArray defaultLayout_;  // saveState() of the docks as built, for resetLayout()
};

}  // namespace w4rl::studio
