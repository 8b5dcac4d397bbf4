#include "demo_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/resource_dir.h"

namespace w4rl::studio {
namespace {

// The shipped world model that knows `task`, then that task's classifier and BC policy, from
// models/manifest.json; empty unless all three are listed and present.
QStringList shippedModelsFor(const QDir& models, const QString& task) {
  QFile file(models.filePath("manifest.json"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).object().value("models").toArray();
  auto find = [&](const QString& kind, const QString& role) -> QString {
    for (const auto& value : entries) {
      const QJsonObject m = value.toObject();
      if (m.value("kind").toString() != kind || (!role.isEmpty() && m.value("role").toString() != role))
        continue;
      if (!m.value("tasks").toArray().contains(task)) continue;
      const QString path = models.filePath(m.value("file").toString());
      if (QFileInfo::exists(path)) return path;
    }
    return {};
  };
  const QStringList found{find("world_model", {}), find("reward", {}), find("policy", "bc")};
  return found.contains(QString()) ? QStringList() : found;
}

}  // namespace

DemoFiles findDemo() {
  DemoFiles demo;
  QString resources;
  try {
    resources = QString::fromStdString(resourceDir().string());
  } catch (const std::exception&) {
    return demo;  // no resource directory at all
  }
  const QString root = QDir(resources).filePath("demo");
  const QDir dir(root);
  if (!dir.exists()) return demo;
  demo.folder = dir.absolutePath();
  for (const auto& name : dir.entryList({"*.hdf5"}, QDir::Files, QDir::Name))
    demo.datasets << dir.filePath(name);
  demo.checkpoints = shippedModelsFor(QDir(QDir(resources).filePath("models")), kDemoTask);
  if (demo.checkpoints.isEmpty()) {
    for (const char* name : {"world_model.pt", "reward.pt", "policy.pt"})
      if (QFileInfo::exists(dir.filePath(name))) demo.checkpoints << dir.filePath(name);
  }
  if (dir.exists("runs")) demo.runsFolder = dir.filePath("runs");
  return demo;
}

}  // namespace w4rl::studio
