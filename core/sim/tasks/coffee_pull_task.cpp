// coffee-pull: grasp the mug under the machine's spout and bring it back onto the green mark
// (Meta-World coffee-pull).
#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessDistance = 0.05;  // mug centre to mark centre, in the table plane
constexpr double kMachineY = 0.32, kMugOffsetY = -0.14;

class CoffeePullExpert : public Expert {
 public:
  CoffeePullExpert(const GripperRig& rig, int mug, int goal) : rig_(rig), mug_(mug), goal_(goal) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 mug = taskutil::bodyPos(d, mug_), goal = taskutil::bodyPos(d, goal_);
    const double xyErr = normXY(mug - eef);
    switch (phase_) {
      case Phase::Above:
        if (xyErr < 0.012) phase_ = Phase::Descend;
        return moveTowards(mocap, {mug[0], mug[1], 0.08}, kGripOpen);
      case Phase::Descend:
        if (eef[2] < 0.014) phase_ = Phase::Grasp;
        if (xyErr > 0.025) phase_ = Phase::Above;
        return moveTowards(mocap, {mug[0], mug[1], 0.006}, kGripOpen);
      case Phase::Grasp:
        if (++graspSteps_ >= 3) phase_ = Phase::Pull;
        return moveTowards(mocap, {mug[0], mug[1], 0.006}, kGripClose);
      case Phase::Pull:
        if (normXY(mug - eef) > 0.03) {  // slipped out: grasp again
          phase_ = Phase::Above;
          graspSteps_ = 0;
        }
        // Carried 1.5 cm above the table so it does not drag.
        return moveTowards(mocap, {goal[0], goal[1], 0.02}, kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Descend, Grasp, Pull };
  const GripperRig& rig_;
  int mug_, goal_;
  Phase phase_ = Phase::Above;
  int graspSteps_ = 0;
};

class CoffeePullTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    machine_ = taskutil::id(m, mjOBJ_BODY, "machine");
    mug_ = taskutil::id(m, mjOBJ_BODY, "mug");
    goal_ = taskutil::id(m, mjOBJ_BODY, "goal");
    mugQpos_ = taskutil::qposOf(m, "mug");
  }

  void randomise(mjModel* m, mjData* d, Rng& rng) override {
    const double x = rng.uniform(-0.12, 0.12);
    taskutil::setStaticBodyPos(m, machine_, {x, kMachineY, 0.0});
    taskutil::setFreePos(d, mugQpos_, {x, kMachineY + kMugOffsetY, 0.03});
    taskutil::setStaticBodyPos(m, goal_, {rng.uniform(-0.12, 0.12), rng.uniform(-0.12, -0.02), 0.001});
  }

  bool success(const mjModel*, const mjData* d) const override {
    const Vec3 mug = taskutil::bodyPos(d, mug_);
    return normXY(mug - taskutil::bodyPos(d, goal_)) < kSuccessDistance && mug[2] < 0.07;
  }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    return {d->qpos + mugQpos_, d->qpos + mugQpos_ + 7};
  }
  Vec3 goal(const mjModel*, const mjData* d) const override { return taskutil::bodyPos(d, goal_); }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<CoffeePullExpert>(rig, mug_, goal_);
  }

 private:
  TaskInfo info_{"coffee-pull",
                 "Pull the mug out from under the coffee machine onto the green mark (within 5 cm).",
                 "coffee_pull.xml",
                 "machine (and the mug under its spout) x in [-0.12, 0.12]; mark x in [-0.12, 0.12], "
                 "y in [-0.12, -0.02]"};
  int machine_ = -1, mug_ = -1, goal_ = -1, mugQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeCoffeePullTask() {
  return std::make_unique<CoffeePullTask>();
}

}  // namespace w4rl::sim
