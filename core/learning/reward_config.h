#pragma once
// The success classifier's settings and calibrated threshold (learning/success_classifier.h), torch-free so
// that jobs and their callers hold them without torch.
#include <map>
#include <string>
#include <vector>

#include "learning/setting_table.h"

namespace w4rl::learning {

struct RewardConfig {
  std::string task;
  int imageSize = 64;
  std::vector<int> channels{16, 32, 64};
  int hidden = 128;
  double threshold = 0.5;  // probability above which a frame counts as a success
  // Held-out quality, recorded at training time for the user (not used by the model).
  double validAccuracy = -1.0;
  double validAuc = -1.0;

  // Declared once in success_classifier.cpp; set() throws w4rl::Error naming an unknown key.
  static const SettingTable<RewardConfig>& table();
  void set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> toMap() const;
  std::string toText() const;
  static RewardConfig fromText(const std::string& text);
  void validate() const;
};

}  // namespace w4rl::learning
