// BufferSegment, BufferSegments, BufferWithSegments and BufferWithSegmentsCollection
// (include/zstdpp/buffers.hpp): every claim of the header turned into a test. The bounds
// checks at construction (a segment past the end, offset + length that would wrap a
// uint64), indexing past the end of each sequence, the collection's spanning index, its
// refusals (no buffer, a buffer without segments) and its one documented departure from
// python-zstandard (a zero-byte buffer of empty segments is accepted).
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <limits>
#include <ranges>
#include <string>
#include <vector>

#include <zstdpp/buffers.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::BufferSegment;
using zstdpp::BufferSegmentEntry;
using zstdpp::BufferSegments;
using zstdpp::BufferWithSegments;
using zstdpp::BufferWithSegmentsCollection;
using zstdpp::ErrorCode;
using zstdpp::as_chars;

constexpr std::uint64_t kMax64 = std::numeric_limits<std::uint64_t>::max();

// "hello" "world" "!" back to back: the layout multi_compress_to_buffer produces.
BufferWithSegments hello_world() {
  return BufferWithSegments(to_bytes("helloworld!"), {{0, 5}, {5, 5}, {10, 1}});
}

std::string text_of(const BufferSegment& s) { return std::string(as_chars(s.data())); }

// The sequence types must work with ranges and range-for (python: iteration, len()).
static_assert(std::forward_iterator<BufferWithSegments::iterator>);
static_assert(std::forward_iterator<BufferWithSegmentsCollection::iterator>);
static_assert(std::ranges::forward_range<const BufferWithSegments&>);
static_assert(std::ranges::forward_range<const BufferWithSegmentsCollection&>);
static_assert(std::ranges::random_access_range<BufferSegments>);
// size() is bytes (Python's .size), not the element count, so ranges must not use it.
static_assert(!std::ranges::sized_range<const BufferWithSegments&>);
static_assert(!std::ranges::sized_range<const BufferWithSegmentsCollection&>);

// ---- BufferSegment -------------------------------------------------------------------

TEST(BufferSegment, ViewsItsBytesAndKnowsItsOffset) {
  const Bytes data = to_bytes("abcdef");
  const BufferSegment s(ByteView(data).subspan(2, 3), 2);
  EXPECT_EQ(s.offset(), 2u);
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s.data().data(), data.data() + 2);  // borrowed, not copied
  EXPECT_EQ(s.tobytes(), to_bytes("cde"));
  EXPECT_NE(s.tobytes().data(), data.data() + 2);  // tobytes copies
}

TEST(BufferSegment, EmptySegment) {
  const BufferSegment s(ByteView(), 7);
  EXPECT_EQ(s.size(), 0u);
  EXPECT_EQ(s.offset(), 7u);
  EXPECT_TRUE(s.tobytes().empty());
}

// ---- BufferSegments ------------------------------------------------------------------

TEST(BufferSegments, IndexesEntriesAndRefusesPastTheEnd) {
  const std::vector<BufferSegmentEntry> table = {{0, 5}, {5, 5}, {10, 1}};
  const BufferSegments segments(table);
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[0], (BufferSegmentEntry{0, 5}));
  EXPECT_EQ(segments[2], (BufferSegmentEntry{10, 1}));
  EXPECT_EQ(segments.entries().data(), table.data());
  const std::string message = expect_error([&] { (void)segments[3]; }, ErrorCode::kParameterOutOfBounds, {"index 3"});
  EXPECT_NE(message.find("3 segments"), std::string::npos) << message;
  ZSTDPP_EXPECT_ERROR((void)segments[kMax64], ErrorCode::kParameterOutOfBounds, "BufferSegments");
}

TEST(BufferSegments, IteratesInOrder) {
  const BufferWithSegments buffer = hello_world();
  std::vector<BufferSegmentEntry> seen(buffer.segments().begin(), buffer.segments().end());
  EXPECT_EQ(seen, (std::vector<BufferSegmentEntry>{{0, 5}, {5, 5}, {10, 1}}));
}

TEST(BufferSegments, EmptyTable) {
  const BufferSegments segments({});
  EXPECT_EQ(segments.size(), 0u);
  EXPECT_EQ(segments.begin(), segments.end());
  ZSTDPP_EXPECT_ERROR((void)segments[0], ErrorCode::kParameterOutOfBounds, "index 0");
}

