#pragma once
// Binds the gripper of a loaded task model (resources/tasks/common/gripper.xml) and applies actions:
// it moves the mocap target (clamped to the workspace) in small increments over the physics substeps of
// one control step, so contacts see a smooth motion rather than a 3 cm jump.
#include <mujoco/mujoco.h>

#include <array>

#include "sim/action.h"
#include "sim/vec3.h"

namespace w4rl::sim {

// Where the mocap target may go (metres). The lower z bound keeps the fingertips at the table surface.
struct Workspace {
  Vec3 lo{-0.35, -0.25, 0.0};
  Vec3 hi{0.35, 0.40, 0.35};
};

class GripperRig {
 public:
  static constexpr double kFingerOpen = 0.045;  // finger joint value when fully open (m)

  explicit GripperRig(const mjModel* model);  // throws if the model lacks the gripper

  // Puts hand and mocap at `eef`, fingers open, velocities zero. Call before mj_forward.
  void place(const mjModel* model, mjData* data, const Vec3& eef) const;
  // Applies one control step of `action` with `substeps` physics steps (mj_step each).
  void step(const mjModel* model, mjData* data, const Action& action, int substeps) const;

  Vec3 eefPos(const mjData* data) const { return toVec3(data->xpos + 3 * handBody_); }
  // The hand's orientation as robosuite writes robot0_eef_quat: (x, y, z, w), MuJoCo's (w, x, y, z)
  // reordered. The hand only translates, so it is the same at every step.
  std::array<double, 4> eefQuatXyzw(const mjData* data) const {
    const mjtNum* q = data->xquat + 4 * handBody_;
    return {q[1], q[2], q[3], q[0]};
  }
  Vec3 mocapPos(const mjData* data) const { return toVec3(data->mocap_pos + 3 * mocapIndex_); }
  // Inner-face offsets of the two fingers from the centre line (m).
  double fingerLeft(const mjData* data) const { return data->qpos[fingerLeftQpos_]; }
  double fingerRight(const mjData* data) const { return data->qpos[fingerRightQpos_]; }
  double fingerGap(const mjData* data) const { return fingerLeft(data) + fingerRight(data); }
  const Workspace& workspace() const { return workspace_; }
  int handBody() const { return handBody_; }
  int fingerLeftBody() const { return fingerLeftBody_; }
  int fingerRightBody() const { return fingerRightBody_; }

 private:
  Workspace workspace_;
  int mocapIndex_ = -1;
  int handBody_ = -1;
  int fingerLeftBody_ = -1, fingerRightBody_ = -1;
  int handQpos_ = -1;  // hand_x, hand_y, hand_z are consecutive
  int handDof_ = -1;
  int fingerLeftQpos_ = -1, fingerRightQpos_ = -1;
  int fingerLeftActuator_ = -1, fingerRightActuator_ = -1;
};

}  // namespace w4rl::sim
