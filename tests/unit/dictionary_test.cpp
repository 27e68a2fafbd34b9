// Unit tests of dict/format/dictionary.hpp (RFC 8878 section 5) and of
// decoder/decoder_dictionary.hpp: a full dictionary built by hand (magic, ID, Huffman
// tree, three FSE tables, repeat offsets, content), every way it can be malformed, and a
// frame that uses everything it carries: treeless literals with its Huffman table,
// repeat-mode sequences with its FSE tables, its repeat offsets and its content as history.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <vector>

#include "decoder/decoder_dictionary.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/stream_decoder.hpp"
#include "dict/format/dictionary.hpp"
#include "block_builder.hpp"
#include "unit_support.hpp"

namespace zstdpp {
namespace {

using dict::DictKind;
using dict::ParsedDictionary;
using zstdpp_unit::append;
using zstdpp_unit::Bytes;

// Distributions with every code the tests use present (some as "less than one").
std::vector<int> offset_counts() { return std::vector<int>(16, 16); }  // codes 0..15, log 8
std::vector<int> match_length_counts() {                               // codes 0..52, log 9
  std::vector<int> c(53, 9);
  c[0] += 512 - 53 * 9;
  return c;
}
std::vector<int> literal_length_counts() {  // codes 0..35, log 9, 34 and 35 "less than one"
  std::vector<int> c(36, 14);
  c[34] = c[35] = -1;
  c[0] += 512 - (34 * 14 + 2);
  return c;
}

struct DictParts {
  std::uint32_t id = 0x12345678;
  std::vector<unsigned> weights;  // Huffman weights, the implied last one included
  std::vector<int> of = offset_counts(), ml = match_length_counts(), ll = literal_length_counts();
  unsigned of_log = 8, ml_log = 9, ll_log = 9;
  std::uint32_t rep[3] = {1, 4, 8};
  Bytes content;
  std::size_t entropy_end = 0;  // where the repeat offsets start
};

Bytes build_dictionary(DictParts& p) {
  Bytes d;
  zstdpp_unit::put_le(d, 0xEC30A437u, 4);  // Magic_Number
  zstdpp_unit::put_le(d, p.id, 4);         // Dictionary_ID
  append(d, zstdpp_unit::huffman_direct_description({p.weights.begin(), p.weights.end() - 1}));
  append(d, zstdpp_unit::write_fse_description(p.of, p.of_log));  // order: offsets,
  append(d, zstdpp_unit::write_fse_description(p.ml, p.ml_log));  // match lengths,
  append(d, zstdpp_unit::write_fse_description(p.ll, p.ll_log));  // literal lengths
  p.entropy_end = d.size();
  for (std::uint32_t r : p.rep) zstdpp_unit::put_le(d, r, 4);
  append(d, p.content);
  return d;
}

DictParts default_parts() {
  std::mt19937 rng(42);
  DictParts p;
  p.weights = zstdpp_unit::random_weights(rng, 100, 60, 11);
  p.content = zstdpp_unit::make_text(5000, 9);
  p.rep[0] = 7;
  p.rep[1] = 300;
  p.rep[2] = 4999;
  return p;
}

TEST(Dictionary, ParsesEveryPart) {
  DictParts p = default_parts();
  const Bytes d = build_dictionary(p);
  ParsedDictionary parsed;
  const Status s = dict::parse_dictionary(d.data(), d.size(), DictKind::kAuto, parsed);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_TRUE(parsed.has_entropy);
  EXPECT_EQ(parsed.id, 0x12345678u);
  ASSERT_EQ(parsed.literals.num_symbols, p.weights.size());
  for (std::size_t i = 0; i < p.weights.size(); ++i) EXPECT_EQ(parsed.literals.weights[i], p.weights[i]);
  EXPECT_EQ(parsed.offsets.accuracy_log, 8u);
  EXPECT_EQ(parsed.match_lengths.accuracy_log, 9u);
  EXPECT_EQ(parsed.literal_lengths.accuracy_log, 9u);
  for (std::size_t i = 0; i < p.ll.size(); ++i) EXPECT_EQ(parsed.literal_lengths.counts[i], p.ll[i]);
  for (std::size_t i = 0; i < p.ml.size(); ++i) EXPECT_EQ(parsed.match_lengths.counts[i], p.ml[i]);
  for (std::size_t i = 0; i < p.of.size(); ++i) EXPECT_EQ(parsed.offsets.counts[i], p.of[i]);
  EXPECT_EQ(parsed.repeat_offsets[0], 7u);
  EXPECT_EQ(parsed.repeat_offsets[1], 300u);
  EXPECT_EQ(parsed.repeat_offsets[2], 4999u);
  EXPECT_EQ(parsed.content, d.data() + p.entropy_end + 12);
  EXPECT_EQ(parsed.content_size, 5000u);
  // kFull says the same.
  ParsedDictionary full;
  ASSERT_TRUE(dict::parse_dictionary(d.data(), d.size(), DictKind::kFull, full).ok());
  EXPECT_EQ(full.content_size, 5000u);
}

TEST(Dictionary, RawContent) {
  const Bytes text = zstdpp_unit::make_text(1000, 1);
  ParsedDictionary parsed;
  ASSERT_TRUE(dict::parse_dictionary(text.data(), text.size(), DictKind::kAuto, parsed).ok());
  EXPECT_FALSE(parsed.has_entropy);
  EXPECT_EQ(parsed.id, 0u);
  EXPECT_EQ(parsed.content, text.data());
  EXPECT_EQ(parsed.content_size, 1000u);
  // With the magic, kRawContent still takes everything as content.
  DictParts p = default_parts();
  const Bytes d = build_dictionary(p);
  ASSERT_TRUE(dict::parse_dictionary(d.data(), d.size(), DictKind::kRawContent, parsed).ok());
  EXPECT_FALSE(parsed.has_entropy);
  EXPECT_EQ(parsed.content_size, d.size());
  // Fewer than 8 bytes cannot be a full dictionary, magic or not.
  ASSERT_TRUE(dict::parse_dictionary(d.data(), 7, DictKind::kAuto, parsed).ok());
  EXPECT_FALSE(parsed.has_entropy);
}

TEST(Dictionary, FullKindNeedsTheMagic) {
  const Bytes text = zstdpp_unit::make_text(100, 2);
  ParsedDictionary parsed;
  const Status s = dict::parse_dictionary(text.data(), text.size(), DictKind::kFull, parsed);
  EXPECT_EQ(s.code, ErrorCode::kDictionaryCorrupted);
  EXPECT_NE(describe(s).find("magic"), std::string::npos) << describe(s);
}

Status parse_status(const Bytes& d) {
  ParsedDictionary parsed;
  return dict::parse_dictionary(d.data(), d.size(), DictKind::kAuto, parsed);
}

TEST(Dictionary, TruncatedEntropyIsCorrupted) {
  DictParts p = default_parts();
  const Bytes d = build_dictionary(p);
  for (std::size_t cut = 8; cut < p.entropy_end + 12; ++cut) {
    const Bytes prefix(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_EQ(parse_status(prefix).code, ErrorCode::kDictionaryCorrupted) << "cut to " << cut;
  }
}

TEST(Dictionary, InvalidTablesAreCorrupted) {
  {  // Offsets table of accuracy log 9: over the stream's 8.
    DictParts p = default_parts();
    p.of = std::vector<int>(16, 32);
    p.of_log = 9;
    EXPECT_EQ(parse_status(build_dictionary(p)).code, ErrorCode::kDictionaryCorrupted);
  }
  {  // Literal length code 36 does not exist.
    DictParts p = default_parts();
    p.ll = std::vector<int>(37, 1);
    p.ll[0] = 512 - 36;
    const Status s = parse_status(build_dictionary(p));
    EXPECT_EQ(s.code, ErrorCode::kDictionaryCorrupted);
    EXPECT_NE(describe(s).find("exceeds the maximum 35"), std::string::npos) << describe(s);
  }
  {  // An incomplete Huffman code.
    DictParts p = default_parts();
    p.weights = {1, 1, 1, 1, 1, 1};
    EXPECT_EQ(parse_status(build_dictionary(p)).code, ErrorCode::kDictionaryCorrupted);
  }
}

TEST(Dictionary, RepeatOffsetsMustLieInTheContent) {
  DictParts p = default_parts();
  p.rep[1] = 0;
  Status s = parse_status(build_dictionary(p));
  EXPECT_EQ(s.code, ErrorCode::kDictionaryCorrupted);
  p = default_parts();
  p.rep[2] = 5001;
  s = parse_status(build_dictionary(p));
  EXPECT_EQ(s.code, ErrorCode::kDictionaryCorrupted);
  EXPECT_EQ(describe(s), "dictionary repeat offset 5001 is outside its 5000 bytes of content");
  p.rep[2] = 5000;
  EXPECT_TRUE(parse_status(build_dictionary(p)).ok());
}

// ---- A frame that uses everything the dictionary carries ----------------------------------

TEST(DecoderDictionary, FrameUsesTheDictionaryTablesOffsetsAndContent) {
  DictParts p = default_parts();
  const Bytes bytes = build_dictionary(p);
  ParsedDictionary parsed;
  ASSERT_TRUE(dict::parse_dictionary(bytes.data(), bytes.size(), DictKind::kAuto, parsed).ok());
  auto dd = std::make_unique<decoder::DecoderDictionary>();
  decoder::prepare_decoder_dictionary(parsed, *dd);
  EXPECT_EQ(dd->id, p.id);
  EXPECT_TRUE(dd->has_entropy);
  EXPECT_EQ(dd->literals.max_bits, parsed.literals.max_bits);
  EXPECT_EQ(dd->sequences.ll.accuracy_log, 9u);
  EXPECT_EQ(dd->sequences.of.entries, dd->sequences.of_own.data());
  EXPECT_EQ(dd->repeat_offsets, (decoder::RepeatOffsets{7, 300, 4999}));

  // Sequences with codes the dictionary's tables hold and offsets within its content; the
  // first four use its repeat offsets.
  std::mt19937 rng(7);
  const std::vector<zstdpp_unit::HuffCode> codes = zstdpp_unit::canonical_codes(p.weights);
  std::vector<std::uint8_t> present;
  for (std::size_t s = 0; s < codes.size(); ++s)
    if (codes[s].length) present.push_back(static_cast<std::uint8_t>(s));
  std::vector<zstdpp_unit::Seq> seqs = {{3, 1, 10}, {0, 1, 4}, {5, 3, 20}, {0, 3, 5}};  // rep0, rep1, rep2, rep0-1
  for (int i = 0; i < 40; ++i)
    seqs.push_back({static_cast<std::uint32_t>(rng() % 40), static_cast<std::uint32_t>(4 + rng() % 4990),
                    static_cast<std::uint32_t>(3 + rng() % 300)});
  std::size_t total_ll = 0;
  for (const auto& s : seqs) total_ll += s.ll;
  Bytes lits(total_ll + 11);
  for (auto& b : lits) b = present[rng() % present.size()];
  Bytes expected = p.content;
  decoder::RepeatOffsets rep = dd->repeat_offsets;
  ASSERT_TRUE(zstdpp_unit::reference_execute(expected, seqs, lits, rep));
  expected.erase(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(p.content.size()));
  ASSERT_LT(expected.size(), 16384u);

  // Block: treeless literals (4 streams, 14-bit sizes) + sequences in repeat mode.
  const Bytes streams = zstdpp_unit::huffman_4streams(codes, lits);
  Bytes content;
  zstdpp_unit::put_le(content, 3u | 2u << 2 | lits.size() << 4 | streams.size() << 18, 4);
  append(content, streams);
  append(content, zstdpp_unit::sequence_count(seqs.size()));
  content.push_back(0xFC);  // repeat mode for all three: the dictionary's tables
  append(content, zstdpp_unit::encode_sequences(dd->sequences, seqs));
  zstdpp_unit::FrameSpec spec;
  spec.dict_id = p.id;
  spec.window_descriptor = 0x20;  // 16 KiB
  spec.checksum = true;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::block_header(2, content.size(), true));
  append(frame, content);
  append(frame, zstdpp_unit::content_checksum(expected));

  // One shot.
  decoder::BlockDecoder blocks;
  Bytes out(expected.size());
  decoder::FrameResult result;
  Status s = decoder::decode_frame(blocks, dd.get(), frame.data(), frame.size(), out.data(), out.size(), {}, result);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out, expected);
  // Streaming, byte by byte.
  decoder::StreamDecoder dec({});
  dec.set_dictionary(dd.get());
  Bytes streamed;
  std::size_t in_pos = 0;
  for (int guard = 0; guard < 1000000; ++guard) {
    std::uint8_t byte = 0;
    std::size_t dst_pos = 0;
    decoder::StreamStep step;
    const std::size_t before = in_pos;
    s = dec.decompress(frame.data(), std::min(frame.size(), in_pos + 1), in_pos, &byte, 1, dst_pos, step);
    ASSERT_TRUE(s.ok()) << describe(s);
    if (dst_pos) streamed.push_back(byte);
    if (step.frame_done) break;
    if (in_pos == before && dst_pos == 0 && in_pos == frame.size()) break;
  }
  EXPECT_EQ(streamed, expected);
  // Without the dictionary the frame's Dictionary_ID is refused before any block.
  s = decoder::decode_frame(blocks, nullptr, frame.data(), frame.size(), out.data(), out.size(), {}, result);
  EXPECT_EQ(s.code, ErrorCode::kDictionaryMismatch);
}

}  // namespace
}  // namespace zstdpp
