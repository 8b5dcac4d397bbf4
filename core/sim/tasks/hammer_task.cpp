// hammer: grasp the hammer's handle, lift it and drive the nail into the box with its head
// (Meta-World hammer).
#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

constexpr double kSuccessDepth = 0.035;     // nail driven this far in (m)
constexpr double kNailHeadOffset = -0.064;  // nail head's striking face relative to the nail body (y)
constexpr double kGraspOffset = 0.02;       // grasp point along the handle from the hammer's origin

class HammerExpert : public Expert {
 public:
  HammerExpert(const GripperRig& rig, int hammer, int head, int nail)
      : rig_(rig), hammer_(hammer), head_(head), nail_(nail) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 hammer = taskutil::bodyPos(d, hammer_);
    const double* xmat = d->xmat + 9 * hammer_;  // hammer axis (its local x) in the world
    const Vec3 grasp{hammer[0] + kGraspOffset * xmat[0], hammer[1] + kGraspOffset * xmat[3], hammer[2]};
    const Vec3 head = toVec3(d->geom_xpos + 3 * head_);
    const Vec3 nail = taskutil::bodyPos(d, nail_);
    const Vec3 strikeFace{nail[0], nail[1] + kNailHeadOffset, nail[2]};
    // Where the hand must be for the head to sit at `headTarget`, from the grasp as it is now.
    auto handFor = [&](const Vec3& headTarget) { return headTarget - (head - eef); };
    switch (phase_) {
      case Phase::Above:
        if (normXY(grasp - eef) < 0.012) phase_ = Phase::Descend;
        return moveTowards(mocap, {grasp[0], grasp[1], 0.07}, kGripOpen);
      case Phase::Descend:
        if (eef[2] < grasp[2] - 0.01) phase_ = Phase::Grasp;
        return moveTowards(mocap, {grasp[0], grasp[1], grasp[2] - 0.016}, kGripOpen);
      case Phase::Grasp:
        if (++graspSteps_ >= 3) phase_ = Phase::Lift;
        return moveTowards(mocap, {grasp[0], grasp[1], grasp[2] - 0.016}, kGripClose);
      case Phase::Lift: {
        const Vec3 target = handFor({strikeFace[0], strikeFace[1] - 0.08, strikeFace[2]});
        if (norm(eef - target) < 0.015) phase_ = Phase::Strike;
        // Rise first, so the head clears the table before the hand travels.
        if (head[2] < strikeFace[2] - 0.01)
          return moveTowards(mocap, {eef[0], eef[1], target[2] + 0.01}, kGripClose);
        return moveTowards(mocap, target, kGripClose);
      }
      case Phase::Strike:
        return moveTowards(mocap, handFor({strikeFace[0], strikeFace[1] + 0.05, strikeFace[2]}), kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { Above, Descend, Grasp, Lift, Strike };
  const GripperRig& rig_;
  int hammer_, head_, nail_;
  Phase phase_ = Phase::Above;
  int graspSteps_ = 0;
};

class HammerTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    hammer_ = taskutil::id(m, mjOBJ_BODY, "hammer");
    head_ = taskutil::id(m, mjOBJ_GEOM, "hammer_head");
    box_ = taskutil::id(m, mjOBJ_BODY, "nailbox");
    nail_ = taskutil::id(m, mjOBJ_BODY, "nail");
    hammerQpos_ = taskutil::qposOf(m, "hammer");
    nailQpos_ = taskutil::qposOf(m, "nail");
  }

  void randomise(mjModel* m, mjData* d, Rng& rng) override {
    taskutil::setFreePos(d, hammerQpos_, {rng.uniform(-0.2, -0.05), rng.uniform(-0.06, 0.04), 0.02});
    taskutil::setStaticBodyPos(m, box_, {rng.uniform(-0.02, 0.12), 0.28, 0.0});
  }

  bool success(const mjModel*, const mjData* d) const override { return d->qpos[nailQpos_] >= kSuccessDepth; }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    std::vector<double> s(d->qpos + hammerQpos_, d->qpos + hammerQpos_ + 7);
    s.push_back(d->qpos[nailQpos_]);
    return s;
  }
  Vec3 goal(const mjModel*, const mjData* d) const override {
    const Vec3 nail = taskutil::bodyPos(d, nail_);
    return {nail[0], nail[1] + kNailHeadOffset, nail[2]};
  }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<HammerExpert>(rig, hammer_, head_, nail_);
  }

 private:
  TaskInfo info_{"hammer", "Pick up the hammer and drive the nail at least 3.5 cm into the box.",
                 "hammer.xml",
                 "hammer x in [-0.20, -0.05], y in [-0.06, 0.04] (handle along x); box x in [-0.02, 0.12]"};
  int hammer_ = -1, head_ = -1, box_ = -1, nail_ = -1, hammerQpos_ = -1, nailQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeHammerTask() {
  return std::make_unique<HammerTask>();
}

}  // namespace w4rl::sim
