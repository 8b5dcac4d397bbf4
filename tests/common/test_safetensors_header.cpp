// The safetensors header: what encodeHeader writes parses back, and each kind of damage a file can carry
// (a gap or overlap in the data, a truncated file, an unknown dtype, bad JSON) is refused with its name.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "common/error.h"
#include "common/safetensors_header.h"

namespace w4rl::safetensors {
namespace {

void expectRefused(const std::string& json, std::uint64_t dataBytes, const std::string& mention) {
  try {
    parseHeader(json, dataBytes, "f.safetensors");
    FAIL() << "accepted " << json;
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("f.safetensors: ", 0), 0u) << what;
    EXPECT_NE(what.find(mention), std::string::npos) << what;
  }
}

Header twoTensors() {
  Header h;
  h.metadata = {{"kind", "world_model"},
                {"config", "tasks: hammer,soccer\nname: \"q\" \\ \t\x01 \xe4\xb8\x96"}};
  h.tensors.push_back({"model.b", "F32", {2, 3}, 0, 24});
  h.tensors.push_back({"model.a", "I64", {}, 24, 32});
  h.tensors.push_back({"model.empty", "BF16", {0, 4}, 32, 32});
  return h;
}

}  // namespace

TEST(SafetensorsHeader, EncodedHeaderParsesBackPaddedToEightBytes) {
  const Header h = twoTensors();
  const std::string json = encodeHeader(h);
  EXPECT_EQ(json.size() % 8, 0u);
  EXPECT_EQ(json.front(), '{');
  const Header back = parseHeader(json, 32, "f");
  EXPECT_EQ(back.metadata, h.metadata);  // escapes, control characters and UTF-8 survive
  ASSERT_EQ(back.tensors.size(), 3u);
  EXPECT_EQ(back.tensors[0].name, "model.b");
  EXPECT_EQ(back.tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(back.tensors[1].name, "model.a");
  EXPECT_TRUE(back.tensors[1].shape.empty());  // a scalar
  EXPECT_EQ(back.tensors[2].end, 32u);
}

TEST(SafetensorsHeader, ReadsWhatOtherWritersWrite) {
  // The reference implementation's spacing, a \u escape with a surrogate pair, no metadata.
  const std::string json =
      R"({"w\u00e9\ud83d\ude00": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]} ,"x":{"data_offsets":[4,5],"shape":[1],"dtype":"U8"}}   )";
  const Header h = parseHeader(json, 5, "f");
  ASSERT_EQ(h.tensors.size(), 2u);
  EXPECT_EQ(h.tensors[0].name, "w\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_TRUE(h.metadata.empty());
}

TEST(SafetensorsHeader, RefusesDataTheTensorsDoNotTile) {
  const auto t = [](const std::string& name, const std::string& offsets, const std::string& shape = "[2]") {
    return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
  };
  expectRefused("{" + t("a", "[0,8]") + "," + t("b", "[12,20]") + "}", 20, "'b' leaves a gap");
  expectRefused("{" + t("a", "[0,8]") + "," + t("b", "[4,12]") + "}", 12, "'b' overlaps");
  expectRefused("{" + t("a", "[0,8]") + "}", 4, "truncated file");
  expectRefused("{" + t("a", "[0,8]") + "}", 9, "trailing bytes");
  expectRefused("{" + t("a", "[0,12]") + "}", 12, "do not hold its shape (8 bytes)");
  expectRefused("{" + t("a", "[8,0]") + "}", 0, "do not hold");
  expectRefused("{" + t("a", "[0,8]", "[4294967296,4294967296,4294967296]") + "}", 8, "too large");
  expectRefused(R"({"a":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}})", 1, "unknown dtype 'F8'");
}

TEST(SafetensorsHeader, RefusesMalformedJsonNamingThePlace) {
  expectRefused("", 0, "expected '{'");
  expectRefused("[]", 0, "expected '{'");
  expectRefused(R"({"a":{"dtype":"F32","shape":[1]}})", 4, "'a' lacks data_offsets");
  expectRefused(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4, "non-negative integer");
  expectRefused(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4, "not a fraction");
  expectRefused(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}})", 4,
                "unexpected or repeated key 'extra'");
  expectRefused(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}})", 4, "[begin, end]");
  expectRefused(R"({"__metadata__":{"k":1}})", 0, "metadata 'k' is not a string");
  expectRefused(R"({"__metadata__":{"k":"a","k":"b"}})", 0, "appears twice");
  expectRefused(R"({"__metadata__":{},"__metadata__":{}})", 0, "appears twice");
  expectRefused(R"({"__metadata__":{"k":"\q"}})", 0, "unknown escape");
  expectRefused(R"({"__metadata__":{"k":"\ud800"}})", 0, "lone high surrogate");
  expectRefused(R"({"__metadata__":{"k":"abc)", 0, "unterminated string");
  expectRefused(R"({"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}})", 4,
                "out of range");
  expectRefused(R"({} x)", 0, "text after");
}

}  // namespace w4rl::safetensors
