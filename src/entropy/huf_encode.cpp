// Huffman encoding of literals (RFC 8878 section 4.2): code lengths, canonical codes,
// tree descriptions and the 1- and 4-stream encoders.
//
// Code lengths. Symbols sorted by count give Huffman's tree in linear time with two
// queues (leaves, and internal nodes, which are created in non-decreasing weight order).
// When that tree is deeper than the limit (11 bits for the format; skewed literals such
// as Fibonacci-like counts reach 20+), package-merge (Larmore and Hirschberg, 1990) gives
// the optimal lengths under the limit: L lists of "coins", each level's list merging the
// sorted leaves with pairs ("packages") of the level below; the 2n - 2 cheapest items of
// the top level, expanded, say how often each leaf is used, which is its length. Only
// each level's leaf/package order is kept, so the expansion is a count per level.
//
// Codes. Weight w = max_bits + 1 - length; codes are handed out as the decoder does
// (huf_decode.cpp, build_huffman_decode_table): by increasing weight, then symbol, each
// weight-w code taking 2^(w-1) consecutive entries of the max_bits-bit table, so a code
// is its first entry's index shifted right by w - 1.
//
// Streams. The decoder reads the first symbol from the stream's end, so the encoder walks
// the input backwards, appending each code (most significant bit read first) into a
// 64-bit accumulator and flushing whole bytes every 4 symbols (4 * 12 bits plus the 7
// left over fit in 64). The writer never stores past its buffer and reports overflow at
// the end; as its 8-byte stores need slack, a result that might still fit is sized
// exactly from the code lengths and, when it fits, redone by a byte-at-a-time writer, so
// the capacity contract is exact without scratch memory. Measured alternatives (128 KiB
// of text, 8-bit codes): one packed code|length table 10% slower than the two arrays;
// joining the 4 codes before the accumulator add no faster (the flush's shift chain is
// what bounds the loop, about 6 cycles per 4 symbols).
//
// Descriptions. Weights go out FSE-compressed (two interleaved states over one backward
// stream, accuracy log 5 or 6, whichever is smaller) or as 4-bit nibbles when there are
// at most 128 of them and that is smaller. The FSE stream's end is implicit: the decoder
// stops when the state that emitted the second-to-last weight reads past the stream
// start, so that state's final update must read at least one bit; FseEncoderState::init
// picks the symbol's first state (x = count), which reads at least one bit whenever the
// symbol owns fewer than all states. A weight histogram with one value gets a phantom
// second symbol so the table has two.
#include "entropy/huf_encode.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "common/bit_writer.hpp"
#include "common/mem.hpp"
#include "entropy/fse_encode.hpp"

