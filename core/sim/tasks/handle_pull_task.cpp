// handle-pull: grasp the handle on the box's front and pull it up its rails (Meta-World handle-pull).
#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessLift = 0.08;  // handle raised this far (m)
constexpr double kFingerReach = 0.014;
// Half-open: the far finger must fit between the bar and the box's face.
constexpr float kGripHalfOpen = 0.0f;

class HandlePullExpert : public Expert {
 public:
  HandlePullExpert(const GripperRig& rig, int bar) : rig_(rig), bar_(bar) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 bar = toVec3(d->geom_xpos + 3 * bar_);
    const Vec3 grip{bar[0], bar[1], bar[2] - kFingerReach};
    switch (phase_) {
      case Phase::Above:
        if (normXY(eef - grip) < 0.008) phase_ = Phase::Descend;
        return moveTowards(mocap, grip + Vec3{0, 0, 0.07}, kGripHalfOpen);
      case Phase::Descend:
        if (eef[2] < grip[2] + 0.005) phase_ = Phase::Grasp;
        return moveTowards(mocap, grip, kGripHalfOpen);
      case Phase::Grasp:
        if (++graspSteps_ >= 3) phase_ = Phase::Pull;
        return moveTowards(mocap, grip, kGripClose);
      case Phase::Pull:
        return moveTowards(mocap, grip + Vec3{0, 0, 0.03}, kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Descend, Grasp, Pull };
  const GripperRig& rig_;
  int bar_;
  Phase phase_ = Phase::Above;
  int graspSteps_ = 0;
};

class HandlePullTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    box_ = taskutil::id(m, mjOBJ_BODY, "box");
    bar_ = taskutil::id(m, mjOBJ_GEOM, "handle_bar");
    handleQpos_ = taskutil::qposOf(m, "handle");
  }

  void randomise(mjModel* m, mjData*, Rng& rng) override {
    taskutil::setStaticBodyPos(m, box_, {rng.uniform(-0.15, 0.12), rng.uniform(0.25, 0.31), 0.0});
  }

  bool success(const mjModel*, const mjData* d) const override {
    return d->qpos[handleQpos_] >= kSuccessLift;
  }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    const Vec3 bar = toVec3(d->geom_xpos + 3 * bar_);
    return {bar[0], bar[1], bar[2], d->qpos[handleQpos_]};
  }
  Vec3 goal(const mjModel*, const mjData* d) const override {
    const Vec3 bar = toVec3(d->geom_xpos + 3 * bar_);
    return {bar[0], bar[1], bar[2] - d->qpos[handleQpos_] + kSuccessLift};
  }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<HandlePullExpert>(rig, bar_);
  }

 private:
  TaskInfo info_{"handle-pull", "Grasp the handle on the box and pull it up by at least 8 cm.",
                 "handle_pull.xml", "box x in [-0.15, 0.12], y in [0.25, 0.31]"};
  int box_ = -1, bar_ = -1, handleQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeHandlePullTask() {
  return std::make_unique<HandlePullTask>();
}

}  // namespace w4rl::sim
