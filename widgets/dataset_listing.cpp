#include "dataset_listing.h"

#include <algorithm>

#include "data/dataset.h"
#include "data/episode.h"
#include "pipeline/services/file_probe.h"

namespace w4rl::studio {

QImage EpisodeData::frame(qint64 t) const {
  const auto* pixels =
      frames.data() + static_cast<std::size_t>(t) * static_cast<std::size_t>(height * width * 3);
  return QImage(pixels, width, height, width * 3, QImage::Format_RGB888).copy();
}

DatasetListing listDataset(const QString& file, int thumbnailSize) {
  const auto path = file.toStdString();
  const auto dataset = data::Dataset::open({path});
  DatasetListing listing;
  listing.file = file;
  listing.summary = QString::fromStdString(pipeline::probeFile(path).description);
  const int h = dataset.imageHeight(), w = dataset.imageWidth();
  std::vector<bool> held(dataset.size(), false);
  for (auto ep : dataset.validEpisodes()) held[ep] = true;
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    const auto& info = dataset.episodes()[i];
    EpisodeEntry e;
    e.index = static_cast<int>(i);
    e.demo = QString::fromStdString(info.demo);
    e.task = QString::fromStdString(info.task);
    e.source = QString::fromStdString(data::toString(info.source));
    e.length = info.numSamples;
    e.success = info.success;
    e.valid = held[i];
    // The last frame shows how the episode ended.
    const auto pixels = dataset.frames(i, info.numSamples - 1, 1);
    e.thumbnail = QImage(pixels.data(), w, h, w * 3, QImage::Format_RGB888)
                      .scaled(thumbnailSize, thumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    listing.episodes.push_back(std::move(e));
  }
  return listing;
}

EpisodeData loadEpisode(const QString& file, int episode) {
  const auto dataset = data::Dataset::open({file.toStdString()});
  const auto ep = static_cast<std::size_t>(episode);
  const auto& info = dataset.episodes().at(ep);
  EpisodeData d;
  d.file = file;
  d.demo = QString::fromStdString(info.demo);
  d.task = QString::fromStdString(info.task);
  d.index = episode;
  d.height = dataset.imageHeight();
  d.width = dataset.imageWidth();
  d.actionDim = dataset.actionDim();
  d.frames = dataset.frames(ep, 0, info.numSamples);
  d.actions = dataset.actions(ep);
  d.rewards = dataset.rewards(ep);
  d.hasSeed = info.seed != -1;  // the file keeps a uint64 seed bit for bit in an int64; -1: absent
  d.seed = static_cast<std::uint64_t>(info.seed);
  d.stateDim = dataset.stateDim(ep);
  d.states = dataset.states(ep);
  const auto keys = dataset.lowDimKeys(ep);
  if (std::find(keys.begin(), keys.end(), "robot0_eef_pos") != keys.end() &&
      dataset.lowDimSize(ep, "robot0_eef_pos") == 3)
    d.eefPos = dataset.lowDim(ep, "robot0_eef_pos");
  return d;
}

}  // namespace w4rl::studio
