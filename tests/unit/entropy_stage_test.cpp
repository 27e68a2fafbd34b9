// The encoder's entropy stage (src/encoder/entropy_stage.hpp) against the decoder's
// BlockDecoder (src/decoder/block_decoder.hpp): what one writes, the other must read back
// to the same bytes.
//
// Each case builds a SequenceStore by hand, together with the bytes it stands for: a
// history (the bytes before the block, as a frame's earlier blocks would be), then per
// sequence its literals and a copy from `offset` back. The store turns offsets into
// Offset_Values itself (repeat codes included), so the decoder's repeat history is tested
// against the encoder's. write_compressed_block_body() writes the block body; the test
// decodes it as a Compressed_Block with the history as the prefix and compares. Chains of
// blocks pass the encoder's tables from block to block (prev/next, committed as the
// compressor commits them) and keep one BlockDecoder, so the repeat modes (treeless
// literals, repeated FSE tables) are read with the state the decoder really has.
//
// The cases: only literals (raw and Huffman), RLE literals, no literals, 1..3 sequences
// (predefined / RLE codes), thousands of sequences (new FSE tables), sequence counts in
// each of the three count encodings, offsets needing 20+ bits, the longest literal and
// match lengths a block allows, repeat offsets with and without literals, and chains.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/format.hpp"
#include "decoder/block_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/sequence_exec.hpp"
#include "encoder/entropy_stage.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {
namespace {

using Bytes = std::vector<std::uint8_t>;

// A block under construction: the frame's bytes so far (history + this block) and the
// store describing the block.
struct BlockBuilder {
  Bytes* frame;
  std::size_t block_start;
  SequenceStore* store;

  std::size_t block_size() const { return frame->size() - block_start; }

  // Match finders always pass a pointer into their block, never null (an empty vector's
  // data() may be null, and memcpy from null is undefined even for 0 bytes).
  static const std::uint8_t* lit_ptr(const Bytes& literals) {
    static const std::uint8_t kNone = 0;
    return literals.empty() ? &kNone : literals.data();
  }

  // `literals` then a match of `match_length` bytes from `offset` back.
  void sequence(const Bytes& literals, std::uint32_t offset, std::uint32_t match_length) {
    ASSERT_GE(offset, 1u);
    ASSERT_LE(offset, frame->size() + literals.size()) << "offset before the frame's start";
    ASSERT_GE(match_length, format::kMinMatch);
    store->add_sequence(lit_ptr(literals), literals.size(), offset, match_length);
    frame->insert(frame->end(), literals.begin(), literals.end());
    for (std::uint32_t i = 0; i < match_length; ++i) frame->push_back((*frame)[frame->size() - offset]);
  }
  void last_literals(const Bytes& literals) {
    store->add_last_literals(lit_ptr(literals), literals.size());
    frame->insert(frame->end(), literals.begin(), literals.end());
  }
};

// What a block body chose, read back from its headers (RFC 8878 3.1.1.3.1.1 and
// 3.1.1.3.2.1): the literals block type and the three sequence compression modes.
struct BodyModes {
  unsigned literals_type = 0;  // 0 raw, 1 RLE, 2 compressed, 3 treeless
  bool has_sequences = false;
  unsigned ll_mode = 0, of_mode = 0, ml_mode = 0;  // 0 predefined, 1 RLE, 2 FSE, 3 repeat
};

BodyModes read_modes(const std::uint8_t* body) {
  BodyModes m;
  const unsigned b0 = body[0];
  m.literals_type = b0 & 3;
  const unsigned size_format = (b0 >> 2) & 3;
  std::size_t section = 0;
  if (m.literals_type < 2) {
    std::size_t header = 1, size = b0 >> 3;
    if (size_format == 1) header = 2, size = (b0 >> 4) | (std::size_t{body[1]} << 4);
    if (size_format == 3) header = 3, size = (b0 >> 4) | (std::size_t{body[1]} << 4) | (std::size_t{body[2]} << 12);
    section = header + (m.literals_type == 0 ? size : 1);
  } else {
    const std::size_t header = size_format < 2 ? 3 : size_format == 2 ? 4 : 5;
    const unsigned bits = size_format < 2 ? 10 : size_format == 2 ? 14 : 18;
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < header; ++i) h |= std::uint64_t{body[i]} << (8 * i);
    section = header + ((h >> (4 + bits)) & ((std::uint64_t{1} << bits) - 1));
  }
  const std::uint8_t* seq = body + section;
  if (seq[0] == 0) return m;
  m.has_sequences = true;
  const std::size_t count_bytes = seq[0] < 128 ? 1 : seq[0] < 255 ? 2 : 3;
  const unsigned modes = seq[count_bytes];
  m.ll_mode = modes >> 6;
  m.of_mode = (modes >> 4) & 3;
  m.ml_mode = (modes >> 2) & 3;
  return m;
}

