// Unit tests of decoder/frame_decoder.hpp: one-shot frame decoding (decode_frame), frame
// size discovery (find_frame_size), the dictionary ID check and the window rule for
// offsets into a dictionary, on hand-built frames (block_builder.hpp).
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/cpu.hpp"
#include "decoder/frame_decoder.hpp"
#include "block_builder.hpp"
#include "unit_support.hpp"

namespace zstdpp::decoder {
namespace {

using zstdpp_unit::append;
using zstdpp_unit::Bytes;
using zstdpp_unit::FrameSpec;

struct OneShot {
  Status status;
  FrameResult result;
  Bytes output;
};

OneShot decode_one(const Bytes& frame, std::size_t capacity, const DecoderDictionary* dict = nullptr,
                   FrameOptions options = {}, KernelVariant variant = KernelVariant::kPortable) {
  BlockDecoder blocks(variant);
  OneShot r;
  Bytes dst(capacity + 1, 0xEE);  // one guard byte
  r.status = decode_frame(blocks, dict, frame.data(), frame.size(), dst.data(), capacity, options, r.result);
  EXPECT_EQ(dst[capacity], 0xEE) << "wrote past the capacity";
  if (r.status.ok()) r.output.assign(dst.begin(), dst.begin() + static_cast<std::ptrdiff_t>(r.result.produced));
  return r;
}

Bytes simple_frame(Bytes& content, bool checksum, bool with_size) {
  std::mt19937 rng(1);
  Bytes a(300);
  for (auto& x : a) x = static_cast<std::uint8_t>(rng());
  content = a;
  content.insert(content.end(), 200, 'r');
  FrameSpec spec;
  spec.checksum = checksum;
  if (with_size) spec.content_size = content.size();
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block(a, false));
  append(frame, zstdpp_unit::rle_block('r', 200, true));
  if (checksum) append(frame, zstdpp_unit::content_checksum(content));
  return frame;
}

TEST(DecodeFrame, RawRleAndCompressedBlocks) {
  std::mt19937 rng(2);
  Bytes content;
  const Bytes frame = zstdpp_unit::many_block_frame(rng, 60, content, true);
  for (const KernelVariant variant : {KernelVariant::kPortable, select_kernel_variant(false)}) {
    for (std::size_t extra : {std::size_t{0}, std::size_t{1}, std::size_t{100}}) {
      const OneShot r = decode_one(frame, content.size() + extra, nullptr, {}, variant);
      ASSERT_TRUE(r.status.ok()) << describe(r.status);
      EXPECT_EQ(r.result.consumed, frame.size());
      EXPECT_EQ(r.result.produced, content.size());
      EXPECT_FALSE(r.result.skippable);
      EXPECT_TRUE(r.output == content);
    }
  }
}

TEST(DecodeFrame, ConsumedStopsAtTheFrameEnd) {
  Bytes content;
  Bytes frame = simple_frame(content, true, true);
  const std::size_t size = frame.size();
  append(frame, {0x01, 0x02, 0x03});  // whatever follows is not read
  const OneShot r = decode_one(frame, content.size());
  ASSERT_TRUE(r.status.ok()) << describe(r.status);
  EXPECT_EQ(r.result.consumed, size);
}

TEST(DecodeFrame, SkippableFrame) {
  const Bytes frame = zstdpp_unit::skippable_frame(3, Bytes(10, 0x42));
  const OneShot r = decode_one(frame, 0);
  ASSERT_TRUE(r.status.ok()) << describe(r.status);
  EXPECT_TRUE(r.result.skippable);
  EXPECT_EQ(r.result.consumed, 18u);
  EXPECT_EQ(r.result.produced, 0u);
  Bytes cut = frame;
  cut.pop_back();
  EXPECT_EQ(decode_one(cut, 0).status.code, ErrorCode::kTruncatedInput);
}

TEST(DecodeFrame, ChecksumMismatchNamesItsOffset) {
  Bytes content;
  Bytes frame = simple_frame(content, true, true);
  frame[frame.size() - 1] ^= 0x80;
  OneShot r = decode_one(frame, content.size());
  EXPECT_EQ(r.status.code, ErrorCode::kChecksumMismatch);
  EXPECT_EQ(r.status.input_offset, frame.size() - 4);
  EXPECT_NE(describe(r.status).find("(input offset " + std::to_string(frame.size() - 4) + ")"), std::string::npos)
      << describe(r.status);
  FrameOptions no_verify;
  no_verify.verify_checksum = false;
  r = decode_one(frame, content.size(), nullptr, no_verify);
  ASSERT_TRUE(r.status.ok()) << describe(r.status);
  EXPECT_EQ(r.output, content);
}

TEST(DecodeFrame, ContentSizeMismatch) {
  Bytes content;
  Bytes frame = simple_frame(content, false, false);
  FrameSpec spec;
  spec.content_size = content.size() - 1;
  Bytes wrong = zstdpp_unit::frame_header(spec);
  append(wrong, Bytes(frame.begin() + 6, frame.end()));  // the same blocks behind a header claiming 1 byte less
  const OneShot r = decode_one(wrong, content.size() + 10);
  EXPECT_EQ(r.status.code, ErrorCode::kContentSizeMismatch);
  EXPECT_EQ(r.status.value, content.size());
  EXPECT_EQ(r.status.limit, content.size() - 1);
}

TEST(DecodeFrame, EveryTruncationIsTruncatedInput) {
  Bytes content;
  const Bytes frame = simple_frame(content, true, true);
  for (std::size_t cut = 0; cut < frame.size(); ++cut) {
    const Bytes prefix(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(cut));
    const OneShot r = decode_one(prefix, content.size());
    EXPECT_EQ(r.status.code, ErrorCode::kTruncatedInput) << "cut to " << cut << ": " << describe(r.status);
  }
}

TEST(DecodeFrame, OutputTooSmallIsAnErrorNotAnOverrun) {
  Bytes content;
  const Bytes frame = simple_frame(content, false, true);
  for (std::size_t capacity : {std::size_t{0}, std::size_t{299}, std::size_t{300}, content.size() - 1}) {
    const OneShot r = decode_one(frame, capacity);
    EXPECT_FALSE(r.status.ok()) << "capacity " << capacity;
  }
  std::mt19937 rng(3);
  Bytes compressed_content;
  const Bytes compressed = zstdpp_unit::many_block_frame(rng, 30, compressed_content, false);
  for (std::size_t capacity : {compressed_content.size() - 1, compressed_content.size() / 2}) {
    const OneShot r = decode_one(compressed, capacity);
    EXPECT_EQ(r.status.code, ErrorCode::kCorruptedData) << "capacity " << capacity;
  }
}

TEST(DecodeFrame, BlockErrorsCarryBlockAndOffset) {
  Bytes frame = zstdpp_unit::frame_header({});
  append(frame, zstdpp_unit::raw_block(Bytes(10, 'a'), false));
  const std::size_t bad_block_at = frame.size();
  append(frame, zstdpp_unit::compressed_block({'b'}, {{1, 50 + 3, 5}}, true));  // offset 50 > 11 bytes
  const OneShot r = decode_one(frame, 100);
  EXPECT_EQ(r.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(r.status.block, 1u);
  EXPECT_EQ(r.status.sequence, 0u);
  EXPECT_EQ(r.status.input_offset, bad_block_at + 3) << "the offset of the block's content";
  EXPECT_EQ(describe(r.status), "match offset 50 exceeds the 11 bytes of history at sequence 0 of block 1 (input offset " +
                                    std::to_string(bad_block_at + 3) + ")");
}

TEST(DecodeFrame, NoSequencesBlockWithTrailingBytesIsCorrupt) {
  Bytes content = zstdpp_unit::raw_literals_section({'x', 'y'});
  content.push_back(0x00);  // Number_of_Sequences = 0
  Bytes frame = zstdpp_unit::frame_header({});
  append(frame, zstdpp_unit::block_header(2, content.size(), true));
  append(frame, content);
  OneShot r = decode_one(frame, 10);
  ASSERT_TRUE(r.status.ok()) << describe(r.status);
  EXPECT_EQ(std::string(r.output.begin(), r.output.end()), "xy");
  content.push_back(0x00);
  frame = zstdpp_unit::frame_header({});
  append(frame, zstdpp_unit::block_header(2, content.size(), true));
  append(frame, content);
  r = decode_one(frame, 10);
  EXPECT_EQ(r.status.code, ErrorCode::kCorruptedData);
}

TEST(FindFrameSize, MatchesTheFrameLength) {
  std::mt19937 rng(4);
  Bytes content;
  for (bool checksum : {false, true}) {
    Bytes frame = zstdpp_unit::many_block_frame(rng, 20, content, checksum);
    const std::size_t size = frame.size();
    append(frame, Bytes(7, 0x55));
    std::size_t found = 0;
    ASSERT_TRUE(find_frame_size(frame.data(), frame.size(), false, found).ok());
    EXPECT_EQ(found, size);
    for (std::size_t cut : {std::size_t{3}, std::size_t{6}, size / 2, size - 1}) {
      EXPECT_EQ(find_frame_size(frame.data(), cut, false, found).code, ErrorCode::kTruncatedInput) << cut;
    }
  }
  const Bytes skippable = zstdpp_unit::skippable_frame(15, Bytes(1000, 0));
  std::size_t found = 0;
  ASSERT_TRUE(find_frame_size(skippable.data(), skippable.size(), false, found).ok());
  EXPECT_EQ(found, 1008u);
  EXPECT_EQ(find_frame_size(skippable.data(), 1007, false, found).code, ErrorCode::kTruncatedInput);
  // A reserved block type is found without decoding anything.
  Bytes bad = zstdpp_unit::frame_header({});
  append(bad, zstdpp_unit::raw_block({1}, false));
  append(bad, zstdpp_unit::block_header(3, 0, true));
  const Status s = find_frame_size(bad.data(), bad.size(), false, found);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.block, 1u);
}

// ---- Dictionaries -------------------------------------------------------------------------

std::unique_ptr<DecoderDictionary> raw_dictionary(const Bytes& content, std::uint32_t id) {
  auto d = std::make_unique<DecoderDictionary>();
  d->id = id;
  d->content = content.data();
  d->content_size = content.size();
  return d;
}

TEST(CheckDictionary, IdRules) {
  const Bytes content(100, 'd');
  const auto dict = raw_dictionary(content, 5);
  FrameHeader frame;
  frame.dict_id = 0;
  EXPECT_TRUE(check_dictionary(frame, nullptr).ok());
  EXPECT_TRUE(check_dictionary(frame, dict.get()).ok()) << "a frame without an ID may use any dictionary";
  frame.dict_id = 5;
  EXPECT_TRUE(check_dictionary(frame, dict.get()).ok());
  Status s = check_dictionary(frame, nullptr);
  EXPECT_EQ(s.code, ErrorCode::kDictionaryMismatch);
  EXPECT_EQ(describe(s), "frame needs dictionary 5 and none was given");
  frame.dict_id = 6;
  s = check_dictionary(frame, dict.get());
  EXPECT_EQ(s.code, ErrorCode::kDictionaryMismatch);
  EXPECT_EQ(describe(s), "frame needs dictionary 6 but dictionary 5 was given");
}

TEST(DecodeFrame, MatchesReachIntoARawContentDictionary) {
  Bytes dict_content(300);
  for (std::size_t i = 0; i < dict_content.size(); ++i) dict_content[i] = static_cast<std::uint8_t>('a' + i % 26);
  const auto dict = raw_dictionary(dict_content, 9);
  FrameSpec spec;
  spec.dict_id = 9;
  spec.window_descriptor = 0x00;  // 1 KiB
  Bytes frame = zstdpp_unit::frame_header(spec);
  // Block 0: matches into the dictionary, one running on into the frame's own output.
  const Bytes lits = {'X', 'Y', 'Z'};
  const std::vector<zstdpp_unit::Seq> seqs = {{1, 300 + 3, 20}, {1, 2 + 3, 40}, {1, 100 + 3, 150}};
  append(frame, zstdpp_unit::compressed_block(lits, seqs, true));
  Bytes expected = dict_content;
  zstdpp_unit::RepeatOffsets rep{1, 4, 8};
  ASSERT_TRUE(zstdpp_unit::reference_execute(expected, seqs, lits, rep));
  expected.erase(expected.begin(), expected.begin() + 300);
  const OneShot r = decode_one(frame, expected.size(), dict.get());
  ASSERT_TRUE(r.status.ok()) << describe(r.status);
  EXPECT_EQ(r.output, expected);
  // Without the dictionary: mismatch before any block is decoded.
  EXPECT_EQ(decode_one(frame, expected.size()).status.code, ErrorCode::kDictionaryMismatch);
}

TEST(BlockOffsetLimit, DictionaryReachableOnlyWithinTheFirstWindow) {
  const Bytes content(100, 'd');
  const auto dict = raw_dictionary(content, 1);
  EXPECT_EQ(block_offset_limit(nullptr, 0, 1024), 1024u);
  EXPECT_EQ(block_offset_limit(dict.get(), 0, 1024), ~std::size_t{0});
  EXPECT_EQ(block_offset_limit(dict.get(), 1024, 1024), ~std::size_t{0});
  EXPECT_EQ(block_offset_limit(dict.get(), 1025, 1024), 1024u);
  const Bytes empty;
  const auto no_content = raw_dictionary(empty, 1);
  EXPECT_EQ(block_offset_limit(no_content.get(), 0, 1024), 1024u);
}

TEST(DecodeFrame, OffsetsBeyondTheWindowAreRejected) {
  // A 1 KiB window frame whose second block reaches 1025 bytes back: outside the window
  // even though the history holds it.
  Bytes frame = zstdpp_unit::frame_header({});
  append(frame, zstdpp_unit::raw_block(Bytes(1024, 'w'), false));
  append(frame, zstdpp_unit::raw_block(Bytes(1000, 'v'), false));
  append(frame, zstdpp_unit::compressed_block({'u'}, {{1, 1025 + 3, 10}}, true));
  const OneShot r = decode_one(frame, 4096);
  EXPECT_EQ(r.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(r.status).find("window of 1024 bytes"), std::string::npos) << describe(r.status);
  Bytes ok = zstdpp_unit::frame_header({});
  append(ok, zstdpp_unit::raw_block(Bytes(1024, 'w'), false));
  append(ok, zstdpp_unit::raw_block(Bytes(1000, 'v'), false));
  append(ok, zstdpp_unit::compressed_block({'u'}, {{1, 1024 + 3, 10}}, true));
  EXPECT_TRUE(decode_one(ok, 4096).status.ok());
}

}  // namespace
}  // namespace zstdpp::decoder
