#pragma once
// Plain data the studio's dataset views show, read off the GUI thread: the episodes of a dataset with a
// thumbnail each, and one episode in full. Qt-free apart from QImage (thumbnails are made here, on the
// loading thread, so the GUI only has to display them).
#include <QImage>
#include <QString>

#include <cstdint>
#include <vector>

namespace w4rl::studio {

struct EpisodeEntry {
  int index = 0;  // into the dataset's episodes
  QString demo, task, source;
  qint64 length = 0;
  bool success = false;
  bool valid = false;  // in the held-out split
  QImage thumbnail;
};

struct DatasetListing {
  QString file;
  QString summary;  // one line: episodes, tasks, image size
  std::vector<EpisodeEntry> episodes;
};

struct EpisodeData {
  QString file, demo, task;
  int index = 0;
  int height = 0, width = 0, actionDim = 0;
  std::vector<std::uint8_t> frames;  // length * height * width * 3 RGB
  std::vector<float> actions;        // length * actionDim
  std::vector<float> rewards;
  std::uint64_t seed = 0;  // the environment seed, when hasSeed
  bool hasSeed = false;
  int stateDim = 0;            // 0 when the file has no simulator states
  std::vector<double> states;  // length * stateDim (for the 3D view's replay)
  std::vector<double> eefPos;  // length * 3 from obs/robot0_eef_pos, empty when absent
  qint64 length() const { return height > 0 ? static_cast<qint64>(frames.size()) / (height * width * 3) : 0; }
  QImage frame(qint64 t) const;  // a deep copy
};

// Both throw w4rl::Error naming the file (read on a worker thread; the caller shows the message).
DatasetListing listDataset(const QString& file, int thumbnailSize = 48);
EpisodeData loadEpisode(const QString& file, int episode);

}  // namespace w4rl::studio
