#include "common/safetensors_header.h"

#include <algorithm>
#include <limits>
#include <set>

#include "common/error.h"

namespace w4rl::safetensors {
namespace {

void appendJsonString(std::string& out, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// A reader of exactly the JSON a safetensors header may hold: one object of objects, strings and arrays
// of non-negative integers. Errors name the byte offset in the header.
class Reader {
 public:
  Reader(std::string_view text, const std::string& where) : s_(text), where_(where) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(where_ + ": safetensors header: " + what + " (at byte " + std::to_string(pos_) + ")");
  }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!consume(c)) fail(std::string("expected '") + c + "'");
  }
  bool atEnd() {
    skipSpace();
    return pos_ == s_.size();
  }
  char peek() {
    skipSpace();
    return pos_ < s_.size() ? s_[pos_] : '\0';
  }

  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("a control character inside a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          appendUtf8(out, codePoint());
          break;
        default:
          fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  std::uint64_t unsignedInteger() {
    skipSpace();
    if (pos_ >= s_.size() || s_[pos_] < '0' || s_[pos_] > '9') fail("expected a non-negative integer");
    std::uint64_t value = 0;
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      const auto digit = static_cast<std::uint64_t>(s_[pos_] - '0');
      if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fail("an integer out of range");
      value = value * 10 + digit;
      ++pos_;
    }
    if (s_[start] == '0' && pos_ - start > 1) fail("an integer with a leading zero");
    if (pos_ < s_.size() && (s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E'))
      fail("expected an integer, not a fraction");
    return value;
  }

  std::vector<std::uint64_t> integerArray() {
    expect('[');
    std::vector<std::uint64_t> out;
    if (consume(']')) return out;
    do {
      if (out.size() >= 64) fail("an array of more than 64 integers");
      out.push_back(unsignedInteger());
    } while (consume(','));
    expect(']');
    return out;
  }

 private:
  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("a truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("a bad \\u escape");
    }
    return v;
  }
  unsigned codePoint() {
    const unsigned first = hex4();
    if (first >= 0xDC00 && first <= 0xDFFF) fail("a lone low surrogate");
    if (first < 0xD800 || first > 0xDBFF) return first;
    if (pos_ + 2 > s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u') fail("a lone high surrogate");
    pos_ += 2;
    const unsigned second = hex4();
    if (second < 0xDC00 || second > 0xDFFF) fail("a high surrogate without its low half");
    return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
  }
  static void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string_view s_;
  const std::string& where_;
  std::size_t pos_ = 0;
};

TensorEntry readTensor(Reader& r, std::string name) {
  TensorEntry t;
  t.name = std::move(name);
  bool hasDtype = false, hasShape = false, hasOffsets = false;
  r.expect('{');
  if (!r.consume('}')) {
    do {
      const std::string key = r.string();
      r.expect(':');
      if (key == "dtype" && !hasDtype) {
        t.dtype = r.string();
        hasDtype = true;
      } else if (key == "shape" && !hasShape) {
        for (const auto d : r.integerArray()) {
          if (d > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            r.fail("tensor '" + t.name + "' has a dimension out of range");
          t.shape.push_back(static_cast<std::int64_t>(d));
        }
        hasShape = true;
      } else if (key == "data_offsets" && !hasOffsets) {
        const auto offsets = r.integerArray();
        if (offsets.size() != 2) r.fail("tensor '" + t.name + "': data_offsets must be [begin, end]");
        t.begin = offsets[0];
        t.end = offsets[1];
        hasOffsets = true;
      } else {
        r.fail("tensor '" + t.name + "' has an unexpected or repeated key '" + key + "'");
      }
    } while (r.consume(','));
    r.expect('}');
  }
  if (!hasDtype || !hasShape || !hasOffsets)
    r.fail("tensor '" + t.name + "' lacks " + (!hasDtype ? "dtype" : !hasShape ? "shape" : "data_offsets"));
  return t;
}

}  // namespace

std::size_t dtypeSize(const std::string& dtype) {
  if (dtype == "BOOL" || dtype == "U8" || dtype == "I8") return 1;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") return 2;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32") return 4;
  if (dtype == "F64" || dtype == "I64" || dtype == "U64") return 8;
  return 0;
}

std::string encodeHeader(const Header& header) {
  std::string out = "{";
  bool first = true;
  auto separate = [&] {
    if (!first) out += ',';
    first = false;
  };
  if (!header.metadata.empty()) {
    separate();
    out += "\"__metadata__\":{";
    for (std::size_t i = 0; i < header.metadata.size(); ++i) {
      if (i) out += ',';
      appendJsonString(out, header.metadata[i].first);
      out += ':';
      appendJsonString(out, header.metadata[i].second);
    }
    out += '}';
  }
  for (const auto& t : header.tensors) {
    separate();
    appendJsonString(out, t.name);
    out += ":{\"dtype\":";
    appendJsonString(out, t.dtype);
    out += ",\"shape\":[";
    for (std::size_t i = 0; i < t.shape.size(); ++i) out += (i ? "," : "") + std::to_string(t.shape[i]);
    out += "],\"data_offsets\":[" + std::to_string(t.begin) + "," + std::to_string(t.end) + "]}";
  }
  out += '}';
  out.append((8 - out.size() % 8) % 8, ' ');
  return out;
}

Header parseHeader(std::string_view json, std::uint64_t dataBytes, const std::string& where) {
  Reader r(json, where);
  Header header;
  std::set<std::string> seen;
  r.expect('{');
  if (!r.consume('}')) {
    do {
      std::string key = r.string();
      r.expect(':');
      if (!seen.insert(key).second) r.fail("the key '" + key + "' appears twice");
      if (key == "__metadata__") {
        r.expect('{');
        if (!r.consume('}')) {
          std::set<std::string> names;
          do {
            std::string name = r.string();
            r.expect(':');
            if (r.peek() != '"') r.fail("metadata '" + name + "' is not a string");
            std::string value = r.string();
            if (!names.insert(name).second) r.fail("metadata '" + name + "' appears twice");
            header.metadata.emplace_back(std::move(name), std::move(value));
          } while (r.consume(','));
          r.expect('}');
        }
      } else {
        header.tensors.push_back(readTensor(r, std::move(key)));
      }
    } while (r.consume(','));
    r.expect('}');
  }
  if (!r.atEnd()) r.fail("text after the header's object");

  auto failTensor = [&](const TensorEntry& t, const std::string& what) -> void {
    throw Error(where + ": safetensors tensor '" + t.name + "' " + what);
  };
  for (const auto& t : header.tensors) {
    const std::size_t size = dtypeSize(t.dtype);
    if (size == 0) failTensor(t, "has the unknown dtype '" + t.dtype + "'");
    std::uint64_t bytes = size;
    for (const auto d : t.shape) {
      const auto dim = static_cast<std::uint64_t>(d);
      if (dim != 0 && bytes > std::numeric_limits<std::uint64_t>::max() / dim)
        failTensor(t, "has a shape too large to address");
      bytes *= dim;
    }
    if (t.end < t.begin || t.end - t.begin != bytes)
      failTensor(t, "has data_offsets [" + std::to_string(t.begin) + ", " + std::to_string(t.end) +
                        "] that do not hold its shape (" + std::to_string(bytes) + " bytes)");
  }
  std::sort(header.tensors.begin(), header.tensors.end(), [](const TensorEntry& a, const TensorEntry& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  std::uint64_t covered = 0;
  for (const auto& t : header.tensors) {
    if (t.begin != covered)
      failTensor(t,
                 t.begin < covered ? "overlaps the tensor before it" : "leaves a gap before it in the data");
    covered = t.end;
  }
  if (covered != dataBytes)
    throw Error(where + ": safetensors data is " + std::to_string(dataBytes) +
                " bytes but its tensors cover " + std::to_string(covered) +
                (covered < dataBytes ? " (trailing bytes)" : " (truncated file)"));
  return header;
}

}  // namespace w4rl::safetensors
