// Buffers with segments: many byte strings held in one allocation, as python-zstandard's
// BufferSegment, BufferSegments, BufferWithSegments and BufferWithSegmentsCollection.
//
// multi_compress_to_buffer() and multi_decompress_to_buffer() produce one output per
// input; instead of one allocation each, every worker writes its outputs back to back
// into one buffer and records (offset, length) per output. BufferWithSegments is that
// buffer plus its table; BufferWithSegmentsCollection joins the buffers of several workers
// into one sequence indexed in input order. Both are also accepted as inputs, so a batch
// can go through compression and decompression without being split into separate vectors.
//
// Borrowing: BufferSegment and BufferSegments are views into the BufferWithSegments they
// came from and must not outlive it (python-zstandard keeps the parent alive instead).
//
// Thread safety: const member functions may be called from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <vector>

#include <zstdpp/bytes.hpp>

namespace zstdpp {

/// One (offset, length) entry of a segment table, as python-zstandard's packed uint64 pair.
struct BufferSegmentEntry {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  friend bool operator==(const BufferSegmentEntry&, const BufferSegmentEntry&) = default;
};

/// An iterator over `Container`'s elements by index (operator[]), for the sequence types.
template <typename Container, typename Value>
class IndexIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using reference = Value;
  using pointer = void;
  IndexIterator() = default;
  IndexIterator(const Container* c, std::size_t i) : c_(c), i_(i) {}
  Value operator*() const { return (*c_)[i_]; }
  IndexIterator& operator++() {
    ++i_;
    return *this;
  }
  IndexIterator operator++(int) {
    IndexIterator old = *this;
    ++i_;
    return old;
  }
  friend bool operator==(const IndexIterator& a, const IndexIterator& b) { return a.i_ == b.i_; }

 private:
  const Container* c_ = nullptr;
  std::size_t i_ = 0;
};

/// A view of one segment of a BufferWithSegments.
class BufferSegment {
 public:
  BufferSegment(ByteView data, std::uint64_t offset) : data_(data), offset_(offset) {}
  /// Where the segment starts in its buffer.
  std::uint64_t offset() const { return offset_; }
  /// Its length in bytes (Python's len()).
  std::size_t size() const { return data_.size(); }
  /// Its bytes (Python's buffer protocol), borrowed from the buffer.
  ByteView data() const { return data_; }
  /// A copy of its bytes.
  Bytes tobytes() const { return Bytes(data_.begin(), data_.end()); }

 private:
  ByteView data_;
  std::uint64_t offset_;
};

/// The segment table of a BufferWithSegments: indexable (offset, length) entries.
class BufferSegments {
 public:
  explicit BufferSegments(std::span<const BufferSegmentEntry> entries) : entries_(entries) {}
  /// Number of entries (Python's len()).
  std::size_t size() const { return entries_.size(); }
  /// Entry `i`; ZstdError(kParameterOutOfBounds) past the end.
  BufferSegmentEntry operator[](std::size_t i) const;
  /// The entries as an array (Python's buffer protocol of packed pairs).
  std::span<const BufferSegmentEntry> entries() const { return entries_; }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  std::span<const BufferSegmentEntry> entries_;
};

/// Bytes it owns plus a table of segments in them.
class BufferWithSegments {
 public:
  using iterator = IndexIterator<BufferWithSegments, BufferSegment>;
  /// Takes `data` and the segment table. Each segment must lie inside `data`: otherwise
  /// ZstdError(kParameterOutOfBounds) naming the segment's index, offset and length and
  /// the buffer's size. Segments may overlap or leave gaps, as in python-zstandard.
  BufferWithSegments(Bytes data, std::vector<BufferSegmentEntry> segments);
  /// The same, copying borrowed bytes and table.
  BufferWithSegments(ByteView data, std::span<const BufferSegmentEntry> segments);

  /// Bytes in the buffer (Python's .size).
  std::size_t size() const { return data_.size(); }
  /// Number of segments (Python's len()).
  std::size_t segment_count() const { return segments_.size(); }
  /// Segment `i`; ZstdError(kParameterOutOfBounds) past the end.
  BufferSegment operator[](std::size_t i) const;
  /// The segment table.
  BufferSegments segments() const { return BufferSegments(segments_); }
  /// The whole buffer, borrowed.
  ByteView data() const { return data_; }
  /// A copy of the whole buffer.
  Bytes tobytes() const { return data_; }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, segments_.size()}; }

 private:
  Bytes data_;
  std::vector<BufferSegmentEntry> segments_;
};

/// Several BufferWithSegments presented as one sequence of segments, in order.
class BufferWithSegmentsCollection {
 public:
  using iterator = IndexIterator<BufferWithSegmentsCollection, BufferSegment>;
  /// Needs at least one buffer, each with at least one segment (python-zstandard: "must
  /// pass at least 1 argument", "cannot be empty"): ZstdError(kParameterOutOfBounds).
  /// A buffer of zero bytes whose segments are all empty is accepted (the frames of
  /// empty inputs decompress to one), where python-zstandard refuses a zero-byte buffer.
  explicit BufferWithSegmentsCollection(std::vector<BufferWithSegments> buffers);

  /// Number of segments over all buffers (Python's len()).
  std::size_t segment_count() const { return first_.empty() ? 0 : first_.back(); }
  /// Bytes over all buffers (Python's .size()).
  std::size_t size() const { return bytes_; }
  /// Segment `i` counted across the buffers; ZstdError(kParameterOutOfBounds) past the end.
  BufferSegment operator[](std::size_t i) const;
  std::size_t buffer_count() const { return buffers_.size(); }
  const BufferWithSegments& buffer(std::size_t i) const { return buffers_.at(i); }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, segment_count()}; }

 private:
  std::vector<BufferWithSegments> buffers_;
  std::vector<std::size_t> first_;  // first_[k]: segments before buffer k; back(): total
  std::size_t bytes_ = 0;
};

}  // namespace zstdpp

// size() keeps python-zstandard's meaning (bytes in the buffer or buffers, Python's .size),
// which is not the number of elements a range yields (segments, segment_count()). Without
// this, std::ranges::size and std::ranges::distance would take size() for the element
// count and report bytes; with it they count segments.
template <>
inline constexpr bool std::ranges::disable_sized_range<zstdpp::BufferWithSegments> = true;
template <>
inline constexpr bool std::ranges::disable_sized_range<zstdpp::BufferWithSegmentsCollection> = true;
