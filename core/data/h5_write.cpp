#include "data/h5_write.h"

#include <algorithm>
#include <cstring>

#include "data/h5_read.h"

namespace w4rl::data::h5 {
namespace {

Handle fixedStringType(const File& file, const std::string& path, std::size_t size) {
  Handle t = type(H5Tcopy(H5T_C_S1));
  // HDF5 rejects size 0; an empty string is stored as one padding byte.
  if (!t.valid() || H5Tset_size(t.get(), std::max<std::size_t>(size, 1)) < 0 ||
      H5Tset_strpad(t.get(), H5T_STR_NULLPAD) < 0 || H5Tset_cset(t.get(), H5T_CSET_ASCII) < 0) {
    file.fail(path, "cannot create a string type");
  }
  return t;
}

void writeAttribute(const File& file, const std::string& objectPath, const std::string& name, hid_t fileType,
                    hid_t memType, const void* value) {
  const htri_t present = H5Aexists_by_name(file.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT);
  if (present > 0 && H5Adelete_by_name(file.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT) < 0) {
    file.fail(objectPath, "cannot replace attribute \"" + name + "\"");
  }
  Handle sp = space(H5Screate(H5S_SCALAR));
  Handle attr = attribute(H5Acreate_by_name(file.id(), objectPath.c_str(), name.c_str(), fileType, sp.get(),
                                            H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (!attr.valid() || H5Awrite(attr.get(), memType, value) < 0) {
    file.fail(objectPath, "cannot write attribute \"" + name + "\"");
  }
}

}  // namespace

void ensureGroup(const File& file, const std::string& path) {
  if (exists(file, path)) {
    if (!isGroup(file, path)) file.fail(path, "expected a group, found another kind of object");
    return;
  }
  Handle lcpl = plist(H5Pcreate(H5P_LINK_CREATE));
  H5Pset_create_intermediate_group(lcpl.get(), 1);
  Handle g = group(H5Gcreate2(file.id(), path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT));
  if (!g.valid()) file.fail(path, "cannot create group");
}

void removeIfExists(const File& file, const std::string& path) {
  if (exists(file, path) && H5Ldelete(file.id(), path.c_str(), H5P_DEFAULT) < 0) {
    file.fail(path, "cannot remove");
  }
}

void writeDataset(const File& file, const std::string& path, hid_t fileType, hid_t memType,
                  const std::vector<hsize_t>& dims, const void* data, const DatasetLayout& layout) {
  Handle sp = space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
  Handle dcpl = plist(H5Pcreate(H5P_DATASET_CREATE));
  if (!sp.valid() || !dcpl.valid()) file.fail(path, "cannot describe the dataset");
  if (!layout.chunk.empty()) {
    if (H5Pset_chunk(dcpl.get(), static_cast<int>(layout.chunk.size()), layout.chunk.data()) < 0) {
      file.fail(path, "cannot set chunking");
    }
    if (layout.gzipLevel >= 0 && H5Pset_deflate(dcpl.get(), static_cast<unsigned>(layout.gzipLevel)) < 0) {
      file.fail(path, "gzip compression is not available in this HDF5 library");
    }
  }
  Handle lcpl = plist(H5Pcreate(H5P_LINK_CREATE));
  H5Pset_create_intermediate_group(lcpl.get(), 1);
  Handle ds =
      dataset(H5Dcreate2(file.id(), path.c_str(), fileType, sp.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT));
  if (!ds.valid()) file.fail(path, "cannot create dataset");
  hsize_t elements = 1;
  for (hsize_t d : dims) elements *= d;
  if (elements > 0 && H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    file.fail(path, "writing failed (disk full?)");
  }
}

void writeStrings(const File& file, const std::string& path, const std::vector<std::string>& values) {
  std::size_t width = 1;
  for (const std::string& v : values) width = std::max(width, v.size());
  std::vector<char> packed(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::memcpy(packed.data() + i * width, values[i].data(), values[i].size());
  Handle t = fixedStringType(file, path, width);
  writeDataset(file, path, t.get(), t.get(), {static_cast<hsize_t>(values.size())}, packed.data());
}

void writeStringAttribute(const File& file, const std::string& objectPath, const std::string& name,
                          const std::string& value) {
  Handle t = fixedStringType(file, objectPath, value.size());
  // A 1-byte buffer for the empty string, matching the 1-byte type.
  std::string padded = value.empty() ? std::string(1, '\0') : value;
  writeAttribute(file, objectPath, name, t.get(), t.get(), padded.data());
}

void writeInt64Attribute(const File& file, const std::string& objectPath, const std::string& name,
                         std::int64_t value) {
  writeAttribute(file, objectPath, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void writeUint64Attribute(const File& file, const std::string& objectPath, const std::string& name,
                          std::uint64_t value) {
  writeAttribute(file, objectPath, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

void writeUint8Attribute(const File& file, const std::string& objectPath, const std::string& name,
                         std::uint8_t value) {
  writeAttribute(file, objectPath, name, H5T_STD_U8LE, H5T_NATIVE_UINT8, &value);
}

}  // namespace w4rl::data::h5