// ---- BufferWithSegments --------------------------------------------------------------

TEST(BufferWithSegments, SegmentsViewTheirPartOfTheBuffer) {
  const BufferWithSegments buffer = hello_world();
  EXPECT_EQ(buffer.size(), 11u);
  ASSERT_EQ(buffer.segment_count(), 3u);
  EXPECT_EQ(text_of(buffer[0]), "hello");
  EXPECT_EQ(text_of(buffer[1]), "world");
  EXPECT_EQ(text_of(buffer[2]), "!");
  EXPECT_EQ(buffer[1].offset(), 5u);
  EXPECT_EQ(buffer[1].data().data(), buffer.data().data() + 5);
  EXPECT_EQ(buffer.tobytes(), to_bytes("helloworld!"));
  EXPECT_EQ(buffer.segments().size(), 3u);
  EXPECT_EQ(buffer.segments()[1], (BufferSegmentEntry{5, 5}));
}

TEST(BufferWithSegments, BorrowingConstructorCopies) {
  Bytes data = to_bytes("abcdef");
  std::vector<BufferSegmentEntry> table = {{1, 2}, {3, 3}};
  const BufferWithSegments buffer{ByteView(data), std::span<const BufferSegmentEntry>(table)};
  data[1] = 'X';
  table[0] = {0, 6};
  EXPECT_NE(buffer.data().data(), data.data());
  EXPECT_EQ(text_of(buffer[0]), "bc");
  EXPECT_EQ(buffer.segments()[0], (BufferSegmentEntry{1, 2}));
  EXPECT_EQ(text_of(buffer[1]), "def");
}

TEST(BufferWithSegments, OverlapsGapsAndEmptySegmentsAreAllowed) {
  const BufferWithSegments buffer(to_bytes("abcdefgh"), {{0, 8}, {2, 3}, {2, 3}, {7, 1}, {8, 0}, {0, 0}});
  EXPECT_EQ(text_of(buffer[0]), "abcdefgh");
  EXPECT_EQ(text_of(buffer[1]), "cde");
  EXPECT_EQ(text_of(buffer[2]), "cde");
  EXPECT_EQ(text_of(buffer[3]), "h");
  EXPECT_EQ(buffer[4].size(), 0u);  // empty, exactly at the end: inside
  EXPECT_EQ(buffer[4].offset(), 8u);
  EXPECT_EQ(buffer[5].size(), 0u);
}

TEST(BufferWithSegments, SegmentPastTheEndNamesIndexOffsetLengthAndSize) {
  const std::string message = expect_error(
      [] { BufferWithSegments(to_bytes("0123456789"), {{0, 4}, {4, 6}, {6, 5}}); },
      ErrorCode::kParameterOutOfBounds, {"segment 2"});
  EXPECT_NE(message.find("offset 6"), std::string::npos) << message;
  EXPECT_NE(message.find("length 5"), std::string::npos) << message;
  EXPECT_NE(message.find("10 bytes"), std::string::npos) << message;
  // The same through the borrowing constructor.
  const Bytes data = to_bytes("0123456789");
  const std::vector<BufferSegmentEntry> table = {{11, 0}};
  ZSTDPP_EXPECT_ERROR((BufferWithSegments{ByteView(data), std::span<const BufferSegmentEntry>(table)}),
                      ErrorCode::kParameterOutOfBounds, "offset 11");
}

TEST(BufferWithSegments, OffsetPlusLengthThatWouldWrapIsRefused) {
  // In uint64 arithmetic UINT64_MAX + 2 == 1, which would pass a naive `offset + length
  // <= size` check and point far outside the buffer.
  const Bytes data = to_bytes("0123456789");
  const std::vector<std::vector<BufferSegmentEntry>> tables = {
      {{kMax64, 2}},
      {{2, kMax64}},
      {{kMax64, kMax64}},
      {{kMax64, 0}},
      {{1, 10}},
      {{5, 6}},
      {{10, 1}},
      {{0, 11}},
  };
  for (const auto& table : tables) {
    SCOPED_TRACE("offset " + std::to_string(table[0].offset) + ", length " + std::to_string(table[0].length));
    const std::string message = expect_error([&] { BufferWithSegments(data, table); },
                                             ErrorCode::kParameterOutOfBounds, {"segment 0"});
    EXPECT_NE(message.find("offset " + std::to_string(table[0].offset)), std::string::npos) << message;
    EXPECT_NE(message.find("length " + std::to_string(table[0].length)), std::string::npos) << message;
  }
}

