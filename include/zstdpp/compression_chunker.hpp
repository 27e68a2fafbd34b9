// ZstdCompressionChunker: python-zstandard's chunker(), compressing one frame into chunks
// of one fixed size, for transports that want equal pieces (network packets, fixed-size
// records).
//
//   auto chunker = compressor.chunker(zstdpp::CONTENTSIZE_UNKNOWN, 32768);
//   for (const zstdpp::Bytes& chunk : chunker.compress(part)) send(chunk);   // full chunks
//   for (const zstdpp::Bytes& chunk : chunker.finish()) send(chunk);         // last may be short
//
// compress() returns only complete chunks of chunk_size bytes and keeps the rest; flush()
// makes everything given so far decodable (FLUSH_BLOCK) and finish() ends the frame; both
// hand out what is buffered too, so their last chunk may be shorter. After finish() the
// chunker is done: every call is ZstdError(kWrongState).
//
// Lifetime: the chunker holds its compressor's lease until finish() or its destruction
// (which abandons an unfinished frame); the compressor must outlive it. Thread safety:
// one thread at a time (a concurrent second call is detected and refused).
#pragma once

#include <cstddef>
#include <vector>

#include <zstdpp/bytes.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/operation_lease.hpp>

namespace zstdpp {

namespace detail {
class EncoderEngine;
}

class ZstdCompressionChunker {
 public:
  ZstdCompressionChunker(ZstdCompressionChunker&&) noexcept = default;
  ZstdCompressionChunker& operator=(ZstdCompressionChunker&&) noexcept = default;

  /// Compresses `data`; returns the chunks it completed, each exactly chunk_size bytes.
  std::vector<Bytes> compress(ByteView data);
  /// Makes all input so far decodable; returns the chunks, the last one possibly short.
  std::vector<Bytes> flush();
  /// Ends the frame; returns the remaining chunks, the last one possibly short.
  std::vector<Bytes> finish();

 private:
  friend class ZstdCompressor;
  ZstdCompressionChunker(detail::EncoderEngine& engine, detail::OperationLease lease, std::size_t chunk_size);
  std::vector<Bytes> drive(ByteView data, StreamMode mode, const char* call);

  detail::EncoderEngine* engine_;
  detail::OperationLease lease_;
  std::size_t chunk_size_;
  Bytes chunk_;  ///< chunk_size_ bytes; [0, chunk_pos_) filled so far
  std::size_t chunk_pos_ = 0;
  bool finished_ = false;
  bool failed_ = false;
};

}  // namespace zstdpp