// Encoder and decoder state of one frame.
class FrameHarness {
 public:
  explicit FrameHarness(Bytes history = {}) : frame_(std::move(history)) { decoder_.start_frame(nullptr); }

  BlockBuilder begin_block() {
    store_.reset();
    return BlockBuilder{&frame_, frame_.size(), &store_};
  }

  const Bytes& frame() const { return frame_; }
  SequenceStore& store() { return store_; }
  std::size_t last_body_size() const { return body_size_; }
  const BodyModes& last_modes() const { return modes_; }

  // Encodes the block `b` built, decodes it, and compares. Returns the body size.
  void finish_block(const BlockBuilder& b, const EntropyOptions& options = {}) {
    const std::size_t size = b.block_size();
    ASSERT_LE(size, format::kBlockSizeMax) << "test bug: block too large";
    const Bytes expected(frame_.begin() + static_cast<std::ptrdiff_t>(b.block_start), frame_.end());

    // Room for anything the stage may write, with guard bytes after it.
    const std::size_t capacity = 2 * size + 1024;
    Bytes body(capacity + kGuard, 0xA5);
    EntropyTables& prev = tables_[current_];
    EntropyTables& next = tables_[current_ ^ 1];
    std::size_t written = 0;
    const Status s = write_compressed_block_body(store_, prev, next, options, scratch_, body.data(), capacity, written);
    ASSERT_TRUE(s.ok()) << describe(s);
    ASSERT_GT(written, 0u) << "the stage refused a body with " << capacity << " bytes of room";
    ASSERT_LE(written, capacity);
    for (std::size_t i = capacity; i < body.size(); ++i) ASSERT_EQ(body[i], 0xA5) << "wrote past the capacity";
    current_ ^= 1;  // committed, as the compressor does for a block emitted compressed
    body_size_ = written;
    modes_ = read_modes(body.data());

    // Decode as a Compressed_Block after the history.
    Bytes memory(b.block_start + size + decoder::kOutputSlack + kGuard, 0xEE);
    std::copy(frame_.begin(), frame_.begin() + static_cast<std::ptrdiff_t>(b.block_start), memory.begin());
    decoder::BlockOutput out;
    out.prefix_start = memory.data();
    out.op = memory.data() + b.block_start;
    out.oend = out.op + size;
    out.writable_end = out.oend + decoder::kOutputSlack;
    decoder::BlockHeader header;
    header.last = false;
    header.type = format::BlockType::kCompressed;
    header.size = static_cast<std::uint32_t>(written);
    std::size_t produced = 0;
    const Status d = decoder_.decode_block(header, body.data(), format::kBlockSizeMax, out, produced);
    ASSERT_TRUE(d.ok()) << "the decoder rejected the block: " << describe(d);
    ASSERT_EQ(produced, size);
    const Bytes got(out.op, out.op + produced);
    if (got != expected) {
      std::size_t i = 0;
      while (got[i] == expected[i]) ++i;
      FAIL() << "decoded block differs at block offset " << i << " of " << size;
    }
    for (std::size_t i = b.block_start + size + decoder::kOutputSlack; i < memory.size(); ++i)
      ASSERT_EQ(memory[i], 0xEE) << "the decoder wrote past its writable end";
  }

 private:
  static constexpr std::size_t kGuard = 64;
  Bytes frame_;
  SequenceStore store_;
  EntropyTables tables_[2];
  unsigned current_ = 0;
  EntropyScratch scratch_;
  decoder::BlockDecoder decoder_;
  std::size_t body_size_ = 0;
  BodyModes modes_;
};

Bytes random_bytes(std::mt19937& rng, std::size_t n, unsigned alphabet = 256) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng() % alphabet);
  return b;
}

// Skewed bytes, as text literals are: Huffman pays.
Bytes skewed_bytes(std::mt19937& rng, std::size_t n) {
  Bytes b(n);
  std::uniform_real_distribution<double> u(0, 1);
  for (auto& x : b) {
    const double v = u(rng);
    x = static_cast<std::uint8_t>('a' + static_cast<int>(v * v * v * 26));
  }
  return b;
}

