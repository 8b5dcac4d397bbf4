#include "data/h5_read.h"

#include <cstdint>
#include <cstring>
#include <utility>

#include "common/error.h"

namespace w4rl::data::h5 {
namespace {

// Far above anything real (robomimic's mask lists hold a few thousand names), low enough that a
// damaged header cannot make us allocate gigabytes for strings.
constexpr hsize_t kMaxStrings = 10'000'000;
constexpr std::size_t kMaxStringBytes = 65'536;
constexpr hsize_t kMaxRank = 32;
constexpr hsize_t kMaxReadBytes = hsize_t{4} << 30;  // one read call; episodes are read in pieces

Handle openDataset(const File& file, const std::string& path) {
  if (!exists(file, path)) file.fail(path, "missing");
  Handle ds = dataset(H5Dopen2(file.id(), path.c_str(), H5P_DEFAULT));
  if (!ds.valid()) file.fail(path, "expected a dataset, cannot open it as one");
  return ds;
}

std::vector<hsize_t> extent(const File& file, const std::string& path, hid_t spaceId) {
  const int rank = H5Sget_simple_extent_ndims(spaceId);
  if (rank < 0 || static_cast<hsize_t>(rank) > kMaxRank) file.fail(path, "unreadable dataspace");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(spaceId, dims.data(), nullptr) < 0) {
    file.fail(path, "unreadable dataspace");
  }
  return dims;
}

std::string typeName(H5T_class_t cls, std::size_t size, bool isSigned) {
  const std::string bytes = " (" + std::to_string(size) + (size == 1 ? " byte)" : " bytes)");
  switch (cls) {
    case H5T_INTEGER:
      return std::string(isSigned ? "signed" : "unsigned") + " integer" + bytes;
    case H5T_FLOAT:
      return "float" + bytes;
    case H5T_STRING:
      return "string";
    case H5T_ENUM:
      return "enum" + bytes;
    case H5T_COMPOUND:
      return "compound" + bytes;
    case H5T_ARRAY:
      return "array" + bytes;
    case H5T_VLEN:
      return "variable-length sequence";
    case H5T_OPAQUE:
      return "opaque" + bytes;
    case H5T_BITFIELD:
      return "bitfield" + bytes;
    case H5T_REFERENCE:
      return "reference";
    case H5T_TIME:
      return "time";
    default:
      return "unknown type";
  }
}

bool signedness(hid_t typeId, H5T_class_t cls) {
  if (cls == H5T_INTEGER) return H5Tget_sign(typeId) == H5T_SGN_2;
  if (cls == H5T_ENUM) {
    Handle base = type(H5Tget_super(typeId));
    return base.valid() && H5Tget_sign(base.get()) == H5T_SGN_2;
  }
  return cls == H5T_FLOAT;
}

// Reads rows [firstRow, firstRow + rows) of the dataset into `out` converted to `memType`.
template <typename T>
std::vector<T> readRows(const File& file, const std::string& path, hid_t memType, hsize_t firstRow,
                        hsize_t rows, hsize_t rowElements) {
  Handle ds = openDataset(file, path);
  Handle fileSpace = space(H5Dget_space(ds.get()));
  if (!fileSpace.valid()) file.fail(path, "unreadable dataspace");
  std::vector<hsize_t> dims = extent(file, path, fileSpace.get());
  if (dims.empty()) file.fail(path, "expected an array, found a scalar dataset");
  hsize_t fileRowElements = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) {
    if (dims[i] != 0 && fileRowElements > kMaxReadBytes / dims[i]) file.fail(path, "implausibly large rows");
    fileRowElements *= dims[i];
  }
  if (fileRowElements != rowElements) {
    file.fail(path, "expected " + std::to_string(rowElements) + " elements per row, found " +
                        std::to_string(fileRowElements));
  }
  if (firstRow > dims[0] || rows > dims[0] - firstRow) {
    file.fail(path, "rows " + std::to_string(firstRow) + ".." + std::to_string(firstRow + rows) +
                        " requested, the dataset has " + std::to_string(dims[0]));
  }
  // Dimensions can claim far more than the file holds (chunked datasets are sparse); refuse before
  // allocating rather than fail inside the allocator.
  if (rowElements != 0 && rows > kMaxReadBytes / sizeof(T) / rowElements) {
    file.fail(path, "reading " + std::to_string(rows) + " rows at once would exceed " +
                        std::to_string(kMaxReadBytes >> 30) + " GiB; read fewer");
  }
  std::vector<T> out(static_cast<std::size_t>(rows * rowElements));
  if (out.empty()) return out;
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start[0] = firstRow;
  count[0] = rows;
  const hsize_t total = rows * rowElements;
  Handle memSpace = space(H5Screate_simple(1, &total, nullptr));
  if (H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) <
          0 ||
      !memSpace.valid() ||
      H5Dread(ds.get(), memType, memSpace.get(), fileSpace.get(), H5P_DEFAULT, out.data()) < 0) {
    file.fail(path, "reading failed (file truncated or damaged, or an unconvertible element type)");
  }
  return out;
}

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): attributes become task
// names, JSON and config.yaml lines, all of which must be valid text.
bool isValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += extra + 1;
  }
  return true;
}

