// ZstdCompressionChunker over the encoder engine's streaming step: each step writes
// straight into the chunk being filled, and a chunk is handed out the moment it is full.
#include <zstdpp/compression_chunker.hpp>

#include <string>
#include <utility>

#include "api/encoder_engine.hpp"
#include "api/raise.hpp"

namespace zstdpp {

ZstdCompressionChunker::ZstdCompressionChunker(detail::EncoderEngine& engine, detail::OperationLease lease,
                                               std::size_t chunk_size)
    : engine_(&engine), lease_(std::move(lease)), chunk_size_(chunk_size), chunk_(chunk_size) {}

std::vector<Bytes> ZstdCompressionChunker::compress(ByteView data) {
  return drive(data, StreamMode::CONTINUE, "compress");
}

std::vector<Bytes> ZstdCompressionChunker::flush() { return drive({}, StreamMode::FLUSH_BLOCK, "flush"); }

std::vector<Bytes> ZstdCompressionChunker::finish() { return drive({}, StreamMode::FLUSH_FRAME, "finish"); }

std::vector<Bytes> ZstdCompressionChunker::drive(ByteView data, StreamMode mode, const char* call) {
  if (finished_)
    api::raise(ErrorCode::kWrongState,
               std::string("chunker: cannot call ") + call + "() after compression finished (finish() ended the frame)");
  if (failed_)
    api::raise(ErrorCode::kWrongState, std::string("chunker: ") + call + "(): an earlier call failed; the frame is abandoned");
  detail::CallGuard guard(engine_->use, "ZstdCompressionChunker");
  std::vector<Bytes> chunks;
  InBuffer in{data};
  try {
    for (;;) {
      OutBuffer out{MutableByteView(chunk_), chunk_pos_};
      const std::size_t remaining = engine_->step(in, out, mode);
      chunk_pos_ = out.pos;
      if (chunk_pos_ == chunk_size_) {
        chunks.push_back(std::exchange(chunk_, Bytes(chunk_size_)));
        chunk_pos_ = 0;
      }
      // Another step after a flush reached its goal would begin a new block or frame.
      if (mode == StreamMode::CONTINUE ? in.pos == in.src.size() : remaining == 0) break;
    }
  } catch (...) {
    failed_ = true;
    lease_.release();  // abandons the frame
    throw;
  }
  if (mode != StreamMode::CONTINUE && chunk_pos_ > 0) {
    chunk_.resize(chunk_pos_);
    chunks.push_back(std::exchange(chunk_, Bytes(mode == StreamMode::FLUSH_FRAME ? 0 : chunk_size_)));
    chunk_pos_ = 0;
  }
  if (mode == StreamMode::FLUSH_FRAME) {
    finished_ = true;
    lease_.release();
  }
  return chunks;
}

}  // namespace zstdpp
