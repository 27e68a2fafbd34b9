// The read family of stream_reader_base.hpp.
#include <zstdpp/stream_reader_base.hpp>

namespace zstdpp {

Bytes StreamReaderBase::read_bytes(std::size_t size, bool single_read, const char* call) {
  Bytes out(size);
  out.resize(fill(out, single_read, call));
  return out;
}

Bytes StreamReaderBase::read(std::ptrdiff_t size) {
  if (size < 0) return readall();
  return read_bytes(static_cast<std::size_t>(size), false, "read");
}

Bytes StreamReaderBase::read1(std::ptrdiff_t size) {
  return read_bytes(size < 0 ? recommended_output_ : static_cast<std::size_t>(size), true, "read1");
}

Bytes StreamReaderBase::readall() {
  // Grows by one recommended output size at a time (the total is not known here), and
  // each fill writes straight into the result.
  Bytes out;
  for (;;) {
    const std::size_t at = out.size();
    out.resize(at + recommended_output_);
    const std::size_t got = fill(MutableByteView(out.data() + at, recommended_output_), false, "readall");
    out.resize(at + got);
    if (got < recommended_output_) return out;
  }
}

}  // namespace zstdpp
