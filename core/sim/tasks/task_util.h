#pragma once
// Lookups and pose helpers shared by the task implementations.
#include <mujoco/mujoco.h>

#include <string>

#include "common/error.h"
#include "sim/vec3.h"

namespace w4rl::sim::taskutil {

inline int id(const mjModel* m, mjtObj type, const std::string& name) {
  const int i = mj_name2id(m, type, name.c_str());
  if (i < 0) throw Error("task model lacks '" + name + "'");
  return i;
}
inline int qposOf(const mjModel* m, const std::string& joint) {
  return m->jnt_qposadr[id(m, mjOBJ_JOINT, joint)];
}
inline int dofOf(const mjModel* m, const std::string& joint) {
  return m->jnt_dofadr[id(m, mjOBJ_JOINT, joint)];
}

// Sets a free joint's position (qpos[adr..adr+2]) keeping the model's default orientation.
inline void setFreePos(mjData* d, int qposAdr, const Vec3& p) {
  for (int i = 0; i < 3; ++i) d->qpos[qposAdr + i] = p[static_cast<std::size_t>(i)];
}
inline Vec3 bodyPos(const mjData* d, int body) {
  return toVec3(d->xpos + 3 * body);
}
inline Vec3 sitePos(const mjData* d, int site) {
  return toVec3(d->site_xpos + 3 * site);
}
// Moves a static (joint-less) body by editing the model; mj_forward then places it.
inline void setStaticBodyPos(mjModel* m, int body, const Vec3& p) {
  for (int i = 0; i < 3; ++i) m->body_pos[3 * body + i] = p[static_cast<std::size_t>(i)];
}

// A point uniformly drawn in a box, in the order x, y, z.
template <typename R>
Vec3 uniformIn(R& rng, const Vec3& lo, const Vec3& hi) {
  return {rng.uniform(lo[0], hi[0]), rng.uniform(lo[1], hi[1]), rng.uniform(lo[2], hi[2])};
}

}  // namespace w4rl::sim::taskutil
