// Unit tests of common/bit_reader.hpp (the backward bit reader, RFC 8878 section 4.1) and
// common/mem.hpp (little-endian loads and stores, wildcopy).
//
// Streams are made by a test-side forward bit writer (unit_support.hpp): fields are written
// in reverse reading order, then the end mark, so the expected value of every read is known
// without trusting the reader. Sizes 1..20 bytes cover the short-stream load (< 8 bytes),
// the near-start reload and the fast reload.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>

#include "common/bit_reader.hpp"
#include "common/mem.hpp"
#include "unit_support.hpp"

namespace zstdpp {
namespace {

using zstdpp_unit::backward_stream;
using zstdpp_unit::BitWriter;
using zstdpp_unit::Bytes;
using zstdpp_unit::Field;

TEST(BackwardBitReader, RejectsEmptyStream) {
  const std::uint8_t byte = 0x01;
  BackwardBitReader bits;
  EXPECT_FALSE(bits.init(&byte, 0));
}

TEST(BackwardBitReader, RejectsLastByteWithoutEndMark) {
  const std::uint8_t zero[1] = {0x00};
  const std::uint8_t zero_last[3] = {0xFF, 0xFF, 0x00};
  const std::uint8_t zero_last_long[12] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
  BackwardBitReader bits;
  EXPECT_FALSE(bits.init(zero, sizeof zero));
  EXPECT_FALSE(bits.init(zero_last, sizeof zero_last));
  EXPECT_FALSE(bits.init(zero_last_long, sizeof zero_last_long));
  // A zero byte before the last one is payload, not a missing mark.
  const std::uint8_t zero_first[2] = {0x00, 0x01};
  EXPECT_TRUE(bits.init(zero_first, sizeof zero_first));
  EXPECT_EQ(bits.bits_remaining(), 8u);
}

TEST(BackwardBitReader, EndMarkPositionSetsPayloadSize) {
  // The mark is the highest set bit of the last byte; the bits below it are payload.
  for (unsigned mark = 0; mark < 8; ++mark) {
    for (std::size_t size = 1; size <= 12; ++size) {
      Bytes stream(size, 0xA5);
      stream.back() = static_cast<std::uint8_t>(1u << mark);
      BackwardBitReader bits;
      ASSERT_TRUE(bits.init(stream.data(), stream.size()));
      EXPECT_EQ(bits.bits_remaining(), 8 * (size - 1) + mark) << "size " << size << " mark " << mark;
      EXPECT_FALSE(bits.overflowed());
      EXPECT_EQ(bits.finished(), size == 1 && mark == 0);
    }
  }
}

TEST(BackwardBitReader, ReadsHandAnnotatedStream) {
  // byte 1 = 0b0000'0011: end mark at bit 1, payload bit 0 = 1 (read first);
  // byte 0 = 0b0101'1010: read from bit 7 down to bit 0.
  const std::uint8_t stream[2] = {0x5A, 0x03};
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream, sizeof stream));
  EXPECT_EQ(bits.bits_remaining(), 9u);
  EXPECT_EQ(bits.peek(1), 1u);
  EXPECT_EQ(bits.read(1), 1u);
  EXPECT_EQ(bits.read(4), 0b0101u);
  EXPECT_FALSE(bits.finished());
  EXPECT_EQ(bits.read(4), 0b1010u);
  EXPECT_TRUE(bits.finished());
  EXPECT_FALSE(bits.overflowed());
  EXPECT_EQ(bits.bits_remaining(), 0u);
}

TEST(BackwardBitReader, WriterAndReaderAgreeOnBitOrder) {
  // Fields written last are read first, each as the value written.
  const Bytes stream = backward_stream({{0x3, 2}, {0x1F0, 9}, {0, 3}, {1, 1}, {0x7FFF, 15}});
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream.data(), stream.size()));
  EXPECT_EQ(bits.bits_remaining(), 30u);
  EXPECT_EQ(bits.read(2), 0x3u);
  EXPECT_EQ(bits.read(9), 0x1F0u);
  EXPECT_EQ(bits.read(3), 0u);
  EXPECT_EQ(bits.read(1), 1u);
  bits.reload();
  EXPECT_EQ(bits.read(15), 0x7FFFu);
  EXPECT_TRUE(bits.finished());
}

