#include "common/thread_priority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace w4rl {

#ifdef __linux__
namespace {
// On Linux, PRIO_PROCESS with a thread id addresses that one thread (niceness is per thread there).
id_t thisThreadId() {
  return static_cast<id_t>(syscall(SYS_gettid));
}
}  // namespace

int thisThreadNiceness() {
  errno = 0;
  const int n = getpriority(PRIO_PROCESS, thisThreadId());
  return errno == 0 ? n : 0;
}

int lowerThisThreadPriority(int niceness) {
  if (thisThreadNiceness() < niceness) setpriority(PRIO_PROCESS, thisThreadId(), niceness);
  return thisThreadNiceness();
}
#else
int thisThreadNiceness() {
  return 0;
}
int lowerThisThreadPriority(int) {
  return 0;
}
#endif

}  // namespace w4rl
