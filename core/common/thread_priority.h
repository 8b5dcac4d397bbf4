#pragma once
// Scheduling priority of the calling thread. Long background work (training, refinement, collection
// started from the studio) runs niced so that on a machine whose cores it saturates the GUI thread and
// interactive work (teleop, software OpenGL) still get the CPU when they need it. Threads the niced
// thread starts afterwards (LibTorch's intra-op pool) inherit its niceness.
namespace w4rl {

// Raises the calling thread's niceness to at least `niceness` (never lowers it: an unprivileged process
// could not raise it back). Returns the thread's niceness afterwards; on systems without per-thread
// niceness it does nothing and returns 0.
int lowerThisThreadPriority(int niceness);

// The calling thread's niceness (0 where there is no such notion).
int thisThreadNiceness();

}  // namespace w4rl
