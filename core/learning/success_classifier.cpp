#include "learning/success_classifier.h"

#include <limits>

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

#include "common/error.h"
#include "learning/config_values.h"
#include "learning/world_model_config.h"

namespace w4rl::learning {

namespace nn = torch::nn;

const SettingTable<RewardConfig>& RewardConfig::table() {
  using S = RewardConfig;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    d.text("task", &S::task, "the task whose success the classifier judges")
        .integer("image_size", &S::imageSize, 1, kMany, "frame height and width")
        .positiveList("channels", &S::channels, 1, "stride-2 convolutions of the encoder")
        .integer("hidden", &S::hidden, 8, kMany, "width of the MLP head")
        .real("threshold", &S::threshold, Interval::open(0, 1),
              "probability above which a frame is a success")
        .real("valid_accuracy", &S::validAccuracy, Interval::any(),
              "held-out balanced accuracy (-1: unmeasured)")
        .real("valid_auc", &S::validAuc, Interval::any(), "held-out ROC AUC (-1: unmeasured)");
    return d;
  }();
  return t;
}

void RewardConfig::set(const std::string& key, const std::string& value) {
  if (!table().set(*this, key, value)) throw Error("unknown reward config key '" + key + "'");
}

std::map<std::string, std::string> RewardConfig::toMap() const {
  return table().values(*this);
}

std::string RewardConfig::toText() const {
  return config::mapText(toMap());
}

RewardConfig RewardConfig::fromText(const std::string& text) {
  RewardConfig c;
  for (const auto& [k, v] : parseFlatConfig(text, "reward config")) c.set(k, v);
  c.validate();
  return c;
}

void RewardConfig::validate() const {
  try {
    table().check(*this);
  } catch (const Error& e) {
    throw Error(std::string("reward ") + e.what());
  }
}

SuccessClassifierImpl::SuccessClassifierImpl(const RewardConfig& config) : config_(config) {
  config_.validate();
  encoder_ = register_module("encoder", ImageEncoder(1, config_.imageSize, config_.channels));
  head_ = register_module("head", nn::Sequential(nn::Linear(encoder_->outFeatures(), config_.hidden),
                                                 nn::SiLU(), nn::Linear(config_.hidden, 1)));
}

torch::Tensor SuccessClassifierImpl::forward(const torch::Tensor& frames) {
  if (frames.dim() != 4) throw Error("the success classifier expects frames (B, H, W, 3)");
  return head_->forward(encoder_->forward(frames.unsqueeze(1))).squeeze(-1);
}

torch::Tensor SuccessClassifierImpl::probability(const torch::Tensor& frames) {
  torch::NoGradGuard noGrad;
  return torch::sigmoid(forward(frames));
}

