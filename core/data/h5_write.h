#pragma once
// Writing helpers over the HDF5 C API, the counterpart of h5_read.h. Each throws
// w4rl::Error "<file>: <path>: ..." on failure.
#include <cstdint>
#include <string>
#include <vector>

#include "data/h5_file.h"

namespace w4rl::data::h5 {

// Creates the group and any missing parents; an existing group is fine.
void ensureGroup(const File& file, const std::string& path);
// Removes a link if it exists (space inside the file is not reclaimed; HDF5 cannot shrink files).
void removeIfExists(const File& file, const std::string& path);

struct DatasetLayout {
  std::vector<hsize_t> chunk;  // empty: contiguous
  int gzipLevel = -1;          // -1: no compression (needs chunk)
};

// Creates dataset `path` with element type `fileType` and shape `dims`, writing `data` given in
// `memType`. `data` may be null only when the shape has no elements.
void writeDataset(const File& file, const std::string& path, hid_t fileType, hid_t memType,
                  const std::vector<hsize_t>& dims, const void* data, const DatasetLayout& layout = {});
// A 1-D dataset of fixed-length, null-padded ASCII strings: numpy dtype "S<n>", which is how robomimic
// stores mask/<name>. An empty list gives a 0-length dataset.
void writeStrings(const File& file, const std::string& path, const std::vector<std::string>& values);

// Attributes replace any existing attribute of the same name. Strings are fixed-length ASCII, which
// h5py and robomimic read as bytes and json.loads accepts.
void writeStringAttribute(const File& file, const std::string& objectPath, const std::string& name,
                          const std::string& value);
void writeInt64Attribute(const File& file, const std::string& objectPath, const std::string& name,
                         std::int64_t value);
void writeUint64Attribute(const File& file, const std::string& objectPath, const std::string& name,
                          std::uint64_t value);
void writeUint8Attribute(const File& file, const std::string& objectPath, const std::string& name,
                         std::uint8_t value);

}  // namespace w4rl::data::h5