namespace zstdpp::entropy {
namespace {

constexpr unsigned kMaxWeight = kHuffmanMaxDecodeBits;  // weights 0..12
constexpr unsigned kWeightsMaxAccuracyLog = 6;          // the format's limit for weight tables
constexpr std::size_t kMaxDirectWeights = 128;          // header byte 127 + count <= 255

// ---- Code lengths --------------------------------------------------------------------

// Huffman lengths of `n` leaves sorted by ascending weight; returns the deepest length.
unsigned huffman_lengths(const std::uint64_t* weight, unsigned n, std::uint8_t* length) {
  std::uint64_t node_weight[kHuffmanMaxSymbols];
  std::uint16_t leaf_parent[kHuffmanMaxSymbols];
  std::uint16_t node_parent[kHuffmanMaxSymbols];
  unsigned leaf = 0, node = 0;
  // Takes the lighter of the next leaf and the next internal node (leaves on ties, which
  // keeps the tree shallower).
  const auto take = [&](unsigned parent) {
    if (leaf < n && (node >= parent || weight[leaf] <= node_weight[node])) {
      leaf_parent[leaf] = static_cast<std::uint16_t>(parent);
      return weight[leaf++];
    }
    node_parent[node] = static_cast<std::uint16_t>(parent);
    return node_weight[node++];
  };
  for (unsigned k = 0; k + 1 < n; ++k) {
    const std::uint64_t a = take(k);
    const std::uint64_t b = take(k);
    node_weight[k] = a + b;
  }
  // Parents are created after their children: depths from the root (node n - 2) down.
  std::uint8_t depth[kHuffmanMaxSymbols];
  depth[n - 2] = 0;
  for (unsigned k = n - 2; k-- > 0;) depth[k] = static_cast<std::uint8_t>(depth[node_parent[k]] + 1);
  unsigned deepest = 0;
  for (unsigned i = 0; i < n; ++i) {
    length[i] = static_cast<std::uint8_t>(depth[leaf_parent[i]] + 1);
    deepest = std::max<unsigned>(deepest, length[i]);
  }
  return deepest;
}

// Optimal lengths of at most `limit` bits for `n` leaves sorted by ascending weight
// (package-merge). REQUIRES: 2 <= n <= 2^limit.
void package_merge_lengths(const std::uint64_t* weight, unsigned n, unsigned limit, std::uint8_t* length) {
  constexpr unsigned kMaxItems = 2 * kHuffmanMaxSymbols;
  // is_leaf[level][i]: item i of that level's merged list is a leaf (else a package).
  std::uint8_t is_leaf[kHuffmanMaxBits][kMaxItems];
  std::uint64_t below[kMaxItems], here[kMaxItems];
  unsigned below_size = 0;
  // Level limit - 1 (the deepest, index limit - 1) holds only leaves; each level up
  // merges the leaves with the pairs of the level below.
  for (unsigned level = limit; level-- > 0;) {
    const unsigned packages = below_size / 2;
    unsigned li = 0, pi = 0, size = 0;
    while (li < n || pi < packages) {
      const bool leaf_next =
          pi >= packages || (li < n && weight[li] <= below[2 * pi] + below[2 * pi + 1]);
      if (leaf_next) {
        here[size] = weight[li++];
      } else {
        here[size] = below[2 * pi] + below[2 * pi + 1];
        ++pi;
      }
      is_leaf[level][size++] = leaf_next;
    }
    std::copy(here, here + size, below);
    below_size = size;
  }
  // Expand the 2n - 2 cheapest items of the top level: the leaves among the first m
  // items of a level are the m' lightest symbols, each one bit longer; its packages are
  // the first 2p items of the level below.
  std::fill(length, length + n, 0);
  unsigned take = 2 * n - 2;
  for (unsigned level = 0; level < limit && take > 0; ++level) {
    unsigned leaves = 0, packages = 0;
    for (unsigned i = 0; i < take; ++i) (is_leaf[level][i] ? leaves : packages) += 1;
    for (unsigned i = 0; i < leaves; ++i) ++length[i];
    take = 2 * packages;
  }
}

// Canonical codes from nb_bits and max_bits, exactly as the decoder assigns them.
void assign_codes(HuffmanEncodeTable& table) {
  const unsigned max_bits = table.max_bits;
  std::uint32_t rank_count[kMaxWeight + 2] = {};
  for (unsigned s = 0; s <= table.max_symbol; ++s)
    if (table.nb_bits[s]) ++rank_count[max_bits + 1 - table.nb_bits[s]];
  std::uint32_t rank_start[kMaxWeight + 2] = {};
  std::uint32_t next = 0;
  for (unsigned w = 1; w <= kMaxWeight; ++w) {
    rank_start[w] = next;
    next += rank_count[w] << (w - 1);
  }
  for (unsigned s = 0; s < kHuffmanMaxSymbols; ++s) {
    table.code[s] = 0;
    if (s > table.max_symbol || table.nb_bits[s] == 0) continue;
    const unsigned w = max_bits + 1 - table.nb_bits[s];
    table.code[s] = static_cast<std::uint16_t>(rank_start[w] >> (w - 1));
    rank_start[w] += std::uint32_t{1} << (w - 1);
  }
}

// ---- Streams --------------------------------------------------------------------------

// The exact path's writer: ForwardBitWriter's interface, storing one byte at a time, so
// it needs no slack past the stream. REQUIRES: the stream fits (the caller computed its
// size).
class ByteBitWriter {
 public:
  ByteBitWriter(std::uint8_t* dst, std::size_t) : start_(dst), ptr_(dst) {}
  void add_bits(std::uint64_t value, unsigned n) {
    acc_ |= value << count_;
    count_ += n;
  }
  void flush() {
    for (; count_ >= 8; count_ -= 8, acc_ >>= 8) *ptr_++ = static_cast<std::uint8_t>(acc_);
  }
  std::size_t close() {
    add_bits(1, 1);
    flush();
    if (count_ > 0) *ptr_++ = static_cast<std::uint8_t>(acc_);
    return static_cast<std::size_t>(ptr_ - start_);
  }