TEST(EntropyStage, OnlyLiterals) {
  std::mt19937 rng(1);
  for (std::size_t n : {std::size_t{1}, std::size_t{31}, std::size_t{32}, std::size_t{100}, std::size_t{4095},
                        std::size_t{4096}, std::size_t{5000}, std::size_t{70000}, format::kBlockSizeMax}) {
    for (int kind = 0; kind < 3; ++kind) {
      SCOPED_TRACE("literals " + std::to_string(n) + ", kind " + std::to_string(kind));
      FrameHarness h;
      BlockBuilder b = h.begin_block();
      b.last_literals(kind == 0 ? random_bytes(rng, n) : kind == 1 ? skewed_bytes(rng, n) : random_bytes(rng, n, 2));
      h.finish_block(b);
      if (HasFatalFailure()) return;
    }
  }
}

TEST(EntropyStage, OnlyLiteralsStoredRawWhenAsked) {
  std::mt19937 rng(2);
  FrameHarness h;
  BlockBuilder b = h.begin_block();
  b.last_literals(skewed_bytes(rng, 20000));
  h.finish_block(b, EntropyOptions{.compress_literals = false});
  EXPECT_GE(h.last_body_size(), 20000u) << "compress_literals = false must keep literals raw";
}

TEST(EntropyStage, RleLiterals) {
  std::mt19937 rng(3);
  FrameHarness h(random_bytes(rng, 1000));
  BlockBuilder b = h.begin_block();
  for (int i = 0; i < 500; ++i) b.sequence(Bytes(1 + rng() % 20, 'x'), 1 + rng() % 900, 3 + rng() % 40);
  b.last_literals(Bytes(77, 'x'));
  h.finish_block(b);
  if (HasFatalFailure()) return;
  EXPECT_EQ(h.last_modes().literals_type, 1u) << "literals of one repeated byte are an RLE section";
  // Only-literal RLE sections, short and long.
  for (std::size_t n : {2u, 31u, 4096u, 131072u}) {
    FrameHarness g;
    BlockBuilder c = g.begin_block();
    c.last_literals(Bytes(n, 0xFE));
    g.finish_block(c);
    if (HasFatalFailure()) return;
  }
}

TEST(EntropyStage, FewSequences) {
  std::mt19937 rng(4);
  for (std::size_t count : {1u, 2u, 3u, 4u}) {
    for (bool with_literals : {false, true}) {
      SCOPED_TRACE(std::to_string(count) + " sequences, literals " + std::to_string(with_literals));
      FrameHarness h(skewed_bytes(rng, 3000));
      BlockBuilder b = h.begin_block();
      for (std::size_t i = 0; i < count; ++i)
        b.sequence(with_literals ? skewed_bytes(rng, 1 + rng() % 30) : Bytes{}, 1 + rng() % 2900, 3 + rng() % 100);
      b.last_literals(with_literals ? skewed_bytes(rng, 10) : Bytes{});
      h.finish_block(b);
      if (HasFatalFailure()) return;
    }
  }
}

// Same codes everywhere: every stream RLE (or predefined).
TEST(EntropyStage, IdenticalSequences) {
  std::mt19937 rng(5);
  FrameHarness h(random_bytes(rng, 500));
  BlockBuilder b = h.begin_block();
  for (int i = 0; i < 2000; ++i) b.sequence(Bytes(1, static_cast<std::uint8_t>(rng())), 400, 10);
  h.finish_block(b);
  if (HasFatalFailure()) return;
  EXPECT_EQ(h.last_modes().ll_mode, 1u) << "one literal length code: RLE mode";
  EXPECT_EQ(h.last_modes().ml_mode, 1u) << "one match length code: RLE mode";
}

TEST(EntropyStage, ManySequences) {
  std::mt19937 rng(6);
  FrameHarness h(skewed_bytes(rng, 60000));
  BlockBuilder b = h.begin_block();
  std::geometric_distribution<std::uint32_t> lit(0.3), match(0.15), far(0.0005);
  while (b.block_size() < 120000) {
    const std::uint32_t ml = 3 + match(rng);
    b.sequence(skewed_bytes(rng, lit(rng)), 1 + std::min<std::uint32_t>(far(rng), 59000), std::min(ml, 300u));
  }
  b.last_literals(skewed_bytes(rng, 5));
  EXPECT_GT(h.store().sequence_count(), 10000u);
  h.finish_block(b);
  if (HasFatalFailure()) return;
  EXPECT_EQ(h.last_modes().literals_type, 2u) << "skewed literals are Huffman-coded";
  EXPECT_EQ(h.last_modes().ll_mode, 2u) << "10000+ sequences describe their own tables";
}

