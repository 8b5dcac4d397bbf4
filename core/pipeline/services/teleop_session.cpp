#include "pipeline/services/teleop_session.h"

#include <algorithm>
#include <chrono>

#include "collect/episode_recording.h"
#include "common/error.h"
#include "data/dataset_writer.h"
#include "metrics/psnr.h"
#include "pipeline/services/policy_runner.h"
#include "sim/manipulation_env.h"

namespace w4rl::pipeline {

struct TeleopSession::Impl {
  std::unique_ptr<ImaginedWorld> world;
  std::unique_ptr<sim::ManipulationEnv> real;
  std::optional<sim::SceneSnapshot> resetScene;  // the task's scene at resetFromTask
  std::unique_ptr<PolicyRunner> policy;
  bool policyInControl = false;
  Frames lastImagined;
  data::Episode recording;
  std::string task;
  int steps = 0;
  int spreadSamples = 1;
};

TeleopSession::TeleopSession(const std::filesystem::path& worldModel, const std::string& device,
                             std::uint64_t seed)
    : impl_(std::make_unique<Impl>()) {
  impl_->world = std::make_unique<ImaginedWorld>(worldModel, device, seed);
  if (impl_->world->actionDim() != sim::kActionDim)
    throw Error(worldModel.string() + ": its actions have " + std::to_string(impl_->world->actionDim()) +
                " components; teleoperation drives the built-in tasks' " + std::to_string(sim::kActionDim) +
                " (dx, dy, dz, grip)");
}

TeleopSession::~TeleopSession() = default;

void TeleopSession::resetFromEpisode(const Frames& frames, const std::vector<float>& actions, std::int64_t t,
                                     const std::string& task) {
  impl_->world->resetFromEpisode(frames, actions, t, task);
  impl_->real.reset();
  impl_->resetScene.reset();
  const auto perFrame = static_cast<std::size_t>(imageSize()) * static_cast<std::size_t>(imageSize()) * 3;
  impl_->lastImagined.assign(
      frames.begin() + static_cast<std::ptrdiff_t>(t * static_cast<std::int64_t>(perFrame)),
      frames.begin() + static_cast<std::ptrdiff_t>((t + 1) * static_cast<std::int64_t>(perFrame)));
  impl_->task = task;
  impl_->recording = data::Episode{};
  impl_->recording.task = task;
  impl_->recording.source = data::EpisodeSource::Teleop;
  impl_->recording.actionDim = impl_->world->actionDim();
  impl_->recording.imageHeight = impl_->recording.imageWidth = imageSize();
  impl_->steps = 0;
  if (impl_->policy) impl_->policy->reset(0);
}

namespace {

std::unique_ptr<sim::ManipulationEnv> taskEnv(const std::string& task, int imageSize) {
  sim::EnvConfig config;
  config.task = task;
  config.imageHeight = config.imageWidth = imageSize;
  config.episodeLength = 1000000;  // the user decides when the session ends
  return std::make_unique<sim::ManipulationEnv>(config);
}

}  // namespace

void TeleopSession::startReal(std::unique_ptr<sim::ManipulationEnv> env, std::uint64_t seed, bool stepReal) {
  impl_->resetScene = sim::snapshotScene(*env);
  if (stepReal) {
    impl_->recording = collect::startEpisode(*env, data::EpisodeSource::Teleop, seed);
    impl_->real = std::move(env);
  }
}

void TeleopSession::resetFromEpisodeState(const Frames& frames, const std::vector<float>& actions,
                                          std::int64_t t, const std::string& task, std::uint64_t seed,
                                          const std::vector<double>& state, bool stepReal) {
  auto env = taskEnv(task, imageSize());  // before the dream is reset: an unknown task changes nothing
  env->reset(seed);
  if (static_cast<int>(state.size()) != env->stateDim())
    throw Error("the episode's simulator state has " + std::to_string(state.size()) + " values; task " +
                task + " has " + std::to_string(env->stateDim()));
  env->restoreState(state);
  resetFromEpisode(frames, actions, t, task);
  startReal(std::move(env), seed, stepReal);
}

void TeleopSession::resetFromTask(const std::string& task, std::uint64_t seed, bool stepReal) {
  auto env = taskEnv(task, imageSize());
  const auto& obs = env->reset(seed);
  const Frames first(obs.image.begin(), obs.image.end());
  resetFromEpisode(first, std::vector<float>(static_cast<std::size_t>(impl_->world->actionDim()), 0.0f), 0,
                   task);
  startReal(std::move(env), seed, stepReal);
}

void TeleopSession::setPolicy(const std::filesystem::path& policy) {
  impl_->policy = std::make_unique<PolicyRunner>(policy, "auto", ActionMode::Mean);
  if (impl_->policy->imageSize() != imageSize())
    throw Error(policy.string() + " sees " + std::to_string(impl_->policy->imageSize()) +
                "-pixel frames but the world model imagines " + std::to_string(imageSize()));
}

void TeleopSession::setPolicyInControl(bool inControl) {
  if (inControl && !impl_->policy) throw Error("no policy loaded to hand control to");
  impl_->policyInControl = inControl;
}

bool TeleopSession::policyInControl() const {
  return impl_->policyInControl;
}

TeleopStep TeleopSession::step(const std::vector<float>& action) {
  if (impl_->lastImagined.empty()) throw Error("reset the session before stepping it");
  const auto start = std::chrono::steady_clock::now();
  TeleopStep out;
  if (impl_->policyInControl) {
    const auto a = impl_->policy->act(impl_->lastImagined, imageSize(), imageSize());
    out.action.assign(a.begin(), a.end());
  } else {
    out.action = action;
    for (auto& v : out.action) v = std::clamp(v, -1.0f, 1.0f);
  }
  if (impl_->real)
    collect::recordObservation(*impl_->real, impl_->recording);
  else
    impl_->recording.images.insert(impl_->recording.images.end(), impl_->lastImagined.begin(),
                                   impl_->lastImagined.end());
  auto sampled = impl_->world->stepSampled(out.action, impl_->spreadSamples);
  out.imagined = std::move(sampled.frame);
  out.spread = std::move(sampled.spread);
  out.meanSpread = sampled.meanSpread;
  out.latencyMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  sim::Action simAction{};
  std::copy_n(out.action.begin(), std::min<std::size_t>(simAction.size(), out.action.size()),
              simAction.begin());
  sim::StepResult result;
  if (impl_->real) {
    result = impl_->real->step(simAction);
    const auto& image = impl_->real->observation().image;
    out.real.assign(image.begin(), image.end());
    out.psnr = metrics::psnrCapped({out.real.data(), imageSize(), imageSize()},
                                   {out.imagined.data(), imageSize(), imageSize()});
    out.realSuccess = result.success;
    out.realScene = sim::snapshotScene(*impl_->real);
  }
  collect::recordOutcome(simAction, result, impl_->recording);
  impl_->lastImagined = out.imagined;
  ++impl_->steps;
  return out;
}

void TeleopSession::setSpreadSamples(int samples) {
  if (samples < 1 || samples > kMaxDreamSamples)
    throw Error("dream samples must be from 1 to " + std::to_string(kMaxDreamSamples) + ", not " +
                std::to_string(samples));
  impl_->spreadSamples = samples;
}

int TeleopSession::steps() const {
  return impl_->steps;
}
int TeleopSession::imageSize() const {
  return impl_->world->imageSize();
}
bool TeleopSession::realRunning() const {
  return impl_->real != nullptr;
}
std::optional<sim::SceneSnapshot> TeleopSession::taskScene() const {
  if (impl_->real) return sim::snapshotScene(*impl_->real);
  return impl_->resetScene;
}

std::size_t TeleopSession::saveRecording(const std::filesystem::path& dataset) {
  if (impl_->steps == 0) throw Error("nothing recorded yet: step the session first");
  data::Episode ep = impl_->recording;
  if (!ep.dones.empty()) ep.dones.back() = 1;
  data::DatasetWriter writer(dataset, {});
  writer.append(ep);
  writer.commit();
  return writer.episodesInFile();
}

}  // namespace w4rl::pipeline
