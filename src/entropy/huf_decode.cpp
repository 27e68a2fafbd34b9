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

#include "common/bit_reader.hpp"
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

template <unsigned kSymbolsPerRefill>
Status decode_1stream(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
                      std::size_t dst_size) {
  BackwardBitReader bits;
  if (!bits.init(src, size))
    return Status::fail(ErrorCode::kCorruptedData, "Huffman literal stream is empty or lacks its end mark");
  const std::uint16_t* entries = table.entries.data();
  const unsigned max_bits = table.max_bits;
  std::uint8_t* op = dst;
  std::uint8_t* const oend = dst + dst_size;
  while (oend - op >= static_cast<std::ptrdiff_t>(kSymbolsPerRefill) && bits.reload()) {
    for (unsigned i = 0; i < kSymbolsPerRefill; ++i) op[i] = decode_symbol(entries, max_bits, bits);
    op += kSymbolsPerRefill;
  }
  decode_tail(entries, max_bits, bits, op, oend);
  return stream_end_status(bits, 1);
}

template <unsigned kSymbolsPerRefill>
Status decode_4streams(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
                       std::size_t dst_size) {
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

  // Stream 4's segment is the shortest, so its room bounds the others'.
  while (end4 - op4 >= static_cast<std::ptrdiff_t>(kSymbolsPerRefill)) {
    // All four refill every round (no short-circuit), then the round runs only if all can.
    const bool more1 = b1.reload(), more2 = b2.reload(), more3 = b3.reload(), more4 = b4.reload();
    if (!(more1 && more2 && more3 && more4)) break;
    for (unsigned i = 0; i < kSymbolsPerRefill; ++i) {
      op1[i] = decode_symbol(entries, max_bits, b1);
      op2[i] = decode_symbol(entries, max_bits, b2);
      op3[i] = decode_symbol(entries, max_bits, b3);
      op4[i] = decode_symbol(entries, max_bits, b4);
    }
    op1 += kSymbolsPerRefill;
    op2 += kSymbolsPerRefill;
    op3 += kSymbolsPerRefill;
    op4 += kSymbolsPerRefill;
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

}  // namespace

Status huffman_decode_1stream(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size,
                              std::uint8_t* dst, std::size_t dst_size) {
  return symbols_per_refill(table.max_bits) == 5 ? decode_1stream<5>(table, src, size, dst, dst_size)
                                                 : decode_1stream<4>(table, src, size, dst, dst_size);
}

Status huffman_decode_4streams(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size,
                               std::uint8_t* dst, std::size_t dst_size) {
  return symbols_per_refill(table.max_bits) == 5 ? decode_4streams<5>(table, src, size, dst, dst_size)
                                                 : decode_4streams<4>(table, src, size, dst, dst_size);
}

}  // namespace zstdpp::entropy
