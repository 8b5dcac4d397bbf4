#include "learning/ppo_refiner.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "common/error.h"
#include "common/number_text.h"
#include "learning/dream_check.h"
#include "learning/imagination.h"
#include "learning/imagined_rollout.h"
#include "learning/metrics_log.h"
#include "learning/policy_checkpoint.h"
#include "learning/ppo_math.h"
#include "learning/real_selection.h"
#include "learning/torch_device.h"

namespace w4rl::learning {
namespace {

using Clock = std::chrono::steady_clock;
using Metrics = std::vector<std::pair<std::string, double>>;

struct UpdateStats {
  double policyLoss = 0, valueLoss = 0, entropy = 0, approxKl = 0, clipFraction = 0, bcKl = 0;
  int minibatches = 0;
  bool stoppedEarly = false;
};

struct Learner {
  GaussianPolicy policy;
  ValueNetwork critic;
  torch::optim::Adam policyOptimizer;
  torch::optim::Adam criticOptimizer;
  GaussianPolicy reference{nullptr};  // the frozen starting policy (bc_kl_coef, losses/bc_kl)
};

// The policy a run started from, kept in the run directory so a resumed run still has it as the reference
// of bc_kl_coef. Written at the start of a new run; runs begun before it was kept have none.
GaussianPolicy startingPolicy(const std::filesystem::path& file, const GaussianPolicy& policy, bool resume,
                              const RefineSettings& s, const torch::Device& device) {
  if (!resume) {
    PolicyCheckpoint c;
    c.policy = policy;
    savePolicy(file, c);
  }
  if (!std::filesystem::exists(file))
    throw Error("cannot resume: " + file.string() +
                ", the policy every refinement keeps from its start, is missing; start a new run");
  auto reference = loadPolicy(file, device).policy;
  reference->setLogStdRange(s.logStdMin, s.logStdMax);
  reference->eval();
  for (auto& p : reference->parameters()) p.set_requires_grad(false);
  return reference;
}

UpdateStats update(Learner& l, const RolloutBuffer& buf, const Advantages& adv, const RefineSettings& s,
                   bool actorMoves, const torch::Device& device, at::Generator& gen) {
  const auto alive = torch::nonzero(buf.alive.flatten() > 0.5).flatten();
  const auto n = alive.numel();
  UpdateStats stats;
  if (n == 0) return stats;
  auto flat = [&](const torch::Tensor& x) { return x.flatten(0, 1).index_select(0, alive); };
  const auto obs = flat(buf.obs), actions = flat(buf.actions), oldLogProb = flat(buf.logProbs),
             oldValues = flat(buf.values), advantages = flat(adv.advantages), returns = flat(adv.returns);
  const std::int64_t mb = std::max<std::int64_t>(1, n / s.minibatches);
  PpoLossOptions options;
  options.clip = s.clip;
  options.clipValue = s.clipValue;
  for (int epoch = 0; epoch < s.updateEpochs && !stats.stoppedEarly; ++epoch) {
    const auto perm = torch::randperm(n, gen, torch::kLong);
    for (std::int64_t i = 0; i + mb <= n || (i == 0 && n > 0); i += mb) {
      const auto idx = perm.slice(0, i, std::min(n, i + mb));
      const auto o = obs.index_select(0, idx).to(device);
      const auto out = l.policy->forward(o);
      const auto a = actions.index_select(0, idx).to(device);
      const auto terms =
          ppoLoss(gaussianLogProb(a, out.mean, out.logStd), oldLogProb.index_select(0, idx).to(device),
                  advantages.index_select(0, idx).to(device), l.critic->forward(o),
                  oldValues.index_select(0, idx).to(device), returns.index_select(0, idx).to(device),
                  gaussianEntropy(out.logStd), options);
      PolicyOutput ref;
      {
        torch::NoGradGuard noGrad;
        ref = l.reference->forward(o);
      }
      const auto bcKl = gaussianKl(out.mean, out.logStd, ref.mean, ref.logStd).mean();
      l.criticOptimizer.zero_grad();
      l.policyOptimizer.zero_grad();
      auto loss = terms.valueLoss;
      if (actorMoves) loss = loss + terms.policyLoss - s.entropyCoef * terms.entropy;
      if (actorMoves && s.bcKlCoef > 0) loss = loss + s.bcKlCoef * bcKl;
      loss.backward();
      torch::nn::utils::clip_grad_norm_(l.critic->parameters(), s.maxGradNorm);
      l.criticOptimizer.step();
      if (actorMoves) {
        torch::nn::utils::clip_grad_norm_(l.policy->parameters(), s.maxGradNorm);
        l.policyOptimizer.step();
      }
      stats.policyLoss += terms.policyLoss.item<double>();
      stats.valueLoss += terms.valueLoss.item<double>();
      stats.entropy += terms.entropy.item<double>();
      stats.approxKl += terms.approxKl.item<double>();
      stats.clipFraction += terms.clipFraction.item<double>();
      stats.bcKl += bcKl.item<double>();
      ++stats.minibatches;
      if (actorMoves && s.targetKl > 0 && terms.approxKl.item<double>() > s.targetKl) {
        stats.stoppedEarly = true;
        break;
      }
    }
  }
  const double k = std::max(1, stats.minibatches);
  stats.policyLoss /= k;
  stats.valueLoss /= k;
  stats.entropy /= k;
  stats.approxKl /= k;
  stats.clipFraction /= k;
  stats.bcKl /= k;
  return stats;
}

double explainedVariance(const RolloutBuffer& buf, const Advantages& adv) {
  const auto alive = torch::nonzero(buf.alive.flatten() > 0.5).flatten();
  if (alive.numel() < 2) return 0.0;
  const auto v = buf.values.flatten().index_select(0, alive),
             r = adv.returns.flatten().index_select(0, alive);
  const double var = r.var().item<double>();
  return var > 0 ? 1.0 - (r - v).var().item<double>() / var : 0.0;
}

// The starting policy against random actions in the dream (dream_check.h), on an environment of its own
// so the refinement's rollouts are the same with or without it.
DreamCheck runDreamCheck(GaussianPolicy& policy, SuccessClassifier& reward, const WorldModelEnv& env,
                         ContextSource& contexts, const RefineSettings& s,
                         const std::function<void(const RefineProgress&)>& progress, RefineProgress& p,
                         const CancelToken& cancel) {
  if (progress) {
    p.message = "checking the dream: the policy against random actions";
    progress(p);
  }
  WorldModelEnv checkEnv(env.model(), env.device(), s.seed);
  if (s.samplerSteps > 0) checkEnv.setSamplerSteps(s.samplerSteps);
  checkEnv.setPrecision(parsePrecision(s.imaginePrecision));
  DreamCheckOptions options;
  options.starts = s.dreamCheckStarts;
  options.batch = std::min(s.numEnvs, s.dreamCheckStarts);
  options.horizon = s.horizon;
  options.seed = s.seed + 1;
  options.dreamSamples = s.dreamSamples;
  options.rewardConsensus = s.rewardConsensus;
  return checkDream(policy, reward, checkEnv, contexts, options, &cancel);
}

Metrics dreamCheckMetrics(const DreamCheck& c) {
  return {{"iteration", 0.0},
          {"dream_check/starts", static_cast<double>(c.starts)},
          {"dream_check/policy_success_rate", c.policyRate()},
          {"dream_check/random_success_rate", c.randomRate()},
          {"dream_check/policy_gained", static_cast<double>(c.policyOverRandom.gained)},
          {"dream_check/policy_lost", static_cast<double>(c.policyOverRandom.lost)},
          {"dream_check/mcnemar_p", c.pValue()},
          {"perf/dream_check_s", c.seconds}};
}

// Why require_dream_signal stops the run; empty where the check favours the policy or did not run.
std::string noDreamSignalReason(const DreamCheck& c) {
  if (c.starts <= 0 || c.policyFavoured()) return "";
  const std::string text = formatC("policy %.1f%%, random actions %.1f%% of %d starts, +%d / -%d, p %.2g",
                                   100.0 * c.policyRate(), 100.0 * c.randomRate(), c.starts,
                                   c.policyOverRandom.gained, c.policyOverRandom.lost, c.pValue());
  return std::string(
             "the dream does not reward the starting policy significantly more often than random "
             "actions (") +
         text + "): refinement there would learn from noise (require_dream_signal)";
}

double findMetric(const Metrics& m, const std::string& name) {
  for (const auto& [k, v] : m)
    if (k == name) return v;
  return -1.0;
}

}  // namespace

namespace {

// One refinement, as the steps a reader follows: open the run (load or resume the policy, build the
// learner and the dream), evaluate where the run starts, check the dream, then iterate (imagine, update,
// log, evaluate or checkpoint) until the last iteration, a stop or a cancel, and finish (the final
// policy, the best evaluation).
class RefinementRun {
 public:
  RefinementRun(const RefineSettings& s, const std::filesystem::path& runDir,
                const std::filesystem::path& policyFile, WorldModel worldModel, SuccessClassifier reward,
                ContextSource& contexts, bool resume, const RealEvaluation& evaluate,
                const std::function<void(const RefineProgress&)>& progress, const CancelToken& cancel)
      : s_(s),
        runDir_(runDir),
        resume_(resume),
        contexts_(contexts),
        evaluate_(evaluate),
        progress_(progress),
        cancel_(cancel),
        lastPath_(runDir / "last.pt"),
        finalPath_(runDir / "policy.pt"),
        bestPath_(runDir / "best.pt"),
        selectionPath_(runDir / "selection.yaml"),
        opened_(openRunDirectory()),
        device_(resolveDevice(s.device)),
        loaded_(openPolicy(policyFile)),
        done_(resume ? static_cast<int>(loaded_.info.step) : 0),
        policy_(loaded_.policy),
        critic_(onDevice(loaded_.critic ? loaded_.critic : ValueNetwork(policy_->config()), device_)),
        learner_{policy_, critic_,
                 torch::optim::Adam(trainedParameters(), torch::optim::AdamOptions(s.policyLr).eps(1e-5)),
                 torch::optim::Adam(critic_->parameters(), torch::optim::AdamOptions(s.criticLr).eps(1e-5))},
        reward_(std::move(reward)),
        selection_(s.earlyStopPatience, s.stopOnRealLoss),
        // A run resumed from a version before best.pt has no record of its earlier evaluations: it keeps
        // no best.pt rather than one chosen among its later evaluations only.
        wholeHistory_(!resume || done_ == 0 || std::filesystem::exists(selectionPath_)) {
    if (resume) loadPolicyOptimizers(lastPath_, device_, learner_.policyOptimizer, learner_.criticOptimizer);
    learner_.reference = startingPolicy(runDir / "start_policy.pt", policy_, resume, s, device_);
    checkWorldModel(*worldModel);
    reward_->to(device_);
    reward_->eval();
    env_.emplace(std::move(worldModel), device_, s.seed + static_cast<std::uint64_t>(done_) * 7919);
    if (s.samplerSteps > 0) env_->setSamplerSteps(s.samplerSteps);
    env_->setPrecision(parsePrecision(s.imaginePrecision));
    gen_ = at::detail::createCPUGenerator(s.seed * 1000003 + static_cast<std::uint64_t>(done_));
    // A fresh run's directory may hold the log of one killed before its first checkpoint: it starts over.
    metrics_.emplace(runDir / "metrics.jsonl",
                     ResumePoint{"iteration", resume ? static_cast<double>(done_) : -1.0});
    result_.device = describeDevice(device_);
    result_.iterations = done_;
    progressState_.iterations = s.iterations;
    progressState_.iteration = done_;
    if (resume && std::filesystem::exists(selectionPath_)) selection_.load(selectionPath_);
  }

