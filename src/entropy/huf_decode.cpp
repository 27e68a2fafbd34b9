// Huffman tree descriptions and literal stream decoding (RFC 8878 sections 4.2.1, 4.2.2).
//
// Weights come either as 4-bit direct values or FSE-compressed with two interleaved
// states over one backward stream; the latter ends when a state update would read past
// the stream's start, after which the other state's symbol is the last weight.
//
// The stream decoders keep each bit reader in a local. The 4-stream fast loop decodes
// kSymbolsPerRefill symbols from each stream per refill: after a refill at least 57 bits
// are available, and 5 codes of at most 11 bits fit. It runs while every stream has 8+
// bytes left behind its read position and 5+ output bytes of room; the tail then decodes
// one symbol per refill. The well-formedness check is once per stream at the end.
#include "entropy/huf_decode.hpp"

#include <algorithm>
#include <bit>

#include "common/bit_reader.hpp"
#include "common/cpu.hpp"
#include "common/mem.hpp"
#include "entropy/fse_decode.hpp"

namespace zstdpp::entropy {
namespace {

constexpr unsigned kWeightsMaxAccuracyLog = 6;
constexpr unsigned kWeightsMaxSymbol = 12;  // read wider than valid, rejected by max_bits
// Symbols per refill: after a refill at least 57 bits are available, which holds 5 codes
// of up to 11 bits or 4 of 12.
constexpr unsigned symbols_per_refill(unsigned max_bits) { return max_bits <= 11 ? 5 : 4; }

Status decode_fse_weights(const std::uint8_t* src, std::size_t size, std::uint8_t* weights, unsigned& count) {
  NormalizedCounts norm;
  std::size_t header = 0;
  ZSTDPP_TRY(read_fse_description(src, size, kWeightsMaxSymbol, kWeightsMaxAccuracyLog, norm, header));
  FseDecodeEntry table[1u << kWeightsMaxAccuracyLog];
  build_fse_decode_table(norm, table);

  BackwardBitReader bits;
  if (!bits.init(src + header, size - header))
    return Status::fail(ErrorCode::kCorruptedData, "Huffman weights stream is empty or lacks its end mark");
  const unsigned log = norm.accuracy_log;
  std::uint32_t state1 = static_cast<std::uint32_t>(bits.read(log));
  std::uint32_t state2 = static_cast<std::uint32_t>(bits.read(log));
  bits.reload();
  if (bits.overflowed())
    return Status::fail(ErrorCode::kCorruptedData, "Huffman weights stream too short to initialise its FSE states");
  // Up to 255 weights are described (the 256th is implied).
  constexpr unsigned kMaxWeights = kHuffmanMaxSymbols - 1;
  unsigned n = 0;
  for (;;) {
    if (n + 2 > kMaxWeights)
      return Status::fail(ErrorCode::kCorruptedData, "Huffman weights stream describes more than 255 weights");
    const FseDecodeEntry e1 = table[state1];
    weights[n++] = e1.symbol;
    state1 = e1.next_base + static_cast<std::uint32_t>(bits.read(e1.nb_bits));
    bits.reload();
    if (bits.overflowed()) {
      weights[n++] = table[state2].symbol;
      break;
    }
    const FseDecodeEntry e2 = table[state2];
    weights[n++] = e2.symbol;
    state2 = e2.next_base + static_cast<std::uint32_t>(bits.read(e2.nb_bits));
    bits.reload();
    if (bits.overflowed()) {
      weights[n++] = table[state1].symbol;
      break;
    }
  }
  count = n;
  return Status::success();
}

}  // namespace

Status read_huffman_weights(const std::uint8_t* src, std::size_t size, HuffmanWeights& out, std::size_t& consumed) {
  if (size == 0) return Status::fail(ErrorCode::kCorruptedData, "missing Huffman tree description");
  const unsigned header = src[0];
  std::uint8_t* weights = out.weights.data();
  out.weights.fill(0);
  unsigned count = 0;
  if (header >= 128) {
    count = header - 127;
    const std::size_t bytes = (count + 1) / 2;
    if (1 + bytes > size) return Status::fail(ErrorCode::kCorruptedData, "Huffman direct weights truncated");
    for (unsigned i = 0; i < count; ++i) {
      const std::uint8_t b = src[1 + i / 2];
      weights[i] = (i & 1) ? (b & 15) : (b >> 4);
    }
    consumed = 1 + bytes;
  } else {
    if (header == 0 || 1 + header > size)
      return Status::fail(ErrorCode::kCorruptedData, "Huffman compressed weights size {v} exceeds the {l} bytes left",
                          header, size - 1);
    ZSTDPP_TRY(decode_fse_weights(src + 1, header, weights, count));
    consumed = 1 + header;
  }

  // The implied last weight completes the code: the sum of 2^(w-1) must reach a power of 2.
  std::uint32_t total = 0;
  for (unsigned i = 0; i < count; ++i) {
    if (weights[i] > kHuffmanMaxDecodeBits)
      return Status::fail(ErrorCode::kCorruptedData, "Huffman weight {v} exceeds the maximum {l}", weights[i],
                          kHuffmanMaxDecodeBits);
    if (weights[i]) total += std::uint32_t{1} << (weights[i] - 1);
  }
  if (total == 0) return Status::fail(ErrorCode::kCorruptedData, "Huffman weights are all zero");
  const unsigned max_bits = highest_bit(total) + 1;
  if (max_bits > kHuffmanMaxDecodeBits)
    return Status::fail(ErrorCode::kCorruptedData, "Huffman code length {v} exceeds the maximum {l}", max_bits,
                        kHuffmanMaxDecodeBits);
  const std::uint32_t rest = (std::uint32_t{1} << max_bits) - total;
  if ((rest & (rest - 1)) != 0)
    return Status::fail(ErrorCode::kCorruptedData, "Huffman weights do not form a complete code");
  weights[count] = static_cast<std::uint8_t>(highest_bit(rest) + 1);
  out.num_symbols = count + 1;
  out.max_bits = max_bits;
  return Status::success();
}

void build_huffman_decode_table(const HuffmanWeights& w, HuffmanDecodeTable& table) {
  // Codes are assigned by increasing weight, then symbol: the first entries go to the
  // lightest (longest) codes. rank_start[w] is where weight w's run begins.
  std::uint32_t rank_count[kHuffmanMaxDecodeBits + 2] = {};
  for (unsigned s = 0; s < w.num_symbols; ++s) ++rank_count[w.weights[s]];
  std::uint32_t rank_start[kHuffmanMaxDecodeBits + 2] = {};
  std::uint32_t next = 0;
  for (unsigned weight = 1; weight <= kHuffmanMaxDecodeBits; ++weight) {
    rank_start[weight] = next;
    next += rank_count[weight] << (weight - 1);
  }
  const unsigned max_bits = w.max_bits;
  for (unsigned s = 0; s < w.num_symbols; ++s) {
    const unsigned weight = w.weights[s];
    if (weight == 0) continue;
    const std::uint32_t span = std::uint32_t{1} << (weight - 1);
    const auto entry = static_cast<std::uint16_t>(s | ((max_bits + 1 - weight) << 8));
    std::uint16_t* out = table.entries.data() + rank_start[weight];
    for (std::uint32_t i = 0; i < span; ++i) out[i] = entry;
    rank_start[weight] += span;
  }
  table.max_bits = max_bits;
}

namespace {

inline std::uint8_t decode_symbol(const std::uint16_t* entries, unsigned max_bits, BackwardBitReader& bits) {
  const std::uint16_t e = entries[bits.peek_nonzero(max_bits)];
  bits.skip(e >> 8);
  return static_cast<std::uint8_t>(e);
}

// Decodes symbols into [op, oend) one per refill, up to the stream's end.
inline void decode_tail(const std::uint16_t* entries, unsigned max_bits, BackwardBitReader& bits, std::uint8_t* op,
                        std::uint8_t* oend) {
  while (op < oend) {
    bits.reload();
    *op++ = decode_symbol(entries, max_bits, bits);
  }
  bits.reload();
}

Status stream_end_status(const BackwardBitReader& bits, unsigned stream) {
  if (bits.finished()) return Status::success();
  return Status::fail(ErrorCode::kCorruptedData,
                      bits.overflowed() ? "Huffman stream {v} of the literals is shorter than its symbols need"
                                        : "Huffman stream {v} of the literals has unused bits at its end",
                      stream);
}

}  // namespace

namespace {

// The fast loops' lane: the next bits left-aligned in `bits`, with a marker bit below
// the word's last payload bit, so the bits consumed since the word was loaded are its
// trailing zero count and no separate counter needs a register. The marker overwrites
// the word's lowest bit, which a round never reaches (it reads at most 55 bits of the 57+
// a refill leaves). Refilling moves `ptr` back by the whole bytes consumed.
struct Lane {
  std::uint64_t bits;
  const std::uint8_t* ptr;
};

ZSTDPP_FORCE_INLINE Lane lane_from(const BackwardBitReader& reader) {
  return Lane{(load_le64(reader.position()) | 1) << reader.consumed(), reader.position()};
}
ZSTDPP_FORCE_INLINE unsigned lane_consumed(const Lane& lane) {
  return static_cast<unsigned>(std::countr_zero(lane.bits));
}
ZSTDPP_FORCE_INLINE void lane_refill(Lane& lane) {
  const unsigned consumed = lane_consumed(lane);
  lane.ptr -= consumed >> 3;
  lane.bits = (load_le64(lane.ptr) | 1) << (consumed & 7);
}
ZSTDPP_FORCE_INLINE void lane_decode(Lane& lane, const std::uint16_t* entries, unsigned shift, std::uint8_t* op) {
  const std::uint16_t e = entries[lane.bits >> shift];
  *op = static_cast<std::uint8_t>(e);
  lane.bits <<= (e >> 8);
}
// Rounds every lane can run before any gets within 8 bytes of its stream's start: a round
// consumes at most 7 bytes (55 bits plus the 7 left over).
ZSTDPP_FORCE_INLINE std::size_t safe_rounds(const Lane& lane, const std::uint8_t* start) {
  const auto room = static_cast<std::size_t>(lane.ptr - start);
  return room >= 8 ? (room - 8) / 7 : 0;
}

template <unsigned kSymbolsPerRefill>
ZSTDPP_FORCE_INLINE Status decode_1stream_body(const HuffmanDecodeTable& table, const std::uint8_t* src,
                                               std::size_t size, std::uint8_t* dst, std::size_t dst_size) {
  BackwardBitReader bits;
  if (!bits.init(src, size))
    return Status::fail(ErrorCode::kCorruptedData, "Huffman literal stream is empty or lacks its end mark");
  const std::uint16_t* entries = table.entries.data();
  const unsigned max_bits = table.max_bits;
  std::uint8_t* op = dst;
  std::uint8_t* const oend = dst + dst_size;
  if (size >= 8) {
    Lane lane = lane_from(bits);
    const unsigned shift = 64 - max_bits;
    for (;;) {
      const std::size_t rounds = std::min(safe_rounds(lane, src), static_cast<std::size_t>(oend - op) / kSymbolsPerRefill);
      if (rounds == 0) break;
      for (std::size_t r = 0; r < rounds; ++r) {
        for (unsigned i = 0; i < kSymbolsPerRefill; ++i) lane_decode(lane, entries, shift, op + i);
        op += kSymbolsPerRefill;
        lane_refill(lane);
      }
    }
    bits.seek(lane.ptr, lane_consumed(lane));
  }
  decode_tail(entries, max_bits, bits, op, oend);
  return stream_end_status(bits, 1);
}

template <unsigned kSymbolsPerRefill>
ZSTDPP_FORCE_INLINE Status decode_4streams_body(const HuffmanDecodeTable& table, const std::uint8_t* src,
                                                std::size_t size, std::uint8_t* dst, std::size_t dst_size) {
  if (size < 6 + 4) return Status::fail(ErrorCode::kCorruptedData, "4-stream Huffman literals shorter than their jump table");
  const std::size_t size1 = load_le16(src), size2 = load_le16(src + 2), size3 = load_le16(src + 4);
  if (6 + size1 + size2 + size3 >= size)
    return Status::fail(ErrorCode::kCorruptedData, "Huffman jump table sizes {v} exceed the {l} bytes of streams",
                        size1 + size2 + size3, size - 6);
  const std::size_t size4 = size - 6 - size1 - size2 - size3;
  const std::size_t segment = (dst_size + 3) / 4;
  if (3 * segment > dst_size)
    return Status::fail(ErrorCode::kCorruptedData, "{v} literals are too few to split into 4 Huffman streams",
                        dst_size);

  const std::uint8_t* s1 = src + 6;
  const std::uint8_t* s2 = s1 + size1;
  const std::uint8_t* s3 = s2 + size2;
  const std::uint8_t* s4 = s3 + size3;
  BackwardBitReader b1, b2, b3, b4;
  if (!b1.init(s1, size1) || !b2.init(s2, size2) || !b3.init(s3, size3) || !b4.init(s4, size4))
    return Status::fail(ErrorCode::kCorruptedData, "a Huffman literal stream is empty or lacks its end mark");

  const std::uint16_t* entries = table.entries.data();
  const unsigned max_bits = table.max_bits;
  std::uint8_t* op1 = dst;
  std::uint8_t* op2 = op1 + segment;
  std::uint8_t* op3 = op2 + segment;
  std::uint8_t* op4 = op3 + segment;
  std::uint8_t* const end1 = op2;
  std::uint8_t* const end2 = op3;
  std::uint8_t* const end3 = op4;
  std::uint8_t* const end4 = dst + dst_size;

  if (size1 >= 8 && size2 >= 8 && size3 >= 8 && size4 >= 8) {
    Lane l1 = lane_from(b1), l2 = lane_from(b2), l3 = lane_from(b3), l4 = lane_from(b4);
    const unsigned shift = 64 - max_bits;
    for (;;) {
      // Stream 4's segment is the shortest, so its room bounds the others'.
      std::size_t rounds = static_cast<std::size_t>(end4 - op4) / kSymbolsPerRefill;
      rounds = std::min({rounds, safe_rounds(l1, s1), safe_rounds(l2, s2), safe_rounds(l3, s3), safe_rounds(l4, s4)});
      if (rounds == 0) break;
      for (std::size_t r = 0; r < rounds; ++r) {
        for (unsigned i = 0; i < kSymbolsPerRefill; ++i) {
          lane_decode(l1, entries, shift, op1 + i);
          lane_decode(l2, entries, shift, op2 + i);
          lane_decode(l3, entries, shift, op3 + i);
          lane_decode(l4, entries, shift, op4 + i);
        }
        op1 += kSymbolsPerRefill;
        op2 += kSymbolsPerRefill;
        op3 += kSymbolsPerRefill;
        op4 += kSymbolsPerRefill;
        lane_refill(l1);
        lane_refill(l2);
        lane_refill(l3);
        lane_refill(l4);
      }
    }
    b1.seek(l1.ptr, lane_consumed(l1));
    b2.seek(l2.ptr, lane_consumed(l2));
    b3.seek(l3.ptr, lane_consumed(l3));
    b4.seek(l4.ptr, lane_consumed(l4));
  }
  decode_tail(entries, max_bits, b1, op1, end1);
  decode_tail(entries, max_bits, b2, op2, end2);
  decode_tail(entries, max_bits, b3, op3, end3);
  decode_tail(entries, max_bits, b4, op4, end4);
  ZSTDPP_TRY(stream_end_status(b1, 1));
  ZSTDPP_TRY(stream_end_status(b2, 2));
  ZSTDPP_TRY(stream_end_status(b3, 3));
  return stream_end_status(b4, 4);
}

// One function per (streams, symbols per refill, ISA variant), chosen once per call.
template <unsigned kPerRefill>
Status decode_1stream_portable(const HuffmanDecodeTable& t, const std::uint8_t* s, std::size_t n, std::uint8_t* d,
                               std::size_t dn) {
  return decode_1stream_body<kPerRefill>(t, s, n, d, dn);
}
template <unsigned kPerRefill>
Status decode_4streams_portable(const HuffmanDecodeTable& t, const std::uint8_t* s, std::size_t n, std::uint8_t* d,
                                std::size_t dn) {
  return decode_4streams_body<kPerRefill>(t, s, n, d, dn);
}
#if ZSTDPP_HAVE_BMI2_VARIANT
template <unsigned kPerRefill>
ZSTDPP_TARGET_BMI2 Status decode_1stream_bmi2(const HuffmanDecodeTable& t, const std::uint8_t* s, std::size_t n,
                                              std::uint8_t* d, std::size_t dn) {
  return decode_1stream_body<kPerRefill>(t, s, n, d, dn);
}
template <unsigned kPerRefill>
ZSTDPP_TARGET_BMI2 Status decode_4streams_bmi2(const HuffmanDecodeTable& t, const std::uint8_t* s, std::size_t n,
                                               std::uint8_t* d, std::size_t dn) {
  return decode_4streams_body<kPerRefill>(t, s, n, d, dn);
}
#endif

// The builds of one decoder: [variant][12-bit table?]. Chosen once per literals section.
using DecodeFn = Status (*)(const HuffmanDecodeTable&, const std::uint8_t*, std::size_t, std::uint8_t*, std::size_t);
struct DecoderBuilds {
  DecodeFn builds[2][2];
};
constexpr DecoderBuilds kOneStream = {{
    {decode_1stream_portable<5>, decode_1stream_portable<4>},
#if ZSTDPP_HAVE_BMI2_VARIANT
    {decode_1stream_bmi2<5>, decode_1stream_bmi2<4>},
#else
    {decode_1stream_portable<5>, decode_1stream_portable<4>},
#endif
}};
constexpr DecoderBuilds kFourStreams = {{
    {decode_4streams_portable<5>, decode_4streams_portable<4>},
#if ZSTDPP_HAVE_BMI2_VARIANT
    {decode_4streams_bmi2<5>, decode_4streams_bmi2<4>},
#else
    {decode_4streams_portable<5>, decode_4streams_portable<4>},
#endif
}};

Status dispatch(const DecoderBuilds& decoder, KernelVariant variant, const HuffmanDecodeTable& table,
                const std::uint8_t* src, std::size_t size, std::uint8_t* dst, std::size_t dst_size) {
  const bool narrow = symbols_per_refill(table.max_bits) != 5;
  return decoder.builds[variant == KernelVariant::kBmi2][narrow](table, src, size, dst, dst_size);
}

}  // namespace

Status huffman_decode_1stream(KernelVariant variant, const HuffmanDecodeTable& table, const std::uint8_t* src,
                              std::size_t size, std::uint8_t* dst, std::size_t dst_size) {
  return dispatch(kOneStream, variant, table, src, size, dst, dst_size);
}

Status huffman_decode_4streams(KernelVariant variant, const HuffmanDecodeTable& table, const std::uint8_t* src,
                               std::size_t size, std::uint8_t* dst, std::size_t dst_size) {
  return dispatch(kFourStreams, variant, table, src, size, dst, dst_size);
}

}  // namespace zstdpp::entropy
