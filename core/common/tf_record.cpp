#include "common/tf_record.h"

#include "common/crc.h"
#include "common/error.h"

namespace w4rl {
namespace {

// A record's data may not exceed this; a larger length field means a damaged or foreign file.
constexpr std::uint64_t kMaxRecordBytes = 1ULL << 30;

void appendLittleEndian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xffU);
}

std::uint64_t readLittleEndian(std::string_view bytes, std::size_t at, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i)
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

}  // namespace

std::uint32_t crc32c(std::string_view data) {
  return Crc32c::update(data.data(), data.size());
}

std::uint32_t maskedCrc32c(std::string_view data) {
  const std::uint32_t c = crc32c(data);
  return ((c >> 15) | (c << 17)) + 0xa282ead8U;
}

std::string frameRecord(std::string_view data) {
  std::string out;
  out.reserve(data.size() + 16);
  appendLittleEndian(out, data.size(), 8);
  appendLittleEndian(out, maskedCrc32c(out), 4);
  out.append(data);
  appendLittleEndian(out, maskedCrc32c(data), 4);
  return out;
}

RecordScan scanRecords(std::string_view bytes, const std::string& origin) {
  RecordScan scan;
  std::size_t at = 0;
  while (bytes.size() - at >= 12) {
    const std::uint64_t length = readLittleEndian(bytes, at, 8);
    const std::string where = origin + ": record at byte " + std::to_string(at);
    if (static_cast<std::uint32_t>(readLittleEndian(bytes, at + 8, 4)) != maskedCrc32c(bytes.substr(at, 8))) {
      scan.error = where + " has a wrong length checksum";
      break;
    }
    if (length > kMaxRecordBytes) {
      scan.error = where + " claims " + std::to_string(length) + " bytes";
      break;
    }
    if (bytes.size() - at - 12 < length + 4) break;  // still being written
    const std::string_view data = bytes.substr(at + 12, static_cast<std::size_t>(length));
    const std::size_t crcAt = at + 12 + static_cast<std::size_t>(length);
    if (static_cast<std::uint32_t>(readLittleEndian(bytes, crcAt, 4)) != maskedCrc32c(data)) {
      scan.error = where + " has a wrong data checksum";
      break;
    }
    scan.records.emplace_back(data);
    at = crcAt + 4;
  }
  scan.consumed = at;
  return scan;
}

void throwIfDamaged(const RecordScan& scan) {
  if (!scan.error.empty()) throw Error(scan.error);
}

}  // namespace w4rl
