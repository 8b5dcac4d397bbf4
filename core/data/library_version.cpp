#include "data/library_version.h"

#include <H5public.h>

// The studio reads datasets for its browser while jobs read and write others on worker threads. That is
// safe because Debian's HDF5 (even the "serial" flavour) is built thread-safe: it serialises API calls
// itself. A build against an HDF5 without that guarantee must not compile silently.
#ifndef H5_HAVE_THREADSAFE
#error "World4RL needs a thread-safe HDF5 build (H5_HAVE_THREADSAFE); Debian's libhdf5-dev is one"
#endif

namespace w4rl::data {

std::string hdf5Version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

}  // namespace w4rl::data
