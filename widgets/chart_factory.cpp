#include "chart_factory.h"

namespace w4rl::studio {

QCustomPlot* makeChart(QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->setPlottingHint(QCP::phImmediateRefresh, false);
  return plot;
}

}  // namespace w4rl::studio