// Number_of_Sequences takes 1 byte below 128, 2 below 0x7F00, 3 from 0x7F00 (RFC 8878
// 3.1.1.3.2.1); the edges of each.
TEST(EntropyStage, SequenceCountEncodings) {
  std::mt19937 rng(7);
  for (std::size_t count : {127u, 128u, 129u, 255u, 256u, 0x7EFFu, 0x7F00u, 0x7F01u, 40000u}) {
    SCOPED_TRACE(std::to_string(count) + " sequences");
    FrameHarness h(random_bytes(rng, 4000));
    BlockBuilder b = h.begin_block();
    for (std::size_t i = 0; i < count; ++i) {
      // ll 0 with varied offsets: repeat codes with the literal-length-zero shift.
      const bool lits = rng() % 4 == 0;
      b.sequence(lits ? random_bytes(rng, 1) : Bytes{}, 1 + rng() % 3900, 3);
    }
    ASSERT_LE(b.block_size(), format::kBlockSizeMax);
    h.finish_block(b);
    if (HasFatalFailure()) return;
  }
}

// Offsets of 2^20 and more: Offset_Value needs 21+ bits, past what one 32-bit refill of a
// 32-bit reader holds together with the other fields.
TEST(EntropyStage, FarOffsets) {
  std::mt19937 rng(8);
  const std::size_t history = (std::size_t{1} << 22) + 1000;
  FrameHarness h(random_bytes(rng, history));
  BlockBuilder b = h.begin_block();
  for (int i = 0; i < 3000; ++i) {
    const std::uint32_t offset = (1u << 20) + static_cast<std::uint32_t>(rng() % ((1u << 22) - (1u << 20)));
    b.sequence(random_bytes(rng, rng() % 5), offset, 3 + rng() % 30);
  }
  b.last_literals(random_bytes(rng, 3));
  h.finish_block(b);
  if (HasFatalFailure()) return;
  // Mixed with repeats of the far offsets and short ones in one block.
  BlockBuilder c = h.begin_block();
  std::uint32_t last_far = 1u << 21;
  for (int i = 0; i < 3000; ++i) {
    const unsigned pick = rng() % 4;
    const std::uint32_t offset = pick == 0   ? (last_far = (1u << 20) + static_cast<std::uint32_t>(rng() % (3u << 20)))
                                 : pick == 1 ? last_far
                                             : 1 + static_cast<std::uint32_t>(rng() % 64);
    c.sequence(random_bytes(rng, rng() % 3), offset, 3 + rng() % 12);
  }
  h.finish_block(c);
}

// The longest fields a block allows: a literal run of nearly 128 KiB, a match of nearly
// 128 KiB, and lengths at the code boundaries (ll 64/65535/65536, ml 130/65538).
TEST(EntropyStage, LongLengths) {
  std::mt19937 rng(9);
  {
    FrameHarness h(random_bytes(rng, 100));
    BlockBuilder b = h.begin_block();
    b.sequence(random_bytes(rng, format::kBlockSizeMax - 3), 50, 3);
    h.finish_block(b);
    if (HasFatalFailure()) return;
  }
  {
    FrameHarness h(random_bytes(rng, 100));
    BlockBuilder b = h.begin_block();
    b.sequence(random_bytes(rng, 1), 7, format::kBlockSizeMax - 1);
    h.finish_block(b);
    if (HasFatalFailure()) return;
  }
  {
    FrameHarness h(random_bytes(rng, 100000));
    BlockBuilder b = h.begin_block();
    for (std::uint32_t ll : {0u, 15u, 16u, 63u, 64u, 32768u}) b.sequence(random_bytes(rng, ll), 1 + rng() % 90000, 3);
    for (std::uint32_t ml : {3u, 34u, 35u, 130u, 131u, 65539u}) b.sequence(random_bytes(rng, 1), 1 + rng() % 90000, ml);
    ASSERT_LE(b.block_size(), format::kBlockSizeMax);
    h.finish_block(b);
    if (HasFatalFailure()) return;
    // Literal lengths at the top codes: 65535 and 65536 (code 35's baseline).
    for (std::uint32_t ll : {65535u, 65536u}) {
      BlockBuilder c = h.begin_block();
      c.sequence(random_bytes(rng, ll), 1 + rng() % 90000, 1000);
      c.sequence(random_bytes(rng, 7), 1 + rng() % 90000, 3);
      h.finish_block(c);
      if (HasFatalFailure()) return;
    }
  }
}

