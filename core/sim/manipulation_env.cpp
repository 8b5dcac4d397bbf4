#include "sim/manipulation_env.h"

#include <algorithm>
#include <array>

#include "common/error.h"
#include "common/resource_dir.h"
#include "sim/mj_handles.h"
#include "sim/offscreen_renderer.h"
#include "sim/task_registry.h"

namespace w4rl::sim {

struct ManipulationEnv::Impl {
  std::unique_ptr<Task> task;
  MjModelPtr model;
  MjDataPtr data;
  std::unique_ptr<GripperRig> rig;
  std::unique_ptr<OffscreenRenderer> renderer;
};

namespace {

MjModelPtr loadModel(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw Error("task model " + file.string() + " does not exist");
  std::array<char, 1024> error{};
  MjModelPtr model(mj_loadXML(file.c_str(), nullptr, error.data(), static_cast<int>(error.size())));
  if (!model) throw Error("cannot load task model " + file.string() + ": " + error.data());
  return model;
}

}  // namespace

ManipulationEnv::ManipulationEnv(EnvConfig config)
    : config_(std::move(config)), impl_(std::make_unique<Impl>()) {
  if (config_.episodeLength < 1) throw Error("episode length must be at least 1");
  if (config_.substeps < 1) throw Error("substeps must be at least 1");
  impl_->task = makeTask(config_.task);
  impl_->model = loadModel(resourceDir() / "tasks" / impl_->task->info().mjcfFile);
  impl_->data.reset(mj_makeData(impl_->model.get()));
  if (!impl_->data) throw Error("MuJoCo could not allocate data for " + config_.task);
  impl_->rig = std::make_unique<GripperRig>(impl_->model.get());
  impl_->task->bind(impl_->model.get());
  if (config_.render)
    impl_->renderer = std::make_unique<OffscreenRenderer>(impl_->model.get(), config_.camera,
                                                          config_.imageWidth, config_.imageHeight);
}

ManipulationEnv::~ManipulationEnv() = default;

const Observation& ManipulationEnv::reset(std::uint64_t seed) {
  mjModel* m = impl_->model.get();
  mjData* d = impl_->data.get();
  mj_resetData(m, d);
  Rng rng(seed);
  impl_->task->randomise(m, d, rng);
  impl_->rig->place(m, d, impl_->task->info().handStart);
  mj_forward(m, d);
  steps_ = 0;
  needsReset_ = false;
  observe();
  return obs_;
}

StepResult ManipulationEnv::step(const Action& action) {
  if (needsReset_) throw Error("step() called before reset() or after the episode ended");
  impl_->rig->step(impl_->model.get(), impl_->data.get(), action, config_.substeps);
  ++steps_;
  StepResult result;
  result.success = successNow();
  result.reward = result.success ? 1.0 : 0.0;
  result.done = steps_ >= config_.episodeLength || (config_.terminateOnSuccess && result.success);
  if (result.done) needsReset_ = true;
  observe();
  return result;
}

void ManipulationEnv::observe() {
  const mjModel* m = impl_->model.get();
  mjData* d = impl_->data.get();
  if (impl_->renderer) impl_->renderer->render(d, obs_.image);
  obs_.eefPos = impl_->rig->eefPos(d);
  obs_.eefQuat = impl_->rig->eefQuatXyzw(d);
  obs_.gripperQpos = {impl_->rig->fingerLeft(d), impl_->rig->fingerRight(d)};
  obs_.object = impl_->task->objectState(m, d);
  obs_.goal = impl_->task->goal(m, d);
}

std::unique_ptr<Expert> ManipulationEnv::makeExpert() const {
  return impl_->task->makeExpert(*impl_->rig);
}

std::vector<double> ManipulationEnv::state() const {
  const mjModel* m = impl_->model.get();
  const mjData* d = impl_->data.get();
  std::vector<double> s;
  s.reserve(static_cast<std::size_t>(stateDim()));
  s.insert(s.end(), d->qpos, d->qpos + m->nq);
  s.insert(s.end(), d->qvel, d->qvel + m->nv);
  s.insert(s.end(), d->mocap_pos, d->mocap_pos + 3 * m->nmocap);
  s.insert(s.end(), d->ctrl, d->ctrl + m->nu);
  return s;
}

void ManipulationEnv::restoreState(const std::vector<double>& state) {
  const mjModel* m = impl_->model.get();
  mjData* d = impl_->data.get();
  if (static_cast<int>(state.size()) != stateDim())
    throw Error("a " + config_.task + " state has " + std::to_string(stateDim()) + " values, got " +
                std::to_string(state.size()));
  const double* s = state.data();
  std::copy(s, s + m->nq, d->qpos);
  s += m->nq;
  std::copy(s, s + m->nv, d->qvel);
  s += m->nv;
  std::copy(s, s + 3 * m->nmocap, d->mocap_pos);
  s += 3 * m->nmocap;
  std::copy(s, s + m->nu, d->ctrl);
  mj_forward(m, d);
  observe();
}

int ManipulationEnv::stateDim() const {
  const mjModel* m = impl_->model.get();
  return m->nq + m->nv + 3 * m->nmocap + m->nu;
}

bool ManipulationEnv::successNow() const {
  return impl_->task->success(impl_->model.get(), impl_->data.get());
}
const TaskInfo& ManipulationEnv::taskInfo() const {
  return impl_->task->info();
}
std::string ManipulationEnv::renderBackend() const {
  return impl_->renderer ? impl_->renderer->backendName() : "none";
}
const mjModel* ManipulationEnv::model() const {
  return impl_->model.get();
}
const mjData* ManipulationEnv::data() const {
  return impl_->data.get();
}

}  // namespace w4rl::sim
