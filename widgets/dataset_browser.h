#pragma once
// The dataset browser: episodes of the loaded datasets grouped by file, task and source, with a
// thumbnail (last frame), length and success; a filter box matches task, source, demo name or
// "success"/"failure". Datasets are read on a worker thread; activating an episode emits its address.
#include <QFutureWatcher>
#include <QWidget>

#include "dataset_listing.h"

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace w4rl::studio {

class DatasetBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetBrowser(QWidget* parent = nullptr);
  // Reads the dataset in the background; emits loaded() or failed().
  void addDataset(const QString& file);
  int episodeCount() const;         // over all loaded datasets
  int visibleEpisodeCount() const;  // after the filter
  void setFilter(const QString& text);
  void selectEpisode(const QString& file, int index);

 signals:
  void loaded(const QString& file, const QString& summary);
  void failed(const QString& file, const QString& message);
  void episodeSelected(const QString& file, int index);

 private:
  void addListing(const DatasetListing& listing);
  void applyFilter();
  QTreeWidgetItem* child(QTreeWidgetItem* parent, const QString& text);

  QLineEdit* filter_;
  QTreeWidget* tree_;
};

}  // namespace w4rl::studio