// Offsets equal to the repeat history, with and without literals, including rep0 - 1 with
// no literals (Offset_Value 3, literal length 0).
TEST(EntropyStage, RepeatOffsets) {
  std::mt19937 rng(10);
  FrameHarness h(random_bytes(rng, 5000, 4));
  BlockBuilder b = h.begin_block();
  const std::uint32_t initial[3] = {1, 4, 8};
  for (std::uint32_t o : initial) b.sequence(Bytes{}, o, 5);  // the initial history, ll 0
  for (int i = 0; i < 4000; ++i) {
    const RepeatHistory rep = h.store().rep();
    const unsigned pick = rng() % 6;
    std::uint32_t offset = pick < 3 ? rep[pick] : pick == 3 ? rep[0] - 1 : 1 + static_cast<std::uint32_t>(rng() % 4000);
    if (offset == 0) offset = 1;
    b.sequence(rng() % 2 ? Bytes{} : random_bytes(rng, 1 + rng() % 3, 4), offset, 3 + rng() % 6);
  }
  h.finish_block(b);
}

// A chain of blocks with similar statistics, one BlockDecoder for all: the stage may reuse
// the previous Huffman table (treeless literals) and FSE tables (repeat mode); the decoder
// must hold the same tables.
TEST(EntropyStage, ChainOfBlocksReusesTables) {
  std::mt19937 rng(11);
  FrameHarness h(skewed_bytes(rng, 20000));
  unsigned literal_types[4] = {}, seq_modes[4] = {};
  for (int block = 0; block < 40; ++block) {
    SCOPED_TRACE("block " + std::to_string(block));
    BlockBuilder b = h.begin_block();
    const int kind = block % 5;
    const std::size_t target = kind == 4 ? 200 : 6000 + rng() % 20000;
    while (b.block_size() < target) {
      if (kind == 3) {  // literals only
        b.last_literals(skewed_bytes(rng, 100));
        continue;
      }
      b.sequence(skewed_bytes(rng, rng() % 8), 1 + rng() % 15000, 3 + rng() % 20);
    }
    h.finish_block(b);
    if (HasFatalFailure()) return;
    const BodyModes& m = h.last_modes();
    ++literal_types[m.literals_type];
    if (m.has_sequences) ++seq_modes[m.ll_mode], ++seq_modes[m.of_mode], ++seq_modes[m.ml_mode];
  }
  // Coverage guard: the chain is only a test of the repeat modes if the stage used them.
  EXPECT_GT(literal_types[2], 0u) << "no block described a new Huffman table";
  EXPECT_GT(literal_types[3], 0u) << "no block reused the previous Huffman table (treeless literals)";
  EXPECT_GT(seq_modes[2], 0u) << "no sequence stream described a new FSE table";
  EXPECT_GT(seq_modes[3], 0u) << "no sequence stream reused the previous FSE table (repeat mode)";
}

// When the body does not fit, the stage says so (written 0) without writing past the room.
TEST(EntropyStage, RefusesWhenTheRoomIsTooSmall) {
  std::mt19937 rng(12);
  Bytes frame = random_bytes(rng, 1000);
  SequenceStore store;
  BlockBuilder b{&frame, frame.size(), &store};
  for (int i = 0; i < 300; ++i) b.sequence(random_bytes(rng, 5), 1 + rng() % 900, 4);
  EntropyTables prev, next;
  EntropyScratch scratch;
  for (std::size_t room : {0u, 1u, 5u, 12u, 100u, 1000u}) {
    Bytes dst(room + 64, 0x5C);
    std::size_t written = 12345;
    const Status s = write_compressed_block_body(store, prev, next, {}, scratch, dst.data(), room, written);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(written, 0u) << "room " << room;
    for (std::size_t i = room; i < dst.size(); ++i) ASSERT_EQ(dst[i], 0x5C) << "room " << room << ": wrote byte " << i;
  }
}

}  // namespace
}  // namespace zstdpp::encoder
