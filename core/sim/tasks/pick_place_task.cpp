// pick-place: a real grasp and lift of a 4 cm cube to a goal in the air (Meta-World pick-place).
#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessDistance = 0.05;
const Vec3 kObjectLo{-0.12, -0.02, 0.02}, kObjectHi{0.12, 0.10, 0.02};
const Vec3 kGoalLo{-0.12, 0.16, 0.12}, kGoalHi{0.12, 0.26, 0.22};

class PickPlaceExpert : public Expert {
 public:
  PickPlaceExpert(const GripperRig& rig, int objectBody, int goalBody)
      : rig_(rig), object_(objectBody), goal_(goalBody) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 obj = taskutil::bodyPos(d, object_), goal = taskutil::bodyPos(d, goal_);
    const double xyErr = normXY(obj - eef);
    switch (phase_) {
      case Phase::Above:
        if (xyErr < 0.012) phase_ = Phase::Descend;
        return moveTowards(mocap, {obj[0], obj[1], obj[2] + 0.08}, kGripOpen);
      case Phase::Descend:
        if (eef[2] < obj[2] - 0.008) phase_ = Phase::Grasp;
        if (xyErr > 0.025) phase_ = Phase::Above;
        return moveTowards(mocap, {obj[0], obj[1], obj[2] - 0.016}, kGripOpen);
      case Phase::Grasp:
        if (++graspSteps_ >= 3) phase_ = Phase::Carry;
        return moveTowards(mocap, {obj[0], obj[1], obj[2] - 0.016}, kGripClose);
      case Phase::Carry:
        // Dropped: start over.
        if (norm(obj - (eef + Vec3{0, 0, 0.02})) > 0.04) {
          phase_ = Phase::Above;
          graspSteps_ = 0;
        }
        return moveTowards(mocap, goal - Vec3{0, 0, 0.02}, kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Descend, Grasp, Carry };
  const GripperRig& rig_;
  int object_, goal_;
  Phase phase_ = Phase::Above;
  int graspSteps_ = 0;
};

class PickPlaceTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    object_ = taskutil::id(m, mjOBJ_BODY, "object");
    goal_ = taskutil::id(m, mjOBJ_BODY, "goal");
    objectQpos_ = taskutil::qposOf(m, "object");
    postGeom_ = taskutil::id(m, mjOBJ_GEOM, "goal_post");
  }

  void randomise(mjModel* m, mjData* d, Rng& rng) override {
    const Vec3 obj = taskutil::uniformIn(rng, kObjectLo, kObjectHi);
    Vec3 goal = taskutil::uniformIn(rng, kGoalLo, kGoalHi);
    taskutil::setFreePos(d, objectQpos_, obj);
    taskutil::setStaticBodyPos(m, goal_, goal);
    // The post reaches from the goal down to the table.
    m->geom_size[3 * postGeom_ + 1] = goal[2] / 2;
    m->geom_pos[3 * postGeom_ + 2] = -goal[2] / 2;
  }

  bool success(const mjModel*, const mjData* d) const override {
    return norm(taskutil::bodyPos(d, object_) - taskutil::bodyPos(d, goal_)) < kSuccessDistance;
  }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    return {d->qpos + objectQpos_, d->qpos + objectQpos_ + 7};  // position + quaternion
  }

  Vec3 goal(const mjModel*, const mjData* d) const override { return taskutil::bodyPos(d, goal_); }

  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<PickPlaceExpert>(rig, object_, goal_);
  }

 private:
  TaskInfo info_{"pick-place",
                 "Grasp the red cube, lift it and bring it within 5 cm of the floating green goal.",
                 "pick_place.xml",
                 "cube x in [-0.12, 0.12], y in [-0.02, 0.10] on the table; goal x in [-0.12, 0.12], "
                 "y in [0.16, 0.26], z in [0.12, 0.22]"};
  int object_ = -1, goal_ = -1, objectQpos_ = -1, postGeom_ = -1;
};

}  // namespace

std::unique_ptr<Task> makePickPlaceTask() {
  return std::make_unique<PickPlaceTask>();
}

}  // namespace w4rl::sim
