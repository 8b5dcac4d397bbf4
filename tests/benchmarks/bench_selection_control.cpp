// bench_selection_control --policy START.pt --reference BEST.pt --task T --out DIR [--candidates 10]
//                         [--val-episodes 30] [--val-seed 1000] [--test-episodes 200] [--seed 0]
// The control for refinement with real-evaluation selection (refine's best.pt): is the held-out gain of a
// refinement's best.pt learnt in the dream, or would any change of the same size, chosen on the same real
// validation episodes, do as well? Each candidate is START with every parameter tensor moved in a random
// Gaussian direction by as far as REFERENCE moved it from START (the same per-tensor distance, no dream).
// START and the candidates are evaluated on the validation seeds (refinement's own evaluation seed), the
// best is kept as refinement keeps best.pt (START first, a tie keeping the earlier), and the kept policy is
// evaluated on the held-out seeds (eval-policy's default seed 0): DIR/selected.json, to pair with
// `world4rl compare-evals` against the start policy's held-out evaluation.
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "learning/policy_checkpoint.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/jobs/eval_report_json.h"

namespace {

using namespace w4rl;

pipeline::EvalPolicyReport evaluate(const std::filesystem::path& policy, const std::string& task,
                                    int episodes, std::uint64_t seed) {
  pipeline::EvalPolicyRequest e;
  e.checkpoint = policy;
  e.task = task;
  e.episodes = episodes;
  e.seed = seed;
  return pipeline::evalPolicy(e, nullptr, CancelToken());
}

// START moved, tensor by tensor, in a random direction by REFERENCE's distance from START.
void writeCandidate(const std::filesystem::path& start, const learning::LoadedPolicy& reference,
                    at::Generator& gen, const std::filesystem::path& out) {
  auto candidate = learning::loadPolicy(start, torch::kCPU);
  const auto startParams = learning::loadPolicy(start, torch::kCPU).policy->named_parameters();
  const auto referenceParams = reference.policy->named_parameters();
  {
    torch::NoGradGuard noGrad;
    for (auto& p : candidate.policy->named_parameters()) {
      const double distance = (referenceParams[p.key()] - startParams[p.key()]).norm().item<double>();
      if (distance == 0.0) continue;
      const auto direction = torch::randn(p.value().sizes(), gen);
      p.value().add_(direction * (distance / std::max(direction.norm().item<double>(), 1e-12)));
    }
  }
  learning::savePolicy(out, {candidate.policy, nullptr, nullptr, nullptr, candidate.info});
}

}  // namespace

int main(int argc, char** argv) {
  std::string start, reference, task, out;
  int candidates = 10, valEpisodes = 30, testEpisodes = 200;
  std::uint64_t valSeed = 1000, seed = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--policy")
      start = v;
    else if (k == "--reference")
      reference = v;
    else if (k == "--task")
      task = v;
    else if (k == "--out")
      out = v;
    else if (k == "--candidates")
      candidates = std::atoi(v.c_str());
    else if (k == "--val-episodes")
      valEpisodes = std::atoi(v.c_str());
    else if (k == "--val-seed")
      valSeed = std::strtoull(v.c_str(), nullptr, 10);
    else if (k == "--test-episodes")
      testEpisodes = std::atoi(v.c_str());
    else if (k == "--seed")
      seed = std::strtoull(v.c_str(), nullptr, 10);
  }
  if (start.empty() || reference.empty() || task.empty() || out.empty() || candidates < 1 ||
      valEpisodes < 1 || testEpisodes < 1) {
    std::fprintf(
        stderr,
        "usage: bench_selection_control --policy START --reference BEST --task T --out DIR "
        "[--candidates 10] [--val-episodes 30] [--val-seed 1000] [--test-episodes 200] [--seed 0]\n");
    return 2;
  }
  try {
    torch::set_num_threads(1);
    const std::filesystem::path dir(out);
    std::filesystem::create_directories(dir);
    const auto ref = learning::loadPolicy(reference, torch::kCPU);
    auto gen = at::detail::createCPUGenerator(seed);
    std::filesystem::path best = start;
    double bestRate = evaluate(start, task, valEpisodes, valSeed).successRate;
    std::printf("start: %.1f%% on %d validation episodes (seed %llu)\n", 100 * bestRate, valEpisodes,
                static_cast<unsigned long long>(valSeed));
    for (int c = 1; c <= candidates; ++c) {
      const auto file = dir / ("candidate_" + std::to_string(c) + ".pt");
      writeCandidate(start, ref, gen, file);
      const double rate = evaluate(file, task, valEpisodes, valSeed).successRate;
      std::printf("candidate %d: %.1f%%\n", c, 100 * rate);
      if (rate > bestRate) {
        bestRate = rate;
        best = file;
      }
    }
    const auto test = evaluate(best, task, testEpisodes, 0);
    writeTextFileAtomically(dir / "selected.json", pipeline::evalReportJson(test, best, 0).dump(2) + "\n");
    std::printf("selected %s (%.1f%% on validation): %.1f%% on %d held-out episodes -> %s\n",
                best.filename().c_str(), 100 * bestRate, 100 * test.successRate, test.episodes,
                (dir / "selected.json").c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_selection_control: %s\n", e.what());
    return 1;
  }
}