 private:
  std::uint8_t* start_;
  std::uint8_t* ptr_;
  std::uint64_t acc_ = 0;
  unsigned count_ = 0;
};

// One backward stream into [dst, dst + capacity); 0 on overflow. REQUIRES: capacity >= 8
// for ForwardBitWriter.
template <typename Writer>
std::size_t encode_stream(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size,
                          std::uint8_t* dst, std::size_t capacity) {
  const std::uint16_t* code = table.code.data();
  const std::uint8_t* nb = table.nb_bits.data();
  Writer out(dst, capacity);
  const std::uint8_t* ip = src + size;
  // The last size % 4 symbols first (the very last one first), so the loops below take
  // whole groups of 4.
  const std::size_t tail = size & 3;
  for (std::size_t i = 1; i <= tail; ++i) out.add_bits(code[*(ip - i)], nb[*(ip - i)]);
  out.flush();
  ip -= tail;
  // 4 codes of <= 12 bits per flush: 48 bits plus the 7 pending fit the accumulator.
  while (ip - src >= 8) {
    ip -= 8;
    out.add_bits(code[ip[7]], nb[ip[7]]);
    out.add_bits(code[ip[6]], nb[ip[6]]);
    out.add_bits(code[ip[5]], nb[ip[5]]);
    out.add_bits(code[ip[4]], nb[ip[4]]);
    out.flush();
    out.add_bits(code[ip[3]], nb[ip[3]]);
    out.add_bits(code[ip[2]], nb[ip[2]]);
    out.add_bits(code[ip[1]], nb[ip[1]]);
    out.add_bits(code[ip[0]], nb[ip[0]]);
    out.flush();
  }
  if (ip > src) {
    ip -= 4;
    out.add_bits(code[ip[3]], nb[ip[3]]);
    out.add_bits(code[ip[2]], nb[ip[2]]);
    out.add_bits(code[ip[1]], nb[ip[1]]);
    out.add_bits(code[ip[0]], nb[ip[0]]);
    out.flush();
  }
  return out.close();
}

// Exact size of one stream: its code bits, the end mark, padding to a byte.
std::size_t stream_size(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < size; ++i) bits += table.nb_bits[src[i]];
  return static_cast<std::size_t>(bits / 8 + 1);
}

struct Segments {
  const std::uint8_t* begin[4];
  std::size_t size[4];
};

Segments split4(const std::uint8_t* src, std::size_t size) {
  const std::size_t segment = (size + 3) / 4;
  Segments s;
  for (unsigned k = 0; k < 3; ++k) {
    s.begin[k] = src + k * segment;
    s.size[k] = segment;
  }
  s.begin[3] = src + 3 * segment;
  s.size[3] = size - 3 * segment;
  return s;
}

// Slow path of the stream encoders: the exact size from the code lengths, and when it
// fits, the streams encoded again with the byte-at-a-time writer.
[[gnu::cold]] std::size_t encode_exact(const HuffmanEncodeTable& table, const Segments& seg, unsigned streams,
                                       std::uint8_t* dst, std::size_t capacity) {
  const std::size_t jump = streams == 4 ? 6 : 0;
  std::size_t sizes[4];
  std::size_t total = jump;
  for (unsigned k = 0; k < streams; ++k) {
    sizes[k] = stream_size(table, seg.begin[k], seg.size[k]);
    if (streams == 4 && k < 3 && sizes[k] > 0xFFFF) return 0;
    total += sizes[k];
  }
  if (total > capacity) return 0;
  std::uint8_t* op = dst + jump;
  for (unsigned k = 0; k < streams; ++k) {
    const std::size_t n = encode_stream<ByteBitWriter>(table, seg.begin[k], seg.size[k], op, sizes[k]);
    assert(n == sizes[k]);
    if (streams == 4 && k < 3) store_le16(dst + 2 * k, static_cast<std::uint16_t>(n));
    op += n;
  }
  return total;
}

// ---- Descriptions -------------------------------------------------------------------

// The FSE-compressed weights (header byte included) into `dst` (256 bytes); 0 when the
// form does not apply or exceeds the 127 bytes its header byte can say.
std::size_t write_fse_weights(const std::uint8_t* weights, unsigned n, unsigned accuracy_log, std::uint8_t* dst) {
  std::uint32_t counts[kMaxWeight + 1] = {};
  unsigned max_weight = 0, distinct = 0;
  for (unsigned i = 0; i < n; ++i) {
    distinct += counts[weights[i]]++ == 0;
    max_weight = std::max<unsigned>(max_weight, weights[i]);
  }
  if (distinct == 1) {
    // A one-value table would read no bits, and the stream's end could not be found:
    // add a phantom symbol that is never coded.
    const unsigned phantom = weights[0] == 0 ? 1 : 0;
    counts[phantom] = 1;
    max_weight = std::max(max_weight, phantom);
  }
  NormalizedCounts norm;
  if (!normalize_counts(counts, n, max_weight, accuracy_log, norm).ok()) return 0;
  std::size_t header = 0;
  if (!write_fse_description(norm, dst + 1, 127, header).ok()) return 0;
  FseEncodeTable table;
  build_fse_encode_table(norm, table);

  // State 1 emits the even weights, state 2 the odd ones; the encoder walks backwards.
  std::uint8_t* const stream = dst + 1 + header;
  ForwardBitWriter out(stream, 255 - header);
  FseEncoderState states[2];
  states[(n - 1) & 1].init(table, weights[n - 1]);
  states[(n - 2) & 1].init(table, weights[n - 2]);
  for (unsigned i = n - 2; i-- > 0;) {
    states[i & 1].encode(out, weights[i]);
    out.flush();
  }
  states[1].flush(out);  // read second
  states[0].flush(out);  // read first
  const std::size_t stream_size = out.close();
  const std::size_t total = header + stream_size;
  if (stream_size == 0 || total > 127) return 0;
  dst[0] = static_cast<std::uint8_t>(total);
  return 1 + total;
}

}  // namespace

