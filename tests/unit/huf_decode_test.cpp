// Unit tests of entropy/huf_decode.hpp (RFC 8878 section 4.2): Huffman tree descriptions
// (direct and FSE-compressed weights, the implied last weight), the canonical decode
// table, and 1- and 4-stream literal decoding.
//
// Streams come from the test-side encoder in unit_support.hpp: canonical codes assigned
// from the weights as section 4.2.1.1 says, symbols written in reverse then the end mark,
// and the FSE-compressed weight form with its two interleaved states.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/cpu.hpp"
#include "entropy/huf_decode.hpp"
#include "unit_support.hpp"

namespace zstdpp {
namespace {

using entropy::HuffmanDecodeTable;
using entropy::HuffmanWeights;
using zstdpp_unit::Bytes;
using zstdpp_unit::HuffCode;

// Decodes with the portable kernel into `dst`, and with the CPU's best variant (BMI2 where
// available) into a scratch buffer: the two builds must agree on status and bytes.
template <typename Decode>
Status decode_both(Decode&& decode, const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size,
                   std::uint8_t* dst, std::size_t dst_size) {
  const Status portable = decode(KernelVariant::kPortable, table, src, size, dst, dst_size);
  const KernelVariant best = select_kernel_variant(false);
  if (best != KernelVariant::kPortable) {
    Bytes other(dst_size);
    const Status s = decode(best, table, src, size, other.data(), dst_size);
    EXPECT_EQ(s.code, portable.code) << "kernel variants disagree: " << describe(s) << " vs " << describe(portable);
    if (s.ok() && portable.ok()) {
      EXPECT_TRUE(std::equal(other.begin(), other.end(), dst)) << "kernel variants decode different bytes";
    }
  }
  return portable;
}
Status decode1(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
               std::size_t dst_size) {
  return decode_both(entropy::huffman_decode_1stream, table, src, size, dst, dst_size);
}
Status decode4(const HuffmanDecodeTable& table, const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
               std::size_t dst_size) {
  return decode_both(entropy::huffman_decode_4streams, table, src, size, dst, dst_size);
}

Status read_weights(const Bytes& desc, HuffmanWeights& out, std::size_t& consumed) {
  return entropy::read_huffman_weights(desc.data(), desc.size(), out, consumed);
}

// Normalises a histogram of weights to 2^log counts, every present weight >= 1 (or -1 for
// some rare ones when `use_minus_one`).
std::vector<int> normalize(const std::vector<unsigned>& values, unsigned log, bool use_minus_one) {
  unsigned max_value = 0;
  for (unsigned v : values) max_value = std::max(max_value, v);
  std::vector<int> hist(max_value + 1, 0);
  for (unsigned v : values) ++hist[v];
  const int total = 1 << log;
  std::vector<int> counts(max_value + 1, 0);
  int sum = 0;
  for (std::size_t i = 0; i < hist.size(); ++i) {
    if (!hist[i]) continue;
    const int c = static_cast<int>(std::int64_t{hist[i]} * total / static_cast<std::int64_t>(values.size()));
    counts[i] = c >= 1 ? c : (use_minus_one ? -1 : 1);
    sum += counts[i] < 0 ? 1 : counts[i];
  }
  while (sum != total) {
    std::size_t big = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (counts[i] > counts[big]) big = i;
    if (sum < total) {
      counts[big] += total - sum;
      sum = total;
    } else {
      const int take = std::min(sum - total, counts[big] - 1);
      if (take <= 0) throw std::logic_error("cannot normalise");
      counts[big] -= take;
      sum -= take;
    }
  }
  return counts;
}

// Everything a test needs about one random code.
struct Code {
  std::vector<unsigned> weights;  // every symbol, the implied last one included
  std::vector<HuffCode> codes;
  HuffmanDecodeTable table;
  std::vector<std::uint8_t> present;
};

Code random_code(std::mt19937& rng, unsigned num_symbols, unsigned present, unsigned max_len) {
  Code c;
  c.weights = zstdpp_unit::random_weights(rng, num_symbols, present, max_len);
  c.codes = zstdpp_unit::canonical_codes(c.weights);
  HuffmanWeights w;
  w.num_symbols = num_symbols;
  unsigned total = 0;
  for (unsigned s = 0; s < num_symbols; ++s) {
    w.weights[s] = static_cast<std::uint8_t>(c.weights[s]);
    if (c.weights[s]) {
      total += 1u << (c.weights[s] - 1);
      c.present.push_back(static_cast<std::uint8_t>(s));
    }
  }
  while ((1u << w.max_bits) < total) ++w.max_bits;
  entropy::build_huffman_decode_table(w, c.table);
  return c;
}

Bytes random_literals(std::mt19937& rng, const Code& c, std::size_t size) {
  Bytes out(size);
  // Skewed towards a few symbols, like real literals.
  for (auto& b : out) b = c.present[(rng() % c.present.size()) * (rng() % 2) % c.present.size()];
  return out;
}

// ---- Tree descriptions --------------------------------------------------------------------

TEST(HuffmanWeights, RfcExampleDirectForm) {
  // RFC 8878 section 4.2.1.1: weights 4, 3, 2, 0, 1 and the implied 1 for symbol 5.
  //   0x84        header: 132 - 127 = 5 weights, 4 bits each
  //   0x43 0x20 0x10  nibbles 4 3 | 2 0 | 1 (0 padding)
  const Bytes desc = {0x84, 0x43, 0x20, 0x10};
  HuffmanWeights w;
  std::size_t consumed = 0;
  ASSERT_TRUE(read_weights(desc, w, consumed).ok());
  EXPECT_EQ(consumed, 4u);
  EXPECT_EQ(w.num_symbols, 6u);
  EXPECT_EQ(w.max_bits, 4u);
  const unsigned expected[6] = {4, 3, 2, 0, 1, 1};
  for (int s = 0; s < 6; ++s) EXPECT_EQ(w.weights[s], expected[s]) << "symbol " << s;
  for (int s = 6; s < 256; ++s) ASSERT_EQ(w.weights[s], 0);
}

TEST(HuffmanWeights, RfcExampleCanonicalCodes) {
  // The RFC's table: symbol 0 "1", 1 "01", 2 "001", 4 "0000", 5 "0001"; 3 has no code.
  HuffmanWeights w;
  w.num_symbols = 6;
  w.max_bits = 4;
  const std::uint8_t weights[6] = {4, 3, 2, 0, 1, 1};
  for (int s = 0; s < 6; ++s) w.weights[s] = weights[s];
  HuffmanDecodeTable table;
  entropy::build_huffman_decode_table(w, table);
  EXPECT_EQ(table.max_bits, 4u);
  struct Expect {
    unsigned symbol, code, length;
  };
  const Expect expect[5] = {{0, 0b1, 1}, {1, 0b01, 2}, {2, 0b001, 3}, {4, 0b0000, 4}, {5, 0b0001, 4}};
  for (const Expect& e : expect) {
    // Every 4-bit index that starts with the code decodes to the symbol and its length.
    const unsigned first = e.code << (4 - e.length), span = 1u << (4 - e.length);
    for (unsigned i = first; i < first + span; ++i) {
      EXPECT_EQ(table.entries[i] & 0xFF, e.symbol) << "index " << i;
      EXPECT_EQ(table.entries[i] >> 8, e.length) << "index " << i;
    }
  }
  // The test-side code assignment agrees (it drives every stream below).
  const std::vector<HuffCode> codes = zstdpp_unit::canonical_codes({4, 3, 2, 0, 1, 1});
  for (const Expect& e : expect) {
    EXPECT_EQ(codes[e.symbol].code, e.code);
    EXPECT_EQ(codes[e.symbol].length, e.length);
  }
  EXPECT_EQ(codes[3].length, 0u);
}

TEST(HuffmanWeights, ImpliedLastWeightCompletesTheCode) {
  struct Case {
    std::vector<unsigned> described;
    unsigned last, max_bits;
  };
  const Case cases[] = {
      {{1}, 1, 1},              // two 1-bit codes
      {{1, 1, 1}, 1, 2},        // four 2-bit codes
      {{2, 1}, 1, 2},           // 1 + 2 + 2 bits
      {{1, 1}, 2, 2},           // 2 + 2 + 1 bits: the implied one is the short code
      {{0, 0, 3, 0, 1, 1}, 2, 3},
      {{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 1, 11},      // depths 1..11, 11
      {{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 1, 12},  // 12-bit codes: accepted by the decoder
  };
  for (const Case& c : cases) {
    const Bytes desc = zstdpp_unit::huffman_direct_description(c.described);
    HuffmanWeights w;
    std::size_t consumed = 0;
    const Status s = read_weights(desc, w, consumed);
    ASSERT_TRUE(s.ok()) << describe(s) << " (case of " << c.described.size() << " weights)";
    EXPECT_EQ(consumed, desc.size());
    EXPECT_EQ(w.num_symbols, c.described.size() + 1);
    EXPECT_EQ(w.weights[c.described.size()], c.last);
    EXPECT_EQ(w.max_bits, c.max_bits);
  }
}

TEST(HuffmanWeights, DirectFormRoundTripsRandomCodes) {
  std::mt19937 rng(100);
  for (int round = 0; round < 200; ++round) {
    const unsigned num_symbols = 2 + rng() % 128;  // the direct form holds up to 128 weights
    const unsigned present = 2 + rng() % (num_symbols - 1);
    const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, num_symbols, present, 11);
    std::vector<unsigned> described(weights.begin(), weights.end() - 1);
    const Bytes desc = zstdpp_unit::huffman_direct_description(described);
    HuffmanWeights w;
    std::size_t consumed = 0;
    const Status s = read_weights(desc, w, consumed);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(consumed, desc.size());
    ASSERT_EQ(w.num_symbols, num_symbols);
    for (unsigned i = 0; i < num_symbols; ++i) ASSERT_EQ(w.weights[i], weights[i]) << "symbol " << i;
  }
}

TEST(HuffmanWeights, FseFormRoundTripsRandomCodes) {
  std::mt19937 rng(200);
  int tested = 0;
  for (int round = 0; round < 200; ++round) {
    const unsigned num_symbols = 3 + rng() % 254;  // up to 256: 255 described + implied
    const unsigned present = 2 + rng() % (num_symbols - 1);
    const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, num_symbols, present, 11);
    std::vector<unsigned> described(weights.begin(), weights.end() - 1);
    // One distinct weight makes a one-symbol FSE table whose states read no bits: the
    // stream could never end, so such weights only have the direct form.
    if (std::count(described.begin(), described.end(), described[0]) == static_cast<std::ptrdiff_t>(described.size()))
      continue;
    const unsigned log = 5 + rng() % 2;
    const std::vector<int> counts = normalize(described, log, round % 2 == 1);
    const Bytes desc = zstdpp_unit::huffman_fse_description(described, counts, log);
    if (desc.size() - 1 >= 128) continue;  // too big for the FSE form's size byte
    ++tested;
    Bytes with_tail = desc;
    with_tail.insert(with_tail.end(), {0x12, 0x34});
    HuffmanWeights w;
    std::size_t consumed = 0;
    const Status s = read_weights(with_tail, w, consumed);
    ASSERT_TRUE(s.ok()) << describe(s) << " (round " << round << ")";
    EXPECT_EQ(consumed, desc.size());
    ASSERT_EQ(w.num_symbols, num_symbols) << "round " << round;
    for (unsigned i = 0; i < num_symbols; ++i) ASSERT_EQ(w.weights[i], weights[i]) << "symbol " << i;
  }
  EXPECT_GE(tested, 150);
}

TEST(HuffmanWeights, FseFormHandBuiltTwoStateStream) {
  // Weights {2, 1, 1} are described; their total 2 + 1 + 1 = 4 makes max_bits 3 and
  // leaves 4, so the implied last weight is 3 (code lengths 2, 3, 3, 1).
  // FSE table of log 5 over weight symbols {0: 0, 1: 16, 2: 16}.
  const std::vector<unsigned> described = {2, 1, 1};
  const std::vector<int> counts = {0, 16, 16};
  const Bytes desc = zstdpp_unit::huffman_fse_description(described, counts, 5);
  HuffmanWeights w;
  std::size_t consumed = 0;
  const Status s = read_weights(desc, w, consumed);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(w.num_symbols, 4u);
  EXPECT_EQ(w.weights[0], 2);
  EXPECT_EQ(w.weights[1], 1);
  EXPECT_EQ(w.weights[2], 1);
  EXPECT_EQ(w.weights[3], 3);
  EXPECT_EQ(w.max_bits, 3u);
}

Status weights_status(const Bytes& desc) {
  HuffmanWeights w;
  std::size_t consumed = 0;
  return read_weights(desc, w, consumed);
}

TEST(HuffmanWeights, RejectsAllZeroWeights) {
  const Status s = weights_status({0x82, 0x00, 0x00});  // 3 weights, all 0
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("all zero"), std::string::npos) << describe(s);
}

TEST(HuffmanWeights, RejectsIncompleteCode) {
  // Five weights of 1: 5 leaves of a 3-bit tree leave 3 slots, not a power of 2.
  const Status s = weights_status(zstdpp_unit::huffman_direct_description({1, 1, 1, 1, 1}));
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("complete"), std::string::npos) << describe(s);
  // 2 + 1: total 3, rest 1 is complete; 2 + 2 + 1: total 5, rest 3 is not.
  EXPECT_TRUE(weights_status(zstdpp_unit::huffman_direct_description({2, 1})).ok());
  EXPECT_EQ(weights_status(zstdpp_unit::huffman_direct_description({2, 2, 1})).code, ErrorCode::kCorruptedData);
}

