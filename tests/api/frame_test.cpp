// Frame inspection (include/zstdpp/frame.hpp): get_frame_parameters, frame_header_size,
// frame_content_size and frame_compressed_size against frames whose every header field is
// known.
//
// Two sources of frames: hand-built headers covering every field size the format allows
// (RFC 8878 section 3.1.1.1: Frame_Content_Size in 0/1/2/4/8 bytes, Dictionary_ID in
// 0/1/2/4 bytes, window descriptors with mantissas, single segment or not), and frames the
// `zstd` CLI makes with known options (--no-check, --no-dictID, --zstd=wlog=N, stdin,
// dictionaries with chosen IDs). For the CLI frames the expected values come from a small
// spec-based header reader below, independent of the engine, plus what the options imply.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::CONTENTSIZE_ERROR;
using zstdpp::CONTENTSIZE_UNKNOWN;
using zstdpp::ErrorCode;
using zstdpp::FrameParameters;

// The header fields read straight from the bytes as RFC 8878 3.1.1.1 lays them out. Only
// for complete, valid headers with a magic number.
FrameParameters reference_header(ByteView f) {
  FrameParameters p;
  std::uint8_t fhd = f[4];
  int fcs_flag = fhd >> 6;
  p.single_segment = (fhd & 0x20) != 0;
  p.has_checksum = (fhd & 0x04) != 0;
  constexpr int kDidBytes[4] = {0, 1, 2, 4};
  constexpr int kFcsBytes[4] = {0, 2, 4, 8};
  int did_bytes = kDidBytes[fhd & 3];
  int fcs_bytes = (fcs_flag == 0 && p.single_segment) ? 1 : kFcsBytes[fcs_flag];
  std::size_t pos = 5;
  std::uint8_t wd = 0;
  if (!p.single_segment) wd = f[pos++];
  auto le = [&](int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t{f[pos + i]} << (8 * i);
    pos += n;
    return v;
  };
  p.dict_id = static_cast<std::uint32_t>(le(did_bytes));
  if (fcs_bytes == 0) {
    p.content_size = CONTENTSIZE_UNKNOWN;
  } else {
    p.content_size = le(fcs_bytes) + (fcs_bytes == 2 ? 256 : 0);
  }
  if (p.single_segment) {
    p.window_size = p.content_size;
  } else {
    std::uint64_t base = std::uint64_t{1} << (10 + (wd >> 3));
    p.window_size = base + (base / 8) * (wd & 7);
  }
  p.header_size = pos;
  return p;
}

void expect_same_parameters(const FrameParameters& got, const FrameParameters& want) {
  EXPECT_EQ(got.content_size, want.content_size);
  EXPECT_EQ(got.window_size, want.window_size);
  EXPECT_EQ(got.dict_id, want.dict_id);
  EXPECT_EQ(got.has_checksum, want.has_checksum);
  EXPECT_EQ(got.single_segment, want.single_segment);
  EXPECT_EQ(got.header_size, want.header_size);
}

// All inspection functions on one complete frame, against the reference reading.
void expect_inspection_matches(ByteView frame) {
  FrameParameters want = reference_header(frame);
  expect_same_parameters(zstdpp::get_frame_parameters(frame), want);
  EXPECT_EQ(zstdpp::frame_header_size(frame), want.header_size);
  EXPECT_EQ(zstdpp::frame_content_size(frame), want.content_size);
  EXPECT_EQ(zstdpp::frame_compressed_size(frame), frame.size());
}

std::size_t content_for_fcs_bytes(int fcs_bytes) {
  switch (fcs_bytes) {
    case 1: return 200;
    case 2: return 65791;  // largest value of the 2-byte field (0xFFFF + 256)
    case 4: return 70000;
    case 8: return 5000;
    default: return 3000;
  }
}