// Random fields filling a stream of exactly `size` bytes, read back with a reload before
// every read. Widths up to `max_width` (<= 57, what a reload guarantees).
void check_random_stream(std::mt19937& rng, std::size_t size, unsigned max_width) {
  // Payload bits so the end mark lands in the last byte: 8 * (size - 1) .. 8 * size - 1.
  const std::size_t payload = 8 * (size - 1) + rng() % 8;
  std::vector<Field> fields;
  std::size_t left = payload;
  while (left > 0) {
    unsigned width = 1 + rng() % max_width;
    if (width > left) width = static_cast<unsigned>(left);
    const std::uint64_t value = (std::uint64_t{rng()} << 32 | rng()) & ((std::uint64_t{1} << width) - 1);
    fields.push_back({value, width});
    left -= width;
  }
  const Bytes stream = backward_stream(fields);
  ASSERT_EQ(stream.size(), size);
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream.data(), stream.size()));
  ASSERT_EQ(bits.bits_remaining(), payload);
  std::size_t remaining = payload;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool fast = bits.reload();
    EXPECT_EQ(bits.bits_remaining(), remaining) << "reload must not consume bits";
    if (fast) {
      EXPECT_GE(bits.bits_remaining(), 64u) << "reload() said fast with under 8 bytes left";
    }
    EXPECT_EQ(bits.peek(fields[i].bits), fields[i].value);
    ASSERT_EQ(bits.read(fields[i].bits), fields[i].value) << "size " << size << " field " << i << " of "
                                                          << fields.size() << " width " << fields[i].bits;
    remaining -= fields[i].bits;
    EXPECT_EQ(bits.bits_remaining(), remaining);
    EXPECT_EQ(bits.finished(), remaining == 0);
    EXPECT_FALSE(bits.overflowed());
  }
  bits.reload();
  EXPECT_TRUE(bits.finished());
  EXPECT_FALSE(bits.overflowed());
}

TEST(BackwardBitReader, ReadsKnownPatternsFromOneToTwentyBytes) {
  std::mt19937 rng(1234);
  for (std::size_t size = 1; size <= 20; ++size) {
    for (int round = 0; round < 50; ++round) {
      check_random_stream(rng, size, 25);
      if (HasFatalFailure()) return;
    }
  }
}

TEST(BackwardBitReader, ReadsFieldsUpTo57BitsAfterEachReload) {
  std::mt19937 rng(99);
  for (std::size_t size : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 24u, 40u, 100u}) {
    for (int round = 0; round < 30; ++round) {
      check_random_stream(rng, size, 57);
      if (HasFatalFailure()) return;
    }
  }
}

TEST(BackwardBitReader, ZeroWidthReadsAndPeeks) {
  const Bytes stream = backward_stream({{0x15, 5}});
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream.data(), stream.size()));
  EXPECT_EQ(bits.peek(0), 0u);
  EXPECT_EQ(bits.read(0), 0u);
  EXPECT_EQ(bits.bits_remaining(), 5u);
  EXPECT_EQ(bits.peek_nonzero(5), 0x15u);
  EXPECT_EQ(bits.peek(5), 0x15u);
  bits.skip(2);
  EXPECT_EQ(bits.peek_nonzero(3), 0x5u);
  EXPECT_EQ(bits.read(3), 0x5u);
  EXPECT_TRUE(bits.finished());
  EXPECT_EQ(bits.read(0), 0u);
  EXPECT_TRUE(bits.finished());
  EXPECT_FALSE(bits.overflowed());
}

TEST(BackwardBitReader, OverflowsAfterReadingPastTheStart) {
  for (std::size_t size : {1u, 3u, 8u, 12u, 30u}) {
    std::mt19937 rng(static_cast<unsigned>(size));
    std::vector<Field> fields;
    std::size_t payload = 8 * size - 1;  // end mark in the top bit of the last byte
    while (payload > 0) {
      const unsigned w = static_cast<unsigned>(std::min<std::size_t>(payload, 13));
      fields.push_back({rng() & ((1u << w) - 1), w});
      payload -= w;
    }
    const Bytes stream = backward_stream(fields);
    ASSERT_EQ(stream.size(), size);
    BackwardBitReader bits;
    ASSERT_TRUE(bits.init(stream.data(), stream.size()));
    for (const Field& f : fields) {
      bits.reload();
      ASSERT_EQ(bits.read(f.bits), f.value);
    }
    bits.reload();
    EXPECT_TRUE(bits.finished());
    EXPECT_FALSE(bits.overflowed());
    // One bit past the start: flagged at once, and still flagged after a reload.
    (void)bits.read(1);
    EXPECT_TRUE(bits.overflowed()) << "size " << size;
    EXPECT_FALSE(bits.finished());
    EXPECT_FALSE(bits.reload());
    EXPECT_TRUE(bits.overflowed());
    EXPECT_FALSE(bits.finished());
    // Further reads stay overflowed and never report finished again.
    (void)bits.read(20);
    bits.reload();
    EXPECT_TRUE(bits.overflowed());
    EXPECT_FALSE(bits.finished());
  }
}