  int done() const { return done_; }

  // The evaluation due where the run starts: before the first iteration, or on resume one that a cancel
  // or crash cut short (last.pt is written before each evaluation) and selection.yaml does not hold.
  void evaluateAtStart() {
    const bool due =
        done_ == 0 || (s_.evalEvery > 0 && (done_ % s_.evalEvery == 0 || done_ == s_.iterations));
    if (due &&
        (done_ == 0 ? selection_.lastIteration() < 0 : wholeHistory_ && selection_.lastIteration() < done_))
      evaluateReal(done_);
  }

  // Run once, before the first iteration; a resumed run reports the check it kept.
  void checkTheDream() {
    const auto file = runDir_ / "dream_check.yaml";
    if (done_ == 0 && s_.dreamCheckStarts > 0 && !cancel_.cancelled()) {
      result_.dreamCheck =
          runDreamCheck(policy_, reward_, *env_, contexts_, s_, progress_, progressState_, cancel_);
      if (result_.dreamCheck.starts > 0) {
        saveDreamCheck(file, result_.dreamCheck);
        metrics_->write(dreamCheckMetrics(result_.dreamCheck));
      }
    } else if (done_ > 0 && std::filesystem::exists(file)) {
      result_.dreamCheck = loadDreamCheck(file);
    }
    dreamStop_ = s_.requireDreamSignal ? noDreamSignalReason(result_.dreamCheck) : "";
    start_ = Clock::now();
    globalStep_ = static_cast<std::int64_t>(done_) * s_.numEnvs * s_.horizon;
    firstStep_ = globalStep_;
  }

