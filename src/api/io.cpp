// The Reader/Writer adapters of io.hpp.
#include <zstdpp/io.hpp>

#include <algorithm>
#include <cstring>

#include "api/raise.hpp"

namespace zstdpp {

namespace {
void check_open(bool closed, const char* what) {
  if (closed) api::raise(ErrorCode::kWrongState, std::string(what) + ": the stream is closed");
}
}  // namespace

std::size_t MemoryReader::read(MutableByteView dst) {
  check_open(closed_, "MemoryReader::read");
  const std::size_t n = std::min(dst.size(), data_.size() - pos_);
  if (n != 0) std::memcpy(dst.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

std::size_t VectorWriter::write(ByteView src) {
  check_open(closed_, "VectorWriter::write");
  out_->insert(out_->end(), src.begin(), src.end());
  return src.size();
}

std::size_t StringWriter::write(ByteView src) {
  check_open(closed_, "StringWriter::write");
  out_->append(as_chars(src));
  return src.size();
}

}  // namespace zstdpp
