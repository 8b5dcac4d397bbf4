#include "pipeline/jobs/run_record.h"

#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"

namespace w4rl::pipeline {

nlohmann::json dataPaths(const std::vector<std::filesystem::path>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : files) out.push_back(f.string());
  return out;
}

void writeRunRecord(const std::filesystem::path& runDir, const std::string& kind, nlohmann::json inputs) {
  inputs["kind"] = kind;
  writeTextFileAtomically(runDir / "run.json", inputs.dump(2) + "\n");
}

nlohmann::json readRunRecord(const std::filesystem::path& runDir, const std::string& kind) {
  const auto file = runDir / "run.json";
  std::ifstream in(file);
  if (!in) throw Error("cannot read " + file.string());
  nlohmann::json record;
  try {
    in >> record;
  } catch (const nlohmann::json::exception& e) {
    throw Error(file.string() + " is not valid JSON (" + e.what() + ")");
  }
  if (!record.is_object() || !record.contains("kind") || !record["kind"].is_string())
    throw Error(file.string() + " names no run kind");
  if (record["kind"] != kind)
    throw Error(file.string() + " is a " + record["kind"].get<std::string>() + " run, not a " + kind +
                " run");
  return record;
}

}  // namespace w4rl::pipeline
