// door-lock: press the lock's lever down until it points to the floor (Meta-World door-lock).
#include <cmath>

#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessAngle = 1.2;  // rad (about 69 degrees down from horizontal)
constexpr double kPressRadius = 0.10;  // where along the lever the closed fingertips press
constexpr double kLeverHalfThickness = 0.008;
constexpr double kLeverLength = 0.145;

class DoorLockExpert : public Expert {
 public:
  DoorLockExpert(const GripperRig& rig, int lock, int lockQpos)
      : rig_(rig), lock_(lock), lockQpos_(lockQpos) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 pivot = taskutil::bodyPos(d, lock_);
    const double angle = d->qpos[lockQpos_];
    // A point on the lever's upper face, `ahead` radians further down than the lever is now.
    auto pressPoint = [&](double ahead) {
      const double a = angle + ahead;
      return Vec3{pivot[0] + kPressRadius * std::cos(a) + kLeverHalfThickness * std::sin(a), pivot[1],
                  pivot[2] - kPressRadius * std::sin(a) + kLeverHalfThickness * std::cos(a)};
    };
    switch (phase_) {
      case Phase::Above: {
        const Vec3 above = pressPoint(0) + Vec3{0, 0, 0.05};
        if (norm(eef - above) < 0.015) phase_ = Phase::Press;
        return moveTowards(mocap, above, kGripClose);
      }
      case Phase::Press:
        return moveTowards(mocap, pressPoint(0.4), kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Press };
  const GripperRig& rig_;
  int lock_, lockQpos_;
  Phase phase_ = Phase::Above;
};

class DoorLockTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    door_ = taskutil::id(m, mjOBJ_BODY, "door");
    lock_ = taskutil::id(m, mjOBJ_BODY, "lock");
    lockQpos_ = taskutil::qposOf(m, "lock");
  }

  void randomise(mjModel* m, mjData*, Rng& rng) override {
    taskutil::setStaticBodyPos(m, door_, {rng.uniform(-0.15, 0.1), rng.uniform(0.28, 0.34), 0.0});
  }

  bool success(const mjModel*, const mjData* d) const override { return d->qpos[lockQpos_] >= kSuccessAngle; }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    const Vec3 pivot = taskutil::bodyPos(d, lock_);
    return {pivot[0], pivot[1], pivot[2], d->qpos[lockQpos_]};
  }
  Vec3 goal(const mjModel*, const mjData* d) const override {
    // Where the lever's tip is when locked (pointing straight down).
    const Vec3 pivot = taskutil::bodyPos(d, lock_);
    return {pivot[0], pivot[1], pivot[2] - kLeverLength};
  }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<DoorLockExpert>(rig, lock_, lockQpos_);
  }

 private:
  TaskInfo info_{"door-lock", "Press the lock's lever on the door down by at least 69 degrees.",
                 "door_lock.xml", "door x in [-0.15, 0.10], y in [0.28, 0.34]"};
  int door_ = -1, lock_ = -1, lockQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeDoorLockTask() {
  return std::make_unique<DoorLockTask>();
}

}  // namespace w4rl::sim
