#pragma once
// Reading helpers over the HDF5 C API. Each takes the File and an absolute path inside it and throws
// w4rl::Error "<file>: <path>: ..." on failure. Element types are converted by HDF5 itself (float32 or
// uint8 in the file, double in memory, ...), which is how one reader accepts both our files and the
// float64/int64 variants robomimic and LIBERO write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/h5_file.h"

namespace w4rl::data::h5 {

// Shape and element type of a dataset, read from metadata only.
struct DatasetInfo {
  std::vector<hsize_t> dims;
  H5T_class_t typeClass = H5T_NO_CLASS;
  std::size_t typeSize = 0;
  bool isSigned = false;

  std::size_t rank() const { return dims.size(); }
  bool isNumeric() const;  // integer, float, or a 1-byte enum (h5py's bool)
  bool isUint8() const { return typeClass == H5T_INTEGER && typeSize == 1 && !isSigned; }
  std::string describeType() const;  // e.g. "float (4 bytes)", "signed integer (8 bytes)", "string"
};

// True if every component of `path` (absolute) exists, so "/data/demo_0/obs/x" does not trip HDF5 on a
// missing "obs".
bool exists(const File& file, const std::string& path);
bool isGroup(const File& file, const std::string& path);
bool isDataset(const File& file, const std::string& path);
// Names of the links directly under a group, in HDF5's name order.
std::vector<std::string> childNames(const File& file, const std::string& groupPath);

DatasetInfo describe(const File& file, const std::string& path);

// Reads `rows` rows starting at `firstRow` of a dataset whose rows have `rowElements` elements each
// (the product of all dimensions after the first). Only that hyperslab is read from disk.
std::vector<double> readDoubles(const File& file, const std::string& path, hsize_t firstRow, hsize_t rows,
                                hsize_t rowElements);
// Integer, float or bool datasets as int64 (floats are truncated by HDF5's conversion).
std::vector<std::int64_t> readIntegers(const File& file, const std::string& path, hsize_t firstRow,
                                       hsize_t rows, hsize_t rowElements);
// uint8 datasets only (check DatasetInfo::isUint8 first).
std::vector<std::uint8_t> readBytes(const File& file, const std::string& path, hsize_t firstRow, hsize_t rows,
                                    hsize_t rowElements);
// A 1-D dataset of fixed- or variable-length strings (robomimic's mask/<name>).
std::vector<std::string> readStrings(const File& file, const std::string& path);

// Attributes of the object at `objectPath`; nullopt when the attribute is absent. A present attribute
// of the wrong kind throws.
std::optional<std::string> stringAttribute(const File& file, const std::string& objectPath,
                                           const std::string& name);
// Integer or bool attributes. Unsigned 64-bit values are returned bit for bit (seeds use all 64 bits).
std::optional<std::int64_t> integerAttribute(const File& file, const std::string& objectPath,
                                             const std::string& name);

}  // namespace w4rl::data::h5
