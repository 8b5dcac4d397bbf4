#pragma once
// TFRecord framing, the container of TensorBoard's event files: each record is
//   uint64 length | uint32 masked CRC-32C of the length bytes | data | uint32 masked CRC-32C of the data,
// all little-endian. The mask (rotate right by 15, add 0xa282ead8) is TensorFlow's, so files written here
// read in TensorBoard, tensorboardX and tf.data, and theirs read here.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace w4rl {

// CRC-32C (Castagnoli, reflected polynomial 0x82f63b78) of `data`.
std::uint32_t crc32c(std::string_view data);
std::uint32_t maskedCrc32c(std::string_view data);

// `data` framed as one record.
std::string frameRecord(std::string_view data);

struct RecordScan {
  std::vector<std::string> records;  // the complete records, in order
  std::size_t consumed = 0;          // bytes of the input they span; a cut-off last record is not consumed
  std::string error;                 // why the scan stopped at a damaged record; empty when it did not
};
// The complete records at the start of `bytes`. A record cut off by the end of `bytes` (a writer still
// writing) ends the scan quietly; a wrong CRC or an impossible length ends it with `error` naming `origin`
// and the byte offset, the records before the damage kept (throwIfDamaged turns that into w4rl::Error).
RecordScan scanRecords(std::string_view bytes, const std::string& origin);
void throwIfDamaged(const RecordScan& scan);

}  // namespace w4rl
