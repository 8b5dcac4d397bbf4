#include "data/parquet_writer.h"

#include <cstring>

#include "common/atomic_file.h"
#include "common/error.h"

namespace w4rl::data {
namespace {

// parquet.thrift's enum values.
constexpr std::int32_t kBoolean = 0, kInt64 = 2, kFloat = 4;  // Type
constexpr std::int32_t kRequired = 0, kRepeated = 2;          // FieldRepetitionType
constexpr std::int32_t kConvertedList = 3;                    // ConvertedType
constexpr std::int32_t kPlain = 0, kRle = 3;                  // Encoding
constexpr std::int32_t kUncompressed = 0;                     // CompressionCodec
constexpr std::int32_t kDataPage = 0;                         // PageType
constexpr char kMagic[] = "PAR1";

void appendLittleEndian(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void appendVarint(std::vector<std::uint8_t>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

// Thrift's compact protocol, the subset parquet's structs need: i32, i64, binary, struct and list fields.
class CompactWriter {
 public:
  explicit CompactWriter(std::vector<std::uint8_t>& out) : out_(out) {}

  void i32(std::int16_t id, std::int32_t v) {
    header(id, kI32);
    zigzag(v);
  }
  void i64(std::int16_t id, std::int64_t v) {
    header(id, kI64);
    zigzag(v);
  }
  void binary(std::int16_t id, const std::string& s) {
    header(id, kBinary);
    rawBinary(s);
  }
  void beginStruct(std::int16_t id) {
    header(id, kStruct);
    lastField_.push_back(0);
  }
  // A struct that is a list element: no field header.
  void beginElement() { lastField_.push_back(0); }
  void endStruct() {
    out_.push_back(0);  // stop field
    lastField_.pop_back();
  }
  void beginList(std::int16_t id, std::uint8_t elementType, std::size_t size) {
    header(id, kList);
    if (size < 15) {
      out_.push_back(static_cast<std::uint8_t>(size << 4 | elementType));
    } else {
      out_.push_back(static_cast<std::uint8_t>(0xF0 | elementType));
      appendVarint(out_, size);
    }
  }
  void i32Element(std::int32_t v) { zigzag(v); }
  void binaryElement(const std::string& s) { rawBinary(s); }

  static constexpr std::uint8_t kI32 = 5, kI64 = 6, kBinary = 8, kList = 9, kStruct = 12;

 private:
  void header(std::int16_t id, std::uint8_t type) {
    const int delta = id - lastField_.back();
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<std::uint8_t>(delta << 4 | type));
    } else {
      out_.push_back(type);
      zigzag(id);
    }
    lastField_.back() = id;
  }
  void zigzag(std::int64_t v) {
    appendVarint(out_, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void rawBinary(const std::string& s) {
    appendVarint(out_, s.size());
    out_.insert(out_.end(), s.begin(), s.end());
  }

  std::vector<std::uint8_t>& out_;
  std::vector<std::int16_t> lastField_{0};
};

// The RLE/bit-packing hybrid of bit width 1 as RLE runs, prefixed with its byte length (data page v1).
void appendLevels(std::vector<std::uint8_t>& out, const std::vector<std::pair<std::uint64_t, int>>& runs) {
  std::vector<std::uint8_t> encoded;
  for (const auto& [count, value] : runs) {
    if (count == 0) continue;
    appendVarint(encoded, count << 1);
    encoded.push_back(static_cast<std::uint8_t>(value));
  }
  appendLittleEndian(out, encoded.size(), 4);
  out.insert(out.end(), encoded.begin(), encoded.end());
}

std::vector<std::uint8_t> floatBytes(const std::vector<float>& values) {
  std::vector<std::uint8_t> out;
  out.reserve(values.size() * 4);
  for (const float f : values) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    appendLittleEndian(out, bits, 4);
  }
  return out;
}

}  // namespace

void ParquetTable::add(Column column, std::int64_t rows) {
  if (column.name.empty()) throw Error("parquet: a column needs a name");
  for (const auto& c : columns_)
    if (c.name == column.name) throw Error("parquet: column '" + column.name + "' is added twice");
  if (rows_ >= 0 && rows != rows_)
    throw Error("parquet: column '" + column.name + "' has " + std::to_string(rows) + " rows, the table " +
                std::to_string(rows_));
  rows_ = rows;
  columns_.push_back(std::move(column));
}

void ParquetTable::addInt64(const std::string& name, std::vector<std::int64_t> values) {
  Column c{name, Kind::Int64, 1, {}, static_cast<std::int64_t>(values.size())};
  c.plain.reserve(values.size() * 8);
  for (const auto v : values) appendLittleEndian(c.plain, static_cast<std::uint64_t>(v), 8);
  add(std::move(c), static_cast<std::int64_t>(values.size()));
}

void ParquetTable::addFloat(const std::string& name, std::vector<float> values) {
  Column c{name, Kind::Float, 1, floatBytes(values), static_cast<std::int64_t>(values.size())};
  add(std::move(c), static_cast<std::int64_t>(values.size()));
}

void ParquetTable::addBool(const std::string& name, const std::vector<bool>& values) {
  Column c{name, Kind::Bool, 1, std::vector<std::uint8_t>((values.size() + 7) / 8, 0),
           static_cast<std::int64_t>(values.size())};
  for (std::size_t i = 0; i < values.size(); ++i)  // bit-packed, least significant bit first
    if (values[i]) c.plain[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
  add(std::move(c), static_cast<std::int64_t>(values.size()));
}

void ParquetTable::addFloatList(const std::string& name, std::vector<float> values, int width) {
  if (width < 1) throw Error("parquet: list column '" + name + "' needs a width of at least 1");
  if (values.size() % static_cast<std::size_t>(width) != 0)
    throw Error("parquet: list column '" + name + "' has " + std::to_string(values.size()) +
                " values, not a multiple of its width " + std::to_string(width));
  const auto rows = static_cast<std::int64_t>(values.size()) / width;
  Column c{name, Kind::FloatList, width, floatBytes(values), static_cast<std::int64_t>(values.size())};
  add(std::move(c), rows);
}

void ParquetTable::setMetadata(const std::string& key, const std::string& value) {
  for (auto& [k, v] : metadata_)
    if (k == key) {
      v = value;
      return;
    }
  metadata_.emplace_back(key, value);
}

std::vector<std::uint8_t> ParquetTable::serialize() const {
  if (columns_.empty()) throw Error("parquet: a table needs at least one column");
  std::vector<std::uint8_t> file(kMagic, kMagic + 4);
  struct Chunk {
    std::int64_t offset = 0, size = 0;
  };
  std::vector<Chunk> chunks;
  for (const auto& c : columns_) {
    std::vector<std::uint8_t> body;
    if (c.kind == Kind::FloatList) {
      // required group (LIST) { repeated group list { required float element } }: repetition level 0
      // starts a row, 1 continues it; every value is present at definition level 1.
      std::vector<std::pair<std::uint64_t, int>> repetition;
      for (std::int64_t r = 0; r < rows_; ++r) {
        repetition.emplace_back(1, 0);
        repetition.emplace_back(static_cast<std::uint64_t>(c.width - 1), 1);
      }
      appendLevels(body, repetition);
      appendLevels(body, {{static_cast<std::uint64_t>(c.values), 1}});
    }
    body.insert(body.end(), c.plain.begin(), c.plain.end());
    std::vector<std::uint8_t> page;
    CompactWriter header(page);
    header.i32(1, kDataPage);
    header.i32(2, static_cast<std::int32_t>(body.size()));
    header.i32(3, static_cast<std::int32_t>(body.size()));
    header.beginStruct(5);
    header.i32(1, static_cast<std::int32_t>(c.values));
    header.i32(2, kPlain);
    header.i32(3, kRle);
    header.i32(4, kRle);
    header.endStruct();
    page.push_back(0);  // end of PageHeader
    chunks.push_back(
        {static_cast<std::int64_t>(file.size()), static_cast<std::int64_t>(page.size() + body.size())});
    file.insert(file.end(), page.begin(), page.end());
    file.insert(file.end(), body.begin(), body.end());
  }

  std::vector<std::uint8_t> footer;
  CompactWriter meta(footer);
  meta.i32(1, 1);  // version
  std::size_t schemaElements = 1;
  for (const auto& c : columns_) schemaElements += c.kind == Kind::FloatList ? 3 : 1;
  meta.beginList(2, CompactWriter::kStruct, schemaElements);
  meta.beginElement();
  meta.binary(4, "schema");
  meta.i32(5, static_cast<std::int32_t>(columns_.size()));
  meta.endStruct();
  auto leafType = [](Kind k) { return k == Kind::Int64 ? kInt64 : k == Kind::Bool ? kBoolean : kFloat; };
  for (const auto& c : columns_) {
    if (c.kind == Kind::FloatList) {
      meta.beginElement();
      meta.i32(3, kRequired);
      meta.binary(4, c.name);
      meta.i32(5, 1);
      meta.i32(6, kConvertedList);
      meta.endStruct();
      meta.beginElement();
      meta.i32(3, kRepeated);
      meta.binary(4, "list");
      meta.i32(5, 1);
      meta.endStruct();
    }
    meta.beginElement();
    meta.i32(1, leafType(c.kind));
    meta.i32(3, kRequired);
    meta.binary(4, c.kind == Kind::FloatList ? "element" : c.name);
    meta.endStruct();
  }
  meta.i64(3, rows_);
  meta.beginList(4, CompactWriter::kStruct, 1);
  meta.beginElement();
  meta.beginList(1, CompactWriter::kStruct, columns_.size());
  std::int64_t total = 0;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto& c = columns_[i];
    total += chunks[i].size;
    meta.beginElement();
    meta.i64(2, chunks[i].offset);
    meta.beginStruct(3);
    meta.i32(1, leafType(c.kind));
    meta.beginList(2, CompactWriter::kI32, c.kind == Kind::FloatList ? 2 : 1);
    meta.i32Element(kPlain);
    if (c.kind == Kind::FloatList) meta.i32Element(kRle);
    meta.beginList(3, CompactWriter::kBinary, c.kind == Kind::FloatList ? 3 : 1);
    meta.binaryElement(c.name);
    if (c.kind == Kind::FloatList) {
      meta.binaryElement("list");
      meta.binaryElement("element");
    }
    meta.i32(4, kUncompressed);
    meta.i64(5, c.values);
    meta.i64(6, chunks[i].size);
    meta.i64(7, chunks[i].size);
    meta.i64(9, chunks[i].offset);
    meta.endStruct();  // ColumnMetaData
    meta.endStruct();  // ColumnChunk
  }
  meta.i64(2, total);
  meta.i64(3, rows_);
  meta.endStruct();  // RowGroup
  if (!metadata_.empty()) {
    meta.beginList(5, CompactWriter::kStruct, metadata_.size());
    for (const auto& [key, value] : metadata_) {
      meta.beginElement();
      meta.binary(1, key);
      meta.binary(2, value);
      meta.endStruct();
    }
  }
  meta.binary(6, "world4rl");
  footer.push_back(0);  // end of FileMetaData

  file.insert(file.end(), footer.begin(), footer.end());
  appendLittleEndian(file, footer.size(), 4);
  file.insert(file.end(), kMagic, kMagic + 4);
  return file;
}

void ParquetTable::write(const std::filesystem::path& file) const {
  const auto bytes = serialize();
  writeTextFileAtomically(file, std::string(bytes.begin(), bytes.end()));
}

}  // namespace w4rl::data
