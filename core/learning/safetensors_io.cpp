#include "learning/safetensors_io.h"

#include <torch/torch.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/safetensors_header.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this reader copies it as it is"
#endif

namespace w4rl::learning {
namespace {

// The safetensors dtypes LibTorch has, both ways.
constexpr std::pair<const char*, torch::ScalarType> kTypes[] = {
    {"F32", torch::kFloat}, {"F64", torch::kDouble}, {"F16", torch::kHalf},  {"BF16", torch::kBFloat16},
    {"I64", torch::kLong},  {"I32", torch::kInt},    {"I16", torch::kShort}, {"I8", torch::kChar},
    {"U8", torch::kByte},   {"BOOL", torch::kBool}};

std::string dtypeName(torch::ScalarType type) {
  for (const auto& [name, t] : kTypes)
    if (t == type) return name;
  return "";
}

bool scalarType(const std::string& dtype, torch::ScalarType& type) {
  for (const auto& [name, t] : kTypes)
    if (dtype == name) {
      type = t;
      return true;
    }
  return false;
}

std::uint64_t readLength(const unsigned char* p) {
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | p[i];
  return n;
}

}  // namespace

bool looksLikeSafetensors(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[9];
  if (!in.read(head, sizeof head)) return false;
  return head[8] == '{';
}

void writeSafetensors(const std::filesystem::path& file, const SafetensorsContents& contents) {
  safetensors::Header header;
  header.metadata = contents.metadata;
  std::vector<torch::Tensor> data;
  std::set<std::string> names;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : contents.tensors) {
    if (!names.insert(name).second)
      throw Error("cannot write " + file.string() + ": two tensors named '" + name + "'");
    const std::string dtype = dtypeName(tensor.scalar_type());
    if (dtype.empty())
      throw Error("cannot write " + file.string() + ": tensor '" + name +
                  "' has a type safetensors does not hold");
    torch::Tensor t = tensor.detach().to(torch::kCPU).contiguous();
    safetensors::TensorEntry e;
    e.name = name;
    e.dtype = dtype;
    e.shape = t.sizes().vec();
    e.begin = offset;
    offset += static_cast<std::uint64_t>(t.numel()) * static_cast<std::uint64_t>(t.element_size());
    e.end = offset;
    header.tensors.push_back(std::move(e));
    data.push_back(std::move(t));
  }
  const std::string json = safetensors::encodeHeader(header);
  unsigned char length[8];
  for (int i = 0; i < 8; ++i)
    length[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(json.size()) >> (8 * i));

  AtomicFile out(file);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(out.tempPath().c_str(), "wb"),
                                                         std::fclose);
  if (!stream) throw Error("cannot write " + file.string() + ": " + std::strerror(errno));
  bool ok = std::fwrite(length, 1, 8, stream.get()) == 8 &&
            std::fwrite(json.data(), 1, json.size(), stream.get()) == json.size();
  for (const auto& t : data) {
    const auto bytes = static_cast<std::size_t>(t.numel()) * t.element_size();
    if (ok && bytes > 0) ok = std::fwrite(t.data_ptr(), 1, bytes, stream.get()) == bytes;
  }
  const int error = errno;
  if (std::fclose(stream.release()) != 0) ok = false;
  if (!ok)
    throw Error("cannot write " + file.string() + ": " + std::strerror(error != 0 ? error : EIO) +
                " (the previous file, if any, is unchanged)");
  out.commit();
}

SafetensorsContents readSafetensors(const std::filesystem::path& file) {
  const std::string where = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(where + ": cannot open");
  in.seekg(0, std::ios::end);
  const auto fileSize = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  unsigned char length[8];
  if (fileSize < 8 || !in.read(reinterpret_cast<char*>(length), 8))
    throw Error(where + ": not a safetensors file (shorter than its 8-byte header length)");
  const std::uint64_t headerBytes = readLength(length);
  if (headerBytes > safetensors::kMaxHeaderBytes || headerBytes > fileSize - 8)
    throw Error(where + ": safetensors header length " + std::to_string(headerBytes) + " exceeds " +
                (headerBytes > safetensors::kMaxHeaderBytes ? "the 100 MB limit" : "the file"));
  std::string json(static_cast<std::size_t>(headerBytes), '\0');
  if (!in.read(json.data(), static_cast<std::streamsize>(json.size())))
    throw Error(where + ": cannot read its header");
  const std::uint64_t dataBytes = fileSize - 8 - headerBytes;
  const safetensors::Header header = safetensors::parseHeader(json, dataBytes, where);

  SafetensorsContents contents;
  contents.metadata = header.metadata;
  for (const auto& e : header.tensors) {
    torch::ScalarType type{};
    if (!scalarType(e.dtype, type))
      throw Error(where + ": safetensors tensor '" + e.name + "' has the dtype " + e.dtype +
                  ", which this program does not load");
    torch::Tensor t = torch::empty(e.shape, torch::TensorOptions().dtype(type));
    const auto bytes = static_cast<std::streamsize>(e.end - e.begin);
    in.seekg(static_cast<std::streamoff>(8 + headerBytes + e.begin));
    if (bytes > 0 && !in.read(static_cast<char*>(t.data_ptr()), bytes))
      throw Error(where + ": cannot read tensor '" + e.name + "'");
    contents.tensors.emplace_back(e.name, std::move(t));
  }
  return contents;
}

}  // namespace w4rl::learning
