// Unit tests of decoder/frame_header.hpp (RFC 8878 sections 3.1.1.1, 3.1.1.2, 3.1.2):
// frame headers built by hand and annotated byte by byte, every field size, skippable
// frames, magicless frames, truncation with the exact `needed`, and block headers.
#include <gtest/gtest.h>

#include <vector>

#include "decoder/frame_header.hpp"
#include "unit_support.hpp"

namespace zstdpp::decoder {
namespace {

using zstdpp_unit::Bytes;

Status parse(const Bytes& b, FrameHeader& h, std::size_t& needed, bool magicless = false) {
  return parse_frame_header(b.data(), b.size(), magicless, h, needed);
}

TEST(FrameHeader, MinimalHeaderWithWindowDescriptor) {
  const Bytes b = {
      0x28, 0xB5, 0x2F, 0xFD,  // magic 0xFD2FB528, little-endian
      0x00,                    // descriptor: FCS flag 0, not single segment, no checksum, no dict ID
      0x00,                    // window descriptor: exponent 0, mantissa 0: 1 KiB
  };
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(b, h, needed).ok());
  EXPECT_FALSE(h.skippable);
  EXPECT_EQ(h.header_size, 6u);
  EXPECT_EQ(h.window_size, 1024u);
  EXPECT_EQ(h.content_size, kUnknownContentSize);
  EXPECT_EQ(h.dict_id, 0u);
  EXPECT_FALSE(h.has_checksum);
  EXPECT_FALSE(h.single_segment);
  EXPECT_EQ(h.block_max(), 1024u);
}

TEST(FrameHeader, WindowDescriptorMantissa) {
  // Window_Size = 2^(10 + exponent) + 2^(10 + exponent) / 8 * mantissa.
  struct Case {
    std::uint8_t wd;
    std::uint64_t window;
  };
  const Case cases[] = {
      {0x00, 1024},                          // 2^10
      {0x07, 1024 + 7 * 128},                // mantissa 7
      {0x0B, 2048 + 3 * 256},                // exponent 1, mantissa 3
      {0x38, 1u << 17},                      // exponent 7: 128 KiB
      {0x3D, (1u << 17) + 5 * (1u << 14)},   // block_max capped at 128 KiB
      {0x58, 1u << 21},                      // 2 MiB
      {0xA8, std::uint64_t{1} << 31},        // exponent 21: the largest a 64-bit decoder accepts
      {0xFF, (std::uint64_t{1} << 41) + 7 * (std::uint64_t{1} << 38)},  // exponent 31: parsed, limits apply later
  };
  for (const Case& c : cases) {
    const Bytes b = {0x28, 0xB5, 0x2F, 0xFD, 0x00, c.wd};
    FrameHeader h;
    std::size_t needed = 0;
    ASSERT_TRUE(parse(b, h, needed).ok());
    EXPECT_EQ(h.window_size, c.window) << "descriptor " << int{c.wd};
    EXPECT_EQ(h.block_max(), std::min<std::uint64_t>(c.window, 128 * 1024));
  }
}

TEST(FrameHeader, SingleSegmentOneByteContentSize) {
  const Bytes b = {
      0x28, 0xB5, 0x2F, 0xFD,  // magic
      0x20,                    // descriptor: FCS flag 0 + single segment: 1-byte FCS, no window descriptor
      0x37,                    // Frame_Content_Size = 55
  };
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(b, h, needed).ok());
  EXPECT_TRUE(h.single_segment);
  EXPECT_EQ(h.header_size, 6u);
  EXPECT_EQ(h.content_size, 55u);
  EXPECT_EQ(h.window_size, 55u) << "a single-segment frame's window is its content size";
  EXPECT_EQ(h.block_max(), 55u);
}

