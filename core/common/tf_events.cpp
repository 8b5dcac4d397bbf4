#include "common/tf_events.h"

#include <unistd.h>

#include <chrono>
#include <cstring>

#include "common/error.h"
#include "common/tf_record.h"

namespace w4rl {
namespace {

// Field numbers of event.proto and summary.proto.
enum EventField { kWallTime = 1, kStep = 2, kFileVersion = 3, kSummary = 5, kSessionLog = 7 };
enum SummaryField { kValue = 1 };
enum ValueField { kTag = 1, kSimpleValue = 2, kTensor = 8 };
enum TensorField { kDtype = 1, kShape = 2, kContent = 4, kFloatVal = 5, kDoubleVal = 6 };
enum SessionLogField { kStatus = 1 };
constexpr std::uint64_t kSessionStart = 1;
constexpr std::uint64_t kDtFloat = 1, kDtDouble = 2;
enum WireType { kVarint = 0, kFixed64 = 1, kBytes = 2, kFixed32 = 5 };

// --- encoding ---

void putVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void putKey(std::string& out, int field, WireType type) {
  putVarint(out, (static_cast<std::uint64_t>(field) << 3) | type);
}

template <typename T>
void putFixed(std::string& out, T value) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "fixed32 or fixed64");
  unsigned char raw[sizeof(T)];
  std::memcpy(raw, &value, sizeof(T));  // the machines we build for are little-endian, as the format
  out.append(reinterpret_cast<const char*>(raw), sizeof(T));
}

void putBytes(std::string& out, int field, std::string_view bytes) {
  putKey(out, field, kBytes);
  putVarint(out, bytes.size());
  out.append(bytes);
}

// --- decoding ---

