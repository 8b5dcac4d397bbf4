// The flat "key: value" config parser (config.yaml of every run, --config files, the checkpoints' stored
// configs) on arbitrary text, with every key it yields given to the settings that read such files (the
// world model's config, the training and refinement settings) and then validated, as a run does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "learning/refine_settings.h"
#include "learning/train_settings.h"
#include "learning/world_model_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  w4rl::fuzz::expectCleanRefusal("fuzz_flat_config", [&] {
    const auto values = w4rl::learning::parseFlatConfig(text, "fuzz input");
    w4rl::learning::TrainSettings train;
    w4rl::learning::RefineSettings refine;
    for (const auto& entry : values) {
      w4rl::fuzz::expectCleanRefusal("fuzz_flat_config", [&] {
        if (!train.set(entry.first, entry.second)) refine.set(entry.first, entry.second);
      });
    }
    w4rl::fuzz::expectCleanRefusal("fuzz_flat_config", [&] { train.validate(); });
    w4rl::fuzz::expectCleanRefusal("fuzz_flat_config", [&] { refine.validate(); });
    w4rl::learning::WorldModelConfig::fromMap(values).validate();
  });
  return 0;
}
