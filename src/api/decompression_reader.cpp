// ZstdDecompressionReader over the decoder engine's streaming step.
//
// fill() is the one loop: it calls the step while the destination has room; a step
// returns when the input is used up, the destination is full, or a frame ended. Output
// still held by the decoder (a block larger than the room left) comes out on the next
// step even with no new input, so the loop always steps before deciding it needs input.
// Input is refilled only once the buffer is used up, read_size bytes at a time.
#include <zstdpp/decompression_reader.hpp>

#include <algorithm>
#include <limits>
#include <string>

#include <zstdpp/constants.hpp>
#include <zstdpp/operation_lease.hpp>

#include "api/decoder_engine.hpp"
#include "api/input_source.hpp"
#include "api/raise.hpp"

namespace zstdpp {

struct ZstdDecompressionReader::State {
  detail::DecoderEngine* engine;
  detail::OperationLease lease;
  api::InputSource input;
  bool read_across_frames;
  bool closefd;
  bool finished = false;     // the stream has ended: reads return nothing
  bool failed = false;       // a decoding error happened: the stream cannot continue
  bool closed = false;
  std::uint64_t position = 0;  // decompressed bytes handed out
};

ZstdDecompressionReader::ZstdDecompressionReader(detail::DecoderEngine& engine, detail::OperationLease&& lease,
                                                 Reader* source, ByteView memory, std::size_t read_size,
                                                 bool read_across_frames, bool closefd)
    : StreamReaderBase(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE),
      state_(std::make_unique<State>(State{&engine, std::move(lease), api::InputSource(source, memory, read_size),
                                           read_across_frames, closefd})) {}

ZstdDecompressionReader::~ZstdDecompressionReader() {
  if (!state_) return;  // moved from
  try {
    close();
  } catch (...) {
    // A destructor cannot report: close() explicitly to see a failing source's error.
  }
}

ZstdDecompressionReader::ZstdDecompressionReader(ZstdDecompressionReader&&) noexcept = default;

ZstdDecompressionReader& ZstdDecompressionReader::operator=(ZstdDecompressionReader&& other) noexcept {
  if (this != &other) {
    ZstdDecompressionReader old(std::move(*this));  // closes what this held
    state_ = std::move(other.state_);
  }
  return *this;
}

std::size_t ZstdDecompressionReader::fill(MutableByteView dst, bool single_read, const char* call) {
  State& s = *state_;
  if (s.closed) api::raise(ErrorCode::kWrongState, std::string(call) + " on a closed stream_reader");
  if (s.failed)
    api::raise(ErrorCode::kWrongState, std::string(call) + ": an earlier read failed to decode; the stream cannot continue");
  if (dst.empty() || s.finished) return 0;
  detail::CallGuard guard(s.engine->use, "ZstdDecompressionReader");
  OutBuffer out{dst};
  bool did_read = false;
  try {
    while (out.pos < out.dst.size()) {
      const StreamProgress p = s.engine->step(s.input.in(), out);
      if (p.frame_done) {
        if (!s.read_across_frames) {
          s.finished = true;
          break;
        }
        continue;
      }
      if (out.pos == out.dst.size()) break;
      if (!s.input.used_up()) continue;  // the step stopped for a reason above
      // The input is used up and the decoder has nothing more to give without more.
      // read1/readinto1: one read of the source at most, even if it gave no output yet.
      if (single_read && did_read) break;
      if (!s.input.done()) {
        did_read = true;
        if (s.input.refill()) continue;
      }
      if (!s.engine->stream.at_frame_boundary())
        api::raise(ErrorCode::kTruncatedInput,
                   "stream_reader: the compressed input ends inside a frame (after " + std::to_string(s.position + out.pos) +
                       " decompressed bytes): the data is truncated");
      s.finished = true;
      break;
    }
  } catch (...) {
    s.failed = true;
    s.lease.release();
    throw;
  }
  s.position += out.pos;
  // The decompressor is free for other operations as soon as this stream has ended.
  if (s.finished) s.lease.release();
  return out.pos;
}

std::uint64_t ZstdDecompressionReader::tell() const { return state_->position; }

std::uint64_t ZstdDecompressionReader::seek(std::int64_t pos, int whence) {
  State& s = *state_;
  if (s.closed) api::raise(ErrorCode::kWrongState, "seek on a closed stream_reader");
  std::uint64_t target = 0;
  if (whence == SEEK_SET) {
    if (pos < 0 || static_cast<std::uint64_t>(pos) < s.position)
      api::raise(ErrorCode::kWrongState, "stream_reader cannot seek backwards (to " + std::to_string(pos) +
                                             " from " + std::to_string(s.position) +
                                             "): the decompressed data is not kept; only forward seeks are allowed");
    target = static_cast<std::uint64_t>(pos);
  } else if (whence == SEEK_CUR) {
    if (pos < 0)
      api::raise(ErrorCode::kWrongState, "stream_reader cannot seek backwards (SEEK_CUR by " + std::to_string(pos) +
                                             "): only forward seeks are allowed");
    target = s.position + static_cast<std::uint64_t>(pos);
  } else if (whence == SEEK_END) {
    api::raise(ErrorCode::kWrongState,
               "stream_reader cannot seek relative to the end (SEEK_END): the decompressed size is not known "
               "without reading it all");
  } else {
    api::raise(ErrorCode::kParameterOutOfBounds,
               "seek whence " + std::to_string(whence) + " is not SEEK_SET, SEEK_CUR or SEEK_END");
  }
  // Discards through a bounded scratch buffer: a long seek costs no memory.
  std::uint8_t scratch[16384];
  while (s.position < target) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(target - s.position, sizeof scratch));
    if (fill(MutableByteView(scratch, want), false, "seek") == 0) break;
  }
  return s.position;
}

void ZstdDecompressionReader::close() {
  State& s = *state_;
  if (s.closed) return;
  s.closed = true;
  s.finished = true;
  s.lease.release();
  if (s.closefd && s.input.reader() != nullptr) s.input.reader()->close();
}

bool ZstdDecompressionReader::closed() const { return state_->closed; }

bool ZstdDecompressionReader::eof() const { return state_->finished; }

}  // namespace zstdpp