  // Whether `iteration` may run: not after a cancel, an early stop (checked before each iteration, so a
  // resumed run that had stopped stays stopped under the same settings) or a dream without signal.
  bool mayRun(int iteration) {
    if (cancel_.cancelled()) {
      result_.cancelled = true;
      return false;
    }
    result_.stopReason = selection_.stopReason();
    if (result_.stopReason.empty()) result_.stopReason = dreamStop_;
    if (!result_.stopReason.empty()) {
      report("stopped early: " + result_.stopReason);
      return false;
    }
    // A stopped run resumed with settings that let it go on: its policy.pt is no longer the run's end, but
    // it is kept as the snapshot of that iteration.
    if (iteration == done_ + 1 && resume_ && std::filesystem::exists(finalPath_))
      std::filesystem::rename(finalPath_, runDir_ / ("policy_" + std::to_string(done_) + ".pt"));
    return true;
  }

  // One PPO iteration in the dream: rollouts from sampled starts, advantages, the update, its record.
  // False when a cancel cut the rollouts short.
  bool iterate(int iteration) {
    const auto iterationStart = Clock::now();
    report("imagining");
    policy_->eval();
    auto starts = contexts_.sample(s_.numEnvs / s_.groupSize, gen_);
    if (s_.groupSize > 1) starts = repeatEach(starts, s_.groupSize);
    RolloutOptions rollout;
    rollout.horizon = s_.horizon;
    rollout.terminateOnSuccess = s_.terminateOnSuccess;
    rollout.cancel = &cancel_;
    rollout.dreamSamples = s_.dreamSamples;
    rollout.rewardConsensus = s_.rewardConsensus;
    rollout.uncertaintyCoef = s_.uncertaintyCoef;
    const auto buf = imagineRollouts(policy_, critic_, reward_, *env_, starts, rollout, gen_);
    policy_->train();
    if (cancel_.cancelled()) {
      result_.cancelled = true;
      return false;
    }
    globalStep_ += buf.frames;
    auto adv =
        generalisedAdvantages(buf.rewards, buf.values, buf.dones, buf.nextValue, s_.gamma, s_.gaeLambda);
    if (s_.advantage == "rloo")  // the critic keeps learning from adv.returns, the actor from the group
      adv.advantages = leaveOneOutAdvantages(buf.rewards, buf.alive, s_.groupSize, s_.gamma);
    const bool actorMoves = iteration > s_.criticWarmup;
    const auto updateStart = Clock::now();
    const auto stats = update(learner_, buf, adv, s_, actorMoves, device_, gen_);
    const double updateSeconds = std::chrono::duration<double>(Clock::now() - updateStart).count();
    if (result_.firstImaginedSuccessRate < 0) result_.firstImaginedSuccessRate = buf.successRate;
    result_.lastImaginedSuccessRate = buf.successRate;
    metrics_->write(iterationRecord(iteration, buf, adv, stats, actorMoves, updateSeconds, iterationStart));
    result_.iterations = iteration;
    progressState_.iteration = iteration;
    progressState_.imaginedSuccessRate = buf.successRate;
    progressState_.imaginedReturn = buf.meanReturn;
    progressState_.framesPerSecond = static_cast<double>(buf.frames) / std::max(buf.seconds, 1e-9);
    return true;
  }

