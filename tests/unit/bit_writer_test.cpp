// Unit tests of common/bit_writer.hpp: ForwardBitWriter is the exact inverse of
// BackwardBitReader (fields come back last-written first, the stream is consumed to the
// bit), its sizes are exact, and it never stores outside its buffer when it overflows.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "common/bit_reader.hpp"
#include "common/bit_writer.hpp"

namespace zstdpp {
namespace {

struct Field {
  std::uint64_t value;
  unsigned bits;
};

// The reader over [data, data + size). Not inlined: with a constant size g++ 12 follows
// the reader into its near-start refill and warns about a load it cannot prove in
// bounds (-Warray-bounds false positive).
[[gnu::noinline]] bool open_reader(BackwardBitReader& r, const std::uint8_t* data, std::size_t size) {
  return r.init(data, size);
}

// Random fields in flush groups of at most 56 bits.
std::vector<std::vector<Field>> random_groups(std::mt19937_64& rng, std::size_t groups) {
  std::vector<std::vector<Field>> out(groups);
  for (auto& g : out) {
    unsigned budget = 56;
    const unsigned fields = 1 + static_cast<unsigned>(rng() % 5);
    for (unsigned i = 0; i < fields && budget > 0; ++i) {
      const unsigned bits = static_cast<unsigned>(rng() % (budget + 1));
      const std::uint64_t value = bits == 0 ? 0 : rng() & (~std::uint64_t{0} >> (64 - bits));
      g.push_back({value, bits});
      budget -= bits;
    }
  }
  return out;
}

TEST(BitWriter, RoundTripsThroughBackwardReader) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const auto groups = random_groups(rng, 1 + rng() % 60);
    std::size_t total_bits = 0;
    for (const auto& g : groups)
      for (const Field& f : g) total_bits += f.bits;
    std::vector<std::uint8_t> buf(total_bits / 8 + 16);
    ForwardBitWriter w(buf.data(), buf.size());
    for (const auto& g : groups) {
      for (const Field& f : g) w.add_bits(f.value, f.bits);
      w.flush();
    }
    const std::size_t size = w.close();
    ASSERT_EQ(size, total_bits / 8 + 1) << "payload plus end mark, rounded up";

    BackwardBitReader r;
    ASSERT_TRUE(open_reader(r, buf.data(), size));
    for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
      for (auto f = g->rbegin(); f != g->rend(); ++f) {
        ASSERT_EQ(r.read(f->bits), f->value);
        r.reload();
      }
    }
    EXPECT_TRUE(r.finished()) << "trial " << trial;
  }
}

