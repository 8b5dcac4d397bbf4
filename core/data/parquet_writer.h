#pragma once
// A small Apache Parquet writer for flat tables of numbers: one row group, one uncompressed data page
// per column, PLAIN values, RLE levels, and the footer in Thrift's compact protocol (parquet-format's
// parquet.thrift). Enough for LeRobot's per-episode tables (scalar int64 / float32 / boolean columns and
// fixed-width float32 list columns such as `action`), which Arrow, pandas and Hugging Face datasets read.
// Not a general writer: no nulls, no dictionaries, no compression, no nested groups beyond one list.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace w4rl::data {

class ParquetTable {
 public:
  // Columns in the order added; every column must have the same number of rows (the first fixes it).
  // Names must be unique and non-empty. Throws w4rl::Error naming the column otherwise.
  void addInt64(const std::string& name, std::vector<std::int64_t> values);
  void addFloat(const std::string& name, std::vector<float> values);
  void addBool(const std::string& name, const std::vector<bool>& values);
  // A list<float> column whose every row holds `width` values (values.size() = rows * width).
  void addFloatList(const std::string& name, std::vector<float> values, int width);
  // A key_value_metadata entry of the file (e.g. "huggingface" with the features as JSON).
  void setMetadata(const std::string& key, const std::string& value);

  std::int64_t rows() const { return rows_; }
  // The whole file's bytes.
  std::vector<std::uint8_t> serialize() const;
  // Writes the file through a temporary file; throws w4rl::Error naming the path on failure.
  void write(const std::filesystem::path& file) const;

 private:
  enum class Kind { Int64, Float, Bool, FloatList };
  struct Column {
    std::string name;
    Kind kind = Kind::Int64;
    int width = 1;                    // values per row (FloatList)
    std::vector<std::uint8_t> plain;  // the PLAIN-encoded values
    std::int64_t values = 0;          // leaf values (rows * width)
  };

  void add(Column column, std::int64_t rows);

  std::vector<Column> columns_;
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::int64_t rows_ = -1;
};

}  // namespace w4rl::data
