#pragma once
// Every chart of the studio is made here, so they share the settings that keep the GUI thread free.
#include <qcustomplot.h>

namespace w4rl::studio {

// A QCustomPlot whose replots paint with the next frame (update()) instead of at once (repaint(), the
// library's default). With a GL view in the window, every immediate repaint composes the whole window
// through OpenGL; with software GL under load that took 70-110 ms per replot, and several charts
// replotting each second kept the GUI thread busy. Deferred, Qt paints them all in one frame.
QCustomPlot* makeChart(QWidget* parent);

}  // namespace w4rl::studio