class Fields {
 public:
  Fields(std::string_view bytes, const std::string& origin) : bytes_(bytes), origin_(origin) {}
  // Reads the next field's key; false at the end.
  bool next() {
    if (at_ >= bytes_.size()) return false;
    const std::uint64_t key = varint();
    field_ = static_cast<int>(key >> 3);
    type_ = static_cast<int>(key & 7);
    if (type_ != kVarint && type_ != kFixed64 && type_ != kBytes && type_ != kFixed32)
      fail("an unsupported wire type " + std::to_string(type_));
    return true;
  }
  int field() const { return field_; }
  int type() const { return type_; }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) fail("a cut-off number");
      const auto b = static_cast<unsigned char>(bytes_[at_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("a number longer than 10 bytes");
  }
  template <typename T>
  T fixed() {
    if (bytes_.size() - at_ < sizeof(T)) fail("a cut-off fixed-size value");
    T v;
    std::memcpy(&v, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string_view bytes() {
    const std::uint64_t n = varint();
    if (n > bytes_.size() - at_) fail("a field longer than its message");
    const auto out = bytes_.substr(at_, static_cast<std::size_t>(n));
    at_ += static_cast<std::size_t>(n);
    return out;
  }
  void skip() {
    switch (type_) {
      case kVarint:
        varint();
        break;
      case kFixed64:
        fixed<std::uint64_t>();
        break;
      case kFixed32:
        fixed<std::uint32_t>();
        break;
      default:
        bytes();
        break;
    }
  }
  // Reads a field expected to have wire type `type`, or fails naming what.
  void expect(int type, const char* what) {
    if (type_ != type) fail(std::string(what) + " with the wrong wire type");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(origin_ + ": malformed event (" + what + " at byte " + std::to_string(at_) + ")");
  }
  const std::string& origin() const { return origin_; }

 private:
  std::string_view bytes_;
  std::string origin_;
  std::size_t at_ = 0;
  int field_ = 0, type_ = 0;
};

template <typename T>
void appendRaw(std::string_view raw, std::vector<double>& values) {
  for (std::size_t at = 0; at + sizeof(T) <= raw.size(); at += sizeof(T)) {
    T v;
    std::memcpy(&v, raw.data() + at, sizeof(T));
    values.push_back(static_cast<double>(v));
  }
}

// The value of a TensorProto holding one float or double (TF2's scalar summaries), if it holds one.
bool tensorScalar(std::string_view bytes, const std::string& origin, double& value) {
  Fields f(bytes, origin);
  std::uint64_t dtype = 0;
  std::vector<double> values;
  std::string_view content;
  while (f.next()) {
    if (f.field() == kDtype && f.type() == kVarint)
      dtype = f.varint();
    else if (f.field() == kFloatVal && f.type() == kBytes)  // packed
      appendRaw<float>(f.bytes(), values);
    else if (f.field() == kDoubleVal && f.type() == kBytes)
      appendRaw<double>(f.bytes(), values);
    else if (f.field() == kFloatVal && f.type() == kFixed32)
      values.push_back(f.fixed<float>());
    else if (f.field() == kDoubleVal && f.type() == kFixed64)
      values.push_back(f.fixed<double>());
    else if (f.field() == kContent && f.type() == kBytes)
      content = f.bytes();
    else
      f.skip();
  }
  if (values.empty() && dtype == kDtFloat && content.size() == sizeof(float))
    appendRaw<float>(content, values);
  if (values.empty() && dtype == kDtDouble && content.size() == sizeof(double))
    appendRaw<double>(content, values);
  if (values.size() != 1 || (dtype != kDtFloat && dtype != kDtDouble)) return false;
  value = values.front();
  return true;
}

void decodeSummary(std::string_view bytes, const std::string& origin, TfEvent& event) {
  Fields summary(bytes, origin);
  while (summary.next()) {
    if (summary.field() != kValue || summary.type() != kBytes) {
      summary.skip();
      continue;
    }
    Fields v(summary.bytes(), origin);
    std::string tag;
    bool has = false;
    double value = 0;
    while (v.next()) {
      if (v.field() == kTag && v.type() == kBytes) {
        tag = std::string(v.bytes());
      } else if (v.field() == kSimpleValue && v.type() == kFixed32) {
        value = v.fixed<float>();
        has = true;
      } else if (v.field() == kTensor && v.type() == kBytes) {
        has = tensorScalar(v.bytes(), origin, value);
      } else {
        v.skip();
      }
    }
    if (has && !tag.empty()) event.scalars.emplace_back(std::move(tag), value);
  }
}

}  // namespace

std::string encodeEvent(const TfEvent& event) {
  std::string out;
  putKey(out, kWallTime, kFixed64);
  putFixed(out, event.wallTime);
  putKey(out, kStep, kVarint);
  putVarint(out, static_cast<std::uint64_t>(event.step));
  if (!event.fileVersion.empty()) putBytes(out, kFileVersion, event.fileVersion);
  if (event.sessionStart) {
    std::string log;
    putKey(log, kStatus, kVarint);
    putVarint(log, kSessionStart);
    putBytes(out, kSessionLog, log);
  }
  if (!event.scalars.empty()) {
    std::string summary;
    for (const auto& [tag, value] : event.scalars) {
      std::string v;
      putBytes(v, kTag, tag);
      putKey(v, kSimpleValue, kFixed32);
      putFixed(v, static_cast<float>(value));
      putBytes(summary, kValue, v);
    }
    putBytes(out, kSummary, summary);
  }
  return out;
}

TfEvent decodeEvent(std::string_view bytes, const std::string& origin) {
  TfEvent event;
  Fields f(bytes, origin);
  while (f.next()) {
    switch (f.field()) {
      case kWallTime:
        f.expect(kFixed64, "wall_time");
        event.wallTime = f.fixed<double>();
        break;
      case kStep:
        f.expect(kVarint, "step");
        event.step = static_cast<std::int64_t>(f.varint());
        break;
      case kFileVersion:
        f.expect(kBytes, "file_version");
        event.fileVersion = std::string(f.bytes());
        break;
      case kSummary:
        f.expect(kBytes, "summary");
        decodeSummary(f.bytes(), origin, event);
        break;
      case kSessionLog: {
        f.expect(kBytes, "session_log");
        Fields log(f.bytes(), origin);
        while (log.next()) {
          if (log.field() == kStatus && log.type() == kVarint)
            event.sessionStart = log.varint() == kSessionStart;
          else
            log.skip();
        }
        break;
      }
      default:
        f.skip();
    }
  }
  return event;
}

bool isEventFileName(const std::filesystem::path& file) {
  return file.filename().string().rfind("events.out.tfevents.", 0) == 0;
}

TfEventsWriter::TfEventsWriter(const std::filesystem::path& dir) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::strcpy(host, "localhost");
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const std::string stem = "events.out.tfevents." +
                           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()) +
                           "." + host + "." + std::to_string(getpid()) + ".";
  for (int n = 0;; ++n) {
    file_ = dir / (stem + std::to_string(n));
    if (!std::filesystem::exists(file_)) break;
  }
  out_.open(file_, std::ios::binary);
  if (!out_) throw Error("cannot create " + file_.string());
  TfEvent first;
  first.wallTime = std::chrono::duration<double>(now).count();
  first.fileVersion = "brain.Event:2";
  write(first);
}

void TfEventsWriter::write(const TfEvent& event) {
  out_ << frameRecord(encodeEvent(event));
  out_.flush();
  if (!out_) throw Error("cannot write to " + file_.string());
}

}  // namespace w4rl
