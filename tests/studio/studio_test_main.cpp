// QApplication for widget tests, on the offscreen platform unless the caller chose one (Xvfb tests set
// QT_QPA_PLATFORM=xcb). Settings go to a test location so a user's recent files are never touched.
#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QStandardPaths::setTestModeEnabled(true);
  QApplication app(argc, argv);
  QApplication::setOrganizationName("World4RL-tests");
  QApplication::setApplicationName("World4RL Studio tests");
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