TEST(FrameHeader, ContentSizeFieldSizes) {
  struct Case {
    Bytes bytes;
    std::uint64_t content_size;
    std::size_t header_size;
    const char* what;
  };
  const Case cases[] = {
      {{0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00}, 0, 6, "1 byte, single segment: 0"},
      {{0x28, 0xB5, 0x2F, 0xFD, 0x20, 0xFF}, 255, 6, "1 byte: 255"},
      // FCS flag 1 (descriptor bits 7-6 = 01): 2 bytes, value + 256.
      {{0x28, 0xB5, 0x2F, 0xFD, 0x60, 0x00, 0x00}, 256, 7, "2 bytes: 0 + 256"},
      {{0x28, 0xB5, 0x2F, 0xFD, 0x60, 0x34, 0x12}, 0x1234 + 256, 7, "2 bytes: 0x1234 + 256"},
      {{0x28, 0xB5, 0x2F, 0xFD, 0x60, 0xFF, 0xFF}, 65535 + 256, 7, "2 bytes: 65535 + 256"},
      // Not single segment: the window descriptor sits before the FCS.
      {{0x28, 0xB5, 0x2F, 0xFD, 0x40, 0x10, 0x01, 0x00}, 257, 8, "2 bytes after a window descriptor"},
      // FCS flag 2: 4 bytes, no offset.
      {{0x28, 0xB5, 0x2F, 0xFD, 0xA0, 0x78, 0x56, 0x34, 0x12}, 0x12345678, 9, "4 bytes"},
      {{0x28, 0xB5, 0x2F, 0xFD, 0x80, 0x00, 0x00, 0x01, 0x00, 0x00}, 256, 10, "4 bytes after a window descriptor"},
      // FCS flag 3: 8 bytes.
      {{0x28, 0xB5, 0x2F, 0xFD, 0xE0, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}, 0x0102030405060708ull, 13,
       "8 bytes"},
  };
  for (const Case& c : cases) {
    FrameHeader h;
    std::size_t needed = 0;
    const Status s = parse(c.bytes, h, needed);
    ASSERT_TRUE(s.ok()) << c.what << ": " << describe(s);
    EXPECT_EQ(h.content_size, c.content_size) << c.what;
    EXPECT_EQ(h.header_size, c.header_size) << c.what;
    if (h.single_segment) {
      EXPECT_EQ(h.window_size, h.content_size) << c.what;
    }
  }
}

TEST(FrameHeader, NoContentSizeWithoutSingleSegment) {
  // FCS flag 0 and no single segment: no FCS field at all.
  const Bytes b = {0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x10};
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(b, h, needed).ok());
  EXPECT_EQ(h.content_size, kUnknownContentSize);
  EXPECT_EQ(h.window_size, 1u << 12);
}

TEST(FrameHeader, DictionaryIdSizes) {
  const Bytes one = {
      0x28, 0xB5, 0x2F, 0xFD,  // magic
      0x01,                    // descriptor: Dictionary_ID flag 1: 1 byte
      0x00,                    // window 1 KiB
      0xAB,                    // Dictionary_ID = 0xAB
  };
  const Bytes two = {0x28, 0xB5, 0x2F, 0xFD, 0x02, 0x00, 0xCD, 0xAB};                // flag 2: 2 bytes
  const Bytes four = {0x28, 0xB5, 0x2F, 0xFD, 0x03, 0x00, 0x78, 0x56, 0x34, 0x12};  // flag 3: 4 bytes
  // Single segment with a 4-byte dictionary ID and a 4-byte FCS: ID first, then FCS.
  const Bytes both = {0x28, 0xB5, 0x2F, 0xFD, 0xA3, 0x04, 0x03, 0x02, 0x01, 0x10, 0x00, 0x00, 0x00};
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(one, h, needed).ok());
  EXPECT_EQ(h.dict_id, 0xABu);
  EXPECT_EQ(h.header_size, 7u);
  ASSERT_TRUE(parse(two, h, needed).ok());
  EXPECT_EQ(h.dict_id, 0xABCDu);
  EXPECT_EQ(h.header_size, 8u);
  ASSERT_TRUE(parse(four, h, needed).ok());
  EXPECT_EQ(h.dict_id, 0x12345678u);
  EXPECT_EQ(h.header_size, 10u);
  ASSERT_TRUE(parse(both, h, needed).ok());
  EXPECT_EQ(h.dict_id, 0x01020304u);
  EXPECT_EQ(h.content_size, 16u);
  EXPECT_EQ(h.window_size, 16u);
  EXPECT_EQ(h.header_size, 13u);
}

TEST(FrameHeader, ChecksumFlag) {
  const Bytes b = {0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x00};  // descriptor bit 2: Content_Checksum_Flag
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(b, h, needed).ok());
  EXPECT_TRUE(h.has_checksum);
}

TEST(FrameHeader, UnusedBitIsIgnored) {
  const Bytes b = {0x28, 0xB5, 0x2F, 0xFD, 0x10, 0x00};  // bit 4: unused, "shall not be interpreted"
  FrameHeader h;
  std::size_t needed = 0;
  EXPECT_TRUE(parse(b, h, needed).ok());
}

TEST(FrameHeader, ReservedBitIsUnsupported) {
  const Bytes b = {0x28, 0xB5, 0x2F, 0xFD, 0x08, 0x00};  // bit 3: reserved, must be 0
  FrameHeader h;
  std::size_t needed = 0;
  const Status s = parse(b, h, needed);
  EXPECT_EQ(s.code, ErrorCode::kUnsupportedFeature);
  EXPECT_NE(describe(s).find("reserved"), std::string::npos) << describe(s);
  // Also in magicless mode.
  EXPECT_EQ(parse({0x08, 0x00}, h, needed, true).code, ErrorCode::kUnsupportedFeature);
}