TEST(HuffmanWeights, RejectsWeightTooLarge) {
  // A nibble of 13: over the 12 the decoder accepts.
  Status s = weights_status({0x82, 0xD1, 0x10});
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.value, 13u);
  // Two weights of 12: total 2^12 makes 13-bit codes.
  s = weights_status(zstdpp_unit::huffman_direct_description({12, 12}));
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("code length 13"), std::string::npos) << describe(s);
}

TEST(HuffmanWeights, RejectsTruncatedDescriptions) {
  EXPECT_EQ(weights_status({}).code, ErrorCode::kCorruptedData);
  // Direct: 10 weights need 5 bytes after the header.
  Bytes direct = zstdpp_unit::huffman_direct_description({1, 1, 1, 1, 1, 1, 1, 2, 3, 4});
  direct.pop_back();
  EXPECT_EQ(weights_status(direct).code, ErrorCode::kCorruptedData);
  // FSE form: the size byte promises more than there is.
  std::mt19937 rng(1);
  const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, 40, 30, 9);
  const std::vector<unsigned> described(weights.begin(), weights.end() - 1);
  Bytes fse = zstdpp_unit::huffman_fse_description(described, normalize(described, 6, false), 6);
  ASSERT_TRUE(weights_status(fse).ok());
  for (std::size_t cut = 1; cut < fse.size(); ++cut) {
    const Bytes prefix(fse.begin(), fse.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_EQ(weights_status(prefix).code, ErrorCode::kCorruptedData) << "cut to " << cut;
  }
  // Size byte 0: no compressed weights at all.
  EXPECT_EQ(weights_status({0x00, 0x10, 0x20}).code, ErrorCode::kCorruptedData);
}