TEST(FrameHandBuilt, EveryFieldSize) {
  for (bool single_segment : {false, true}) {
    for (int fcs_bytes : {0, 1, 2, 4, 8}) {
      if (single_segment == (fcs_bytes == 0) || (!single_segment && fcs_bytes == 1)) continue;
      for (int did_bytes : {0, 1, 2, 4}) {
        for (bool checksum : {false, true}) {
          SCOPED_TRACE("single_segment " + std::to_string(single_segment) + ", FCS " +
                       std::to_string(fcs_bytes) + " bytes, DID " + std::to_string(did_bytes) +
                       " bytes, checksum " + std::to_string(checksum));
          HandFrame hf;
          hf.single_segment = single_segment;
          hf.fcs_bytes = fcs_bytes;
          hf.dict_id_bytes = did_bytes;
          hf.dict_id = did_bytes == 1 ? 0xAB : did_bytes == 2 ? 0xBEEF : did_bytes == 4 ? 0xDEADBEEF : 0;
          hf.checksum = checksum;
          hf.window_descriptor = 0x3D;  // 2^17 + 5 * 2^14
          Bytes content = make_english_text(content_for_fcs_bytes(fcs_bytes), 201);
          Bytes frame = make_hand_frame(hf, content);
          expect_inspection_matches(frame);
          FrameParameters p = zstdpp::get_frame_parameters(frame);
          EXPECT_EQ(p.header_size, 4u + 1 + (single_segment ? 0 : 1) + did_bytes + fcs_bytes);
          EXPECT_EQ(p.content_size, fcs_bytes ? content.size() : CONTENTSIZE_UNKNOWN);
          EXPECT_EQ(p.window_size, single_segment ? content.size() : (1u << 17) + 5 * (1u << 14));
        }
      }
    }
  }
}

TEST(FrameHandBuilt, WindowDescriptors) {
  // Exponents up to 21 (windows up to 2^31 * 15/8, the largest WINDOWLOG_MAX allows).
  for (unsigned exponent = 0; exponent <= zstdpp::WINDOWLOG_MAX - zstdpp::WINDOWLOG_MIN; ++exponent) {
    for (unsigned mantissa = 0; mantissa < 8; ++mantissa) {
      HandFrame hf;
      hf.window_descriptor = static_cast<std::uint8_t>(exponent << 3 | mantissa);
      hf.max_block = 1024;
      Bytes frame = make_hand_frame(hf, to_bytes("w"));
      std::uint64_t base = std::uint64_t{1} << (10 + exponent);
      EXPECT_EQ(zstdpp::get_frame_parameters(frame).window_size, base + base / 8 * mantissa)
          << "descriptor 0x" << std::hex << int{hf.window_descriptor};
    }
  }
}

TEST(FrameHandBuilt, Magicless) {
  HandFrame hf;
  hf.magic = false;
  hf.fcs_bytes = 4;
  hf.dict_id_bytes = 1;
  hf.dict_id = 7;
  hf.checksum = true;
  Bytes frame = make_hand_frame(hf, to_bytes("magicless frame content"));
  auto m = zstdpp::FORMAT_ZSTD1_MAGICLESS;
  FrameParameters p = zstdpp::get_frame_parameters(frame, m);
  EXPECT_EQ(p.content_size, 23u);
  EXPECT_EQ(p.dict_id, 7u);
  EXPECT_TRUE(p.has_checksum);
  EXPECT_EQ(p.header_size, 1u + 1 + 1 + 4) << "no magic in a magicless header";
  EXPECT_EQ(zstdpp::frame_header_size(frame, m), p.header_size);
  EXPECT_EQ(zstdpp::frame_content_size(frame, m), 23u);
  EXPECT_EQ(zstdpp::frame_compressed_size(frame, m), frame.size());
}

// ---- Frames made by the CLI ----------------------------------------------------------------

TEST(FrameCli, ContentSizesAndChecksumFlag) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  for (std::size_t size : {0u, 1u, 100u, 255u, 256u, 65791u, 65792u, 300000u}) {
    Bytes input = make_english_text(size, 211);
    for (const char* args : {"-3", "-3 --no-check", "--fast=2 --no-dictID"}) {
      SCOPED_TRACE(std::string("zstd ") + args + " on " + std::to_string(size) + " bytes");
      Bytes frame = zstd_compress(dir, input, args);
      expect_inspection_matches(frame);
      FrameParameters p = zstdpp::get_frame_parameters(frame);
      EXPECT_EQ(p.content_size, size);
      EXPECT_EQ(p.has_checksum, std::string(args).find("--no-check") == std::string::npos);
      EXPECT_EQ(p.dict_id, 0u);
    }
  }
}

TEST(FrameCli, StdinHasNoContentSize) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(5000, 212);
  Bytes frame = zstd_compress(dir, input, "-3", /*via_stdin=*/true);
  expect_inspection_matches(frame);
  FrameParameters p = zstdpp::get_frame_parameters(frame);
  EXPECT_EQ(p.content_size, CONTENTSIZE_UNKNOWN);
  EXPECT_FALSE(p.single_segment) << "without a content size the window must be in the header";
  EXPECT_EQ(zstdpp::frame_content_size(frame), CONTENTSIZE_UNKNOWN);
}

