// Background work is niced per thread: the calling thread only, never back down, inherited by the
// threads it starts (as LibTorch's intra-op pool is), and the rest of the process untouched.
#include <gtest/gtest.h>

#include <thread>

#include "common/thread_priority.h"

namespace w4rl {

#ifdef __linux__
TEST(ThreadPriority, NicesTheCallingThreadOnlyAndItsChildren) {
  const int mainBefore = thisThreadNiceness();
  int niced = -1, again = -1, child = -1;
  std::thread worker([&] {
    niced = lowerThisThreadPriority(10);
    again = lowerThisThreadPriority(5);  // never lowers it back
    std::thread inner([&] { child = thisThreadNiceness(); });
    inner.join();
  });
  worker.join();
  EXPECT_EQ(niced, std::max(10, mainBefore));
  EXPECT_EQ(again, niced);
  EXPECT_EQ(child, niced);
  EXPECT_EQ(thisThreadNiceness(), mainBefore);
}
#endif

}  // namespace w4rl
