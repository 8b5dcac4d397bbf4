#include "sim/gripper_rig.h"

#include <cmath>
#include <string>

#include "common/error.h"

namespace w4rl::sim {
namespace {

int requireId(const mjModel* m, mjtObj type, const char* name) {
  const int id = mj_name2id(m, type, name);
  if (id < 0) throw Error(std::string("task model has no gripper part '") + name + "'");
  return id;
}

}  // namespace

Action clampAction(const Action& a) {
  Action out{};
  for (std::size_t i = 0; i < a.size(); ++i)
    out[i] = std::isfinite(a[i]) ? std::clamp(a[i], -1.0f, 1.0f) : 0.0f;
  return out;
}

GripperRig::GripperRig(const mjModel* m) {
  const int mocapBody = requireId(m, mjOBJ_BODY, "mocap");
  mocapIndex_ = m->body_mocapid[mocapBody];
  if (mocapIndex_ < 0) throw Error("task model's body 'mocap' is not a mocap body");
  handBody_ = requireId(m, mjOBJ_BODY, "hand");
  fingerLeftBody_ = requireId(m, mjOBJ_BODY, "finger_left");
  fingerRightBody_ = requireId(m, mjOBJ_BODY, "finger_right");
  const int handX = requireId(m, mjOBJ_JOINT, "hand_x");
  handQpos_ = m->jnt_qposadr[handX];
  handDof_ = m->jnt_dofadr[handX];
  fingerLeftQpos_ = m->jnt_qposadr[requireId(m, mjOBJ_JOINT, "finger_left")];
  fingerRightQpos_ = m->jnt_qposadr[requireId(m, mjOBJ_JOINT, "finger_right")];
  fingerLeftActuator_ = requireId(m, mjOBJ_ACTUATOR, "finger_left");
  fingerRightActuator_ = requireId(m, mjOBJ_ACTUATOR, "finger_right");
}

void GripperRig::place(const mjModel* m, mjData* d, const Vec3& eef) const {
  // The hand's slide joints measure displacement from its position in the model file.
  const double* home = m->body_pos + 3 * handBody_;
  for (int i = 0; i < 3; ++i) {
    d->qpos[handQpos_ + i] = eef[static_cast<std::size_t>(i)] - home[i];
    d->qvel[handDof_ + i] = 0.0;
    d->mocap_pos[3 * mocapIndex_ + i] = eef[static_cast<std::size_t>(i)];
  }
  d->qpos[fingerLeftQpos_] = kFingerOpen;
  d->qpos[fingerRightQpos_] = kFingerOpen;
  d->ctrl[fingerLeftActuator_] = kFingerOpen;
  d->ctrl[fingerRightActuator_] = kFingerOpen;
}

void GripperRig::step(const mjModel* m, mjData* d, const Action& raw, int substeps) const {
  const Action a = clampAction(raw);
  double* mocap = d->mocap_pos + 3 * mocapIndex_;
  Vec3 target{};
  for (int i = 0; i < 3; ++i) {
    const auto k = static_cast<std::size_t>(i);
    target[k] = std::clamp(mocap[i] + kActionScale * a[k], workspace_.lo[k], workspace_.hi[k]);
  }
  // grip -1 -> open (0.045), +1 -> closed target 0: squeezes whatever is between the fingers.
  const double finger = kFingerOpen * (1.0 - (a[3] + 1.0) / 2.0);
  d->ctrl[fingerLeftActuator_] = finger;
  d->ctrl[fingerRightActuator_] = finger;
  const Vec3 start = toVec3(mocap);
  for (int s = 1; s <= substeps; ++s) {
    const double t = static_cast<double>(s) / substeps;
    for (int i = 0; i < 3; ++i) {
      const auto k = static_cast<std::size_t>(i);
      mocap[i] = start[k] + t * (target[k] - start[k]);
    }
    mj_step(m, d);
  }
}

}  // namespace w4rl::sim