  // After an iteration: the real evaluation due (or a checkpoint), and a snapshot. False when a cancel
  // cut the evaluation short (the resume evaluates this iteration again).
  bool afterIteration(int iteration) {
    if (s_.evalEvery > 0 && (iteration % s_.evalEvery == 0 || iteration == s_.iterations))
      evaluateReal(iteration);
    else if (iteration % s_.checkpointEvery == 0 || iteration == s_.iterations)
      save(lastPath_, iteration);
    if (cancel_.cancelled()) {
      result_.cancelled = true;
      return false;
    }
    if (s_.snapshotEvery > 0 && iteration % s_.snapshotEvery == 0)
      savePolicyOnly(runDir_ / ("policy_" + std::to_string(iteration) + ".pt"), iteration);
    report("");
    return true;
  }

  RefineResult finish() {
    if (result_.cancelled) save(lastPath_, result_.iterations);
    if (!result_.cancelled && (result_.iterations == s_.iterations || !result_.stopReason.empty()))
      savePolicyOnly(finalPath_, result_.iterations);
    if (wholeHistory_) {
      result_.bestIteration = selection_.bestIteration();
      result_.bestRealSuccessRate = selection_.bestSuccessRate();
    }
    result_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return result_;
  }

 private:
  bool openRunDirectory() {
    s_.validate();
    std::filesystem::create_directories(runDir_);
    if (!resume_ && std::filesystem::exists(lastPath_))
      throw Error(runDir_.string() +
                  " already holds a refinement run (last.pt); pass --resume or choose another "
                  "directory");
    if (resume_ && !std::filesystem::exists(lastPath_))
      throw Error("cannot resume: " + lastPath_.string() + " does not exist");
    return true;
  }

