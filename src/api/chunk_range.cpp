// ChunkRange's one-pass iteration over its producer.
#include <zstdpp/chunk_range.hpp>

#include "api/raise.hpp"

namespace zstdpp {

ChunkRange::iterator ChunkRange::begin() {
  if (started_) api::raise(ErrorCode::kWrongState, "read_to_iter: the range is single-pass and begin() was already called");
  started_ = true;
  advance();
  return iterator(this);
}

void ChunkRange::advance() {
  if (done_) return;
  chunk_.clear();
  if (!producer_->next(chunk_)) {
    done_ = true;
    // Releases the (de)compressor as soon as the last chunk is out.
    producer_.reset();
  }
}

}  // namespace zstdpp
