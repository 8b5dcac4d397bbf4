#include "pipeline/jobs/eval_dream_job.h"

#include "common/error.h"

// The torch-free half of eval-dream: its settings by name, the 2x2 table of outcomes, the JSON report and
// the metrics refinement logs.
namespace w4rl::pipeline {
namespace {

RateWithInterval rate(int count, int of) {
  RateWithInterval r;
  r.count = count;
  r.of = of;
  r.rate = of > 0 ? static_cast<double>(count) / of : 0.0;
  r.ci = wilsonInterval(count, of);
  return r;
}

nlohmann::json rateJson(const RateWithInterval& r) {
  return {{"count", r.count}, {"of", r.of}, {"rate", r.rate}, {"ci_low", r.ci.low}, {"ci_high", r.ci.high}};
}

std::vector<std::string> ensembleFiles(const EvalDreamRequest& request) {
  std::vector<std::string> out;
  for (const auto& f : request.ensemble) out.push_back(f.string());
  return out;
}

}  // namespace

DreamStartFrom dreamStartFromString(const std::string& text) {
  if (text == "first") return DreamStartFrom::First;
  if (text == "any") return DreamStartFrom::Any;
  throw Error("--start-from must be first or any, not '" + text + "'");
}

DreamActOn dreamActOnString(const std::string& text) {
  if (text == "dream") return DreamActOn::Dream;
  if (text == "real") return DreamActOn::Real;
  throw Error("--act-on must be dream or real, not '" + text + "'");
}

DreamAgreement tallyDreamOutcomes(const std::vector<DreamStartResult>& starts) {
  DreamAgreement a;
  a.starts = static_cast<int>(starts.size());
  int imagined = 0, real = 0, onReal = 0;
  for (const auto& s : starts) {
    imagined += s.imaginedSuccess;
    real += s.realSuccess;
    onReal += s.classifierOnReal;
    if (s.imaginedSuccess && s.realSuccess) ++a.bothSuccess;
    if (s.imaginedSuccess && !s.realSuccess) ++a.dreamOnly;
    if (!s.imaginedSuccess && s.realSuccess) ++a.realOnly;
    if (!s.imaginedSuccess && !s.realSuccess) ++a.bothFailure;
    if (s.imaginedSuccess != s.realSuccess) {
      if (s.classifierOnReal == s.realSuccess)
        ++a.worldModelErrors;
      else
        ++a.classifierErrors;
    }
  }
  a.imaginedSuccess = rate(imagined, a.starts);
  a.realSuccess = rate(real, a.starts);
  a.classifierOnRealSuccess = rate(onReal, a.starts);
  a.agreement = rate(a.bothSuccess + a.bothFailure, a.starts);
  a.precision = rate(a.bothSuccess, imagined);
  a.recall = rate(a.bothSuccess, real);
  return a;
}

nlohmann::json evalDreamJson(const EvalDreamReport& report, const EvalDreamRequest& request) {
  const auto& a = report.table;
  nlohmann::json starts = nlohmann::json::array();
  for (const auto& s : report.perStart)
    starts.push_back({{"seed", s.seed},
                      {"episode", s.episode},
                      {"step", s.step},
                      {"imagined_success", s.imaginedSuccess},
                      {"real_success", s.realSuccess},
                      {"classifier_on_real", s.classifierOnReal},
                      {"dream_successes", s.dreamSuccesses},
                      {"imagined_success_step", s.imaginedSuccessStep},
                      {"real_success_step", s.realSuccessStep},
                      {"max_dream_probability", s.maxDreamProbability},
                      {"max_real_probability", s.maxRealProbability},
                      {"dream_probability", s.dreamProbability},
                      {"real_probability", s.realProbability},
                      {"psnr", s.psnr}});
  return {{"task", report.task},
          {"world_model", request.worldModel.string()},
          {"ensemble", ensembleFiles(request)},
          {"reward", request.reward.string()},
          {"policy", request.randomActions ? "" : request.policy.string()},
          {"actions", report.actions},
          {"start_from", request.startFrom == DreamStartFrom::Any ? "any" : "first"},
          {"act_on", report.actOn == DreamActOn::Real ? "real" : "dream"},
          {"seed", request.seed},
          {"horizon", report.horizon},
          {"threshold", report.threshold},
          {"dreams", report.dreams},
          {"consensus", report.consensus},
          {"device", report.device},
          {"starts", a.starts},
          {"agreement", a.agreement.rate},
          {"imagined_success_rate", a.imaginedSuccess.rate},
          {"real_success_rate", a.realSuccess.rate},
          {"classifier_on_real_success_rate", a.classifierOnRealSuccess.rate},
          {"imagined_success_precision", a.precision.rate},
          {"imagined_success_recall", a.recall.rate},
          {"world_model_errors", a.worldModelErrors},
          {"classifier_errors", a.classifierErrors},
          {"table",
           {{"dream_success_real_success", a.bothSuccess},
            {"dream_success_real_failure", a.dreamOnly},
            {"dream_failure_real_success", a.realOnly},
            {"dream_failure_real_failure", a.bothFailure}}},
          {"intervals",
           {{"agreement", rateJson(a.agreement)},
            {"imagined_success", rateJson(a.imaginedSuccess)},
            {"real_success", rateJson(a.realSuccess)},
            {"precision", rateJson(a.precision)},
            {"recall", rateJson(a.recall)}}},
          {"mean_psnr", report.meanPsnr},
          {"mean_psnr_per_step", report.meanPsnrPerStep},
          {"videos", report.videos},
          {"seconds", report.seconds},
          {"cancelled", report.cancelled},
          {"per_start", starts}};
}

DreamAgreement dreamAgreementOf(const nlohmann::json& report, const std::string& origin) {
  const auto starts = report.find("per_start");
  if (starts == report.end() || !starts->is_array())
    throw Error(origin + ": not an eval-dream report (no per_start records)");
  std::vector<DreamStartResult> results;
  try {
    for (const auto& s : *starts) {
      DreamStartResult r;
      r.imaginedSuccess = s.at("imagined_success").get<bool>();
      r.realSuccess = s.at("real_success").get<bool>();
      r.classifierOnReal = s.at("classifier_on_real").get<bool>();
      results.push_back(r);
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(origin + ": a per_start record is malformed: " + e.what());
  }
  return tallyDreamOutcomes(results);
}

std::map<std::string, double> dreamMetrics(const DreamAgreement& a, double meanPsnr) {
  return {{"dream/agreement", a.agreement.rate},
          {"dream/imagined_success_rate", a.imaginedSuccess.rate},
          {"dream/replay_success_rate", a.realSuccess.rate},
          {"dream/imagined_success_precision", a.precision.rate},
          {"dream/imagined_success_recall", a.recall.rate},
          {"dream/world_model_errors", static_cast<double>(a.worldModelErrors)},
          {"dream/classifier_errors", static_cast<double>(a.classifierErrors)},
          {"dream/mean_psnr", meanPsnr}};
}

}  // namespace w4rl::pipeline