TEST(FrameHeader, SkippableMagics) {
  for (std::uint32_t nibble = 0; nibble < 16; ++nibble) {
    Bytes b;
    zstdpp_unit::put_le(b, 0x184D2A50u + nibble, 4);  // skippable magic 0x184D2A5?
    zstdpp_unit::put_le(b, 0x01020304u, 4);           // Frame_Size: payload bytes that follow
    FrameHeader h;
    std::size_t needed = 0;
    const Status s = parse(b, h, needed);
    ASSERT_TRUE(s.ok()) << "nibble " << nibble << ": " << describe(s);
    EXPECT_TRUE(h.skippable);
    EXPECT_EQ(h.skippable_size, 0x01020304u);
    EXPECT_EQ(h.header_size, 8u);
  }
  // Just outside the range: unknown magic.
  for (std::uint32_t magic : {0x184D2A4Fu, 0x184D2A60u, 0xFD2FB527u, 0x00000000u}) {
    Bytes b;
    zstdpp_unit::put_le(b, magic, 4);
    zstdpp_unit::put_le(b, 0, 4);
    FrameHeader h;
    std::size_t needed = 0;
    const Status s = parse(b, h, needed);
    EXPECT_EQ(s.code, ErrorCode::kUnknownMagic) << std::hex << magic;
    EXPECT_EQ(s.value, magic);
  }
}

TEST(FrameHeader, MagiclessFrames) {
  // No magic: the descriptor comes first, and a skippable magic is just a descriptor.
  const Bytes b = {
      0x64,        // descriptor: FCS flag 1 (2 bytes), single segment, checksum
      0x00, 0x01,  // FCS = 0x0100 + 256 = 512
  };
  FrameHeader h;
  std::size_t needed = 0;
  ASSERT_TRUE(parse(b, h, needed, true).ok());
  EXPECT_FALSE(h.skippable);
  EXPECT_EQ(h.header_size, 3u);
  EXPECT_EQ(h.content_size, 512u);
  EXPECT_TRUE(h.has_checksum);
  // The magic's first byte 0x28 read as a descriptor: FCS flag 0, bit 5 set (single
  // segment), bit 3 set (reserved): rejected, not taken for a magic.
  const Bytes with_magic = {0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x00};
  EXPECT_EQ(parse(with_magic, h, needed, true).code, ErrorCode::kUnsupportedFeature);
  // A skippable magic in magicless mode is a descriptor too: 0x50 = FCS flag 1, bit 4.
  Bytes skippable;
  zstdpp_unit::put_le(skippable, 0x184D2A50u, 4);
  ASSERT_TRUE(parse(skippable, h, needed, true).ok());
  EXPECT_FALSE(h.skippable);
  EXPECT_EQ(h.header_size, 4u);  // descriptor, window descriptor 0x2A, 2-byte FCS
}

TEST(FrameHeader, TruncationReportsTheBytesNeeded) {
  struct Case {
    Bytes full;
    bool magicless;
    const char* what;
  };
  const Case cases[] = {
      {{0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x00}, false, "window only"},
      {{0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x07}, false, "single segment, 1-byte FCS"},
      // 0xC7: FCS flag 3 (8 bytes), not single segment, checksum, Dictionary_ID flag 3 (4 bytes).
      {{0x28, 0xB5, 0x2F, 0xFD, 0xC7, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C},
       false, "largest header: window, 4-byte dict ID, 8-byte FCS"},
      {{0x50, 0x2A, 0x4D, 0x18, 0x05, 0x00, 0x00, 0x00}, false, "skippable"},
      {{0xC3, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C}, true, "magicless, largest"},
      {{0x00, 0x00}, true, "magicless, window only"},
  };
  for (const Case& c : cases) {
    FrameHeader h;
    std::size_t needed = 0;
    ASSERT_TRUE(parse(c.full, h, needed, c.magicless).ok()) << c.what;
    ASSERT_EQ(h.header_size, c.full.size()) << c.what;
    for (std::size_t cut = 0; cut < c.full.size(); ++cut) {
      const Bytes prefix(c.full.begin(), c.full.begin() + static_cast<std::ptrdiff_t>(cut));
      const Status s = parse(prefix, h, needed, c.magicless);
      ASSERT_EQ(s.code, ErrorCode::kTruncatedInput) << c.what << " cut to " << cut;
      // What is needed: the magic (4) or the skippable header (8), then the descriptor,
      // then the whole header once the descriptor is known.
      std::size_t expect;
      const std::size_t magic = c.magicless ? 0 : 4;
      if (cut < magic) {
        expect = 4;
      } else if (c.full.size() == 8 && !c.magicless && c.full[0] == 0x50) {
        expect = 8;
      } else if (cut < magic + 1) {
        expect = magic + 1;
      } else {
        expect = c.full.size();
      }
      EXPECT_EQ(needed, expect) << c.what << " cut to " << cut;
      EXPECT_GT(needed, cut) << "needed must promise progress";
    }
  }
}