TEST(HuffmanWeights, RejectsFseWeightStreamWithoutEndMark) {
  std::mt19937 rng(3);
  const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, 20, 20, 8);
  const std::vector<unsigned> described(weights.begin(), weights.end() - 1);
  Bytes fse = zstdpp_unit::huffman_fse_description(described, normalize(described, 5, false), 5);
  fse.back() = 0;  // the weight stream's last byte loses its end mark
  EXPECT_EQ(weights_status(fse).code, ErrorCode::kCorruptedData);
}

// ---- Stream decoding ----------------------------------------------------------------------

TEST(HuffmanDecode, OneStreamRoundTrips) {
  std::mt19937 rng(300);
  for (int round = 0; round < 300; ++round) {
    const unsigned num_symbols = 2 + rng() % 255;
    const unsigned present = 2 + rng() % (num_symbols - 1);
    const Code c = random_code(rng, num_symbols, present, round % 5 == 0 ? 12 : 11);
    const std::size_t size = rng() % (round % 4 == 0 ? 3000 : 100);
    const Bytes data = random_literals(rng, c, size);
    const Bytes stream = zstdpp_unit::huffman_stream(c.codes, data.data(), data.size());
    Bytes out(size + 1, 0xEE);
    const Status s = decode1(c.table, stream.data(), stream.size(), out.data(), size);
    ASSERT_TRUE(s.ok()) << describe(s) << " (round " << round << ", " << size << " symbols)";
    ASSERT_TRUE(std::equal(data.begin(), data.end(), out.begin())) << "round " << round;
    EXPECT_EQ(out[size], 0xEE) << "wrote past dst_size";
  }
}

