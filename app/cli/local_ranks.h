#pragma once
// `--nproc N`: starts N copies of this very command on this machine as the ranks of one data-parallel
// job, as torchrun --standalone does: each with RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE,
// MASTER_ADDR (127.0.0.1) and MASTER_PORT (MASTER_PORT if set, otherwise a free port) in its
// environment, OMP_NUM_THREADS set to its share of the cores unless already set, and the command's
// arguments without --nproc.
namespace w4rl::cli {

// Waits for all ranks. SIGINT and SIGTERM sent to this process are passed on to every rank (each stops
// after its current step). When a rank fails, the others get SIGTERM and, 30 s later, SIGKILL; then
// throws Error naming the rank that failed first (a rank killed by a signal before one that only lost
// its peers). Returns rank 0's exit code when all succeed.
int runLocalRanks(int ranks);

}  // namespace w4rl::cli
