// ZstdDecompressionWriter over the decoder engine's streaming step: decode into one
// write_size buffer, hand each filled piece to the inner writer, repeat until the input
// is used up and a step left room (nothing more pending).
#include <zstdpp/decompression_writer.hpp>

#include <string>

#include <zstdpp/operation_lease.hpp>

#include "api/decoder_engine.hpp"
#include "api/raise.hpp"

namespace zstdpp {

struct ZstdDecompressionWriter::State {
  detail::DecoderEngine* engine;
  detail::OperationLease lease;
  Writer* writer;
  std::size_t write_size;
  bool write_return_read;
  bool closefd;
  Bytes buffer;
  std::uint64_t written = 0;
  bool closed = false;
  bool broken = false;  // the inner writer or the decoder failed: the stream cannot go on
};

ZstdDecompressionWriter::ZstdDecompressionWriter(detail::DecoderEngine& engine, detail::OperationLease&& lease,
                                                 Writer& writer, std::size_t write_size, bool write_return_read,
                                                 bool closefd)
    : state_(std::make_unique<State>(
          State{&engine, std::move(lease), &writer, write_size, write_return_read, closefd, Bytes(write_size)})) {}

ZstdDecompressionWriter::~ZstdDecompressionWriter() {
  if (!state_) return;
  try {
    close();
  } catch (...) {
    // A destructor cannot report: call close() to see a truncated frame or a failing writer.
  }
}

ZstdDecompressionWriter::ZstdDecompressionWriter(ZstdDecompressionWriter&&) noexcept = default;

ZstdDecompressionWriter& ZstdDecompressionWriter::operator=(ZstdDecompressionWriter&& other) noexcept {
  if (this != &other) {
    ZstdDecompressionWriter old(std::move(*this));
    state_ = std::move(other.state_);
  }
  return *this;
}

namespace {

void check_usable(bool closed, bool broken, const char* call) {
  if (closed) api::raise(ErrorCode::kWrongState, std::string(call) + " on a closed stream_writer");
  if (broken)
    api::raise(ErrorCode::kWrongState, std::string(call) +
                                           ": an earlier write failed (inner writer or corrupted input); the "
                                           "stream_writer cannot continue");
}

}  // namespace

std::size_t ZstdDecompressionWriter::write(ByteView src) {
  State& s = *state_;
  check_usable(s.closed, s.broken, "write");
  detail::CallGuard guard(s.engine->use, "ZstdDecompressionWriter::write");
  InBuffer in{src};
  std::uint64_t written_now = 0;
  try {
    for (;;) {
      OutBuffer out{MutableByteView(s.buffer)};
      s.engine->step(in, out);
      if (out.pos > 0) {
        s.writer->write(ByteView(s.buffer.data(), out.pos));
        written_now += out.pos;
        s.written += out.pos;
      }
      // A frame end stops a step early: go on into the next frame's bytes.
      if (in.pos == in.src.size() && out.pos < out.dst.size()) break;
    }
  } catch (...) {
    s.broken = true;
    throw;
  }
  return s.write_return_read ? src.size() : static_cast<std::size_t>(written_now);
}

void ZstdDecompressionWriter::flush() {
  State& s = *state_;
  check_usable(s.closed, s.broken, "flush");
  s.writer->flush();
}

void ZstdDecompressionWriter::close() {
  State& s = *state_;
  if (s.closed) return;
  s.closed = true;
  const bool mid_frame = !s.broken && !s.engine->stream.at_frame_boundary();
  s.lease.release();
  if (s.closefd) {
    s.writer->close();
  } else if (!s.broken) {
    s.writer->flush();
  }
  if (mid_frame)
    api::raise(ErrorCode::kTruncatedInput,
               "stream_writer closed inside a frame: its input ended before the frame did (the " +
                   std::to_string(s.written) + " bytes decoded were all written on); the data is truncated");
}

bool ZstdDecompressionWriter::closed() const { return state_->closed; }

std::uint64_t ZstdDecompressionWriter::tell() const { return state_->written; }

std::size_t ZstdDecompressionWriter::memory_size() const {
  return sizeof(*this) + sizeof(State) + state_->buffer.size() + state_->engine->stream.memory_size();
}

}  // namespace zstdpp