TEST(BackwardBitReader, OverflowsWhenAReadStraddlesTheStart) {
  // 10 payload bits; a read of 12 takes the last 10 and 2 that do not exist.
  const Bytes stream = backward_stream({{0x3FF, 10}});
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream.data(), stream.size()));
  (void)bits.read(12);
  bits.reload();
  EXPECT_TRUE(bits.overflowed());
  EXPECT_FALSE(bits.finished());
}

TEST(BackwardBitReader, ShortStreamsNeverTakeTheFastPath) {
  for (std::size_t size = 1; size < 8; ++size) {
    Bytes stream(size, 0x5C);
    stream.back() = 0x80;
    BackwardBitReader bits;
    ASSERT_TRUE(bits.init(stream.data(), stream.size()));
    const std::size_t before = bits.bits_remaining();
    EXPECT_FALSE(bits.reload()) << "size " << size;
    EXPECT_FALSE(bits.has_fast_room());
    EXPECT_EQ(bits.bits_remaining(), before);
  }
}

TEST(BackwardBitReader, ReloadNearTheStartKeepsValuesExact) {
  // Reads of 7 bits across a 40-byte stream pass from the fast reload through the
  // near-start reload to the exact end. Record where reload() stops saying "fast".
  std::vector<Field> fields;
  for (unsigned i = 0; i < 40 * 8 / 7; ++i) fields.push_back({(i * 37u) & 0x7F, 7});
  const std::size_t payload = fields.size() * 7;
  const Bytes stream = backward_stream(fields);
  BackwardBitReader bits;
  ASSERT_TRUE(bits.init(stream.data(), stream.size()));
  ASSERT_EQ(bits.bits_remaining(), payload);
  bool was_fast = true;
  std::size_t fast_to_slow = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool fast = bits.reload();
    if (was_fast && !fast) ++fast_to_slow;
    if (!was_fast) {
      EXPECT_FALSE(fast) << "reload() became fast again near the start at field " << i;
    }
    was_fast = fast;
    ASSERT_EQ(bits.read(7), fields[i].value) << "field " << i;
  }
  EXPECT_EQ(fast_to_slow, 1u);
  bits.reload();
  EXPECT_TRUE(bits.finished());
}

TEST(BackwardBitReader, ReloadFastMatchesReloadWhileThereIsRoom) {
  std::mt19937 rng(5);
  std::vector<Field> fields;
  for (int i = 0; i < 200; ++i) {
    const unsigned w = 1 + rng() % 30;
    fields.push_back({rng() & ((1u << w) - 1), w});
  }
  const Bytes stream = backward_stream(fields);
  BackwardBitReader a, b;
  ASSERT_TRUE(a.init(stream.data(), stream.size()));
  ASSERT_TRUE(b.init(stream.data(), stream.size()));
  for (const Field& f : fields) {
    a.reload();
    if (b.has_fast_room()) {
      b.reload_fast();
    } else {
      b.reload();
    }
    ASSERT_EQ(a.bits_remaining(), b.bits_remaining());
    ASSERT_EQ(a.read(f.bits), f.value);
    ASSERT_EQ(b.read(f.bits), f.value);
  }
  a.reload();
  b.reload();
  EXPECT_TRUE(a.finished());
  EXPECT_TRUE(b.finished());
}

TEST(BackwardBitReader, PositionAndSeekHandTheStateOver) {
  // Kernels copy the position out, run their own refills and seek() back: a reader seeked
  // to another's position continues with the same bits.
  std::mt19937 rng(8);
  std::vector<Field> fields;
  for (int i = 0; i < 100; ++i) {
    const unsigned w = 1 + rng() % 20;
    fields.push_back({rng() & ((1u << w) - 1), w});
  }
  const Bytes stream = backward_stream(fields);
  for (std::size_t handover = 0; handover < fields.size(); handover += 7) {
    BackwardBitReader a;
    ASSERT_TRUE(a.init(stream.data(), stream.size()));
    for (std::size_t i = 0; i < handover; ++i) {
      a.reload();
      ASSERT_EQ(a.read(fields[i].bits), fields[i].value);
    }
    a.reload();
    if (a.position() + 8 > stream.data() + stream.size()) continue;  // seek() needs 8 bytes at the position
    EXPECT_EQ(a.stream_start(), stream.data());
    BackwardBitReader b;
    ASSERT_TRUE(b.init(stream.data(), stream.size()));
    b.seek(a.position(), a.consumed());
    EXPECT_EQ(b.bits_remaining(), a.bits_remaining());
    for (std::size_t i = handover; i < fields.size(); ++i) {
      b.reload();
      ASSERT_EQ(b.read(fields[i].bits), fields[i].value) << "handover at field " << handover;
    }
    b.reload();
    EXPECT_TRUE(b.finished());
  }
}

// ---- mem.hpp ------------------------------------------------------------------------------

