// ChunkRange: what read_to_iter() returns, python-zstandard's generator of output chunks
// as a C++ input range.
//
//   for (const zstdpp::Bytes& chunk : compressor.read_to_iter(file)) out.write(chunk);
//
// Each step pulls from a producer that reads its source and runs the (de)compressor until
// it has a chunk (at most write_size bytes, never empty) or the source ends. One pass
// only: begin() may be called once, and the iterator is invalidated by advancing it.
// The producer holds the (de)compressor for the range's lifetime: it must outlive the
// range, and it is busy (other operations on it are refused) until the range is finished
// or destroyed.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>

#include <zstdpp/bytes.hpp>

namespace zstdpp {

class ChunkRange {
 public:
  /// The source of chunks behind a range; implemented by the compressor and decompressor.
  class Producer {
   public:
    virtual ~Producer() = default;
    /// Fills `chunk` with the next chunk and returns true, or returns false at the end.
    virtual bool next(Bytes& chunk) = 0;
  };

  explicit ChunkRange(std::unique_ptr<Producer> producer) : producer_(std::move(producer)) {}
  ChunkRange(ChunkRange&&) noexcept = default;
  ChunkRange& operator=(ChunkRange&&) noexcept = default;

  class iterator {
   public:
    using value_type = Bytes;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    iterator() = default;
    const Bytes& operator*() const { return range_->chunk_; }
    const Bytes* operator->() const { return &range_->chunk_; }
    iterator& operator++() {
      range_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.at_end(); }

   private:
    friend class ChunkRange;
    explicit iterator(ChunkRange* range) : range_(range) {}
    bool at_end() const { return range_->done_; }
    ChunkRange* range_ = nullptr;
  };

  /// Produces the first chunk. Throws ZstdError(kWrongState) when called a second time.
  iterator begin();
  std::default_sentinel_t end() const { return {}; }

 private:
  void advance();
  std::unique_ptr<Producer> producer_;
  Bytes chunk_;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace zstdpp
