// Unit tests of decoder/literals.hpp (RFC 8878 section 3.1.1.3.1): every literals block
// type (raw, RLE, compressed, treeless) with every size format, on hand-built sections.
//
// Section headers are packed here from the RFC's bit layout; Huffman trees and streams come
// from the test-side encoder (unit_support.hpp).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/cpu.hpp"
#include "decoder/literals.hpp"
#include "unit_support.hpp"

namespace zstdpp::decoder {
namespace {

using zstdpp_unit::Bytes;

constexpr std::size_t kBlockMax = 128 * 1024;
constexpr unsigned kRaw = 0, kRle = 1, kCompressed = 2, kTreeless = 3;

// Raw and RLE headers: Size_Format 00/10 = 1 byte (5-bit size), 01 = 2 bytes (12 bits),
// 11 = 3 bytes (20 bits). Bits 1-0 type, 3-2 Size_Format, then the size.
Bytes raw_rle_header(unsigned type, unsigned size_format, std::size_t size) {
  Bytes h;
  switch (size_format) {
    case 0:
    case 2:
      h.push_back(static_cast<std::uint8_t>(type | size_format << 2 | size << 3));
      break;
    case 1:
      h.push_back(static_cast<std::uint8_t>(type | 1u << 2 | (size & 15) << 4));
      h.push_back(static_cast<std::uint8_t>(size >> 4));
      break;
    default:
      h.push_back(static_cast<std::uint8_t>(type | 3u << 2 | (size & 15) << 4));
      h.push_back(static_cast<std::uint8_t>(size >> 4));
      h.push_back(static_cast<std::uint8_t>(size >> 12));
      break;
  }
  return h;
}

// Compressed and treeless headers: Size_Format 00 (1 stream) and 01 (4 streams) = 3 bytes
// with 10-bit sizes, 10 = 4 bytes with 14-bit sizes, 11 = 5 bytes with 18-bit sizes.
Bytes huffman_header(unsigned type, unsigned size_format, std::size_t regenerated, std::size_t compressed) {
  Bytes h;
  const std::uint64_t low = type | size_format << 2;
  switch (size_format) {
    case 0:
    case 1:
      zstdpp_unit::put_le(h, low | regenerated << 4 | compressed << 14, 3);
      break;
    case 2:
      zstdpp_unit::put_le(h, low | regenerated << 4 | compressed << 18, 4);
      break;
    default:
      zstdpp_unit::put_le(h, low | regenerated << 4 | std::uint64_t{compressed} << 22, 5);
      break;
  }
  return h;
}

struct Decoded {
  Status status;
  Literals lit;
  Bytes buffer;
};

// Decodes with the portable kernels; the CPU's best variant must give the same result.
Decoded decode(const Bytes& section, HuffmanState& huffman, std::size_t block_max = kBlockMax) {
  const KernelVariant best = select_kernel_variant(false);
  if (best != KernelVariant::kPortable) {
    HuffmanState copy = huffman;
    if (huffman.current == &huffman.own) copy.current = &copy.own;
    Bytes buffer(block_max + kLiteralsSlack, 0xCC);
    Literals lit;
    const Status s = decode_literals(best, section.data(), section.size(), block_max, copy, buffer.data(), lit);
    Decoded d;
    d.buffer.assign(block_max + kLiteralsSlack, 0xCC);
    d.status = decode_literals(KernelVariant::kPortable, section.data(), section.size(), block_max, huffman,
                               d.buffer.data(), d.lit);
    EXPECT_EQ(s.code, d.status.code) << "kernel variants disagree";
    if (s.ok() && d.status.ok()) {
      EXPECT_EQ(Bytes(lit.data, lit.data + lit.size), Bytes(d.lit.data, d.lit.data + d.lit.size));
    }
    return d;
  }
  Decoded d;
  d.buffer.assign(block_max + kLiteralsSlack, 0xCC);
  d.status = decode_literals(KernelVariant::kPortable, section.data(), section.size(), block_max, huffman,
                             d.buffer.data(), d.lit);
  return d;
}

Bytes view(const Literals& lit) { return Bytes(lit.data, lit.data + lit.size); }

Bytes random_bytes(std::mt19937& rng, std::size_t size) {
  Bytes b(size);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

// A code over the bytes of `data` (all 256 symbols possible) and its tree description.
struct Tree {
  std::vector<zstdpp_unit::HuffCode> codes;
  Bytes description;
};
Tree make_tree(std::mt19937& rng, unsigned present) {
  const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, 129, present, 11);
  Tree t;
  t.codes = zstdpp_unit::canonical_codes(weights);
  t.description = zstdpp_unit::huffman_direct_description({weights.begin(), weights.end() - 1});
  return t;
}
Bytes data_for(std::mt19937& rng, const Tree& t, std::size_t size) {
  std::vector<std::uint8_t> present;
  for (std::size_t s = 0; s < t.codes.size(); ++s)
    if (t.codes[s].length) present.push_back(static_cast<std::uint8_t>(s));
  Bytes out(size);
  for (auto& b : out) b = present[rng() % present.size()];
  return out;
}

// ---- Raw ----------------------------------------------------------------------------------

TEST(Literals, RawEverySizeFormat) {
  std::mt19937 rng(1);
  struct Case {
    unsigned size_format;
    std::size_t size, header;
  };
  const Case cases[] = {{0, 0, 1}, {0, 31, 1}, {2, 17, 1}, {1, 0, 2}, {1, 1000, 2},
                        {1, 4095, 2}, {3, 4096, 3}, {3, 100000, 3}, {3, kBlockMax, 3}};
  for (const Case& c : cases) {
    const Bytes content = random_bytes(rng, c.size);
    Bytes section = raw_rle_header(kRaw, c.size_format, c.size);
    ASSERT_EQ(section.size(), c.header);
    zstdpp_unit::append(section, content);
    HuffmanState huffman;
    const Decoded d = decode(section, huffman);
    ASSERT_TRUE(d.status.ok()) << describe(d.status);
    EXPECT_EQ(d.lit.size, c.size);
    EXPECT_EQ(d.lit.section_size, c.header + c.size);
    EXPECT_EQ(view(d.lit), content) << "size format " << c.size_format << " size " << c.size;
  }
}

TEST(Literals, RawInPlaceOnlyWithSlackBehind) {
  // Raw literals are used in place when kLiteralsSlack bytes of the block follow them
  // (the sequence executor over-reads); otherwise they are copied to the buffer.
  std::mt19937 rng(2);
  const Bytes content = random_bytes(rng, 20);
  Bytes section = raw_rle_header(kRaw, 0, 20);
  zstdpp_unit::append(section, content);
  Bytes block = section;
  block.resize(section.size() + kLiteralsSlack, 0x77);  // a sequences section follows
  HuffmanState huffman;
  Bytes buffer(kBlockMax + kLiteralsSlack);
  Literals lit;
  ASSERT_TRUE(
      decode_literals(KernelVariant::kPortable, block.data(), block.size(), kBlockMax, huffman, buffer.data(), lit).ok());
  EXPECT_EQ(lit.data, block.data() + 1) << "enough slack: in place";
  EXPECT_EQ(lit.section_size, 21u);
  block.resize(section.size() + kLiteralsSlack - 1);
  ASSERT_TRUE(
      decode_literals(KernelVariant::kPortable, block.data(), block.size(), kBlockMax, huffman, buffer.data(), lit).ok());
  EXPECT_EQ(lit.data, buffer.data()) << "one byte short of the slack: copied";
  EXPECT_EQ(view(lit), content);
}

TEST(Literals, RawErrors) {
  HuffmanState huffman;
  // Size larger than the bytes that follow.
  Bytes section = raw_rle_header(kRaw, 1, 100);
  section.resize(section.size() + 99);
  Decoded d = decode(section, huffman);
  EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(d.status.value, 100u);
  EXPECT_EQ(d.status.limit, 99u);
  // Size over Block_Maximum_Size.
  section = raw_rle_header(kRaw, 3, 2000);
  section.resize(section.size() + 2000);
  d = decode(section, huffman, 1024);
  EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(d.status).find("Block_Maximum_Size 1024"), std::string::npos) << describe(d.status);
  // Truncated headers: 2-byte and 3-byte forms cut short; an empty section.
  EXPECT_EQ(decode({0x04}, huffman).status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(decode({0x0C, 0x00}, huffman).status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(decode({}, huffman).status.code, ErrorCode::kCorruptedData);
}

// ---- RLE ----------------------------------------------------------------------------------

TEST(Literals, RleEverySizeFormat) {
  struct Case {
    unsigned size_format;
    std::size_t size, header;
  };
  const Case cases[] = {{0, 1, 1}, {2, 31, 1}, {1, 32, 2}, {1, 4095, 2}, {3, 65536, 3}, {3, kBlockMax, 3}};
  for (const Case& c : cases) {
    Bytes section = raw_rle_header(kRle, c.size_format, c.size);
    section.push_back(0x5A);
    section.push_back(0x99);  // not part of the section
    HuffmanState huffman;
    const Decoded d = decode(section, huffman);
    ASSERT_TRUE(d.status.ok()) << describe(d.status);
    EXPECT_EQ(d.lit.size, c.size);
    EXPECT_EQ(d.lit.section_size, c.header + 1);
    EXPECT_EQ(view(d.lit), Bytes(c.size, 0x5A));
    // The slack after the literals is readable (and holds the same byte).
    EXPECT_EQ(d.lit.data[c.size + kLiteralsSlack - 1], 0x5A);
  }
}

TEST(Literals, RleErrors) {
  HuffmanState huffman;
  EXPECT_EQ(decode(raw_rle_header(kRle, 0, 5), huffman).status.code, ErrorCode::kCorruptedData)
      << "the RLE byte is missing";
  Bytes section = raw_rle_header(kRle, 3, 5000);
  section.push_back(1);
  EXPECT_EQ(decode(section, huffman, 4096).status.code, ErrorCode::kCorruptedData) << "over Block_Maximum_Size";
}

// ---- Compressed and treeless ---------------------------------------------------------------

struct CompressedCase {
  unsigned size_format;
  std::size_t size;
};

Bytes compressed_section(unsigned type, unsigned size_format, const Tree& tree, const Bytes& data) {
  const Bytes streams = size_format == 0 ? zstdpp_unit::huffman_stream(tree.codes, data.data(), data.size())
                                         : zstdpp_unit::huffman_4streams(tree.codes, data);
  const std::size_t compressed = (type == kCompressed ? tree.description.size() : 0) + streams.size();
  const unsigned size_bits = size_format < 2 ? 10 : size_format == 2 ? 14 : 18;
  if (compressed >> size_bits || data.size() >> size_bits) throw std::logic_error("sizes do not fit the size format");
  Bytes section = huffman_header(type, size_format, data.size(), compressed);
  if (type == kCompressed) zstdpp_unit::append(section, tree.description);
  zstdpp_unit::append(section, streams);
  return section;
}

TEST(Literals, CompressedEverySizeFormat) {
  std::mt19937 rng(3);
  // Sizes chosen so that even 11-bit codes fit the format's Compressed_Size field.
  const CompressedCase cases[] = {{0, 1}, {0, 300}, {0, 600}, {1, 6}, {1, 7}, {1, 600},
                                  {2, 1024}, {2, 10000}, {3, 16384}, {3, 100000}, {3, kBlockMax}};
  for (const CompressedCase& c : cases) {
    const Tree tree = make_tree(rng, 2 + rng() % 40);
    const Bytes data = data_for(rng, tree, c.size);
    const Bytes section = compressed_section(kCompressed, c.size_format, tree, data);
    HuffmanState huffman;
    const Decoded d = decode(section, huffman);
    ASSERT_TRUE(d.status.ok()) << describe(d.status) << " (format " << c.size_format << ", " << c.size << ")";
    EXPECT_EQ(d.lit.size, c.size);
    EXPECT_EQ(d.lit.section_size, section.size());
    EXPECT_EQ(d.lit.data, d.buffer.data());
    EXPECT_EQ(view(d.lit), data) << "format " << c.size_format << " size " << c.size;
    EXPECT_EQ(huffman.current, &huffman.own) << "the new table becomes the previous one";
  }
}

TEST(Literals, TreelessReusesThePreviousTable) {
  std::mt19937 rng(4);
  const Tree tree = make_tree(rng, 30);
  HuffmanState huffman;
  const Bytes first = data_for(rng, tree, 500);
  ASSERT_TRUE(decode(compressed_section(kCompressed, 1, tree, first), huffman).status.ok());
  for (const CompressedCase& c : {CompressedCase{0, 700}, CompressedCase{1, 700}, CompressedCase{2, 5000},
                                  CompressedCase{3, 70000}}) {
    const Bytes data = data_for(rng, tree, c.size);
    const Bytes section = compressed_section(kTreeless, c.size_format, tree, data);
    const Decoded d = decode(section, huffman);
    ASSERT_TRUE(d.status.ok()) << describe(d.status);
    EXPECT_EQ(d.lit.section_size, section.size());
    EXPECT_EQ(view(d.lit), data) << "treeless format " << c.size_format;
  }
  // A later compressed section replaces the table for the treeless ones after it.
  const Tree other = make_tree(rng, 60);
  ASSERT_TRUE(decode(compressed_section(kCompressed, 0, other, data_for(rng, other, 10)), huffman).status.ok());
  const Bytes data = data_for(rng, other, 300);
  const Decoded d = decode(compressed_section(kTreeless, 0, other, data), huffman);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(view(d.lit), data);
}

TEST(Literals, TreelessCanUseATableFromElsewhere) {
  // A dictionary's table is installed as `current` without `own` ever being filled.
  std::mt19937 rng(5);
  const std::vector<unsigned> weights = zstdpp_unit::random_weights(rng, 256, 100, 11);
  entropy::HuffmanWeights w;
  std::size_t consumed = 0;
  const Bytes desc = zstdpp_unit::huffman_fse_description(
      {weights.begin(), weights.end() - 1},
      [&] {
        std::vector<int> counts(12, 0);
        for (std::size_t i = 0; i + 1 < weights.size(); ++i) ++counts[weights[i]];
        int sum = 0;
        for (int& c : counts) {
          c = c ? std::max(1, c * 64 / 255) : 0;
          sum += c;
        }
        *std::max_element(counts.begin(), counts.end()) += 64 - sum;
        return counts;
      }(),
      6);
  ASSERT_TRUE(entropy::read_huffman_weights(desc.data(), desc.size(), w, consumed).ok());
  entropy::HuffmanDecodeTable dict_table;
  entropy::build_huffman_decode_table(w, dict_table);
  HuffmanState huffman;
  huffman.current = &dict_table;
  Tree tree;
  tree.codes = zstdpp_unit::canonical_codes(weights);
  const Bytes data = data_for(rng, tree, 2000);
  const Decoded d = decode(compressed_section(kTreeless, 2, tree, data), huffman);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(view(d.lit), data);
  EXPECT_EQ(huffman.current, &dict_table);
}

TEST(Literals, TreelessWithoutPreviousTableIsAnError) {
  std::mt19937 rng(6);
  const Tree tree = make_tree(rng, 10);
  const Bytes data = data_for(rng, tree, 100);
  for (unsigned size_format : {0u, 1u}) {
    HuffmanState huffman;
    const Decoded d = decode(compressed_section(kTreeless, size_format, tree, data), huffman);
    EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
    EXPECT_NE(describe(d.status).find("treeless"), std::string::npos) << describe(d.status);
  }
}

TEST(Literals, CompressedErrors) {
  std::mt19937 rng(7);
  const Tree tree = make_tree(rng, 20);
  const Bytes data = data_for(rng, tree, 500);
  HuffmanState huffman;
  // Compressed size larger than the block's remaining bytes.
  Bytes section = compressed_section(kCompressed, 1, tree, data);
  section.pop_back();
  Decoded d = decode(section, huffman);
  EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(d.status).find("exceeds the"), std::string::npos) << describe(d.status);
  // Regenerated size over Block_Maximum_Size.
  d = decode(compressed_section(kCompressed, 1, tree, data), huffman, 499);
  EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
  // Truncated 3-, 4- and 5-byte headers.
  EXPECT_EQ(decode({0x02, 0x00}, huffman).status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(decode({0x0A, 0x00, 0x00}, huffman).status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(decode({0x0E, 0x00, 0x00, 0x00}, huffman).status.code, ErrorCode::kCorruptedData);
  // A bad tree description inside the section (all-zero weights).
  Bytes bad = huffman_header(kCompressed, 0, 10, 5);
  zstdpp_unit::append(bad, {0x82, 0x00, 0x00, 0x01, 0x01});
  EXPECT_EQ(decode(bad, huffman).status.code, ErrorCode::kCorruptedData);
  // Regenerated size that does not match the stream: one symbol more than encoded.
  const Bytes stream = zstdpp_unit::huffman_stream(tree.codes, data.data(), data.size());
  Bytes longer = huffman_header(kCompressed, 0, data.size() + 1, tree.description.size() + stream.size());
  zstdpp_unit::append(longer, tree.description);
  zstdpp_unit::append(longer, stream);
  EXPECT_EQ(decode(longer, huffman).status.code, ErrorCode::kCorruptedData);
}

}  // namespace
}  // namespace zstdpp::decoder
