#include "learning/refine_settings.h"

#include "common/error.h"
#include "learning/config_values.h"
#include "learning/precision.h"

namespace w4rl::learning {

bool RefineSettings::set(const std::string& key, const std::string& raw) {
  using namespace config;
  const std::string v = unquote(trim(raw));
  auto i = [&] { return static_cast<int>(toInt(key, v)); };
  auto d = [&] { return toDouble(key, v); };
  if (key == "iterations")
    iterations = i();
  else if (key == "num_envs")
    numEnvs = i();
  else if (key == "horizon")
    horizon = i();
  else if (key == "group_size")
    groupSize = i();
  else if (key == "advantage") {
    if (v != "gae" && v != "rloo") throw Error("advantage must be gae or rloo, not '" + v + "'");
    advantage = v;
  } else if (key == "gamma")
    gamma = d();
  else if (key == "gae_lambda")
    gaeLambda = d();
  else if (key == "policy_lr")
    policyLr = d();
  else if (key == "critic_lr")
    criticLr = d();
  else if (key == "update_epochs")
    updateEpochs = i();
  else if (key == "num_minibatches")
    minibatches = i();
  else if (key == "clip_coef")
    clip = d();
  else if (key == "clip_vloss")
    clipValue = toBool(key, v);
  else if (key == "ent_coef")
    entropyCoef = d();
  else if (key == "max_grad_norm")
    maxGradNorm = d();
  else if (key == "target_kl")
    targetKl = d();
  else if (key == "bc_kl_coef")
    bcKlCoef = d();
  else if (key == "dream_samples")
    dreamSamples = i();
  else if (key == "reward_consensus")
    rewardConsensus = toBool(key, v);
  else if (key == "uncertainty_coef")
    uncertaintyCoef = d();
  else if (key == "critic_warmup")
    criticWarmup = i();
  else if (key == "log_std_min")
    logStdMin = d();
  else if (key == "log_std_max")
    logStdMax = d();
  else if (key == "terminate_on_success")
    terminateOnSuccess = toBool(key, v);
  else if (key == "sampler_steps")
    samplerSteps = i();
  else if (key == "imagine_precision")
    imaginePrecision = toString(parsePrecision(v));
  else if (key == "dream_check")
    dreamCheckStarts = i();
  else if (key == "require_dream_signal")
    requireDreamSignal = toBool(key, v);
  else if (key == "eval_every")
    evalEvery = i();
  else if (key == "eval_episodes")
    evalEpisodes = i();
  else if (key == "eval_dream")
    evalDream = toBool(key, v);
  else if (key == "checkpoint_every")
    checkpointEvery = i();
  else if (key == "snapshot_every")
    snapshotEvery = i();
  else if (key == "early_stop_patience")
    earlyStopPatience = i();
  else if (key == "stop_on_real_loss")
    stopOnRealLoss = toBool(key, v);
  else if (key == "seed")
    seed = toSeed(key, v);
  else if (key == "freeze_encoder")
    freezeEncoder = toBool(key, v);
  else if (key == "start_from") {
    if (v != "first" && v != "any") throw Error("start_from must be first or any, not '" + v + "'");
    startFrom = v;
  } else if (key == "device") {
    if (v != "auto" && v != "cpu" && v != "cuda")
      throw Error("device must be auto, cpu or cuda, not '" + v + "'");
    device = v;
  } else
    return false;
  return true;
}

std::map<std::string, std::string> RefineSettings::toMap() const {
  using config::numberText;
  auto s = [](auto x) { return std::to_string(x); };
  return {{"iterations", s(iterations)},
          {"num_envs", s(numEnvs)},
          {"horizon", s(horizon)},
          {"start_from", startFrom},
          {"group_size", s(groupSize)},
          {"advantage", advantage},
          {"gamma", numberText(gamma)},
          {"gae_lambda", numberText(gaeLambda)},
          {"policy_lr", numberText(policyLr)},
          {"critic_lr", numberText(criticLr)},
          {"update_epochs", s(updateEpochs)},
          {"num_minibatches", s(minibatches)},
          {"clip_coef", numberText(clip)},
          {"clip_vloss", clipValue ? "true" : "false"},
          {"ent_coef", numberText(entropyCoef)},
          {"max_grad_norm", numberText(maxGradNorm)},
          {"target_kl", numberText(targetKl)},
          {"bc_kl_coef", numberText(bcKlCoef)},
          {"dream_samples", s(dreamSamples)},
          {"reward_consensus", rewardConsensus ? "true" : "false"},
          {"uncertainty_coef", numberText(uncertaintyCoef)},
          {"critic_warmup", s(criticWarmup)},
          {"log_std_min", numberText(logStdMin)},
          {"log_std_max", numberText(logStdMax)},
          {"terminate_on_success", terminateOnSuccess ? "true" : "false"},
          {"freeze_encoder", freezeEncoder ? "true" : "false"},
          {"sampler_steps", s(samplerSteps)},
          {"imagine_precision", imaginePrecision},
          {"dream_check", s(dreamCheckStarts)},
          {"require_dream_signal", requireDreamSignal ? "true" : "false"},
          {"eval_every", s(evalEvery)},
          {"eval_episodes", s(evalEpisodes)},
          {"eval_dream", evalDream ? "true" : "false"},
          {"checkpoint_every", s(checkpointEvery)},
          {"snapshot_every", s(snapshotEvery)},
          {"early_stop_patience", s(earlyStopPatience)},
          {"stop_on_real_loss", stopOnRealLoss ? "true" : "false"},
          {"seed", s(seed)},
          {"device", device}};
}

std::string RefineSettings::toText() const {
  return config::mapText(toMap());
}

void RefineSettings::validate() const {
  if (iterations < 1) throw Error("iterations must be at least 1");
  if (numEnvs < 1 || numEnvs > 4096) throw Error("num_envs must be from 1 to 4096");
  if (horizon < 1 || horizon > 10000) throw Error("horizon must be from 1 to 10000");
  if (groupSize < 1 || numEnvs % groupSize != 0)
    throw Error("group_size must be at least 1 and divide num_envs (" + std::to_string(numEnvs) + "), not " +
                std::to_string(groupSize));
  if (advantage == "rloo" && groupSize < 2)
    throw Error(
        "advantage rloo needs group_size of at least 2: the baseline is the other episodes of the group");
  if (!(gamma > 0 && gamma <= 1) || !(gaeLambda >= 0 && gaeLambda <= 1))
    throw Error("gamma must be in (0, 1] and gae_lambda in [0, 1]");
  if (!(policyLr > 0 && policyLr < 1) || !(criticLr > 0 && criticLr < 1))
    throw Error("policy_lr and critic_lr must be in (0, 1)");
  if (updateEpochs < 1 || minibatches < 1)
    throw Error("update_epochs and num_minibatches must be at least 1");
  if (!(clip > 0 && clip < 1)) throw Error("clip_coef must be in (0, 1)");
  if (entropyCoef < 0 || !(maxGradNorm > 0) || targetKl < 0)
    throw Error("ent_coef and target_kl must be non-negative and max_grad_norm positive");
  if (criticWarmup < 0) throw Error("critic_warmup must be non-negative");
  if (!(bcKlCoef >= 0)) throw Error("bc_kl_coef must be non-negative");
  if (dreamSamples < 1 || dreamSamples > 16) throw Error("dream_samples must be from 1 to 16");
  if (!(uncertaintyCoef >= 0)) throw Error("uncertainty_coef must be non-negative");
  if (dreamSamples < 2 && (rewardConsensus || uncertaintyCoef > 0))
    throw Error("reward_consensus and uncertainty_coef need dream_samples of at least 2, not " +
                std::to_string(dreamSamples));
  if (!(logStdMin < logStdMax)) throw Error("log_std_min must be below log_std_max");
  if (logStdMax > 0.0) throw Error("log_std_max must be <= 0: the policy's sigma is clipped at e^0");
  if (samplerSteps < 0 || evalEvery < 0 || snapshotEvery < 0 || evalEpisodes < 1 || checkpointEvery < 1)
    throw Error(
        "sampler_steps, eval_every and snapshot_every must be >= 0, eval_episodes and checkpoint_every >= 1");
  if (dreamCheckStarts < 0 || dreamCheckStarts > 100000) throw Error("dream_check must be from 0 to 100000");
  if (requireDreamSignal && dreamCheckStarts == 0)
    throw Error("require_dream_signal needs the dream check before refinement (dream_check > 0)");
  if (earlyStopPatience < 0) throw Error("early_stop_patience must be non-negative");
  if (earlyStopPatience > 0 && evalEvery == 0)
    throw Error("early_stop_patience needs real evaluations during refinement (eval_every > 0)");
}

}  // namespace w4rl::learning
