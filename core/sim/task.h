#pragma once
// A built-in manipulation task: its scene (an MJCF file under resources/tasks/), how object and goal are
// randomised per seed, its success predicate from simulator state, and its scripted expert.
#include <mujoco/mujoco.h>

#include <memory>
#include <string>
#include <vector>

#include "common/rng.h"
#include "sim/expert.h"
#include "sim/gripper_rig.h"
#include "sim/vec3.h"

namespace w4rl::sim {

struct TaskInfo {
  std::string name;           // e.g. "pick-place"; the name used on the command line and in datasets
  std::string description;    // one sentence: what success means
  std::string mjcfFile;       // relative to resources/tasks/
  std::string randomisation;  // the documented per-seed ranges, in words
  Vec3 handStart{0.0, -0.05, 0.2};
};

class Task {
 public:
  virtual ~Task() = default;
  virtual const TaskInfo& info() const = 0;
  // Looks up the task's bodies and joints in the loaded model; throws if any is missing.
  virtual void bind(const mjModel* model) = 0;
  // Randomises object and goal for one episode. `data` was just reset to the model's defaults; static
  // fixtures (a coffee machine, a door) are moved through model->body_pos, which the task owns.
  virtual void randomise(mjModel* model, mjData* data, Rng& rng) = 0;
  virtual bool success(const mjModel* model, const mjData* data) const = 0;
  // Low-dimensional object state (positions, joint values) recorded as obs/object; never seen by image
  // policies.
  virtual std::vector<double> objectState(const mjModel* model, const mjData* data) const = 0;
  virtual Vec3 goal(const mjModel* model, const mjData* data) const = 0;
  // A fresh scripted expert for one episode, reading privileged state.
  virtual std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const = 0;
};

}  // namespace w4rl::sim
