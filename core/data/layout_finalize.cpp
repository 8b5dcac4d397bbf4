#include "data/layout_finalize.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "data/demo_names.h"
#include "data/demo_scan.h"
#include "data/h5_read.h"
#include "data/h5_write.h"

namespace w4rl::data {
namespace {

std::int64_t demoLength(const h5::File& file, const std::string& g) {
  if (const auto n = h5::integerAttribute(file, g, "num_samples")) return *n;
  if (!h5::isDataset(file, g + "/actions")) return 0;
  const h5::DatasetInfo actions = h5::describe(file, g + "/actions");
  return actions.dims.empty() ? 0 : static_cast<std::int64_t>(actions.dims[0]);
}

}  // namespace

void finalizeLayout(const h5::File& file, const nlohmann::json& envArgs) {
  std::vector<std::string> demos;
  for (std::string& name : h5::childNames(file, "/data")) {
    if (h5::isGroup(file, "/data/" + name)) demos.push_back(std::move(name));
  }
  sortDemoNames(demos);

  // Demos written by other tools may carry no task attribute; stamp the task the reader would infer
  // now, before env_args is rewritten (after which it would read "multi-task" or the new task).
  const std::string fallbackTask = defaultTask(file, std::filesystem::path(file.name()));
  std::int64_t total = 0;
  std::vector<std::string> tasks;
  std::vector<std::string> train;
  std::vector<std::string> valid;
  for (std::size_t i = 0; i < demos.size(); ++i) {
    const std::string g = "/data/" + demos[i];
    total += demoLength(file, g);
    std::optional<std::string> task = h5::stringAttribute(file, g, "task");
    if (!task) {
      task = fallbackTask;
      h5::writeStringAttribute(file, g, "task", *task);
    }
    if (std::find(tasks.begin(), tasks.end(), *task) == tasks.end()) tasks.push_back(*task);
    const std::int64_t index = demoNumber(demos[i]).value_or(static_cast<std::int64_t>(i));
    (isValidationIndex(index) ? valid : train).push_back(demos[i]);
  }

  nlohmann::json args = envArgs;
  if (tasks.size() == 1) {
    args["env_name"] = tasks.front();
  } else if (tasks.size() > 1) {
    args["env_name"] = "multi-task";
  } else if (!args.contains("env_name")) {
    args["env_name"] = "";
  }
  args["tasks"] = tasks;
  // robomimic's EnvUtils reads env_args["type"] before training (1 robosuite, 2 gym, 3 iGibson); our
  // tasks are none of robosuite's, and the gym type is the one robomimic only instantiates for rollouts.
  if (!args.contains("type") || !args["type"].is_number_integer()) args["type"] = 2;
  if (!args.contains("env_kwargs") || !args["env_kwargs"].is_object())
    args["env_kwargs"] = nlohmann::json::object();

  h5::writeInt64Attribute(file, "/data", "total", total);
  h5::writeStringAttribute(file, "/data", "env_args", args.dump());
  // Only train and valid are ours; other filter keys a user added (robomimic's "20_percent", ...) stay.
  h5::removeIfExists(file, "/mask/train");
  h5::removeIfExists(file, "/mask/valid");
  h5::ensureGroup(file, "/mask");
  h5::writeStrings(file, "/mask/train", train);
  h5::writeStrings(file, "/mask/valid", valid);
}

}  // namespace w4rl::data
