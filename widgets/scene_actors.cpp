#include "scene_actors.h"

#include <algorithm>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCapsuleSource.h>
#include <vtkCellArray.h>
#include <vtkCubeSource.h>
#include <vtkCylinderSource.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataAlgorithm.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyLine.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTubeFilter.h>

namespace w4rl::studio {

namespace {

// MuJoCo's cylinders and capsules run along their local z axis, VTK's sources along y.
bool alongY(sim::GeomShape shape) {
  return shape == sim::GeomShape::Cylinder || shape == sim::GeomShape::Capsule;
}

vtkSmartPointer<vtkPolyDataAlgorithm> sourceFor(const sim::SceneGeom& g) {
  switch (g.shape) {
    case sim::GeomShape::Sphere:
    case sim::GeomShape::Ellipsoid: {  // unit sphere, scaled by the user matrix for ellipsoids
      auto s = vtkSmartPointer<vtkSphereSource>::New();
      s->SetRadius(g.shape == sim::GeomShape::Sphere ? g.size[0] : 1.0);
      s->SetThetaResolution(24);
      s->SetPhiResolution(16);
      return s;
    }
    case sim::GeomShape::Cylinder: {
      auto s = vtkSmartPointer<vtkCylinderSource>::New();
      s->SetRadius(g.size[0]);
      s->SetHeight(2.0 * g.size[1]);
      s->SetResolution(24);
      return s;
    }
    case sim::GeomShape::Capsule: {
      auto s = vtkSmartPointer<vtkCapsuleSource>::New();
      s->SetRadius(g.size[0]);
      s->SetCylinderLength(2.0 * g.size[1]);
      s->SetThetaResolution(24);
      s->SetPhiResolution(12);
      return s;
    }
    case sim::GeomShape::Plane: {  // a thin slab; MuJoCo's size is (half x, half y, grid spacing)
      auto s = vtkSmartPointer<vtkCubeSource>::New();
      s->SetXLength(2.0 * g.size[0]);
      s->SetYLength(2.0 * g.size[1]);
      s->SetZLength(0.002);
      return s;
    }
    case sim::GeomShape::Box:
    default: {
      auto s = vtkSmartPointer<vtkCubeSource>::New();
      s->SetXLength(2.0 * g.size[0]);
      s->SetYLength(2.0 * g.size[1]);
      s->SetZLength(2.0 * g.size[2]);
      return s;
    }
  }
}

// World pose of a geom as VTK's user matrix: [R p], with the y-to-z turn for cylinders and capsules and
// the axis scales for ellipsoids folded in.
vtkSmartPointer<vtkMatrix4x4> poseOf(const sim::SceneGeom& g) {
  double local[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  if (alongY(g.shape)) {  // Rx(90 deg): local y -> world z
    const double turn[9] = {1, 0, 0, 0, 0, -1, 0, 1, 0};
    std::copy(turn, turn + 9, local);
  } else if (g.shape == sim::GeomShape::Ellipsoid) {
    local[0] = g.size[0];
    local[4] = g.size[1];
    local[8] = g.size[2];
  }
  auto m = vtkSmartPointer<vtkMatrix4x4>::New();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      double v = 0.0;
      for (int k = 0; k < 3; ++k) v += g.rot[static_cast<std::size_t>(3 * r + k)] * local[3 * k + c];
      m->SetElement(r, c, v);
    }
    m->SetElement(r, 3, g.pos[static_cast<std::size_t>(r)]);
  }
  return m;
}

vtkSmartPointer<vtkActor> geomActor(const sim::SceneGeom& g) {
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(sourceFor(g)->GetOutputPort());
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(g.rgba[0], g.rgba[1], g.rgba[2]);
  actor->GetProperty()->SetOpacity(g.rgba[3]);
  actor->GetProperty()->SetSpecular(0.2);
  actor->SetUserMatrix(poseOf(g));
  return actor;
}

}  // namespace

SceneActors::SceneActors() : renderer_(vtkSmartPointer<vtkRenderer>::New()) {
  renderer_->SetBackground(0.16, 0.18, 0.21);
  renderer_->SetBackground2(0.42, 0.47, 0.53);
  renderer_->GradientBackgroundOn();
  resetCamera();
}

SceneActors::~SceneActors() = default;