std::string checkedText(const File& file, const std::string& objectPath, const std::string& name,
                        std::string value) {
  if (!isValidUtf8(value)) file.fail(objectPath, "attribute \"" + name + "\" is not valid UTF-8 text");
  return value;
}

Handle openAttribute(const File& file, const std::string& objectPath, const std::string& name) {
  if (!exists(file, objectPath)) file.fail(objectPath, "missing");
  const htri_t present = H5Aexists_by_name(file.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT);
  if (present < 0) file.fail(objectPath, "cannot read attribute \"" + name + "\"");
  if (present == 0) return Handle();
  Handle attr =
      attribute(H5Aopen_by_name(file.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
  if (!attr.valid()) file.fail(objectPath, "cannot open attribute \"" + name + "\"");
  Handle sp = space(H5Aget_space(attr.get()));
  if (!sp.valid() || H5Sget_simple_extent_npoints(sp.get()) != 1) {
    file.fail(objectPath, "attribute \"" + name + "\": expected a single value");
  }
  return attr;
}

}  // namespace

bool DatasetInfo::isNumeric() const {
  return typeClass == H5T_INTEGER || typeClass == H5T_FLOAT || (typeClass == H5T_ENUM && typeSize == 1);
}

std::string DatasetInfo::describeType() const {
  return typeName(typeClass, typeSize, isSigned);
}

bool exists(const File& file, const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    if (next > pos && H5Lexists(file.id(), path.substr(0, next).c_str(), H5P_DEFAULT) <= 0) return false;
    pos = next + 1;
  }
  return true;
}

namespace {
H5I_type_t objectType(const File& file, const std::string& path) {
  if (!exists(file, path)) return H5I_BADID;
  Handle obj = object(H5Oopen(file.id(), path.c_str(), H5P_DEFAULT));
  return obj.valid() ? H5Iget_type(obj.get()) : H5I_BADID;
}
}  // namespace

bool isGroup(const File& file, const std::string& path) {
  return objectType(file, path) == H5I_GROUP;
}
bool isDataset(const File& file, const std::string& path) {
  return objectType(file, path) == H5I_DATASET;
}

std::vector<std::string> childNames(const File& file, const std::string& groupPath) {
  Handle g = group(H5Gopen2(file.id(), groupPath.c_str(), H5P_DEFAULT));
  if (!g.valid()) file.fail(groupPath, "expected a group, cannot open it as one");
  H5G_info_t info{};
  if (H5Gget_info(g.get(), &info) < 0) file.fail(groupPath, "cannot list the group");
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(info.nlinks));
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) file.fail(groupPath, "cannot list the group");
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(len));
    names.push_back(std::move(name));
  }
  return names;
}

