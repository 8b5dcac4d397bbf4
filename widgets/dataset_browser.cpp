#include "dataset_browser.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QPixmap>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <functional>
#include <memory>

namespace w4rl::studio {
namespace {

constexpr int kFileRole = Qt::UserRole;
constexpr int kIndexRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;

struct ListingResult {
  DatasetListing listing;
  QString error;
};

}  // namespace

DatasetBrowser::DatasetBrowser(QWidget* parent) : QWidget(parent) {
  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter: task, source, demo, success or failure"));
  filter_->setClearButtonEnabled(true);
  filter_->setToolTip(tr("Show only episodes whose task, source or name contains all of these words"));
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(3);
  tree_->setHeaderLabels({tr("Episode"), tr("Steps"), tr("Outcome")});
  tree_->setIconSize(QSize(48, 48));
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  tree_->setIndentation(12);
  setMinimumWidth(300);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(filter_);
  layout->addWidget(tree_);
  connect(filter_, &QLineEdit::textChanged, this, [this] { applyFilter(); });
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item && item->data(0, kIndexRole).isValid())
      emit episodeSelected(item->data(0, kFileRole).toString(), item->data(0, kIndexRole).toInt());
  });
}

void DatasetBrowser::addDataset(const QString& file) {
  auto* watcher = new QFutureWatcher<ListingResult>(this);
  connect(watcher, &QFutureWatcher<ListingResult>::finished, this, [this, watcher, file] {
    const ListingResult r = watcher->result();
    watcher->deleteLater();
    if (!r.error.isEmpty()) {
      emit failed(file, r.error);
      return;
    }
    addListing(r.listing);
    emit loaded(file, r.listing.summary);
  });
  watcher->setFuture(QtConcurrent::run([file] {
    ListingResult r;
    try {
      r.listing = listDataset(file);
    } catch (const std::exception& e) {
      r.error = QString::fromUtf8(e.what());
    }
    return r;
  }));
}

QTreeWidgetItem* DatasetBrowser::child(QTreeWidgetItem* parent, const QString& text) {
  for (int i = 0; i < parent->childCount(); ++i)
    if (parent->child(i)->text(0) == text) return parent->child(i);
  auto* item = new QTreeWidgetItem(parent, {text});
  item->setExpanded(true);
  return item;
}

void DatasetBrowser::addListing(const DatasetListing& listing) {
  // Reloading a file replaces its entries.
  for (int i = tree_->topLevelItemCount() - 1; i >= 0; --i)
    if (tree_->topLevelItem(i)->data(0, kFileRole).toString() == listing.file)
      delete tree_->takeTopLevelItem(i);
  auto* fileItem = new QTreeWidgetItem(tree_, {QFileInfo(listing.file).fileName()});
  fileItem->setData(0, kFileRole, listing.file);
  fileItem->setToolTip(0, listing.file + "\n" + listing.summary);
  fileItem->setExpanded(true);
  for (const auto& e : listing.episodes) {
    auto* source = child(child(fileItem, e.task), e.source);
    auto* item = new QTreeWidgetItem(source);
    item->setText(0, e.demo + (e.valid ? tr(" (held out)") : QString()));
    item->setText(1, QString::number(e.length));
    item->setText(2, e.success ? tr("success") : tr("failure"));
    item->setIcon(0, QIcon(QPixmap::fromImage(e.thumbnail)));
    item->setData(0, kFileRole, listing.file);
    item->setData(0, kIndexRole, e.index);
    // Searched in both the English words and the translated ones.
    item->setData(
        0, kSearchRole,
        QStringList{e.task, e.source, e.demo, e.success ? "success" : "failure", item->text(2)}.join(' '));
  }
  applyFilter();
}

void DatasetBrowser::applyFilter() {
  const auto words = filter_->text().split(' ', Qt::SkipEmptyParts);
  std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
    if (item->data(0, kIndexRole).isValid()) {
      const QString text = item->data(0, kSearchRole).toString();
      bool match = true;
      for (const auto& w : words) match = match && text.contains(w, Qt::CaseInsensitive);
      item->setHidden(!match);
      return match;
    }
    bool any = false;
    for (int i = 0; i < item->childCount(); ++i) any = visit(item->child(i)) || any;
    item->setHidden(!any && !words.isEmpty());
    return any;
  };
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) visit(tree_->topLevelItem(i));
}

void DatasetBrowser::setFilter(const QString& text) {
  filter_->setText(text);
}

int DatasetBrowser::episodeCount() const {
  int n = 0;
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) n += (*it)->data(0, kIndexRole).isValid() ? 1 : 0;
  return n;
}

int DatasetBrowser::visibleEpisodeCount() const {
  int n = 0;
  for (QTreeWidgetItemIterator it(tree_, QTreeWidgetItemIterator::NotHidden); *it; ++it)
    n += (*it)->data(0, kIndexRole).isValid() ? 1 : 0;
  return n;
}

void DatasetBrowser::selectEpisode(const QString& file, int index) {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it)
    if ((*it)->data(0, kFileRole).toString() == file && (*it)->data(0, kIndexRole).toInt() == index &&
        (*it)->data(0, kIndexRole).isValid()) {
      tree_->setCurrentItem(*it);
      return;
    }
}

}  // namespace w4rl::studio
