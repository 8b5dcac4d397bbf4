#include "common/zip_integrity.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include "common/crc.h"
#include "common/error.h"

namespace w4rl {
namespace {

// Record signatures and the fixed sizes of the headers they start (APPNOTE.TXT, sections 4.3.7-4.3.16).
constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEnd = 0x06054b50,
                        kEnd64 = 0x06064b50, kEnd64Locator = 0x07064b50;
constexpr std::size_t kLocalHeaderSize = 30, kCentralHeaderSize = 46, kEndSize = 22, kEnd64LocatorSize = 20,
                      kEnd64Size = 56;
constexpr std::uint32_t kOverflow32 = 0xFFFFFFFFU;

std::uint64_t readLe(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

class ArchiveFile {
 public:
  explicit ArchiveFile(const std::filesystem::path& file)
      : name_(file.string()), in_(file, std::ios::binary) {
    if (!in_) throw Error(name_ + ": cannot be opened for reading");
    in_.seekg(0, std::ios::end);
    size_ = static_cast<std::uint64_t>(in_.tellg());
  }
  std::uint64_t size() const { return size_; }
  [[noreturn]] void fail(const std::string& what) const { throw Error(name_ + ": " + what); }
  std::vector<unsigned char> read(std::uint64_t offset, std::uint64_t count) {
    if (offset > size_ || count > size_ - offset)
      fail("truncated or damaged archive (a record points past the end of the file)");
    std::vector<unsigned char> out(count);
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(count));
    if (!in_) fail("read error");
    return out;
  }
  std::uint32_t crcOf(std::uint64_t offset, std::uint64_t count) {
    if (offset > size_ || count > size_ - offset)
      fail("truncated archive (a record runs past the end of the file)");
    in_.seekg(static_cast<std::streamoff>(offset));
    // One buffer for all records: a checkpoint holds hundreds of them, most far smaller than a chunk.
    if (chunk_.empty()) chunk_.resize(1 << 20);
    std::uint32_t crc = 0;
    while (count > 0) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(count, chunk_.size()));
      in_.read(chunk_.data(), static_cast<std::streamsize>(n));
      if (!in_) fail("read error");
      crc = crc32(chunk_.data(), n, crc);
      count -= n;
    }
    return crc;
  }

 private:
  std::string name_;
  std::ifstream in_;
  std::uint64_t size_ = 0;
  std::vector<char> chunk_;
};

struct Directory {
  std::uint64_t entries = 0, offset = 0, size = 0;
};

Directory findDirectory(ArchiveFile& f) {
  const std::string notZip = "not a ZIP archive, or cut short (no end-of-central-directory record)";
  if (f.size() < kEndSize) f.fail(notZip);
  // The end record sits in the last 22 bytes plus at most a 65535-byte comment.
  const std::uint64_t tail = std::min<std::uint64_t>(f.size(), kEndSize + 0xFFFF);
  const auto buf = f.read(f.size() - tail, tail);
  for (std::size_t pos = buf.size() - kEndSize + 1; pos-- > 0;) {
    const unsigned char* p = buf.data() + pos;
    if (readLe(p, 4) != kEnd) continue;
    Directory d{readLe(p + 10, 2), readLe(p + 16, 4), readLe(p + 12, 4)};
    const std::uint64_t endAt = f.size() - tail + pos;
    if (d.entries == 0xFFFF || d.offset == kOverflow32 || d.size == kOverflow32) {
      if (endAt < kEnd64LocatorSize) f.fail(notZip);
      const auto locator = f.read(endAt - kEnd64LocatorSize, kEnd64LocatorSize);
      if (readLe(locator.data(), 4) != kEnd64Locator) f.fail("damaged archive (ZIP64 locator missing)");
      const auto end64 = f.read(readLe(locator.data() + 8, 8), kEnd64Size);
      if (readLe(end64.data(), 4) != kEnd64) f.fail("damaged archive (ZIP64 end record missing)");
      d = {readLe(end64.data() + 32, 8), readLe(end64.data() + 48, 8), readLe(end64.data() + 40, 8)};
    }
    return d;
  }
  f.fail(notZip);
}

struct Record {
  std::string name;
  std::uint32_t method = 0, crc = 0;
  std::uint64_t compressedSize = 0, size = 0, localOffset = 0;
};

// Sizes and offset too large for 32 bits are in the ZIP64 extra field (id 1), in this order.
void applyZip64Extra(Record& r, const unsigned char* extra, std::size_t length) {
  for (std::size_t pos = 0; pos + 4 <= length;) {
    const auto id = readLe(extra + pos, 2), size = readLe(extra + pos + 2, 2);
    const unsigned char* field = extra + pos + 4;
    if (pos + 4 + size > length) return;
    if (id == 1) {
      std::size_t at = 0;
      for (std::uint64_t* value : {&r.size, &r.compressedSize, &r.localOffset})
        if (*value == kOverflow32 && at + 8 <= size) {
          *value = readLe(field + at, 8);
          at += 8;
        }
      return;
    }
    pos += 4 + size;
  }
}

}  // namespace

std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc) {
  return Crc32::update(data, size, crc);
}

void verifyZipArchive(const std::filesystem::path& file) {
  ArchiveFile f(file);
  const Directory dir = findDirectory(f);
  const auto central = f.read(dir.offset, dir.size);
  std::size_t pos = 0;
  for (std::uint64_t i = 0; i < dir.entries; ++i) {
    if (pos + kCentralHeaderSize > central.size() || readLe(central.data() + pos, 4) != kCentralHeader)
      f.fail("damaged archive (central directory entry " + std::to_string(i) + " is not readable)");
    const unsigned char* h = central.data() + pos;
    const auto nameLength = readLe(h + 28, 2), extraLength = readLe(h + 30, 2),
               commentLength = readLe(h + 32, 2);
    if (pos + kCentralHeaderSize + nameLength + extraLength + commentLength > central.size())
      f.fail("damaged archive (central directory entry " + std::to_string(i) + " is cut short)");
    Record r;
    r.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), nameLength);
    r.method = static_cast<std::uint32_t>(readLe(h + 10, 2));
    r.crc = static_cast<std::uint32_t>(readLe(h + 16, 4));
    r.compressedSize = readLe(h + 20, 4);
    r.size = readLe(h + 24, 4);
    r.localOffset = readLe(h + 42, 4);
    applyZip64Extra(r, h + kCentralHeaderSize + nameLength, extraLength);
    pos += kCentralHeaderSize + nameLength + extraLength + commentLength;

    if (r.method == 0 && r.compressedSize != r.size)
      f.fail("damaged archive (stored record '" + r.name + "' has two different sizes)");
    const auto local = f.read(r.localOffset, kLocalHeaderSize);
    if (readLe(local.data(), 4) != kLocalHeader)
      f.fail("damaged archive (record '" + r.name + "' has no local header where the directory says)");
    const std::uint64_t data =
        r.localOffset + kLocalHeaderSize + readLe(local.data() + 26, 2) + readLe(local.data() + 28, 2);
    if (data > dir.offset || r.compressedSize > dir.offset - data)
      f.fail("truncated or damaged archive (record '" + r.name + "' overlaps the central directory)");
    // A compressed record's CRC is of its inflated bytes, which the reader's inflate checks.
    if (r.method == 0 && f.crcOf(data, r.size) != r.crc)
      f.fail("damaged file: record '" + r.name +
             "' fails its CRC-32 check (its bytes changed after writing)");
  }
}

}  // namespace w4rl
