// soccer: push the ball into the goal with the closed gripper (Meta-World soccer).
#include "sim/tasks/task_util.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {
namespace {

// "In the goal": the ball's centre between the posts (inner half-width 8 cm), over the goal line and
// before the back of the net.
constexpr double kGoalHalfWidth = 0.08;
constexpr double kNetDepth = 0.05;
constexpr double kBallRadius = 0.025;
constexpr double kNetY = 0.3;
constexpr double kGoalDepth = 0.025;
constexpr double kBlockHalfX = 0.015, kBlockHalfY = 0.012;  // closed fingers, around the eef point  // the
                                                            // goal point lies this far behind the goal line

// Pushes like a billiard player: stand behind the ball on the line to the goal, then move through it;
// whenever the ball leaves that line, lift, go around and line up again.
class SoccerExpert : public Expert {
 public:
  SoccerExpert(const GripperRig& rig, int ball, int net) : rig_(rig), ball_(ball), net_(net) {}

  Action act(const mjModel*, const mjData* d) override {
    const Vec3 eef = rig_.eefPos(d), mocap = rig_.mocapPos(d);
    const Vec3 ball = taskutil::bodyPos(d, ball_);
    const Vec3 net = taskutil::bodyPos(d, net_);
    const Vec3 goal{net[0], net[1] + kGoalDepth, kBallRadius};
    Vec3 dir = goal - ball;
    dir[2] = 0;
    const double dist = normXY(dir);
    dir = (1.0 / std::max(dist, 1e-6)) * dir;
    // The closed fingers form a 3 x 2.4 cm block. A flat face pushes the ball along the face's normal,
    // whatever the hand's direction, so the expert pushes with the block's vertical edge that faces the
    // ball: an edge contact pushes along the line from the edge to the ball's centre.
    const Vec3 edge{(dir[0] >= 0 ? 1.0 : -1.0) * kBlockHalfX, (dir[1] >= 0 ? 1.0 : -1.0) * kBlockHalfY, 0.0};
    const double standOff = kBallRadius + 0.008;
    const Vec3 behind{ball[0] - standOff * dir[0] - edge[0], ball[1] - standOff * dir[1] - edge[1], 0.004};
    const Vec3 rel = eef + edge - ball;
    const double along = rel[0] * dir[0] + rel[1] * dir[1];
    const double lateral = std::abs(rel[0] * dir[1] - rel[1] * dir[0]);
    switch (phase_) {
      case Phase::LineUp:
        if (normXY(eef - behind) < 0.015) phase_ = Phase::Lower;
        return moveTowards(mocap, {behind[0], behind[1], 0.08}, kGripClose);
      case Phase::Lower:
        if (eef[2] < 0.015) phase_ = Phase::Push;
        return moveTowards(mocap, behind, kGripClose);
      case Phase::Push:
        // Beside or past the ball: lift and line up again. Otherwise steer back onto the line while
        // moving along it, slowing near the goal so the ball does not bounce off the net.
        if (lateral > 0.02 || along > -0.015) {
          phase_ = Phase::LineUp;
          return moveTowards(mocap, {eef[0], eef[1], 0.08}, kGripClose);
        }
        const double advance = along + std::min(0.025, dist + 0.01);
        return moveTowards(mocap, Vec3{ball[0] - edge[0], ball[1] - edge[1], behind[2]} + advance * dir,
                           kGripClose);
    }
    return {};
  }

 private:
  enum class Phase { LineUp, Lower, Push };
  const GripperRig& rig_;
  int ball_, net_;
  Phase phase_ = Phase::LineUp;
};

class SoccerTask : public Task {
 public:
  const TaskInfo& info() const override { return info_; }

  void bind(const mjModel* m) override {
    ball_ = taskutil::id(m, mjOBJ_BODY, "ball");
    net_ = taskutil::id(m, mjOBJ_BODY, "net");
    ballQpos_ = taskutil::qposOf(m, "ball");
  }

  void randomise(mjModel* m, mjData* d, Rng& rng) override {
    taskutil::setFreePos(d, ballQpos_, {rng.uniform(-0.1, 0.1), rng.uniform(-0.06, 0.06), kBallRadius});
    taskutil::setStaticBodyPos(m, net_, {rng.uniform(-0.12, 0.12), kNetY, 0.0});
  }

  bool success(const mjModel*, const mjData* d) const override {
    const Vec3 ball = taskutil::bodyPos(d, ball_), net = taskutil::bodyPos(d, net_);
    return std::abs(ball[0] - net[0]) < kGoalHalfWidth && ball[1] > net[1] && ball[1] < net[1] + kNetDepth;
  }

  std::vector<double> objectState(const mjModel*, const mjData* d) const override {
    return {d->qpos + ballQpos_, d->qpos + ballQpos_ + 7};
  }
  Vec3 goal(const mjModel*, const mjData* d) const override {
    const Vec3 net = taskutil::bodyPos(d, net_);
    return {net[0], net[1] + kGoalDepth, kBallRadius};
  }
  std::unique_ptr<Expert> makeExpert(const GripperRig& rig) const override {
    return std::make_unique<SoccerExpert>(rig, ball_, net_);
  }

 private:
  TaskInfo info_{
      "soccer", "Push the ball into the goal: its centre between the posts and past the goal line.",
      "soccer.xml", "ball x in [-0.10, 0.10], y in [-0.06, 0.06]; goal x in [-0.12, 0.12] at y = 0.30"};
  int ball_ = -1, net_ = -1, ballQpos_ = -1;
};

}  // namespace

std::unique_ptr<Task> makeSoccerTask() {
  return std::make_unique<SoccerTask>();
}

}  // namespace w4rl::sim