DatasetInfo describe(const File& file, const std::string& path) {
  Handle ds = openDataset(file, path);
  Handle sp = space(H5Dget_space(ds.get()));
  Handle ty = type(H5Dget_type(ds.get()));
  if (!sp.valid() || !ty.valid()) file.fail(path, "unreadable dataset header");
  DatasetInfo info;
  info.dims = extent(file, path, sp.get());
  info.typeClass = H5Tget_class(ty.get());
  info.typeSize = H5Tget_size(ty.get());
  info.isSigned = signedness(ty.get(), info.typeClass);
  return info;
}

std::vector<double> readDoubles(const File& file, const std::string& path, hsize_t firstRow, hsize_t rows,
                                hsize_t rowElements) {
  const DatasetInfo info = describe(file, path);
  if (info.typeClass == H5T_ENUM) {
    std::vector<std::int64_t> ints = readIntegers(file, path, firstRow, rows, rowElements);
    return std::vector<double>(ints.begin(), ints.end());
  }
  if (!info.isNumeric()) file.fail(path, "expected numbers, found " + info.describeType());
  return readRows<double>(file, path, H5T_NATIVE_DOUBLE, firstRow, rows, rowElements);
}

std::vector<std::int64_t> readIntegers(const File& file, const std::string& path, hsize_t firstRow,
                                       hsize_t rows, hsize_t rowElements) {
  const DatasetInfo info = describe(file, path);
  if (!info.isNumeric()) file.fail(path, "expected numbers, found " + info.describeType());
  if (info.typeClass != H5T_ENUM) {
    return readRows<std::int64_t>(file, path, H5T_NATIVE_INT64, firstRow, rows, rowElements);
  }
  // HDF5 converts enums only to enums, so read h5py's bool (a 1-byte enum) as raw bytes in its own
  // native type and widen them here.
  Handle ds = openDataset(file, path);
  Handle fileType = type(H5Dget_type(ds.get()));
  Handle memType = type(H5Tget_native_type(fileType.get(), H5T_DIR_ASCEND));
  if (!memType.valid()) file.fail(path, "unreadable element type");
  const std::vector<std::uint8_t> raw =
      readRows<std::uint8_t>(file, path, memType.get(), firstRow, rows, rowElements);
  std::vector<std::int64_t> out(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    out[i] = info.isSigned ? static_cast<std::int8_t>(raw[i]) : static_cast<std::int64_t>(raw[i]);
  }
  return out;
}

std::vector<std::uint8_t> readBytes(const File& file, const std::string& path, hsize_t firstRow, hsize_t rows,
                                    hsize_t rowElements) {
  return readRows<std::uint8_t>(file, path, H5T_NATIVE_UINT8, firstRow, rows, rowElements);
}