TEST(HuffmanDecode, FourStreamsRoundTrip) {
  std::mt19937 rng(400);
  for (int round = 0; round < 300; ++round) {
    const unsigned num_symbols = 2 + rng() % 255;
    const unsigned present = 2 + rng() % (num_symbols - 1);
    const Code c = random_code(rng, num_symbols, present, round % 5 == 0 ? 12 : 11);
    const std::size_t size = 6 + rng() % (round % 4 == 0 ? 5000 : 200);
    const Bytes data = random_literals(rng, c, size);
    const Bytes streams = zstdpp_unit::huffman_4streams(c.codes, data);
    Bytes out(size + 1, 0xEE);
    const Status s = decode4(c.table, streams.data(), streams.size(), out.data(), size);
    ASSERT_TRUE(s.ok()) << describe(s) << " (round " << round << ", " << size << " symbols)";
    ASSERT_TRUE(std::equal(data.begin(), data.end(), out.begin())) << "round " << round;
    EXPECT_EQ(out[size], 0xEE) << "wrote past dst_size";
  }
}

TEST(HuffmanDecode, TwelveBitCodesRoundTrip) {
  // Depths 1, 2, ..., 11, 12, 12: the longest codes the decoder accepts, which switch both
  // stream kernels to 4 symbols per refill.
  std::vector<unsigned> weights;
  for (unsigned depth = 1; depth <= 12; ++depth) weights.push_back(13 - depth);
  weights.push_back(1);
  Code c;
  c.weights = weights;
  c.codes = zstdpp_unit::canonical_codes(weights);
  const Bytes desc = zstdpp_unit::huffman_direct_description({weights.begin(), weights.end() - 1});
  HuffmanWeights w;
  std::size_t consumed = 0;
  ASSERT_TRUE(read_weights(desc, w, consumed).ok());
  ASSERT_EQ(w.max_bits, 12u);
  entropy::build_huffman_decode_table(w, c.table);
  for (unsigned s = 0; s < weights.size(); ++s) c.present.push_back(static_cast<std::uint8_t>(s));
  std::mt19937 rng(12);
  for (std::size_t size : {1u, 4u, 5u, 17u, 100u, 2000u}) {
    Bytes data(size);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng() % 2 ? 12 : rng() % 13);  // many 12-bit codes
    const Bytes one = zstdpp_unit::huffman_stream(c.codes, data.data(), data.size());
    Bytes out(size);
    Status s = decode1(c.table, one.data(), one.size(), out.data(), size);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(out, data);
    if (size < 6) continue;
    const Bytes four = zstdpp_unit::huffman_4streams(c.codes, data);
    s = decode4(c.table, four.data(), four.size(), out.data(), size);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(out, data);
  }
}

