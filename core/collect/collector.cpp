#include "collect/collector.h"

#include <chrono>

#include "collect/episode_recording.h"
#include "common/error.h"
#include "common/rng.h"
#include "data/dataset_writer.h"
#include "sim/manipulation_env.h"

namespace w4rl::collect {
namespace {

using data::EpisodeSource;

sim::Action chooseAction(EpisodeSource source, sim::Expert& expert, EpisodeActor* actor,
                         const sim::ManipulationEnv& env, double noiseStd, Rng& rng) {
  sim::Action a{};
  if (source == EpisodeSource::Random) {
    for (auto& v : a) v = static_cast<float>(rng.uniform(-1.0, 1.0));
    return a;
  }
  if (source == EpisodeSource::Policy) return sim::clampAction(actor->act(env.observation()));
  a = expert.act(env.model(), env.data());
  if (source == EpisodeSource::Noisy)
    for (auto& v : a) v = static_cast<float>(v + noiseStd * rng.normal());
  return sim::clampAction(a);
}

data::Episode runEpisode(sim::ManipulationEnv& env, EpisodeSource source, EpisodeActor* actor,
                         std::uint64_t seed, double noiseStd, bool nextObs) {
  data::Episode ep = startEpisode(env, source, seed);
  env.reset(seed);
  auto expert = env.makeExpert();
  Rng rng(mixSeed(seed, 0xAC710));  // the action noise stream, separate from the scene's
  if (source == EpisodeSource::Policy) actor->reset(seed);
  for (sim::StepResult r; !r.done;) {
    recordObservation(env, ep);
    const sim::Action a = chooseAction(source, *expert, actor, env, noiseStd, rng);
    r = env.step(a);
    recordOutcome(a, r, ep);
  }
  if (nextObs) recordFinalObservation(env, ep);
  return ep;
}

}  // namespace

CollectResult collect(const CollectConfig& config, const ProgressCallback& progress,
                      const CancelToken& cancel) {
  if (config.out.empty()) throw Error("no output file given");
  if (config.imageSize < 8 || config.imageSize > 1024) throw Error("image size must be from 8 to 1024");
  if (config.commitEvery < 1) throw Error("commitEvery must be at least 1");
  if (!(config.noiseStd >= 0.0)) throw Error("noise std must be non-negative");
  int total = 0;
  bool needsPolicy = false;
  for (const auto& item : config.recipe) {
    total += item.episodes;
    needsPolicy = needsPolicy || item.source == EpisodeSource::Policy;
  }
  if (needsPolicy && !config.policy)
    throw Error("the recipe '" + formatRecipe(config.recipe) +
                "' has policy episodes but no policy was given (world4rl collect --policy P.pt)");

  sim::EnvConfig envConfig;
  envConfig.task = config.task;
  envConfig.imageWidth = envConfig.imageHeight = config.imageSize;
  envConfig.episodeLength = config.episodeLength;
  sim::ManipulationEnv env(envConfig);
  if (needsPolicy) config.policy->prepare(envConfig);  // before the file is touched

  nlohmann::json envArgs = {
      {"env_name", config.task},
      {"env_kwargs",
       {{"image_size", config.imageSize},
        {"episode_length", config.episodeLength},
        {"action_scale_m", sim::kActionScale},
        {"control_hz", 1.0 / (0.002 * envConfig.substeps)},
        {"camera", envConfig.camera}}},
      {"world4rl", {{"recipe", formatRecipe(config.recipe)}, {"noise_std", config.noiseStd}}}};
  data::DatasetWriter writer(config.out, envArgs);

  CollectResult result;
  const auto start = std::chrono::steady_clock::now();
  int sinceCommit = 0;
  for (const auto& item : config.recipe) {
    const std::string sourceName = data::toString(item.source);
    for (int i = 0; i < item.episodes && !result.cancelled; ++i) {
      if (cancel.cancelled()) {
        result.cancelled = true;
        break;
      }
      const std::uint64_t seed = mixSeed(config.seed, writer.episodesInFile());
      const data::Episode ep =
          runEpisode(env, item.source, config.policy.get(), seed, config.noiseStd, config.nextObs);
      writer.append(ep);
      ++result.episodes;
      result.steps += static_cast<std::int64_t>(ep.numSamples());
      auto& tally = result.bySource[sourceName];
      ++tally.episodes;
      tally.successes += ep.success ? 1 : 0;
      if (++sinceCommit >= config.commitEvery) {
        writer.commit();
        sinceCommit = 0;
      }
      if (progress)
        progress({result.episodes, total,
                  sourceName + " episode " + std::to_string(i + 1) + "/" + std::to_string(item.episodes)});
    }
  }
  writer.commit();
  result.episodesInFile = writer.episodesInFile();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace w4rl::collect
