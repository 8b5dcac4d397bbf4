// The ZIP integrity check on archives written here byte by byte (the layout LibTorch writes: stored
// records, a local header per record, the central directory, the end record), intact and damaged.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/zip_integrity.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl {
namespace {

void putLe(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

struct Entry {
  std::string name, data;
  int method = 0;
};

// A minimal stored ZIP archive; `crcOffset` is added to every stored CRC (0: correct ones).
std::string makeZip(const std::vector<Entry>& entries, std::uint32_t crcOffset = 0) {
  std::string out, central;
  for (const auto& e : entries) {
    const std::uint32_t crc = crc32(e.data.data(), e.data.size()) + crcOffset;
    const auto offset = out.size();
    auto header = [&](std::string& h, bool local) {
      putLe(h, local ? 0x04034b50 : 0x02014b50, 4);
      if (!local) putLe(h, 20, 2);  // version made by
      putLe(h, 20, 2);              // version needed
      putLe(h, 0, 2);               // flags
      putLe(h, static_cast<std::uint64_t>(e.method), 2);
      putLe(h, 0, 4);  // time, date
      putLe(h, crc, 4);
      putLe(h, e.data.size(), 4);
      putLe(h, e.data.size(), 4);
      putLe(h, e.name.size(), 2);
      putLe(h, 0, 2);  // extra
      if (!local) {
        putLe(h, 0, 2);  // comment
        putLe(h, 0, 2);  // disk
        putLe(h, 0, 2);  // internal attributes
        putLe(h, 0, 4);  // external attributes
        putLe(h, offset, 4);
      }
      h += e.name;
    };
    header(out, true);
    out += e.data;
    header(central, false);
  }
  const auto centralOffset = out.size();
  out += central;
  putLe(out, 0x06054b50, 4);
  putLe(out, 0, 4);
  putLe(out, entries.size(), 2);
  putLe(out, entries.size(), 2);
  putLe(out, central.size(), 4);
  putLe(out, centralOffset, 4);
  putLe(out, 0, 2);
  return out;
}

fs::path writeFile(const std::string& name, const std::string& bytes) {
  const auto file = w4rl::test::freshDir() / name;
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

std::string refusal(const fs::path& file) {
  try {
    verifyZipArchive(file);
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

const std::vector<Entry> kEntries{{"archive/data.pkl", "header bytes"},
                                  {"archive/data/0", std::string(4096, 'x')}};

}  // namespace

TEST(ZipIntegrity, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926U);
  EXPECT_EQ(crc32("", 0), 0U);
  // Continuing from a partial CRC gives the CRC of the whole.
  EXPECT_EQ(crc32("56789", 5, crc32("1234", 4)), 0xCBF43926U);
}

TEST(ZipIntegrity, AcceptsAnIntactArchive) {
  EXPECT_EQ(refusal(writeFile("good.pt", makeZip(kEntries))), "");
}

TEST(ZipIntegrity, RefusesAFlippedByteNamingTheRecord) {
  auto bytes = makeZip(kEntries);
  bytes[bytes.find(std::string(64, 'x')) + 100] = 'y';  // inside archive/data/0's data
  const auto what = refusal(writeFile("flipped.pt", bytes));
  EXPECT_NE(what.find("flipped.pt"), std::string::npos) << what;
  EXPECT_NE(what.find("'archive/data/0' fails its CRC-32 check"), std::string::npos) << what;
}

TEST(ZipIntegrity, RefusesAWrongStoredCrc) {
  EXPECT_NE(refusal(writeFile("crc.pt", makeZip(kEntries, 1))).find("CRC-32"), std::string::npos);
}

TEST(ZipIntegrity, RefusesFilesCutShortAtAnyPoint) {
  const auto bytes = makeZip(kEntries);
  for (std::size_t keep :
       {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 30, bytes.size() - 1}) {
    const auto what = refusal(writeFile("cut.pt", bytes.substr(0, keep)));
    EXPECT_NE(what.find("cut.pt: "), std::string::npos) << "kept " << keep << " bytes: '" << what << "'";
  }
}

TEST(ZipIntegrity, RefusesTextAndMissingFilesAndLeavesCompressedRecordsToInflate) {
  EXPECT_NE(refusal(writeFile("text.pt", "this is not an archive")).find("not a ZIP archive"),
            std::string::npos);
  // A deflated record's CRC covers its inflated bytes: only its place in the archive is checked here.
  EXPECT_EQ(refusal(writeFile("deflated.pt", makeZip({{"a", "abc", 8}}, 1))), "");
  EXPECT_NE(refusal(w4rl::test::freshDir() / "missing.pt").find("missing.pt"), std::string::npos);
}

}  // namespace w4rl