TEST(BitWriter, MaskedAddDropsHighBits) {
  std::vector<std::uint8_t> buf(16);
  ForwardBitWriter w(buf.data(), buf.size());
  w.add_bits_masked(0xFFFF'FFFF'FFFF'FFF5u, 4);
  w.add_bits_masked(0x1F3, 5);
  w.flush();
  ASSERT_EQ(w.close(), 2u);
  BackwardBitReader r;
  ASSERT_TRUE(open_reader(r, buf.data(), 2));
  EXPECT_EQ(r.read(5), 0x13u);
  EXPECT_EQ(r.read(4), 0x5u);
  r.reload();
  EXPECT_TRUE(r.finished());
}

TEST(BitWriter, EmptyStreamIsTheEndMark) {
  std::vector<std::uint8_t> buf(8, 0xAA);
  ForwardBitWriter w(buf.data(), buf.size());
  ASSERT_EQ(w.close(), 1u);
  EXPECT_EQ(buf[0], 0x01);
  BackwardBitReader r;
  ASSERT_TRUE(open_reader(r, buf.data(), 1));
  EXPECT_TRUE(r.finished());
}

TEST(BitWriter, FullAccumulatorFlushes) {
  // 7 pending bits plus 57 fill the accumulator exactly.
  std::vector<std::uint8_t> buf(32);
  ForwardBitWriter w(buf.data(), buf.size());
  w.add_bits(0x55, 7);
  w.flush();
  w.add_bits(0x1'2345'6789'ABCDu, 57);
  w.flush();
  w.add_bits(1, 1);
  w.flush();
  ASSERT_EQ(w.close(), 9u);
  BackwardBitReader r;
  ASSERT_TRUE(open_reader(r, buf.data(), 9));
  EXPECT_EQ(r.read(1), 1u);
  r.reload();
  EXPECT_EQ(r.read(57), 0x1'2345'6789'ABCDu);
  r.reload();
  EXPECT_EQ(r.read(7), 0x55u);
  r.reload();
  EXPECT_TRUE(r.finished());
}

TEST(BitWriter, OverflowIsReportedAndStaysInsideTheBuffer) {
  for (std::size_t capacity : {8, 9, 15, 16, 40}) {
    std::vector<std::uint8_t> buf(capacity + 32, 0xEE);
    ForwardBitWriter w(buf.data(), capacity);
    for (int i = 0; i < 100; ++i) {
      w.add_bits(0x123456789ABu, 44);
      w.flush();
    }
    EXPECT_EQ(w.close(), 0u) << "capacity " << capacity;
    for (std::size_t i = capacity; i < buf.size(); ++i) ASSERT_EQ(buf[i], 0xEE) << "store past the buffer at " << i;
  }
}

TEST(BitWriter, LargestStreamThatFits) {
  // With capacity C the writer produces up to C - 7 bytes (its stores are 8 bytes wide).
  for (std::size_t capacity = 8; capacity < 24; ++capacity) {
    for (std::size_t bytes = 1; bytes <= capacity; ++bytes) {
      std::vector<std::uint8_t> buf(capacity, 0);
      ForwardBitWriter w(buf.data(), capacity);
      const std::size_t bits = 8 * bytes - 1;  // plus the end mark: exactly `bytes`
      for (std::size_t i = 0; i < bits; i += 8) {
        w.add_bits(0xA5 & ((1u << std::min<std::size_t>(8, bits - i)) - 1), static_cast<unsigned>(std::min<std::size_t>(8, bits - i)));
        w.flush();
      }
      const std::size_t size = w.close();
      if (bytes + 7 <= capacity) {
        EXPECT_EQ(size, bytes) << capacity << " " << bytes;
      } else {
        EXPECT_EQ(size, 0u) << capacity << " " << bytes;
      }
    }
  }
}

TEST(BitWriter, UnflushedTailMayFillTheBuffer) {
  // After a flush at position C - 8 the last 56 bits and the end mark take the final 8
  // bytes: the stream is exactly C bytes.
  const std::size_t capacity = 24;
  std::vector<std::uint8_t> buf(capacity + 8, 0xEE);
  ForwardBitWriter w(buf.data(), capacity);
  for (int i = 0; i < 16; ++i) {
    w.add_bits(static_cast<std::uint64_t>(i), 8);
    w.flush();
  }
  w.add_bits(0x7F, 7);
  w.flush();
  w.add_bits(0xAB'CDEF'0123'4567u, 56);
  ASSERT_EQ(w.close(), capacity);
  for (std::size_t i = capacity; i < buf.size(); ++i) ASSERT_EQ(buf[i], 0xEE);
  BackwardBitReader r;
  ASSERT_TRUE(open_reader(r, buf.data(), capacity));
  EXPECT_EQ(r.read(56), 0xAB'CDEF'0123'4567u);
  r.reload();
  EXPECT_EQ(r.read(7), 0x7Fu);
  for (int i = 16; i-- > 0;) {
    r.reload();
    ASSERT_EQ(r.read(8), static_cast<std::uint64_t>(i));
  }
  r.reload();
  EXPECT_TRUE(r.finished());
}

}  // namespace
}  // namespace zstdpp
