#pragma once
// The 3D view's content as VTK actors, built from plain data (no GL needed, so it is testable on any
// platform): the task's geoms at one step, and end-effector paths drawn as tubes coloured by time
// (the real path dark-to-light blue, the commanded path from integrated actions dark-to-light orange)
// with a sphere at the current step on each.
#include <vector>

#include <vtkActor.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include "sim/scene_snapshot.h"

namespace w4rl::studio {

class SceneActors {
 public:
  SceneActors();
  ~SceneActors();
  SceneActors(const SceneActors&) = delete;
  SceneActors& operator=(const SceneActors&) = delete;

  vtkRenderer* renderer() const { return renderer_; }
  // Replaces the geoms when their number changed (another task), else moves them.
  void setScene(const sim::SceneSnapshot& scene);
  void setRealPath(const std::vector<sim::Vec3>& path);
  void setCommandedPath(const std::vector<sim::Vec3>& path);
  void setCurrentStep(int step);  // the marker spheres sit at this point of each path
  void resetCamera();             // looks at the table from the front, above

  int geomCount() const { return static_cast<int>(geoms_.size()); }
  std::size_t realPathPoints() const { return real_.points.size(); }
  std::size_t commandedPathPoints() const { return commanded_.points.size(); }
  const sim::Vec3* realMarker() const;  // nullptr when there is no real path

 private:
  struct Path {
    std::vector<sim::Vec3> points;
    vtkSmartPointer<vtkActor> tube, marker;
  };
  void setPath(Path& path, const std::vector<sim::Vec3>& points, double hueLow, double hueHigh);
  void placeMarker(Path& path);

  vtkSmartPointer<vtkRenderer> renderer_;
  std::vector<vtkSmartPointer<vtkActor>> geoms_;
  Path real_, commanded_;
  int step_ = 0;
};

}  // namespace w4rl::studio
