#include "data/h5_file.h"

#include <system_error>

#include "common/error.h"

namespace w4rl::data::h5 {
namespace {

// "Semi" close degree: closing the file fails while any object in it is still open instead of
// silently keeping the file alive, which would let the writer rename a file HDF5 has not finished.
Handle fileAccessList() {
  Handle fapl = plist(H5Pcreate(H5P_FILE_ACCESS));
  if (!fapl.valid() || H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI) < 0) {
    throw Error("HDF5: cannot create a file access property list");
  }
  return fapl;
}

[[noreturn]] void failOpen(const std::filesystem::path& path, const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(name + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw Error(name + ": is a directory, expected an HDF5 file");
  // H5Fis_hdf5 only checks the signature, so a positive answer plus a failed open means the rest of the
  // file is damaged, most often cut short by an interrupted copy or write.
  const htri_t signature = H5Fis_hdf5(path.c_str());
  if (signature > 0) throw Error(name + ": cannot open the HDF5 file (truncated or damaged)");
  throw Error(name + ": not an HDF5 file");
}

}  // namespace

void silenceErrorStack() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

File File::openReadOnly(const std::filesystem::path& path) {
  silenceErrorStack();
  Handle fapl = fileAccessList();
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  if (id < 0) failOpen(path, path.string());
  return File(Handle(id, H5Fclose), path.string());
}

File File::openReadWrite(const std::filesystem::path& path, std::string displayName) {
  silenceErrorStack();
  Handle fapl = fileAccessList();
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get());
  if (id < 0) failOpen(path, displayName);
  return File(Handle(id, H5Fclose), std::move(displayName));
}

File File::create(const std::filesystem::path& path, std::string displayName) {
  silenceErrorStack();
  Handle fapl = fileAccessList();
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get());
  if (id < 0) throw Error(displayName + ": cannot create " + path.string());
  return File(Handle(id, H5Fclose), std::move(displayName));
}

void File::fail(const std::string& path, const std::string& message) const {
  throw Error(name_ + ": " + path + ": " + message);
}

void File::close() {
  if (!handle_.valid()) return;
  const bool flushed = H5Fflush(handle_.get(), H5F_SCOPE_LOCAL) >= 0;
  const bool closed = handle_.close();
  if (!flushed || !closed)
    throw Error(name_ + ": writing the HDF5 file failed (disk full or object left open?)");
}

}  // namespace w4rl::data::h5