TEST(Mem, LoadsAreLittleEndianAtAnyAlignment) {
  alignas(8) std::uint8_t buf[24];
  for (int i = 0; i < 24; ++i) buf[i] = static_cast<std::uint8_t>(0x10 + i);
  for (int off = 0; off < 8; ++off) {
    const std::uint8_t* p = buf + off;
    const auto b = [&](int i) { return std::uint64_t{p[i]}; };
    EXPECT_EQ(load_le16(p), b(0) | b(1) << 8);
    EXPECT_EQ(load_le24(p), b(0) | b(1) << 8 | b(2) << 16);
    EXPECT_EQ(load_le32(p), b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24);
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | b(i);
    EXPECT_EQ(load_le64(p), v);
  }
  const std::uint8_t fixed[8] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
  EXPECT_EQ(load_le16(fixed), 0x0201u);
  EXPECT_EQ(load_le24(fixed), 0x030201u);
  EXPECT_EQ(load_le32(fixed), 0x04030201u);
  EXPECT_EQ(load_le64(fixed), 0x0807060504030201ull);
}

TEST(Mem, LoadLeNReadsExactlyNBytes) {
  const std::uint8_t fixed[9] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xFF};
  EXPECT_EQ(load_le_n(fixed, 0), 0u);
  EXPECT_EQ(load_le_n(fixed, 1), 0x01u);
  EXPECT_EQ(load_le_n(fixed, 2), 0x0201u);
  EXPECT_EQ(load_le_n(fixed, 3), 0x030201u);
  EXPECT_EQ(load_le_n(fixed, 4), 0x04030201u);
  EXPECT_EQ(load_le_n(fixed, 5), 0x0504030201ull);
  EXPECT_EQ(load_le_n(fixed, 7), 0x07060504030201ull);
  EXPECT_EQ(load_le_n(fixed, 8), 0x0807060504030201ull);
}

TEST(Mem, StoresAreLittleEndianAndRoundTrip) {
  std::uint8_t buf[16] = {};
  store_le16(buf + 1, 0xBEEF);
  EXPECT_EQ(buf[1], 0xEF);
  EXPECT_EQ(buf[2], 0xBE);
  store_le32(buf + 3, 0x12345678u);
  EXPECT_EQ(buf[3], 0x78);
  EXPECT_EQ(buf[4], 0x56);
  EXPECT_EQ(buf[5], 0x34);
  EXPECT_EQ(buf[6], 0x12);
  store_le64(buf + 7, 0x0102030405060708ull);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(buf[7 + i], 8 - i);
  EXPECT_EQ(buf[0], 0);
  EXPECT_EQ(buf[15], 0);
  EXPECT_EQ(load_le16(buf + 1), 0xBEEF);
  EXPECT_EQ(load_le32(buf + 3), 0x12345678u);
  EXPECT_EQ(load_le64(buf + 7), 0x0102030405060708ull);
}

TEST(Mem, ByteswapAndHighestBit) {
  EXPECT_EQ(byteswap16(0x1234), 0x3412);
  EXPECT_EQ(byteswap32(0x12345678u), 0x78563412u);
  EXPECT_EQ(byteswap64(0x0102030405060708ull), 0x0807060504030201ull);
  for (unsigned b = 0; b < 32; ++b) {
    EXPECT_EQ(highest_bit(1u << b), b);
    if (b > 0) {
      EXPECT_EQ(highest_bit((1u << b) | 1u), b);
    }
    if (b > 1) {
      EXPECT_EQ(highest_bit((1u << b) - 1), b - 1);
    }
  }
  for (unsigned b = 0; b < 64; ++b) EXPECT_EQ(highest_bit64(std::uint64_t{1} << b), b);
  EXPECT_EQ(highest_bit(0xFFFFFFFFu), 31u);
}

TEST(Mem, WildcopyCopiesTheRangeAndStaysInsideItsSlack) {
  for (std::size_t length = 1; length <= 130; ++length) {
    std::array<std::uint8_t, 256> src{};
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<std::uint8_t>(i * 7 + 1);
    std::array<std::uint8_t, 256> dst;
    dst.fill(0xEE);
    wildcopy16(dst.data() + 8, src.data(), dst.data() + 8 + length);
    for (std::size_t i = 0; i < length; ++i) ASSERT_EQ(dst[8 + i], src[i]) << "length " << length;
    for (std::size_t i = 0; i < 8; ++i) ASSERT_EQ(dst[i], 0xEE) << "wrote before dst";
    for (std::size_t i = 8 + length + kWildcopySlack - 1; i < dst.size(); ++i)
      ASSERT_EQ(dst[i], 0xEE) << "length " << length << ": wrote past the slack at " << i;
  }
}

}  // namespace
}  // namespace zstdpp
