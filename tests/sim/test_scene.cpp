#include <gtest/gtest.h>

#include <mujoco/mujoco.h>

#include <cmath>
#include <limits>
#include <regex>

#include "common/error.h"
#include "sim/action_path.h"
#include "sim/library_version.h"
#include "sim/manipulation_env.h"
#include "sim/scene_snapshot.h"
#include "sim/task_registry.h"
#include "sim_test_support.h"

namespace w4rl::sim {
namespace {

using test::headless;

const SceneGeom* findGeom(const SceneSnapshot& s, const std::string& name) {
  for (const auto& g : s.geoms)
    if (g.name == name) return &g;
  return nullptr;
}

}  // namespace

TEST(SceneSnapshot, HoldsTheTasksVisibleGeomsWhereTheSimulatorHasThem) {
  ManipulationEnv env(headless("hammer"));
  env.reset(3);
  const auto s = snapshotScene(env);
  const SceneGeom* handle = findGeom(s, "hammer_handle");
  const SceneGeom* table = findGeom(s, "table");
  ASSERT_NE(handle, nullptr);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(handle->shape, GeomShape::Box);
  EXPECT_DOUBLE_EQ(handle->size[0], 0.07);  // half-extent from hammer.xml
  EXPECT_FLOAT_EQ(handle->rgba[0], 0.55f);
  EXPECT_GT(table->rgba[0], table->rgba[2] + 0.2f);  // the wood texture's mean colour, not white
  const double* xpos = env.data()->geom_xpos + 3 * mj_name2id(env.model(), mjOBJ_GEOM, "hammer_handle");
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(handle->pos[static_cast<std::size_t>(k)], xpos[k]);
  for (const auto& g : s.geoms) EXPECT_GT(g.rgba[3], 0.0f) << g.name;  // invisible helper geoms are left out
  EXPECT_EQ(s.eef, env.observation().eefPos);
}

TEST(SceneReplay, RestoringARecordedStateReproducesTheScene) {
  for (const std::string task : {"hammer", "door-lock"}) {
    ManipulationEnv env(headless(task));
    env.reset(11);
    auto expert = env.makeExpert();
    std::vector<std::vector<double>> states;
    std::vector<std::vector<double>> positions;  // geom_xpos recomputed from the state (mj_step leaves
                                                 // them one substep behind qpos)
    mjData* fresh = mj_makeData(env.model());
    for (int t = 0; t < 12; ++t) {
      states.push_back(env.state());
      mj_copyData(fresh, env.model(), env.data());
      mj_forward(env.model(), fresh);
      positions.emplace_back(fresh->geom_xpos, fresh->geom_xpos + 3 * env.model()->ngeom);
      env.step(expert->act(env.model(), env.data()));
    }
    mj_deleteData(fresh);
    SceneReplay replay(task, 11);
    EXPECT_EQ(replay.stateDim(), env.stateDim());
    for (int t : {11, 0, 6}) {  // out of order: each state stands on its own
      const auto s = replay.at(states[static_cast<std::size_t>(t)]);
      const auto& want = positions[static_cast<std::size_t>(t)];
      ASSERT_FALSE(s.geoms.empty());
      for (const auto& g : s.geoms) {
        const int id = g.name.empty() ? -1 : mj_name2id(env.model(), mjOBJ_GEOM, g.name.c_str());
        if (id < 0) continue;
        for (std::size_t k = 0; k < 3; ++k)
          EXPECT_NEAR(g.pos[k], want[3 * static_cast<std::size_t>(id) + k], 1e-9)
              << task << " step " << t << " geom " << g.name;
      }
    }
  }
}

TEST(SceneReplay, RefusesAStateOfTheWrongSize) {
  SceneReplay replay("hammer", 1);
  try {
    replay.at(std::vector<double>(3, 0.0));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("hammer state has"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SceneReplay("no-such-task", 1), Error);
}

TEST(ActionPath, IntegratesScaledActionsAndClampsToTheWorkspace) {
  const Workspace ws;
  const std::vector<float> actions{1,
                                   0,
                                   -1,
                                   0.5f,  // +x, -z
                                   0,
                                   0.5f,
                                   0,
                                   -1,  // half +y
                                   std::numeric_limits<float>::quiet_NaN(),
                                   2.0f,
                                   0,
                                   0};  // NaN -> 0, 2 -> 1
  const auto path = integrateActions({0.0, 0.0, 0.02}, actions, 4, ws);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_NEAR(path[1][0], kActionScale, 1e-12);
  EXPECT_NEAR(path[1][2], ws.lo[2], 1e-12);  // 0.02 - 0.03 clamps at the table
  EXPECT_NEAR(path[2][1], 0.5 * kActionScale, 1e-12);
  EXPECT_NEAR(path[3][0], kActionScale, 1e-12);
  EXPECT_NEAR(path[3][1], 1.5 * kActionScale, 1e-12);
  EXPECT_THROW(integrateActions({}, {1, 2, 3}, 2), Error);
  EXPECT_THROW(integrateActions({}, {1, 2, 3, 4, 5}, 4), Error);
}

TEST(ActionPath, FollowsTheRealGripperInFreeMotion) {
  // Away from contacts the hand tracks its mocap target, so the integrated path stays close to the real one.
  ManipulationEnv env(headless("soccer"));
  env.reset(2);
  std::vector<float> actions;
  std::vector<Vec3> real{env.observation().eefPos};
  for (int t = 0; t < 10; ++t) {
    const Action a{0.5f, 0.3f, 0.4f, -1.0f};  // up and away from the table
    actions.insert(actions.end(), a.begin(), a.end());
    env.step(a);
    real.push_back(env.observation().eefPos);
  }
  const auto path = integrateActions(real[0], actions, 4);
  EXPECT_LT(norm(path.back() - real.back()), 0.02);
  EXPECT_GT(norm(real.back() - real.front()), 0.1);
}

TEST(LibraryVersion, NamesTheLinkedMujoco) {
  EXPECT_TRUE(std::regex_match(mujocoVersion(), std::regex(R"(\d+\.\d+\.\d+)"))) << mujocoVersion();
  EXPECT_EQ(mujocoVersion().front(), static_cast<char>('0' + mj_version() / 100));
}

}  // namespace w4rl::sim
