#pragma once
// Table-driven reflected CRC-32 of a given polynomial. CRC-32 as ZIP, PNG and zlib define it and CRC-32C
// (Castagnoli, TFRecord's) differ in the polynomial alone; both are computed byte by byte from one
// 256-entry table built at compile time.
#include <array>
#include <cstddef>
#include <cstdint>

namespace w4rl {
namespace crc_detail {

constexpr std::array<std::uint32_t, 256> reflectedTable(std::uint32_t polynomial) {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1U) ? polynomial ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

}  // namespace crc_detail

template <std::uint32_t ReflectedPolynomial>
struct ReflectedCrc32 {
  // The CRC of `size` bytes, continuing from `crc` (the CRC of the bytes before them; 0 for none).
  static std::uint32_t update(const void* data, std::size_t size, std::uint32_t crc = 0) {
    const auto* p = static_cast<const unsigned char*>(data);
    crc = ~crc;
    for (std::size_t i = 0; i < size; ++i) crc = kTable[(crc ^ p[i]) & 0xFFU] ^ (crc >> 8);
    return ~crc;
  }

 private:
  static constexpr std::array<std::uint32_t, 256> kTable = crc_detail::reflectedTable(ReflectedPolynomial);
};

using Crc32 = ReflectedCrc32<0xEDB88320U>;   // ZIP, PNG, zlib
using Crc32c = ReflectedCrc32<0x82F63B78U>;  // Castagnoli: TFRecord, iSCSI
}  // namespace w4rl
