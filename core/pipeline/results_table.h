#pragma once
// The pipeline's result, laid out like the paper's Table II: real success of the behaviour-cloned and
// the refined policy per task over the same held-out seeds, the average, and the imagined-vs-real
// success of each refined policy (reward hacking shows as imagined success without real success).
#include <string>
#include <vector>

namespace w4rl::pipeline {

struct TaskResult {
  std::string task;
  int episodes = 0;
  int bcSuccesses = 0, refinedSuccesses = 0;
  double bcCiLow = 0, bcCiHigh = 0, refinedCiLow = 0, refinedCiHigh = 0;
  double imaginedSuccessFirst = -1, imaginedSuccessLast = -1;  // of the refinement run, -1 if unknown
};

std::string resultsMarkdown(const std::vector<TaskResult>& rows, unsigned long long evalSeed);
std::string resultsCsv(const std::vector<TaskResult>& rows);

}  // namespace w4rl::pipeline
