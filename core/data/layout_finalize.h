#pragma once
// The file-level parts of the robomimic layout that depend on all demos together: data.attrs total and
// env_args, and the mask/train and mask/valid lists. The writer recomputes them from the file itself
// on every commit, so they also cover demos that were in the file before this writer opened it.
#include <nlohmann/json.hpp>

#include "data/h5_file.h"

namespace w4rl::data {

// `envArgs` is the caller's object; env_name and tasks are set from the demos' task attributes. Demos
// without one (written by robomimic or LIBERO) get the task the reader infers for them, so appending
// to such a file does not change what their task reads as.
void finalizeLayout(const h5::File& file, const nlohmann::json& envArgs);

}  // namespace w4rl::data
