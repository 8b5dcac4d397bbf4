#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "common/error.h"
#include "common/tf_events.h"
#include "common/tf_record.h"
#include "shared_test_support.h"

namespace w4rl {
namespace {

// A protobuf field key byte (field numbers below 16).
char key(int field, int wireType) {
  return static_cast<char>((field << 3) | wireType);
}

std::string bytesField(int field, const std::string& payload) {
  return std::string{key(field, 2), static_cast<char>(payload.size())} + payload;
}

template <typename T>
std::string raw(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

}  // namespace

TEST(TfRecord, Crc32cMatchesTheCastagnoliCheckValue) {
  EXPECT_EQ(crc32c("123456789"), 0xe3069283U);  // the standard check value of CRC-32C
  EXPECT_EQ(crc32c(""), 0U);
  const std::uint32_t c = crc32c("123456789");
  EXPECT_EQ(maskedCrc32c("123456789"), ((c >> 15) | (c << 17)) + 0xa282ead8U);
}

TEST(TfRecord, FramedRecordsScanBackAndACutOffLastOneWaits) {
  const std::string stream = frameRecord("first") + frameRecord("") + frameRecord(std::string(300, 'x'));
  EXPECT_EQ(stream.size(), 5 + 0 + 300 + 3 * 16u);
  const RecordScan whole = scanRecords(stream, "f");
  EXPECT_EQ(whole.records, (std::vector<std::string>{"first", "", std::string(300, 'x')}));
  EXPECT_EQ(whole.consumed, stream.size());
  for (const std::size_t cut : {stream.size() - 1, stream.size() - 300, frameRecord("first").size() + 3}) {
    const RecordScan part = scanRecords(std::string_view(stream).substr(0, cut), "f");
    EXPECT_LT(part.records.size(), 3u) << cut;
    EXPECT_LE(part.consumed, cut);
    EXPECT_EQ(part.consumed,
              part.records.size() == 2 ? frameRecord("first").size() + 16 : frameRecord("first").size());
  }
}

TEST(TfRecord, ADamagedRecordIsRefusedNamingItsByte) {
  std::string stream = frameRecord("first") + frameRecord("second");
  std::string body = stream;
  body[frameRecord("first").size() + 12] ^= 1;  // a data byte of the second record
  const RecordScan damaged = scanRecords(body, "run/events");
  EXPECT_EQ(damaged.records, std::vector<std::string>{"first"});
  EXPECT_EQ(damaged.consumed, frameRecord("first").size());
  EXPECT_EQ(damaged.error, "run/events: record at byte 21 has a wrong data checksum");
  EXPECT_THROW(throwIfDamaged(damaged), Error);
  std::string length = stream;
  length[0] ^= 1;
  const RecordScan badLength = scanRecords(length, "f");
  EXPECT_TRUE(badLength.records.empty());
  EXPECT_EQ(badLength.error, "f: record at byte 0 has a wrong length checksum");
  EXPECT_NO_THROW(throwIfDamaged(scanRecords(stream, "f")));
}

TEST(TfEvents, ScalarEventsRoundTripAtFloatPrecision) {
  TfEvent event;
  event.wallTime = 1764825600.25;
  event.step = 12345678901;
  event.scalars = {{"train/loss", 0.1}, {"charts/SPS", 250.0}, {"", -1.0}};
  const TfEvent back = decodeEvent(encodeEvent(event), "e");
  EXPECT_EQ(back.wallTime, event.wallTime);
  EXPECT_EQ(back.step, event.step);
  EXPECT_FALSE(back.sessionStart);
  ASSERT_EQ(back.scalars.size(), 2u);  // a value without a tag is no scalar
  EXPECT_EQ(back.scalars[0].first, "train/loss");
  EXPECT_EQ(back.scalars[0].second, static_cast<double>(0.1f));
  EXPECT_EQ(back.scalars[1], (std::pair<std::string, double>{"charts/SPS", 250.0}));

  TfEvent restart;
  restart.step = 101;
  restart.sessionStart = true;
  restart.fileVersion = "brain.Event:2";
  const TfEvent r = decodeEvent(encodeEvent(restart), "e");
  EXPECT_TRUE(r.sessionStart);
  EXPECT_EQ(r.fileVersion, "brain.Event:2");
  EXPECT_EQ(r.step, 101);
}

// TF2's tf.summary.scalar writes a tensor (dtype, shape, packed float_val or tensor_content) with the
// scalars plugin's metadata instead of simple_value.
TEST(TfEvents, ReadsTf2TensorScalarsAndSkipsOtherSummaries) {
  const std::string floatTensor = std::string{key(1, 0), 1} + bytesField(2, "") + bytesField(5, raw(2.5f));
  const std::string doubleTensor = std::string{key(1, 0), 2} + bytesField(2, "") + bytesField(4, raw(-0.75));
  const std::string vector = std::string{key(1, 0), 1} + bytesField(5, raw(1.0f) + raw(2.0f));
  const std::string image = bytesField(1, "img") + bytesField(4, "png bytes");
  const std::string metadata = bytesField(9, bytesField(1, bytesField(1, "scalars")));
  const std::string summary = bytesField(1, bytesField(1, "a") + metadata + bytesField(8, floatTensor)) +
                              bytesField(1, bytesField(1, "b") + bytesField(8, doubleTensor)) +
                              bytesField(1, bytesField(1, "v") + bytesField(8, vector)) +
                              bytesField(1, image);
  const std::string event = std::string{key(2, 0), 7} + bytesField(5, summary);
  const TfEvent e = decodeEvent(event, "e");
  EXPECT_EQ(e.step, 7);
  EXPECT_EQ(e.scalars, (std::vector<std::pair<std::string, double>>{{"a", 2.5}, {"b", -0.75}}));
}

TEST(TfEvents, MalformedEventsAreRefusedNamingTheFile) {
  for (const std::string& bad : {std::string{key(2, 0)},           // a key without its value
                                 std::string{key(5, 2), 10, 'x'},  // a field past the end
                                 std::string{key(1, 3)},           // a group
                                 std::string{key(2, 2), 0}}) {     // step as bytes
    try {
      decodeEvent(bad, "x/events.out.tfevents.1");
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("x/events.out.tfevents.1: malformed event (", 0), 0u) << e.what();
    }
  }
}

TEST(TfEvents, TheWriterStartsEachFileWithItsVersionAndNeverReusesAName) {
  const auto dir = w4rl::test::freshDir();
  TfEventsWriter a(dir), b(dir);
  EXPECT_NE(a.file(), b.file());
  EXPECT_TRUE(isEventFileName(a.file()));
  EXPECT_FALSE(isEventFileName(dir / "metrics.jsonl"));
  TfEvent e;
  e.step = 3;
  e.scalars = {{"x", 1.0}};
  a.write(e);
  std::ifstream in(a.file(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const RecordScan scan = scanRecords(bytes, a.file().string());
  ASSERT_EQ(scan.records.size(), 2u);
  EXPECT_EQ(decodeEvent(scan.records[0], "").fileVersion, "brain.Event:2");
  EXPECT_EQ(decodeEvent(scan.records[1], "").scalars, e.scalars);
}

}  // namespace w4rl