  static ValueNetwork onDevice(ValueNetwork critic, const torch::Device& device) {
    critic->to(device);
    return critic;
  }

  LoadedPolicy openPolicy(const std::filesystem::path& policyFile) {
    useAllCpuCores();
    torch::manual_seed(s_.seed);
    auto loaded = loadPolicy(resume_ ? lastPath_ : policyFile, device_);
    loaded.policy->setLogStdRange(s_.logStdMin, s_.logStdMax);
    return loaded;
  }

  // With freeze_encoder the image encoder keeps its behaviour-cloned weights (no gradient, no optimiser).
  std::vector<torch::Tensor> trainedParameters() {
    std::vector<torch::Tensor> trained;
    for (auto& p : policy_->named_parameters()) {
      const bool encoder = p.key().rfind("encoder.", 0) == 0;
      if (s_.freezeEncoder && encoder)
        p.value().set_requires_grad(false);
      else
        trained.push_back(p.value());
    }
    return trained;
  }

  void checkWorldModel(const WorldModelImpl& worldModel) const {
    if (worldModel.config().imageSize != policy_->config().imageSize)
      throw Error("the world model imagines " + std::to_string(worldModel.config().imageSize) +
                  "-pixel frames but the policy sees " + std::to_string(policy_->config().imageSize));
    if (worldModel.config().actionDim != policy_->config().actionDim)
      throw Error("the world model's action dimension differs from the policy's");
  }

