#pragma once
// Owns one HDF5 identifier (file, group, dataset, dataspace, datatype, attribute, property list) and
// closes it with the matching H5?close function, so early returns and exceptions never leak handles.
// Leaked handles would keep a file open after H5Fclose and make the writer's rename publish a file the
// library has not finished writing. Private to w4rl_data: no public header includes HDF5.
#include <hdf5.h>

#include <utility>

namespace w4rl::data::h5 {

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Closes now and reports whether HDF5 accepted it; for files this is where buffered data is written.
  bool close() {
    if (!valid()) return true;
    const herr_t status = closer_(id_);
    id_ = H5I_INVALID_HID;
    return status >= 0;
  }

 private:
  void reset() {
    if (valid()) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

inline Handle group(hid_t id) {
  return Handle(id, H5Gclose);
}
inline Handle dataset(hid_t id) {
  return Handle(id, H5Dclose);
}
inline Handle space(hid_t id) {
  return Handle(id, H5Sclose);
}
inline Handle type(hid_t id) {
  return Handle(id, H5Tclose);
}
inline Handle attribute(hid_t id) {
  return Handle(id, H5Aclose);
}
inline Handle plist(hid_t id) {
  return Handle(id, H5Pclose);
}
inline Handle object(hid_t id) {
  return Handle(id, H5Oclose);
}

}  // namespace w4rl::data::h5