std::vector<std::string> readStrings(const File& file, const std::string& path) {
  const DatasetInfo info = describe(file, path);
  if (info.typeClass != H5T_STRING || info.rank() != 1) {
    file.fail(path, "expected a 1-D dataset of strings, found rank " + std::to_string(info.rank()) + " " +
                        info.describeType());
  }
  const hsize_t n = info.dims[0];
  if (n > kMaxStrings)
    file.fail(path, "claims " + std::to_string(n) + " strings, more than the reader accepts");
  Handle ds = openDataset(file, path);
  Handle fileType = type(H5Dget_type(ds.get()));
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n));
  if (H5Tis_variable_str(fileType.get()) > 0) {
    Handle memType = type(H5Tcopy(H5T_C_S1));
    H5Tset_size(memType.get(), H5T_VARIABLE);
    H5Tset_cset(memType.get(), H5Tget_cset(fileType.get()));
    std::vector<char*> ptrs = readRows<char*>(file, path, memType.get(), 0, n, 1);
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    Handle sp = space(H5Screate_simple(1, &n, nullptr));
    if (n > 0) H5Dvlen_reclaim(memType.get(), sp.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t size = info.typeSize;
  if (size == 0 || size > kMaxStringBytes)
    file.fail(path, "implausible string length " + std::to_string(size));
  if (n * size > kMaxStringBytes * 16'384) file.fail(path, "implausibly large string list");
  std::vector<char> raw(static_cast<std::size_t>(n * size));
  Handle memType = type(H5Tcopy(fileType.get()));
  if (n > 0 && H5Dread(ds.get(), memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0) {
    file.fail(path, "reading failed (file truncated or damaged)");
  }
  for (hsize_t i = 0; i < n; ++i) {
    const char* s = raw.data() + i * size;
    out.emplace_back(s, strnlen(s, size));
  }
  return out;
}

std::optional<std::string> stringAttribute(const File& file, const std::string& objectPath,
                                           const std::string& name) {
  Handle attr = openAttribute(file, objectPath, name);
  if (!attr.valid()) return std::nullopt;
  Handle fileType = type(H5Aget_type(attr.get()));
  const H5T_class_t cls = H5Tget_class(fileType.get());
  if (cls != H5T_STRING) {
    file.fail(objectPath, "attribute \"" + name + "\": expected a string, found " +
                              typeName(cls, H5Tget_size(fileType.get()), signedness(fileType.get(), cls)));
  }
  if (H5Tis_variable_str(fileType.get()) > 0) {
    Handle memType = type(H5Tcopy(H5T_C_S1));
    H5Tset_size(memType.get(), H5T_VARIABLE);
    H5Tset_cset(memType.get(), H5Tget_cset(fileType.get()));
    char* value = nullptr;
    if (H5Aread(attr.get(), memType.get(), &value) < 0)
      file.fail(objectPath, "cannot read attribute \"" + name + "\"");
    std::string out = value ? value : "";
    H5free_memory(value);
    return checkedText(file, objectPath, name, std::move(out));
  }
  const std::size_t size = H5Tget_size(fileType.get());
  if (size == 0 || size > kMaxStringBytes * 16)
    file.fail(objectPath, "attribute \"" + name + "\": implausible length");
  std::vector<char> raw(size, '\0');
  Handle memType = type(H5Tcopy(fileType.get()));
  if (H5Aread(attr.get(), memType.get(), raw.data()) < 0) {
    file.fail(objectPath, "cannot read attribute \"" + name + "\"");
  }
  return checkedText(file, objectPath, name, std::string(raw.data(), strnlen(raw.data(), size)));
}

std::optional<std::int64_t> integerAttribute(const File& file, const std::string& objectPath,
                                             const std::string& name) {
  Handle attr = openAttribute(file, objectPath, name);
  if (!attr.valid()) return std::nullopt;
  Handle fileType = type(H5Aget_type(attr.get()));
  const H5T_class_t cls = H5Tget_class(fileType.get());
  const std::size_t size = H5Tget_size(fileType.get());
  const bool isSigned = signedness(fileType.get(), cls);
  const std::string fail = "cannot read attribute \"" + name + "\"";
  if (cls == H5T_INTEGER && !isSigned && size == 8) {
    std::uint64_t value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_UINT64, &value) < 0) file.fail(objectPath, fail);
    std::int64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
  }
  if (cls == H5T_INTEGER) {
    std::int64_t value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_INT64, &value) < 0) file.fail(objectPath, fail);
    return value;
  }
  if (cls == H5T_ENUM && size == 1) {  // h5py's bool
    Handle memType = type(H5Tget_native_type(fileType.get(), H5T_DIR_ASCEND));
    std::uint8_t raw = 0;
    if (H5Aread(attr.get(), memType.get(), &raw) < 0) file.fail(objectPath, fail);
    return isSigned ? static_cast<std::int8_t>(raw) : static_cast<std::int64_t>(raw);
  }
  file.fail(objectPath,
            "attribute \"" + name + "\": expected an integer, found " + typeName(cls, size, isSigned));
}

}  // namespace w4rl::data::h5