  void report(const std::string& message) {
    progressState_.message = message;
    if (progress_) progress_(progressState_);
  }

  void save(const std::filesystem::path& file, int iteration) {
    PolicyCheckpoint c;
    c.policy = policy_;
    c.critic = critic_;
    c.policyOptimizer = &learner_.policyOptimizer;
    c.criticOptimizer = &learner_.criticOptimizer;
    c.info.step = iteration;
    c.info.trainText = s_.toText();
    savePolicy(file, c);
  }

  // The policy alone (no critic or optimisers): what evaluation and the studio load.
  void savePolicyOnly(const std::filesystem::path& file, int iteration) {
    PolicyCheckpoint c;
    c.policy = policy_;
    c.info.step = iteration;
    c.info.trainText = s_.toText();
    savePolicy(file, c);
  }

  // best.pt is written before selection.yaml; a run cut off between the two has no record of that
  // evaluation, so its resume evaluates the same policy on the same seeds again and agrees.
  void evaluateReal(int iteration) {
    if (!evaluate_ || s_.evalEvery <= 0) return;
    save(lastPath_, iteration);
    report("evaluating in the simulator");
    Metrics m = evaluate_(lastPath_);
    // A cancelled evaluation's episodes are incomplete: it is neither logged nor judged, and the resume
    // evaluates the iteration again.
    if (cancel_.cancelled()) return;
    progressState_.realSuccessRate = findMetric(m, "eval/real_success_rate");
    if (result_.firstRealSuccessRate < 0 && iteration == 0)
      result_.firstRealSuccessRate = progressState_.realSuccessRate;
    result_.lastRealSuccessRate = progressState_.realSuccessRate;
    if (progressState_.realSuccessRate >= 0) {
      RealOutcome o;
      o.iteration = iteration;
      o.successRate = progressState_.realSuccessRate;
      o.seedsGained = static_cast<int>(findMetric(m, "eval/seeds_gained"));
      o.seedsLost = static_cast<int>(findMetric(m, "eval/seeds_lost"));
      o.mcnemarP = findMetric(m, "eval/mcnemar_p");
      if (selection_.record(o) && wholeHistory_) savePolicyOnly(bestPath_, iteration);
      selection_.save(selectionPath_);
      m.emplace_back("eval/best_real_success_rate", selection_.bestSuccessRate());
      m.emplace_back("eval/best_iteration", static_cast<double>(selection_.bestIteration()));
    }
    m.insert(m.begin(), {"iteration", static_cast<double>(iteration)});
    metrics_->write(m);
  }

