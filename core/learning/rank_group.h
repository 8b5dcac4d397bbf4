#pragma once
// The ranks of a data-parallel training, connected through LibTorch's c10d: a TCPStore served by rank 0
// at MASTER_ADDR:MASTER_PORT for the rendezvous, and a Gloo process group for the collectives (Gloo runs
// on CPU tensors; gradients on a GPU are copied through the host). Every collective names this rank and
// the timeout in its error when another rank died, was stopped or did not answer.
#include <torch/types.h>

#include <memory>
#include <vector>

#include "common/launch_env.h"

namespace w4rl::learning {

class RankGroup {
 public:
  // Connects to the other ranks (all of them construct a RankGroup with the same WORLD_SIZE and
  // MASTER_ADDR:MASTER_PORT). Throws Error when rank 0 cannot listen on the port, a rank cannot reach
  // rank 0 within the timeout, or the ranks disagree on WORLD_SIZE.
  explicit RankGroup(const LaunchEnv& env);
  ~RankGroup();
  RankGroup(const RankGroup&) = delete;
  RankGroup& operator=(const RankGroup&) = delete;

  int rank() const { return env_.rank; }
  int size() const { return env_.worldSize; }
  bool isMain() const { return env_.rank == 0; }

  // Replaces each gradient by its mean over the ranks, in buckets of about `bucketBytes` each reduced as
  // one flat tensor (as DistributedDataParallel's reducer does). Parameters without a gradient count as
  // zero. Returns the seconds spent.
  double averageGradients(const std::vector<torch::Tensor>& parameters, std::int64_t bucketBytes = 25 << 20);
  // Element-wise sums over the ranks.
  std::vector<double> sum(const std::vector<double>& values);
  // Rank 0's values of `tensors` (model parameters at the start) on every rank, in place.
  void broadcastFromMain(const std::vector<torch::Tensor>& tensors);

 private:
  struct Connection;
  LaunchEnv env_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace w4rl::learning