Status build_huffman_encode_table(const std::uint32_t* counts, unsigned max_symbol, unsigned limit,
                                  HuffmanEncodeTable& table) {
  if (limit < 1 || limit > kHuffmanMaxBits)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "Huffman code length limit {v} outside 1..{l}", limit,
                        kHuffmanMaxBits);
  if (max_symbol >= kHuffmanMaxSymbols)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "Huffman symbol {v} exceeds the maximum {l}", max_symbol,
                        kHuffmanMaxSymbols - 1);
  // Leaves sorted by count (then symbol, for determinism): count << 8 | symbol.
  std::uint64_t keys[kHuffmanMaxSymbols];
  unsigned n = 0;
  for (unsigned s = 0; s <= max_symbol; ++s)
    if (counts[s]) keys[n++] = std::uint64_t{counts[s]} << 8 | s;
  if (n < 2)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "a Huffman table needs two symbols present, got {v}", n);
  if (n > (1u << limit))
    return Status::fail(ErrorCode::kParameterOutOfBounds, "{v} symbols need longer codes than the limit of {l} bits",
                        n, limit);
  std::sort(keys, keys + n);
  std::uint64_t weight[kHuffmanMaxSymbols];
  for (unsigned i = 0; i < n; ++i) weight[i] = keys[i] >> 8;

  std::uint8_t length[kHuffmanMaxSymbols];
  if (huffman_lengths(weight, n, length) > limit) package_merge_lengths(weight, n, limit, length);

  table.nb_bits.fill(0);
  table.max_bits = 0;
  table.max_symbol = 0;
  for (unsigned i = 0; i < n; ++i) {
    const unsigned s = static_cast<unsigned>(keys[i] & 0xFF);
    table.nb_bits[s] = length[i];
    table.max_bits = std::max<unsigned>(table.max_bits, length[i]);
    table.max_symbol = std::max(table.max_symbol, s);
  }
  assign_codes(table);
  return Status::success();
}

Status build_huffman_encode_table_from_weights(const HuffmanWeights& weights, HuffmanEncodeTable& table) {
  if (weights.max_bits < 1 || weights.max_bits > kHuffmanMaxDecodeBits || weights.num_symbols < 2 ||
      weights.num_symbols > kHuffmanMaxSymbols)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "Huffman weights of {v} symbols, {l} bits, are not a table",
                        weights.num_symbols, weights.max_bits);
  table.nb_bits.fill(0);
  table.max_bits = weights.max_bits;
  table.max_symbol = weights.num_symbols - 1;
  for (unsigned s = 0; s < weights.num_symbols; ++s) {
    const unsigned w = weights.weights[s];
    if (w > weights.max_bits)
      return Status::fail(ErrorCode::kParameterOutOfBounds, "Huffman weight {v} exceeds max_bits {l}", w,
                          weights.max_bits);
    table.nb_bits[s] = static_cast<std::uint8_t>(w ? weights.max_bits + 1 - w : 0);
  }
  assign_codes(table);
  return Status::success();
}

