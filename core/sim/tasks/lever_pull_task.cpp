// lever-pull: grasp the lever's grip bar and swing the lever up (Meta-World lever-pull).
#include <cmath>

#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessAngle = 1.2;   // rad above horizontal
constexpr double kGripRadius = 0.125;   // pivot to grip bar centre
constexpr double kGripX = -0.01;        // grasp left of the arm's joint with the bar
constexpr double kFingerReach = 0.014;  // eef (fingertip edge) below the bar's centre when grasping

class LeverPullExpert : public Expert {
 public:
  LeverPullExpert(const GripperRig& rig, int lever, int leverQpos)
      : rig_(rig), lever_(lever), leverQpos_(leverQpos) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 pivot = taskutil::bodyPos(d, lever_);
    const double angle = d->qpos[leverQpos_];
    auto gripAt = [&](double a) {
      return Vec3{pivot[0] + kGripX, pivot[1] - kGripRadius * std::cos(a),
                  pivot[2] + kGripRadius * std::sin(a) - kFingerReach};
    };
    const Vec3 grip = gripAt(angle);
    switch (phase_) {
      case Phase::Above:
        if (normXY(eef - grip) < 0.01) phase_ = Phase::Descend;
        return moveTowards(mocap, grip + Vec3{0, 0, 0.07}, kGripOpen);
      case Phase::Descend:
        if (eef[2] < grip[2] + 0.005) phase_ = Phase::Grasp;
        return moveTowards(mocap, grip, kGripOpen);
      case Phase::Grasp:
        if (++graspSteps_ >= 3) phase_ = Phase::Pull;
        return moveTowards(mocap, grip, kGripClose);
      case Phase::Pull:
        // Follow the arc the grip travels, a little ahead of where the lever is.
        return moveTowards(mocap, gripAt(angle + 0.35), kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Descend, Grasp, Pull };
  const GripperRig& rig_;
  int lever_, leverQpos_;
  Phase phase_ = Phase::Above;
  int graspSteps_ = 0;
};

class LeverPullTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    base_ = taskutil::id(m, mjOBJ_BODY, "base");
    lever_ = taskutil::id(m, mjOBJ_BODY, "lever");
    leverQpos_ = taskutil::qposOf(m, "lever");
  }

  void randomise(mjModel* m, mjData*, Rng& rng) override {
    taskutil::setStaticBodyPos(m, base_, {rng.uniform(-0.15, 0.12), rng.uniform(0.25, 0.31), 0.0});
  }

  bool success(const mjModel*, const mjData* d) const override {
    return d->qpos[leverQpos_] >= kSuccessAngle;
  }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    const Vec3 pivot = taskutil::bodyPos(d, lever_);
    return {pivot[0], pivot[1], pivot[2], d->qpos[leverQpos_]};
  }
  Vec3 goal(const mjModel*, const mjData* d) const override {
    // The grip bar's position with the lever upright.
    const Vec3 pivot = taskutil::bodyPos(d, lever_);
    return {pivot[0] + kGripX, pivot[1], pivot[2] + kGripRadius};
  }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<LeverPullExpert>(rig, lever_, leverQpos_);
  }

 private:
  TaskInfo info_{"lever-pull", "Pull the lever up by at least 69 degrees from horizontal.", "lever_pull.xml",
                 "lever base x in [-0.15, 0.12], y in [0.25, 0.31]"};
  int base_ = -1, lever_ = -1, leverQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeLeverPullTask() {
  return std::make_unique<LeverPullTask>();
}

}  // namespace w4rl::sim
