#pragma once
// The visible geometry of a task's scene at one instant, as plain data, so a 3D view (VTK in the
// studio) can draw the simulator's state without including MuJoCo. Sizes follow MuJoCo's conventions:
// box half-extents, sphere radius, cylinder and capsule (radius, half-length), plane half-sizes.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/vec3.h"

namespace w4rl::sim {

class ManipulationEnv;

enum class GeomShape { Plane, Sphere, Capsule, Ellipsoid, Cylinder, Box };

struct SceneGeom {
  std::string name;  // empty when the MJCF left the geom unnamed
  GeomShape shape = GeomShape::Box;
  Vec3 size{};
  Vec3 pos{};
  std::array<double, 9> rot{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row-major world rotation (MuJoCo geom_xmat)
  std::array<float, 4> rgba{1, 1, 1, 1};                 // the material's colour where it has one
};

struct SceneSnapshot {
  std::vector<SceneGeom> geoms;  // every visible geom (alpha > 0; meshes and height fields are skipped)
  Vec3 eef{};                    // the end effector (gripper hand)
  Vec3 goal{};
};

// The scene of `env` as it is now.
SceneSnapshot snapshotScene(const ManipulationEnv& env);

// Replays recorded simulator states of one episode: resets the task with the episode's seed (which places
// the fixtures the task moves per seed), then restores a state vector (ManipulationEnv::state() layout)
// and takes the snapshot. No rendering context is created.
class SceneReplay {
 public:
  SceneReplay(const std::string& task, std::uint64_t seed);  // throws w4rl::Error (unknown task)
  ~SceneReplay();
  SceneReplay(const SceneReplay&) = delete;
  SceneReplay& operator=(const SceneReplay&) = delete;

  int stateDim() const;
  SceneSnapshot initial() const;  // the scene right after reset(seed)
  // Throws w4rl::Error when `state` does not have stateDim() values.
  SceneSnapshot at(const std::vector<double>& state);

 private:
  std::unique_ptr<ManipulationEnv> env_;
  std::vector<double> initialState_;
};

}  // namespace w4rl::sim
