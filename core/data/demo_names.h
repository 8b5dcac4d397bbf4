#pragma once
// Demo group names and the train/valid split rule shared by the reader and the writer.
// robomimic names demos demo_0, demo_1, ..., demo_10, which sort wrongly as strings (demo_10 before
// demo_2), so demos are ordered by their number.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace w4rl::data {

// The number in "demo_<digits>", or nullopt for any other name.
std::optional<std::int64_t> demoNumber(const std::string& name);
std::string demoName(std::int64_t number);
// Numbered demos by number (ties by name), then every other name in string order.
void sortDemoNames(std::vector<std::string>& names);
// The deterministic split: demo i (its number, or its position when it has none) is a validation demo
// iff i % 10 == 9, i.e. every 10th demo.
bool isValidationIndex(std::int64_t i);

}  // namespace w4rl::data
