#pragma once
// The Gaussian image policy's settings (learning/gaussian_policy.h), torch-free so that jobs and their
// callers hold them without torch.
#include <map>
#include <string>
#include <vector>

#include "learning/setting_table.h"

namespace w4rl::learning {

struct PolicyConfig {
  std::string task;  // the task the policy was trained for (informational; evaluation defaults to it)
  int imageSize = 64;
  int frameStack = 1;
  int actionDim = 4;
  std::vector<int> channels{32, 64, 64};  // stride-2 convolutions
  int hidden = 256;
  double logStdMin = -5.0;
  double logStdMax = 0.0;

  // Flat "key: value" form stored in checkpoints, declared once in gaussian_policy.cpp; set() throws
  // w4rl::Error naming the key.
  static const SettingTable<PolicyConfig>& table();
  void set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> toMap() const;
  std::string toText() const;
  static PolicyConfig fromText(const std::string& text);
  void validate() const;
};

}  // namespace w4rl::learning
