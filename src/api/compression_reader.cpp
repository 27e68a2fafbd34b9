// ZstdCompressionReader over the encoder engine's streaming step.
//
// fill() is the one loop: it steps in CONTINUE mode while the source has input and in
// FLUSH_FRAME mode once the source has ended, until the destination is full or the frame
// is complete. The source is read only once the buffered input is used up.
#include <zstdpp/compression_reader.hpp>

#include <string>

#include <zstdpp/constants.hpp>
#include <zstdpp/operation_lease.hpp>

#include "api/encoder_engine.hpp"
#include "api/input_source.hpp"
#include "api/raise.hpp"

namespace zstdpp {

struct ZstdCompressionReader::State {
  detail::EncoderEngine* engine;
  detail::OperationLease lease;
  api::InputSource input;
  bool closefd;
  bool finished = false;     // the frame is complete: reads return nothing
  bool failed = false;       // an error abandoned the frame: the stream cannot continue
  bool closed = false;
  std::uint64_t position = 0;  // compressed bytes handed out
};

ZstdCompressionReader::ZstdCompressionReader(detail::EncoderEngine& engine, detail::OperationLease&& lease,
                                             Reader* source, ByteView memory, std::size_t read_size, bool closefd)
    : StreamReaderBase(COMPRESSION_RECOMMENDED_OUTPUT_SIZE),
      state_(std::make_unique<State>(
          State{&engine, std::move(lease), api::InputSource(source, memory, read_size), closefd})) {}

ZstdCompressionReader::~ZstdCompressionReader() {
  if (!state_) return;  // moved from
  try {
    close();
  } catch (...) {
    // A destructor cannot report: close() explicitly to see a failing source's error.
  }
}

ZstdCompressionReader::ZstdCompressionReader(ZstdCompressionReader&&) noexcept = default;

ZstdCompressionReader& ZstdCompressionReader::operator=(ZstdCompressionReader&& other) noexcept {
  if (this != &other) {
    ZstdCompressionReader old(std::move(*this));  // closes what this held
    state_ = std::move(other.state_);
  }
  return *this;
}

std::size_t ZstdCompressionReader::fill(MutableByteView dst, bool single_read, const char* call) {
  State& s = *state_;
  if (s.closed) api::raise(ErrorCode::kWrongState, std::string(call) + " on a closed stream_reader");
  if (s.failed)
    api::raise(ErrorCode::kWrongState, std::string(call) + ": an earlier read failed; the stream cannot continue");
  if (dst.empty() || s.finished) return 0;
  detail::CallGuard guard(s.engine->use, "ZstdCompressionReader");
  OutBuffer out{dst};
  bool did_read = false;
  try {
    while (out.pos < out.dst.size()) {
      if (s.input.done()) {
        if (s.engine->step(s.input.in(), out, StreamMode::FLUSH_FRAME) == 0) {
          s.finished = true;
          break;
        }
        continue;
      }
      s.engine->step(s.input.in(), out, StreamMode::CONTINUE);
      // A CONTINUE step returns when the destination is full or the input is used up.
      if (out.pos == out.dst.size()) break;
      if (single_read && did_read) break;
      s.input.refill();  // at the source's end, done(): the next step ends the frame
      did_read = true;
    }
  } catch (...) {
    s.failed = true;
    s.lease.release();  // abandons the frame
    throw;
  }
  s.position += out.pos;
  // The compressor is free for other operations as soon as the frame is complete.
  if (s.finished) s.lease.release();
  return out.pos;
}

std::uint64_t ZstdCompressionReader::tell() const { return state_->position; }

void ZstdCompressionReader::close() {
  State& s = *state_;
  if (s.closed) return;
  s.closed = true;
  s.finished = true;
  s.lease.release();
  if (s.closefd && s.input.reader() != nullptr) s.input.reader()->close();
}

bool ZstdCompressionReader::closed() const { return state_->closed; }

bool ZstdCompressionReader::eof() const { return state_->finished; }

}  // namespace zstdpp