TEST(FrameHeader, NeededGrowsToTheFullHeaderStepByStep) {
  // The streaming decoder's loop: feed exactly `needed` bytes each time.
  const Bytes full = {0x28, 0xB5, 0x2F, 0xFD, 0xC7, 0x00, 0x01, 0x02, 0x03, 0x04,
                      0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C};
  std::size_t have = 0;
  std::vector<std::size_t> steps;
  for (;;) {
    FrameHeader h;
    std::size_t needed = 0;
    const Status s = parse_frame_header(full.data(), have, false, h, needed);
    if (s.ok()) break;
    ASSERT_EQ(s.code, ErrorCode::kTruncatedInput);
    steps.push_back(needed);
    have = needed;
  }
  EXPECT_EQ(steps, (std::vector<std::size_t>{4, 5, 18}));
}

// ---- Block headers ------------------------------------------------------------------------

Status parse_block(std::uint32_t raw, std::size_t block_max, BlockHeader& h) {
  const std::uint8_t b[3] = {static_cast<std::uint8_t>(raw), static_cast<std::uint8_t>(raw >> 8),
                             static_cast<std::uint8_t>(raw >> 16)};
  return parse_block_header(b, block_max, h);
}

TEST(BlockHeader, TypesSizesAndLastFlag) {
  BlockHeader h;
  // Bit 0 Last_Block, bits 1-2 Block_Type, bits 3-23 Block_Size.
  ASSERT_TRUE(parse_block(100u << 3 | 0u << 1 | 1u, 128 * 1024, h).ok());  // last raw block of 100 bytes
  EXPECT_TRUE(h.last);
  EXPECT_EQ(h.type, format::BlockType::kRaw);
  EXPECT_EQ(h.size, 100u);
  EXPECT_EQ(h.content_size(), 100u);

  ASSERT_TRUE(parse_block(5000u << 3 | 1u << 1 | 0u, 128 * 1024, h).ok());  // RLE block regenerating 5000
  EXPECT_FALSE(h.last);
  EXPECT_EQ(h.type, format::BlockType::kRle);
  EXPECT_EQ(h.size, 5000u);
  EXPECT_EQ(h.content_size(), 1u) << "an RLE block's content is its one byte";

  ASSERT_TRUE(parse_block(77u << 3 | 2u << 1 | 1u, 128 * 1024, h).ok());  // compressed
  EXPECT_EQ(h.type, format::BlockType::kCompressed);
  EXPECT_EQ(h.content_size(), 77u);

  const std::uint8_t bytes[3] = {0xA5, 0x03, 0x00};  // 0x0003A5: last, compressed (2), size 0x74
  ASSERT_TRUE(parse_block_header(bytes, 128 * 1024, h).ok());
  EXPECT_TRUE(h.last);
  EXPECT_EQ(h.type, format::BlockType::kCompressed);
  EXPECT_EQ(h.size, 0x74u);

  ASSERT_TRUE(parse_block(0u << 3 | 0u << 1 | 1u, 1024, h).ok());  // empty last raw block
  EXPECT_EQ(h.size, 0u);
}

TEST(BlockHeader, SizeLimitIsBlockMaximumSize) {
  BlockHeader h;
  EXPECT_TRUE(parse_block(1024u << 3, 1024, h).ok());
  Status s = parse_block(1025u << 3, 1024, h);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.value, 1025u);
  EXPECT_EQ(s.limit, 1024u);
  // RLE sizes are regenerated sizes and obey the same limit.
  EXPECT_EQ(parse_block(1025u << 3 | 1u << 1, 1024, h).code, ErrorCode::kCorruptedData);
  // The absolute maximum: 128 KiB, and the largest 21-bit size is over it.
  EXPECT_TRUE(parse_block((128u * 1024) << 3, 128 * 1024, h).ok());
  EXPECT_EQ(parse_block(0x1FFFFFu << 3, 128 * 1024, h).code, ErrorCode::kCorruptedData);
}

TEST(BlockHeader, ReservedTypeIsCorruption) {
  BlockHeader h;
  const Status s = parse_block(10u << 3 | 3u << 1 | 1u, 128 * 1024, h);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("reserved block type"), std::string::npos) << describe(s);
}

}  // namespace
}  // namespace zstdpp::decoder