  Metrics iterationRecord(int iteration, const RolloutBuffer& buf, const Advantages& adv,
                          const UpdateStats& stats, bool actorMoves, double updateSeconds,
                          Clock::time_point iterationStart) {
    double sigma = 0.0;
    {
      torch::NoGradGuard noGrad;
      sigma = policy_->forward(buf.obs[0].to(device_)).logStd.exp().mean().item<double>();
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    Metrics record{
        {"iteration", static_cast<double>(iteration)},
        {"global_step", static_cast<double>(globalStep_)},
        {"charts/imagined_success_rate", buf.successRate},
        {"charts/imagined_episodic_return", buf.meanReturn},
        {"charts/imagined_episodic_length", buf.meanLength},
        {"charts/sigma", sigma},
        {"charts/learning_rate", s_.policyLr},
        {"charts/actor_updated", actorMoves ? 1.0 : 0.0},
        {"losses/policy_loss", stats.policyLoss},
        {"losses/value_loss", stats.valueLoss},
        {"losses/entropy", stats.entropy},
        {"losses/approx_kl", stats.approxKl},
        {"losses/clipfrac", stats.clipFraction},
        {"losses/explained_variance", explainedVariance(buf, adv)},
        {"perf/imagined_frames_per_s", static_cast<double>(buf.frames) / std::max(buf.seconds, 1e-9)},
        {"perf/update_s", updateSeconds},
        {"perf/imagine_s", buf.seconds},
        // Wall clock of the iteration so far (contexts, imagination, advantages, update), so time spent
        // outside imagine_s and update_s shows; the checkpoint written after this record is not in it.
        {"perf/iteration_s", std::chrono::duration<double>(Clock::now() - iterationStart).count()},
        {"time_s", elapsed},
        // CleanRL's throughput figure: imagined frames per wall-clock second since this process started,
        // real evaluations and checkpoints included.
        {"charts/SPS", static_cast<double>(globalStep_ - firstStep_) / std::max(elapsed, 1e-9)}};
    // How far the policy has moved from where it started, whether or not bc_kl_coef holds it there.
    record.emplace_back("losses/bc_kl", stats.bcKl);
    // How far the world model's own samples of a step spread, and how often they disagree on success.
    if (s_.dreamSamples > 1) {
      record.emplace_back("charts/dream_disagreement", buf.meanDisagreement);
      if (buf.disputedRewardShare >= 0)
        record.emplace_back("charts/imagined_reward_disputed", buf.disputedRewardShare);
    }
    return record;
  }

  const RefineSettings& s_;
  const std::filesystem::path runDir_;
  const bool resume_;
  ContextSource& contexts_;
  const RealEvaluation& evaluate_;
  const std::function<void(const RefineProgress&)>& progress_;
  const CancelToken& cancel_;
  const std::filesystem::path lastPath_, finalPath_, bestPath_, selectionPath_;
  const bool opened_;  // the settings checked and the directory ready, before anything is loaded
  const torch::Device device_;
  LoadedPolicy loaded_;
  const int done_;
  GaussianPolicy policy_;
  ValueNetwork critic_;
  Learner learner_;
  SuccessClassifier reward_;
  // Made once the policy, its optimisers and the world model have been checked, as the run's order.
  std::optional<WorldModelEnv> env_;
  at::Generator gen_;
  std::optional<MetricsLog> metrics_;
  RealSelection selection_;
  const bool wholeHistory_;
  RefineResult result_;
  RefineProgress progressState_;
  std::string dreamStop_;
  Clock::time_point start_ = Clock::now();
  std::int64_t globalStep_ = 0, firstStep_ = 0;
};

}  // namespace

PpoRefiner::PpoRefiner(RefineSettings settings, std::filesystem::path runDir)
    : settings_(std::move(settings)), runDir_(std::move(runDir)) {}

RefineResult PpoRefiner::run(const std::filesystem::path& policyFile, WorldModel worldModel,
                             SuccessClassifier reward, ContextSource& contexts, bool resume,
                             const RealEvaluation& evaluate,
                             const std::function<void(const RefineProgress&)>& progress,
                             const CancelToken& cancel) {
  RefinementRun run(settings_, runDir_, policyFile, std::move(worldModel), std::move(reward), contexts,
                    resume, evaluate, progress, cancel);
  run.evaluateAtStart();
  run.checkTheDream();
  for (int iteration = run.done() + 1; iteration <= settings_.iterations; ++iteration)
    if (!run.mayRun(iteration) || !run.iterate(iteration) || !run.afterIteration(iteration)) break;
  return run.finish();
}

}  // namespace w4rl::learning