TEST(FrameCli, WindowLogs) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(40000, 213);
  for (unsigned wlog : {10u, 15u, 20u, 23u, 27u}) {
    SCOPED_TRACE("--zstd=wlog=" + std::to_string(wlog));
    Bytes frame = zstd_compress(dir, input, "-3 --zstd=wlog=" + std::to_string(wlog), /*via_stdin=*/true);
    expect_inspection_matches(frame);
    EXPECT_EQ(zstdpp::get_frame_parameters(frame).window_size, std::uint64_t{1} << wlog);
  }
  // Content larger than the window: the header carries both.
  Bytes big = make_english_text(300000, 214);
  Bytes frame = zstd_compress(dir, big, "-3 --zstd=wlog=12");
  expect_inspection_matches(frame);
  FrameParameters p = zstdpp::get_frame_parameters(frame);
  EXPECT_EQ(p.content_size, big.size());
  EXPECT_FALSE(p.single_segment);
  EXPECT_EQ(p.window_size, 4096u);
}

TEST(FrameCli, DictionaryIdsOfEverySize) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  std::mt19937 rng(215);
  std::vector<Bytes> samples;
  for (int i = 0; i < 400; ++i) samples.push_back(to_bytes(make_json_record(rng)));
  Bytes dict = zstd_train(dir, samples, 4096, 99);
  Bytes input = make_json_records(10, 216);
  // The ID sits at bytes 4..7 of a zstd dictionary; rewriting it gives the same
  // dictionary under another ID, written in 1, 2 or 4 header bytes.
  for (std::uint32_t id : {200u, 40000u, 0x12345678u}) {
    SCOPED_TRACE("dictionary ID " + std::to_string(id));
    Bytes d = dict;
    for (int i = 0; i < 4; ++i) d[4 + i] = static_cast<std::uint8_t>(id >> (8 * i));
    auto path = dir.file("d" + std::to_string(id));
    write_file(path, d);
    Bytes frame = zstd_compress(dir, input, "-3 -D " + shell_quote(path.string()));
    expect_inspection_matches(frame);
    EXPECT_EQ(zstdpp::get_frame_parameters(frame).dict_id, id);
    Bytes no_id = zstd_compress(dir, input, "-3 --no-dictID -D " + shell_quote(path.string()));
    expect_inspection_matches(no_id);
    EXPECT_EQ(zstdpp::get_frame_parameters(no_id).dict_id, 0u);
  }
}

// ---- Content size: unknown and error are different answers --------------------------------

TEST(FrameContentSize, UnknownAndErrorAreDistinct) {
  ASSERT_NE(CONTENTSIZE_UNKNOWN, CONTENTSIZE_ERROR);
  HandFrame no_size;
  Bytes unknown = make_hand_frame(no_size, to_bytes("abc"));
  EXPECT_EQ(zstdpp::frame_content_size(unknown), CONTENTSIZE_UNKNOWN);
  HandFrame sized;
  sized.fcs_bytes = 4;
  EXPECT_EQ(zstdpp::frame_content_size(make_hand_frame(sized, to_bytes("abc"))), 3u);
  HandFrame empty_sized;
  empty_sized.single_segment = true;
  empty_sized.fcs_bytes = 1;
  EXPECT_EQ(zstdpp::frame_content_size(make_hand_frame(empty_sized, {})), 0u) << "0 is a size, not unknown";

  EXPECT_EQ(zstdpp::frame_content_size({}), CONTENTSIZE_ERROR);
  EXPECT_EQ(zstdpp::frame_content_size(to_bytes("not a zstd frame")), CONTENTSIZE_ERROR);
  HandFrame reserved;
  reserved.reserved_bit = true;
  EXPECT_EQ(zstdpp::frame_content_size(make_hand_frame(reserved, to_bytes("x"))), CONTENTSIZE_ERROR);
}

// ---- Truncated and malformed headers ----------------------------------------------------------

