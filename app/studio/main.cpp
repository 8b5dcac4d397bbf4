// world4rl-studio [FILES...]: the desktop explorer (guide: docs/studio.md).
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <exception>

#include "main_window.h"
#include "pipeline/services/compute_device.h"
#include "screenshot_tour.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("World4RL");
  QApplication::setApplicationName("World4RL Studio");
  QApplication::setApplicationVersion(W4RL_VERSION);

  // The language follows the system locale unless the Language menu chose one.
  const QString chosen = QSettings().value("language").toString();
  const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
  QTranslator studio, qt;
  if (studio.load(locale, "world4rl_studio", "_", ":/i18n")) QApplication::installTranslator(&studio);
  if (qt.load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qt);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "World4RL Studio"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("files", QApplication::translate("main", "Datasets and checkpoints to open"));
  const QCommandLineOption screenshots(
      "screenshots",
      QApplication::translate("main", "Open the demo, save a picture of each panel into DIR, and quit"),
      "DIR");
  parser.addOption(screenshots);
  parser.process(app);

  w4rl::studio::MainWindow window(QString::fromStdString(w4rl::pipeline::autoDeviceDescription()));
  window.show();
  if (parser.isSet(screenshots)) {
    window.resize(1500, 940);
    try {
      const auto files = w4rl::studio::takeScreenshots(window, parser.value(screenshots));
      std::printf("%s\n", qPrintable(files.join('\n')));
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "world4rl-studio: error: %s\n", e.what());
      return 1;
    }
  }
  // With no files the studio opens on the built-in demo, ready to use.
  if (parser.positionalArguments().isEmpty())
    window.openDemo();
  else
    window.openFiles(parser.positionalArguments());
  return QApplication::exec();
}
