// BufferSegments, BufferWithSegments and BufferWithSegmentsCollection (buffers.hpp).
//
// Every segment is checked once at construction, so the accessors can hand out views
// without checking again. The collection keeps a running count of segments per buffer and
// finds buffer k for a global index by binary search: O(log buffers) per access, the
// buffers being one per worker thread and so few.
#include <zstdpp/buffers.hpp>

#include <algorithm>
#include <string>

#include "api/raise.hpp"

namespace zstdpp {

namespace {
[[noreturn]] void index_error(const char* what, std::size_t i, std::size_t count) {
  api::raise(ErrorCode::kParameterOutOfBounds, std::string(what) + ": index " + std::to_string(i) +
                                                   " is past the " + std::to_string(count) + " segments");
}

void check_segments(std::size_t size, std::span<const BufferSegmentEntry> segments) {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const BufferSegmentEntry& s = segments[i];
    // Written so that offset + length cannot overflow.
    if (s.offset > size || s.length > size - s.offset)
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "BufferWithSegments: segment " + std::to_string(i) + " (offset " + std::to_string(s.offset) +
                     ", length " + std::to_string(s.length) + ") lies outside the buffer of " +
                     std::to_string(size) + " bytes");
  }
}
}  // namespace

BufferSegmentEntry BufferSegments::operator[](std::size_t i) const {
  if (i >= entries_.size()) index_error("BufferSegments", i, entries_.size());
  return entries_[i];
}

BufferWithSegments::BufferWithSegments(Bytes data, std::vector<BufferSegmentEntry> segments)
    : data_(std::move(data)), segments_(std::move(segments)) {
  check_segments(data_.size(), segments_);
}

BufferWithSegments::BufferWithSegments(ByteView data, std::span<const BufferSegmentEntry> segments)
    : BufferWithSegments(Bytes(data.begin(), data.end()),
                         std::vector<BufferSegmentEntry>(segments.begin(), segments.end())) {}

BufferSegment BufferWithSegments::operator[](std::size_t i) const {
  if (i >= segments_.size()) index_error("BufferWithSegments", i, segments_.size());
  const BufferSegmentEntry& s = segments_[i];
  return BufferSegment(ByteView(data_).subspan(static_cast<std::size_t>(s.offset), static_cast<std::size_t>(s.length)),
                       s.offset);
}

BufferWithSegmentsCollection::BufferWithSegmentsCollection(std::vector<BufferWithSegments> buffers)
    : buffers_(std::move(buffers)) {
  if (buffers_.empty())
    api::raise(ErrorCode::kParameterOutOfBounds, "BufferWithSegmentsCollection: needs at least 1 buffer");
  first_.reserve(buffers_.size() + 1);
  first_.push_back(0);
  for (std::size_t k = 0; k < buffers_.size(); ++k) {
    if (buffers_[k].segment_count() == 0)
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "BufferWithSegmentsCollection: buffer " + std::to_string(k) + " has no segments");
    first_.push_back(first_.back() + buffers_[k].segment_count());
    bytes_ += buffers_[k].size();
  }
}

BufferSegment BufferWithSegmentsCollection::operator[](std::size_t i) const {
  if (i >= segment_count()) index_error("BufferWithSegmentsCollection", i, segment_count());
  // The last k with first_[k] <= i.
  const auto it = std::upper_bound(first_.begin(), first_.end(), i);
  const auto k = static_cast<std::size_t>(it - first_.begin()) - 1;
  return buffers_[k][i - first_[k]];
}

}  // namespace zstdpp