TEST(HuffmanDecode, FourStreamsWithAnEmptyFourthSegment) {
  // 3 and 6 literals: segments of 1 and 2, the fourth stream holds no symbol (end mark only).
  std::mt19937 rng(5);
  const Code c = random_code(rng, 10, 6, 8);
  for (std::size_t size : {3u, 6u}) {
    const Bytes data = random_literals(rng, c, size);
    const Bytes streams = zstdpp_unit::huffman_4streams(c.codes, data);
    ASSERT_EQ(streams.back(), 0x01) << "stream 4 is one end-mark byte";
    Bytes out(size);
    const Status s = decode4(c.table, streams.data(), streams.size(), out.data(), size);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(out, data);
  }
}

TEST(HuffmanDecode, OneStreamOfZeroSymbolsIsTheEndMarkAlone) {
  std::mt19937 rng(6);
  const Code c = random_code(rng, 4, 4, 3);
  const std::uint8_t mark = 0x01;
  std::uint8_t out = 0;
  EXPECT_TRUE(decode1(c.table, &mark, 1, &out, 0).ok());
  const std::uint8_t padded = 0x02;  // one unused payload bit
  EXPECT_EQ(decode1(c.table, &padded, 1, &out, 0).code, ErrorCode::kCorruptedData);
}