double rocAuc(const torch::Tensor& scores, const torch::Tensor& labels) {
  // Mann-Whitney U with average ranks for ties.
  const auto s = scores.to(torch::kCPU, torch::kDouble).contiguous();
  const auto y = labels.to(torch::kCPU, torch::kDouble).contiguous();
  const auto n = s.numel();
  const double* sp = s.data_ptr<double>();
  const double* yp = y.data_ptr<double>();
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return sp[a] < sp[b]; });
  double positiveRankSum = 0.0, positives = 0.0;
  for (std::int64_t i = 0; i < n;) {
    std::int64_t j = i;
    while (j + 1 < n && sp[order[j + 1]] == sp[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::int64_t k = i; k <= j; ++k)
      if (yp[order[k]] > 0.5) {
        positiveRankSum += rank;
        positives += 1.0;
      }
    i = j + 1;
  }
  const double negatives = static_cast<double>(n) - positives;
  if (positives == 0.0 || negatives == 0.0) return -1.0;
  return (positiveRankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

namespace {

// (TPR + TNR) / 2 of predicting `scores > t` for the boolean labels `y`.
double balancedAccuracyAt(const torch::Tensor& scores, const torch::Tensor& y, double t, double positives,
                          double negatives) {
  const auto predicted = scores > t;
  const double tpr = (predicted & y).sum().item<double>() / positives;
  const double tnr = (~predicted & ~y).sum().item<double>() / negatives;
  return 0.5 * (tpr + tnr);
}

}  // namespace

EpisodeScores episodeScores(const torch::Tensor& scores, const torch::Tensor& labels,
                            const std::vector<std::int64_t>& lengths) {
  const auto s = scores.to(torch::kCPU, torch::kDouble).contiguous().flatten();
  const auto y = labels.to(torch::kCPU, torch::kDouble).contiguous().flatten();
  std::int64_t total = 0;
  for (auto n : lengths) {
    if (n <= 0) throw Error("an episode of " + std::to_string(n) + " samples cannot be scored");
    total += n;
  }
  if (total != s.numel() || total != y.numel())
    throw Error("episodes of " + std::to_string(total) + " samples in all do not cover " +
                std::to_string(s.numel()) + " scores and " + std::to_string(y.numel()) + " labels");
  EpisodeScores e;
  e.maxScore = torch::empty({static_cast<std::int64_t>(lengths.size())}, torch::kDouble);
  e.success = torch::empty_like(e.maxScore);
  std::int64_t begin = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const auto ep = static_cast<std::int64_t>(i);
    e.maxScore[ep] = s.slice(0, begin, begin + lengths[i]).max();
    e.success[ep] = (y.slice(0, begin, begin + lengths[i]) > 0.5).any().to(torch::kDouble);
    begin += lengths[i];
  }
  return e;
}

std::pair<double, double> episodeThreshold(const EpisodeScores& episodes) {
  const auto s = episodes.maxScore.to(torch::kDouble).contiguous();
  const auto y = episodes.success.to(torch::kDouble).contiguous() > 0.5;
  const double positives = y.sum().item<double>(), negatives = static_cast<double>(y.numel()) - positives;
  if (positives == 0.0 || negatives == 0.0) return {0.5, -1.0};
  // Every distinct split of the (few) episode maxima, plus one below and one above all of them.
  const auto unique = std::get<0>(at::_unique(std::get<0>(s.sort()), true, false));
  const auto u = unique.accessor<double, 1>();
  std::vector<double> candidates{0.5 * u[0]};
  for (std::int64_t i = 0; i + 1 < unique.numel(); ++i) candidates.push_back(0.5 * (u[i] + u[i + 1]));
  candidates.push_back(0.5 * (u[unique.numel() - 1] + 1.0));
  double bestValue = -1.0, low = 0.5, high = 0.5;
  for (double t : candidates) {
    const double value = balancedAccuracyAt(s, y, t, positives, negatives);
    if (value > bestValue + 1e-12) {
      bestValue = value;
      low = high = t;
    } else if (value > bestValue - 1e-12) {
      high = t;
    }
  }
  return {std::clamp(0.5 * (low + high), 1e-6, 1.0 - 1e-6), bestValue};
}

std::pair<double, double> balancedThreshold(const torch::Tensor& scores, const torch::Tensor& labels) {
  const auto s = scores.to(torch::kCPU, torch::kDouble).contiguous();
  const auto y = labels.to(torch::kCPU, torch::kDouble).contiguous() > 0.5;
  const double positives = y.sum().item<double>(), negatives = static_cast<double>(y.numel()) - positives;
  if (positives == 0.0 || negatives == 0.0) return {0.5, -1.0};
  // Candidate thresholds: midpoints between consecutive distinct sorted scores.
  auto sorted = std::get<0>(s.sort());
  const auto unique = std::get<0>(at::_unique(sorted, true, false));
  // At most ~512 candidates (evenly spaced in rank), so calibration stays cheap on large sets.
  std::vector<double> candidates{0.5};
  const auto u = unique.accessor<double, 1>();
  const std::int64_t stride = std::max<std::int64_t>(1, unique.numel() / 512);
  for (std::int64_t i = 0; i + 1 < unique.numel(); i += stride) candidates.push_back(0.5 * (u[i] + u[i + 1]));
  double best = candidates[0], bestValue = -1.0;
  for (double t : candidates) {
    const double value = balancedAccuracyAt(s, y, t, positives, negatives);
    if (value > bestValue) {
      best = t;
      bestValue = value;
    }
  }
  return {std::clamp(best, 1e-6, 1.0 - 1e-6), bestValue};
}

}  // namespace w4rl::learning