void SceneActors::setScene(const sim::SceneSnapshot& scene) {
  if (geoms_.size() != scene.geoms.size()) {
    for (auto& a : geoms_) renderer_->RemoveActor(a);
    geoms_.clear();
    for (const auto& g : scene.geoms) {
      geoms_.push_back(geomActor(g));
      renderer_->AddActor(geoms_.back());
    }
    return;
  }
  for (std::size_t i = 0; i < geoms_.size(); ++i) geoms_[i]->SetUserMatrix(poseOf(scene.geoms[i]));
}

void SceneActors::setRealPath(const std::vector<sim::Vec3>& path) {
  setPath(real_, path, 0.62, 0.52);  // blue, darker early
}

void SceneActors::setCommandedPath(const std::vector<sim::Vec3>& path) {
  setPath(commanded_, path, 0.02, 0.12);  // red-orange to yellow
}

void SceneActors::setPath(Path& path, const std::vector<sim::Vec3>& points, double hueLow, double hueHigh) {
  if (path.tube) renderer_->RemoveActor(path.tube);
  if (path.marker) renderer_->RemoveActor(path.marker);
  path.tube = nullptr;
  path.marker = nullptr;
  path.points = points;
  if (points.size() < 2) return;  // a tube needs a segment

  auto vtkPts = vtkSmartPointer<vtkPoints>::New();
  auto time = vtkSmartPointer<vtkDoubleArray>::New();
  time->SetName("time");
  auto line = vtkSmartPointer<vtkPolyLine>::New();
  line->GetPointIds()->SetNumberOfIds(static_cast<vtkIdType>(points.size()));
  for (std::size_t i = 0; i < points.size(); ++i) {
    vtkPts->InsertNextPoint(points[i].data());
    time->InsertNextValue(static_cast<double>(i) / static_cast<double>(points.size() - 1));
    line->GetPointIds()->SetId(static_cast<vtkIdType>(i), static_cast<vtkIdType>(i));
  }
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  cells->InsertNextCell(line);
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(vtkPts);
  poly->SetLines(cells);
  poly->GetPointData()->SetScalars(time);

  auto tube = vtkSmartPointer<vtkTubeFilter>::New();
  tube->SetInputData(poly);
  tube->SetRadius(0.0035);
  tube->SetNumberOfSides(10);
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetHueRange(hueLow, hueHigh);
  lut->SetSaturationRange(0.9, 0.7);
  lut->SetValueRange(0.45, 1.0);  // early steps dark, late steps bright
  lut->Build();
  auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(tube->GetOutputPort());
  mapper->SetLookupTable(lut);
  mapper->SetScalarRange(0.0, 1.0);
  path.tube = vtkSmartPointer<vtkActor>::New();
  path.tube->SetMapper(mapper);
  renderer_->AddActor(path.tube);

  auto sphere = vtkSmartPointer<vtkSphereSource>::New();
  sphere->SetRadius(0.009);
  auto markerMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  markerMapper->SetInputConnection(sphere->GetOutputPort());
  path.marker = vtkSmartPointer<vtkActor>::New();
  path.marker->SetMapper(markerMapper);
  double rgb[3];
  lut->GetColor(1.0, rgb);
  path.marker->GetProperty()->SetColor(rgb);
  renderer_->AddActor(path.marker);
  placeMarker(path);
}

void SceneActors::setCurrentStep(int step) {
  step_ = std::max(0, step);
  placeMarker(real_);
  placeMarker(commanded_);
}

void SceneActors::placeMarker(Path& path) {
  if (!path.marker || path.points.empty()) return;
  const auto i = std::min(static_cast<std::size_t>(step_), path.points.size() - 1);
  path.marker->SetPosition(path.points[i].data());
}

const sim::Vec3* SceneActors::realMarker() const {
  if (!real_.marker || real_.points.empty()) return nullptr;
  return &real_.points[std::min(static_cast<std::size_t>(step_), real_.points.size() - 1)];
}

void SceneActors::resetCamera() {
  vtkCamera* camera = renderer_->GetActiveCamera();
  camera->SetFocalPoint(0.0, 0.1, 0.05);
  camera->SetPosition(0.0, -0.75, 0.65);
  camera->SetViewUp(0.0, 0.0, 1.0);
  camera->SetViewAngle(35.0);
  renderer_->ResetCameraClippingRange();
}

}  // namespace w4rl::studio