Status write_huffman_description(const HuffmanEncodeTable& table, std::uint8_t* dst, std::size_t capacity,
                                 std::size_t& written) {
  // Weights of symbols 0..max_symbol - 1; the last one is implied.
  const unsigned n = table.max_symbol;
  if (n == 0 || table.max_bits == 0 || table.max_bits > kHuffmanMaxDecodeBits)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "Huffman table of {v} symbols, {l} bits, cannot be described",
                        n + 1, table.max_bits);
  std::uint8_t weights[kHuffmanMaxSymbols];
  for (unsigned s = 0; s < n; ++s)
    weights[s] = static_cast<std::uint8_t>(table.nb_bits[s] ? table.max_bits + 1 - table.nb_bits[s] : 0);

  std::uint8_t best[256];
  std::size_t best_size = 0;
  if (n >= 2) {
    std::uint8_t candidate[256 + 8];
    for (unsigned log = kFseMinAccuracyLog; log <= kWeightsMaxAccuracyLog; ++log) {
      const std::size_t size = write_fse_weights(weights, n, log, candidate);
      if (size != 0 && (best_size == 0 || size < best_size)) {
        std::memcpy(best, candidate, size);
        best_size = size;
      }
    }
  }
  const std::size_t direct_size = 1 + (n + 1) / 2;
  if (n <= kMaxDirectWeights && (best_size == 0 || direct_size < best_size)) {
    best[0] = static_cast<std::uint8_t>(127 + n);
    for (unsigned i = 0; i < n; i += 2)
      best[1 + i / 2] = static_cast<std::uint8_t>(weights[i] << 4 | (i + 1 < n ? weights[i + 1] : 0));
    best_size = direct_size;
  }
  if (best_size == 0)
    return Status::fail(ErrorCode::kParameterOutOfBounds,
                        "the {v} Huffman weights fit neither form (FSE over 127 bytes, direct over {l} weights)", n,
                        kMaxDirectWeights);
  if (best_size > capacity)
    return Status::fail(ErrorCode::kOutputTooSmall, "Huffman tree description needs {v} bytes, {l} available",
                        best_size, capacity);
  std::memcpy(dst, best, best_size);
  written = best_size;
  return Status::success();
}

std::uint64_t huffman_cost_bits(const HuffmanEncodeTable& table, const std::uint32_t* counts, unsigned max_symbol) {
  std::uint64_t bits = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    if (counts[s] == 0) continue;
    if (s > table.max_symbol || table.nb_bits[s] == 0) return kHuffmanCostInfinite;
    bits += std::uint64_t{counts[s]} * table.nb_bits[s];
  }
  return bits;
}

std::size_t huffman_compress_1stream(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size,
                                     std::uint8_t* dst, std::size_t capacity) {
  Segments seg;
  seg.begin[0] = src;
  seg.size[0] = size;
  if (capacity >= 8) {
    const std::size_t n = encode_stream<ForwardBitWriter>(table, src, size, dst, capacity);
    if (n != 0) return n;
  }
  return encode_exact(table, seg, 1, dst, capacity);
}

std::size_t huffman_compress_4streams(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size,
                                      std::uint8_t* dst, std::size_t capacity) {
  if (size == 0 || 3 * ((size + 3) / 4) > size) return 0;
  const Segments seg = split4(src, size);
  if (capacity >= 6 + 8) {
    std::uint8_t* op = dst + 6;
    std::uint8_t* const oend = dst + capacity;
    bool fits = true;
    for (unsigned k = 0; k < 4 && fits; ++k) {
      const std::size_t room = static_cast<std::size_t>(oend - op);
      const std::size_t n = room >= 8 ? encode_stream<ForwardBitWriter>(table, seg.begin[k], seg.size[k], op, room) : 0;
      if (k < 3 && n > 0xFFFF) return 0;
      if (k < 3) store_le16(dst + 2 * k, static_cast<std::uint16_t>(n));
      fits = n != 0;
      op += n;
    }
    if (fits) return static_cast<std::size_t>(op - dst);
  }
  return encode_exact(table, seg, 4, dst, capacity);
}

}  // namespace zstdpp::entropy