TEST(HuffmanDecode, RejectsStreamNotFullyConsumed) {
  std::mt19937 rng(500);
  const Code c = random_code(rng, 50, 30, 11);
  for (std::size_t size : {1u, 7u, 40u, 1000u}) {
    // Encode one symbol more than is decoded: the first symbol's bits remain unread.
    const Bytes data = random_literals(rng, c, size + 1);
    const Bytes stream = zstdpp_unit::huffman_stream(c.codes, data.data(), data.size());
    Bytes out(size + 1);
    const Status s = decode1(c.table, stream.data(), stream.size(), out.data(), size);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << size;
    EXPECT_NE(describe(s).find("unused bits"), std::string::npos) << describe(s);
  }
}

TEST(HuffmanDecode, RejectsStreamTooShortForItsSymbols) {
  std::mt19937 rng(501);
  const Code c = random_code(rng, 50, 30, 11);
  for (std::size_t size : {2u, 8u, 41u, 1001u}) {
    const Bytes data = random_literals(rng, c, size - 1);
    const Bytes stream = zstdpp_unit::huffman_stream(c.codes, data.data(), data.size());
    Bytes out(size);
    const Status s = decode1(c.table, stream.data(), stream.size(), out.data(), size);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << size;
  }
}

TEST(HuffmanDecode, RejectsStreamWithoutEndMark) {
  std::mt19937 rng(502);
  const Code c = random_code(rng, 20, 20, 8);
  const Bytes data = random_literals(rng, c, 30);
  Bytes stream = zstdpp_unit::huffman_stream(c.codes, data.data(), data.size());
  stream.push_back(0x00);
  Bytes out(30);
  EXPECT_EQ(decode1(c.table, stream.data(), stream.size(), out.data(), 30).code,
            ErrorCode::kCorruptedData);
  EXPECT_EQ(decode1(c.table, stream.data(), 0, out.data(), 30).code,
            ErrorCode::kCorruptedData);
}