TEST(FrameErrors, TruncatedHeaders) {
  HandFrame hf;
  hf.fcs_bytes = 8;
  hf.dict_id_bytes = 4;
  hf.dict_id = 0x01020304;
  Bytes frame = make_hand_frame(hf, to_bytes("content"));
  const std::size_t header_size = 4 + 1 + 1 + 4 + 8;
  ASSERT_EQ(zstdpp::frame_header_size(frame), header_size);
  for (std::size_t k = 0; k < header_size; ++k) {
    SCOPED_TRACE("header cut to " + std::to_string(k) + " bytes");
    ByteView part = ByteView(frame).first(k);
    if (k < 4) {
      // Not even a whole magic number: any of these three describes it.
      try {
        zstdpp::get_frame_parameters(part);
        ADD_FAILURE() << "no error";
      } catch (const zstdpp::ZstdError& e) {
        EXPECT_TRUE(e.code() == ErrorCode::kFrameHeaderInvalid || e.code() == ErrorCode::kTruncatedInput ||
                    e.code() == ErrorCode::kUnknownMagic)
            << zstdpp::error_code_name(e.code()) << ": " << e.what();
      }
    } else {
      ZSTDPP_EXPECT_ERROR(zstdpp::get_frame_parameters(part), ErrorCode::kFrameHeaderInvalid, "header",
                          "truncat", "short", "incomplete");
    }
    EXPECT_EQ(zstdpp::frame_content_size(part), CONTENTSIZE_ERROR);
    EXPECT_THROW(zstdpp::frame_compressed_size(part), zstdpp::ZstdError);
    if (k >= 5) {
      EXPECT_EQ(zstdpp::frame_header_size(part), header_size) << "5 bytes are enough to know the size";
    } else {
      EXPECT_THROW(zstdpp::frame_header_size(part), zstdpp::ZstdError);
    }
  }
}

TEST(FrameErrors, MalformedHeaders) {
  ZSTDPP_EXPECT_ERROR(zstdpp::get_frame_parameters(to_bytes("PK\x03\x04 a zip file")), ErrorCode::kUnknownMagic,
                      "magic");
  HandFrame reserved;
  reserved.reserved_bit = true;
  ZSTDPP_EXPECT_ERROR(zstdpp::get_frame_parameters(make_hand_frame(reserved, to_bytes("x"))),
                      ErrorCode::kUnsupportedFeature, "reserved");
  // A skippable frame has no zstd frame header.
  Bytes skip = make_skippable_frame(0x3, to_bytes("payload"));
  EXPECT_THROW(zstdpp::get_frame_parameters(skip), zstdpp::ZstdError);
}

// ---- Compressed size by walking blocks ---------------------------------------------------------

TEST(FrameCompressedSize, WalksConcatenationsAndSkippableFrames) {
  std::vector<Bytes> frames;
  frames.push_back(make_skippable_frame(0x0, {}));
  HandFrame many_blocks;
  many_blocks.max_block = 1000;
  many_blocks.checksum = true;
  frames.push_back(make_hand_frame(many_blocks, make_english_text(10500, 221)));
  frames.push_back(make_skippable_frame(0xF, make_random_bytes(300, 222)));
  HandFrame rle;
  rle.rle = true;
  rle.fcs_bytes = 4;
  rle.max_block = 4096;
  frames.push_back(make_hand_frame(rle, Bytes(20000, 0x33)));
  HandFrame empty;
  empty.single_segment = true;
  empty.fcs_bytes = 1;
  frames.push_back(make_hand_frame(empty, {}));
  if (zstd_cli_path()) {
    TempDir dir;
    frames.push_back(zstd_compress(dir, make_english_text(200000, 223), "-3"));
    frames.push_back(zstd_compress(dir, make_structured_binary(50000, 224), "-19 --no-check", true));
  }
  Bytes all;
  for (const Bytes& f : frames) append(all, f);
  append(all, to_bytes("trailing bytes that are no frame"));

  std::size_t offset = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    SCOPED_TRACE("frame " + std::to_string(i) + " at offset " + std::to_string(offset));
    ByteView rest = ByteView(all).subspan(offset);
    EXPECT_EQ(zstdpp::frame_compressed_size(rest), frames[i].size());
    EXPECT_EQ(zstdpp::frame_compressed_size(frames[i]), frames[i].size());
    // One byte short: truncated.
    EXPECT_THROW(zstdpp::frame_compressed_size(ByteView(frames[i]).first(frames[i].size() - 1)),
                 zstdpp::ZstdError);
    offset += frames[i].size();
  }
  EXPECT_EQ(frames[0].size(), 8u);
}

TEST(FrameEstimate, ContextSizeCoversTheWindow) {
  std::size_t previous = 0;
  for (unsigned log = zstdpp::WINDOWLOG_MIN; log <= 27; ++log) {
    std::uint64_t window = std::uint64_t{1} << log;
    std::size_t estimate = zstdpp::estimate_decompression_context_size(window);
    EXPECT_GE(estimate, window) << "window 2^" << log;
    EXPECT_GE(estimate, previous) << "not monotonic at window 2^" << log;
    previous = estimate;
  }
}

}  // namespace
}  // namespace zstdpp_test
