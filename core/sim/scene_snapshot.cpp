#include "sim/scene_snapshot.h"

#include <mujoco/mujoco.h>

#include "common/error.h"
#include "sim/manipulation_env.h"

namespace w4rl::sim {

namespace {

bool shapeOf(int mjType, GeomShape& shape) {
  switch (mjType) {
    case mjGEOM_PLANE:
      shape = GeomShape::Plane;
      return true;
    case mjGEOM_SPHERE:
      shape = GeomShape::Sphere;
      return true;
    case mjGEOM_CAPSULE:
      shape = GeomShape::Capsule;
      return true;
    case mjGEOM_ELLIPSOID:
      shape = GeomShape::Ellipsoid;
      return true;
    case mjGEOM_CYLINDER:
      shape = GeomShape::Cylinder;
      return true;
    case mjGEOM_BOX:
      shape = GeomShape::Box;
      return true;
    default:
      return false;  // meshes, height fields: none in the built-in tasks
  }
}

// A geom's colour: its material's where it has one, times the mean of the material's texture (the
// table's wood checker), so untextured renderers still show the right hue.
std::array<float, 4> colourOf(const mjModel* m, int g) {
  const int mat = m->geom_matid[g];
  const float* rgba = mat >= 0 ? m->mat_rgba + 4 * mat : m->geom_rgba + 4 * g;
  std::array<float, 4> c{rgba[0], rgba[1], rgba[2], rgba[3]};
  const int tex = mat >= 0 ? m->mat_texid[mat] : -1;
  if (tex >= 0) {
    const std::size_t pixels =
        static_cast<std::size_t>(m->tex_width[tex]) * static_cast<std::size_t>(m->tex_height[tex]);
    const mjtByte* rgb = m->tex_rgb + m->tex_adr[tex];
    double sum[3] = {0, 0, 0};
    for (std::size_t i = 0; i < pixels; ++i)
      for (int k = 0; k < 3; ++k) sum[k] += rgb[3 * i + static_cast<std::size_t>(k)];
    for (int k = 0; k < 3 && pixels > 0; ++k)
      c[static_cast<std::size_t>(k)] *= static_cast<float>(sum[k] / (255.0 * static_cast<double>(pixels)));
  }
  return c;
}

}  // namespace

SceneSnapshot snapshotScene(const ManipulationEnv& env) {
  const mjModel* m = env.model();
  const mjData* d = env.data();
  SceneSnapshot s;
  for (int g = 0; g < m->ngeom; ++g) {
    SceneGeom geom;
    if (!shapeOf(m->geom_type[g], geom.shape)) continue;
    geom.rgba = colourOf(m, g);
    if (geom.rgba[3] <= 0.0f) continue;
    if (const char* name = mj_id2name(m, mjOBJ_GEOM, g)) geom.name = name;
    geom.size = toVec3(m->geom_size + 3 * g);
    geom.pos = toVec3(d->geom_xpos + 3 * g);
    for (int k = 0; k < 9; ++k) geom.rot[static_cast<std::size_t>(k)] = d->geom_xmat[9 * g + k];
    s.geoms.push_back(std::move(geom));
  }
  s.eef = env.observation().eefPos;
  s.goal = env.observation().goal;
  return s;
}

SceneReplay::SceneReplay(const std::string& task, std::uint64_t seed) {
  EnvConfig config;
  config.task = task;
  config.render = false;
  env_ = std::make_unique<ManipulationEnv>(config);
  env_->reset(seed);
  initialState_ = env_->state();
}

SceneReplay::~SceneReplay() = default;

int SceneReplay::stateDim() const {
  return env_->stateDim();
}

SceneSnapshot SceneReplay::initial() const {
  return snapshotScene(*env_);
}

SceneSnapshot SceneReplay::at(const std::vector<double>& state) {
  env_->restoreState(state);
  return snapshotScene(*env_);
}

}  // namespace w4rl::sim