TEST(HuffmanDecode, FourStreamsRejectAStreamNotFullyConsumed) {
  std::mt19937 rng(600);
  const Code c = random_code(rng, 30, 20, 10);
  const Bytes data = random_literals(rng, c, 400);
  const std::size_t segment = 100;
  for (int bad = 0; bad < 4; ++bad) {
    // Rebuild the four streams with one extra symbol in stream `bad`.
    Bytes streams[4];
    for (int i = 0; i < 4; ++i) {
      Bytes part(data.begin() + static_cast<std::ptrdiff_t>(segment * i),
                 data.begin() + static_cast<std::ptrdiff_t>(segment * (i + 1)));
      if (i == bad) part.insert(part.begin(), part[0]);  // read last: left over
      streams[i] = zstdpp_unit::huffman_stream(c.codes, part.data(), part.size());
    }
    Bytes all;
    for (int i = 0; i < 3; ++i) zstdpp_unit::put_le(all, streams[i].size(), 2);
    for (auto& s : streams) zstdpp_unit::append(all, s);
    Bytes out(400);
    const Status s = decode4(c.table, all.data(), all.size(), out.data(), 400);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << "stream " << bad + 1;
    EXPECT_EQ(s.value, static_cast<unsigned>(bad + 1)) << describe(s);
  }
}

TEST(HuffmanDecode, FourStreamsRejectInconsistentJumpTable) {
  std::mt19937 rng(700);
  const Code c = random_code(rng, 30, 20, 10);
  const Bytes data = random_literals(rng, c, 200);
  const Bytes good = zstdpp_unit::huffman_4streams(c.codes, data);
  Bytes out(200);
  ASSERT_TRUE(decode4(c.table, good.data(), good.size(), out.data(), 200).ok());
  // Sizes adding up past the section.
  Bytes bad = good;
  bad[0] = 0xFF;
  bad[1] = 0xFF;
  Status s = decode4(c.table, bad.data(), bad.size(), out.data(), 200);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("jump table"), std::string::npos) << describe(s);
  // Sizes adding up to the section exactly: stream 4 would be empty.
  bad = good;
  const std::size_t streams_total = good.size() - 6;
  const std::size_t s1 = good[0] | good[1] << 8, s2 = good[2] | good[3] << 8;
  const std::size_t s3 = streams_total - s1 - s2;
  bad[4] = static_cast<std::uint8_t>(s3);
  bad[5] = static_cast<std::uint8_t>(s3 >> 8);
  EXPECT_EQ(decode4(c.table, bad.data(), bad.size(), out.data(), 200).code,
            ErrorCode::kCorruptedData);
  // A stream of size 0 in the middle.
  bad = good;
  bad[2] = 0;
  bad[3] = 0;
  EXPECT_EQ(decode4(c.table, bad.data(), bad.size(), out.data(), 200).code,
            ErrorCode::kCorruptedData);
  // A boundary moved by one byte: the streams no longer end with their marks where read.
  for (int which = 0; which < 3; ++which) {
    bad = good;
    const std::size_t v = (bad[2 * which] | bad[2 * which + 1] << 8) + 1;
    bad[2 * which] = static_cast<std::uint8_t>(v);
    bad[2 * which + 1] = static_cast<std::uint8_t>(v >> 8);
    EXPECT_EQ(decode4(c.table, bad.data(), bad.size(), out.data(), 200).code,
              ErrorCode::kCorruptedData)
        << "size " << which + 1 << " one larger";
  }
}

TEST(HuffmanDecode, FourStreamsRejectTooFewLiterals) {
  // 1, 2 and 5 literals cannot be split as (n + 3) / 4 per stream for three streams.
  std::mt19937 rng(800);
  const Code c = random_code(rng, 4, 4, 2);
  for (std::size_t size : {1u, 2u, 5u}) {
    const Bytes streams = {0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01};
    Bytes out(8);
    const Status s = decode4(c.table, streams.data(), streams.size(), out.data(), size);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << size;
    EXPECT_NE(describe(s).find("too few"), std::string::npos) << describe(s);
  }
  // Under 10 bytes cannot hold a jump table and four streams.
  const Bytes tiny = {0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01};
  Bytes out(8);
  EXPECT_EQ(decode4(c.table, tiny.data(), tiny.size(), out.data(), 8).code,
            ErrorCode::kCorruptedData);
}

}  // namespace
}  // namespace zstdpp
