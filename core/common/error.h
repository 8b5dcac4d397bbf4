#pragma once
// The exception type thrown at core boundaries. Messages are complete sentences fragments that name
// what was wrong and where (file, path inside it, index), so the CLI prints them as one line and the
// studio shows them in a dialog unchanged.
#include <stdexcept>
#include <string>

namespace w4rl {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// Thrown when a long job stops because its cancel token was set; not a failure.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace w4rl