TEST(BufferWithSegments, EmptyBuffer) {
  const BufferWithSegments none(Bytes{}, {});
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.segment_count(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  ZSTDPP_EXPECT_ERROR((void)none[0], ErrorCode::kParameterOutOfBounds, "index 0");
  ZSTDPP_EXPECT_ERROR(BufferWithSegments(Bytes{}, {{0, 1}}), ErrorCode::kParameterOutOfBounds, "segment 0");
  const BufferWithSegments empties(Bytes{}, {{0, 0}, {0, 0}});
  EXPECT_EQ(empties.segment_count(), 2u);
  EXPECT_EQ(empties[1].size(), 0u);
}

TEST(BufferWithSegments, IndexPastTheEndIsRefused) {
  const BufferWithSegments buffer = hello_world();
  const std::string message =
      expect_error([&] { (void)buffer[3]; }, ErrorCode::kParameterOutOfBounds, {"index 3"});
  EXPECT_NE(message.find("BufferWithSegments"), std::string::npos) << message;
  EXPECT_NE(message.find("3 segments"), std::string::npos) << message;
  ZSTDPP_EXPECT_ERROR((void)buffer[~std::size_t{0}], ErrorCode::kParameterOutOfBounds, "index");
}

TEST(BufferWithSegments, IterationVisitsEverySegmentInOrder) {
  const BufferWithSegments buffer = hello_world();
  std::vector<std::string> seen;
  for (const BufferSegment& s : buffer) seen.push_back(text_of(s));
  EXPECT_EQ(seen, (std::vector<std::string>{"hello", "world", "!"}));
  EXPECT_EQ(std::distance(buffer.begin(), buffer.end()), 3);
  auto it = buffer.begin();
  EXPECT_EQ(text_of(*it++), "hello");
  EXPECT_EQ(text_of(*it), "world");
  // Regression: ranges::distance took size() (11 bytes) for the element count.
  EXPECT_EQ(std::ranges::distance(buffer), 3);
}

TEST(BufferWithSegments, MovingKeepsSegmentsValid) {
  BufferWithSegments a(make_random_bytes(100000, 5), {{0, 50000}, {50000, 50000}});
  const Bytes second = a[1].tobytes();
  BufferWithSegments b = std::move(a);
  EXPECT_EQ(b[1].tobytes(), second);
  EXPECT_EQ(b[1].data().data(), b.data().data() + 50000);
}

// ---- BufferWithSegmentsCollection ----------------------------------------------------

BufferWithSegmentsCollection three_buffers() {
  std::vector<BufferWithSegments> buffers;
  buffers.push_back(BufferWithSegments(to_bytes("ab"), {{0, 1}, {1, 1}}));
  buffers.push_back(BufferWithSegments(to_bytes("cde"), {{0, 3}}));
  buffers.push_back(BufferWithSegments(to_bytes("fghi"), {{0, 2}, {2, 1}, {3, 1}}));
  return BufferWithSegmentsCollection(std::move(buffers));
}

TEST(BufferWithSegmentsCollection, IndexSpansTheBuffersInOrder) {
  const BufferWithSegmentsCollection c = three_buffers();
  EXPECT_EQ(c.buffer_count(), 3u);
  EXPECT_EQ(c.segment_count(), 6u);
  EXPECT_EQ(c.size(), 9u);  // bytes over all buffers
  const std::vector<std::string> want = {"a", "b", "cde", "fg", "h", "i"};
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(text_of(c[i]), want[i]) << "segment " << i;
  // A segment's offset is within its own buffer, and its bytes are that buffer's.
  EXPECT_EQ(c[4].offset(), 2u);
  EXPECT_EQ(c[4].data().data(), c.buffer(2).data().data() + 2);
  EXPECT_EQ(c[2].data().data(), c.buffer(1).data().data());
}

TEST(BufferWithSegmentsCollection, IndexPastTheEndIsRefused) {
  const BufferWithSegmentsCollection c = three_buffers();
  const std::string message = expect_error([&] { (void)c[6]; }, ErrorCode::kParameterOutOfBounds, {"index 6"});
  EXPECT_NE(message.find("6 segments"), std::string::npos) << message;
  ZSTDPP_EXPECT_ERROR((void)c[~std::size_t{0}], ErrorCode::kParameterOutOfBounds, "BufferWithSegmentsCollection");
}

TEST(BufferWithSegmentsCollection, IterationAndLength) {
  const BufferWithSegmentsCollection c = three_buffers();
  std::string all;
  std::size_t count = 0;
  for (const BufferSegment& s : c) {
    all += text_of(s);
    ++count;
  }
  EXPECT_EQ(all, "abcdefghi");
  EXPECT_EQ(count, c.segment_count());
  EXPECT_EQ(std::ranges::distance(c), 6);  // not size(), which is 9 bytes
}

TEST(BufferWithSegmentsCollection, NoBufferIsRefused) {
  ZSTDPP_EXPECT_ERROR(BufferWithSegmentsCollection(std::vector<BufferWithSegments>{}),
                      ErrorCode::kParameterOutOfBounds, "at least 1");
}

TEST(BufferWithSegmentsCollection, BufferWithoutSegmentsIsRefusedByIndex) {
  std::vector<BufferWithSegments> buffers;
  buffers.push_back(BufferWithSegments(to_bytes("ab"), {{0, 2}}));
  buffers.push_back(BufferWithSegments(to_bytes("cd"), {}));
  const std::string message = expect_error([&] { BufferWithSegmentsCollection{std::move(buffers)}; },
                                           ErrorCode::kParameterOutOfBounds, {"buffer 1"});
  EXPECT_NE(message.find("no segments"), std::string::npos) << message;
  std::vector<BufferWithSegments> only_empty;
  only_empty.push_back(BufferWithSegments(Bytes{}, {}));
  ZSTDPP_EXPECT_ERROR(BufferWithSegmentsCollection{std::move(only_empty)}, ErrorCode::kParameterOutOfBounds,
                      "buffer 0");
}

// Documented departure from python-zstandard: the frames of empty inputs decompress to a
// zero-byte buffer whose segments are all empty, and a collection accepts it.
TEST(BufferWithSegmentsCollection, ZeroByteBufferOfEmptySegmentsIsAccepted) {
  std::vector<BufferWithSegments> buffers;
  buffers.push_back(BufferWithSegments(Bytes{}, {{0, 0}, {0, 0}}));
  buffers.push_back(BufferWithSegments(to_bytes("xy"), {{0, 0}, {0, 2}}));
  const BufferWithSegmentsCollection c(std::move(buffers));
  EXPECT_EQ(c.segment_count(), 4u);
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].size(), 0u);
  EXPECT_EQ(c[1].size(), 0u);
  EXPECT_EQ(c[2].size(), 0u);
  EXPECT_EQ(text_of(c[3]), "xy");
  std::vector<BufferWithSegments> alone;
  alone.push_back(BufferWithSegments(Bytes{}, {{0, 0}}));
  const BufferWithSegmentsCollection single(std::move(alone));
  EXPECT_EQ(single.size(), 0u);
  EXPECT_EQ(single.segment_count(), 1u);
  EXPECT_TRUE(single[0].tobytes().empty());
}

TEST(BufferWithSegmentsCollection, ManyBuffersBinarySearchAgreesWithALinearWalk) {
  std::mt19937 rng(seed_from("collection-many"));
  std::vector<BufferWithSegments> buffers;
  std::vector<Bytes> want;
  for (int k = 0; k < 37; ++k) {
    const std::size_t count = 1 + rng() % 9;
    Bytes data;
    std::vector<BufferSegmentEntry> table;
    for (std::size_t j = 0; j < count; ++j) {
      Bytes piece = make_random_bytes(rng() % 20, static_cast<std::uint32_t>(k * 100 + j));
      table.push_back({data.size(), piece.size()});
      append(data, piece);
      want.push_back(std::move(piece));
    }
    buffers.emplace_back(std::move(data), std::move(table));
  }
  const BufferWithSegmentsCollection c(std::move(buffers));
  ASSERT_EQ(c.segment_count(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(c[i].tobytes(), want[i]) << "segment " << i;
  std::size_t i = 0;
  for (const BufferSegment& s : c) EXPECT_EQ(s.tobytes(), want[i++]);
  EXPECT_EQ(i, want.size());
}

}  // namespace
}  // namespace zstdpp_test
