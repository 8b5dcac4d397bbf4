#include "demo_files.h"

#include <QDir>
#include <QFileInfo>

#include "common/resource_dir.h"

namespace w4rl::studio {

DemoFiles findDemo() {
  DemoFiles demo;
  QString root;
  try {
    root = QString::fromStdString((resourceDir() / "demo").string());
  } catch (const std::exception&) {
    return demo;  // no resource directory at all
  }
  const QDir dir(root);
  if (!dir.exists()) return demo;
  demo.folder = dir.absolutePath();
  for (const auto& name : dir.entryList({"*.hdf5"}, QDir::Files, QDir::Name))
    demo.datasets << dir.filePath(name);
  for (const char* name : {"world_model.pt", "reward.pt", "policy.pt"})
    if (QFileInfo::exists(dir.filePath(name))) demo.checkpoints << dir.filePath(name);
  if (dir.exists("runs")) demo.runsFolder = dir.filePath("runs");
  return demo;
}

}  // namespace w4rl::studio
