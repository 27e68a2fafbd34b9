// zstdpp::compress / zstdpp::decompress (include/zstdpp/one_shot.hpp) and the public
// constants python-zstandard documents (include/zstdpp/constants.hpp, parameters.hpp).
#include <gtest/gtest.h>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace {

using namespace zstdpp;

TEST(OneShot, CompressDecompressRoundTripAtDefaultLevel) {
  const Bytes input = zstdpp_test::make_english_text(100000, 7);
  const Bytes frame = zstdpp::compress(input);
  EXPECT_LT(frame.size(), input.size() / 2);
  EXPECT_EQ(get_frame_parameters(frame).content_size, input.size());
  EXPECT_EQ(zstdpp::decompress(frame), input);
  // The default level is 3: the same bytes as a level-3 compressor.
  EXPECT_EQ(frame, ZstdCompressor({.level = 3}).compress(input));
}

TEST(OneShot, LevelIsHonouredAndChecked) {
  const Bytes input = zstdpp_test::make_english_text(200000, 8);
  EXPECT_LT(zstdpp::compress(input, 19).size(), zstdpp::compress(input, -5).size());
  EXPECT_EQ(zstdpp::decompress(zstdpp::compress(input, -5)), input);
  ZSTDPP_EXPECT_ERROR(zstdpp::compress(input, 23), ErrorCode::kParameterOutOfBounds, "level");
  ZSTDPP_EXPECT_ERROR(zstdpp::compress(input, MIN_COMPRESSION_LEVEL - 1), ErrorCode::kParameterOutOfBounds, "level");
}

TEST(OneShot, EmptyInputIsOneValidFrame) {
  const Bytes frame = zstdpp::compress({});
  EXPECT_FALSE(frame.empty());
  EXPECT_TRUE(zstdpp::decompress(frame).empty());
}

TEST(OneShot, DecompressNeedsALimitWithoutContentSize) {
  const Bytes input = zstdpp_test::make_english_text(5000, 9);
  ZstdCompressor c({.write_content_size = false});
  auto obj = c.compressobj();
  Bytes frame = obj.compress(input);
  zstdpp_test::append(frame, obj.flush());
  EXPECT_EQ(frame_content_size(frame), CONTENTSIZE_UNKNOWN);
  ZSTDPP_EXPECT_ERROR(zstdpp::decompress(frame), ErrorCode::kContentSizeUnknown, "max_output_size");
  EXPECT_EQ(zstdpp::decompress(frame, input.size()), input);
  ZSTDPP_EXPECT_ERROR(zstdpp::decompress(frame, input.size() - 1), ErrorCode::kOutputTooSmall, "exceeds");
}

TEST(OneShot, DecompressRejectsGarbage) {
  const Bytes junk = zstdpp_test::to_bytes("definitely not a zstd frame");
  EXPECT_THROW(zstdpp::decompress(junk), ZstdError);
}

TEST(Constants, ValuesPythonZstandardDocuments) {
  EXPECT_EQ(MAX_COMPRESSION_LEVEL, 22);
  EXPECT_EQ(COMPRESSION_RECOMMENDED_INPUT_SIZE, 131072u);
  EXPECT_EQ(COMPRESSION_RECOMMENDED_OUTPUT_SIZE, 131591u);
  EXPECT_EQ(DECOMPRESSION_RECOMMENDED_INPUT_SIZE, 131075u);
  EXPECT_EQ(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE, 131072u);
  EXPECT_EQ(MAGIC_NUMBER, 0xFD2FB528u);
  const Bytes frame = zstdpp::compress(zstdpp_test::to_bytes("x"));
  ASSERT_GE(frame.size(), 4u);
  EXPECT_TRUE(std::equal(std::begin(FRAME_HEADER), std::end(FRAME_HEADER), frame.begin()));
  EXPECT_NE(FLUSH_BLOCK, FLUSH_FRAME);
  EXPECT_NE(COMPRESSOBJ_FLUSH_FINISH, COMPRESSOBJ_FLUSH_BLOCK);
  EXPECT_EQ(static_cast<int>(STRATEGY_FAST), 1);
  EXPECT_EQ(static_cast<int>(STRATEGY_BTULTRA2), 9);
  EXPECT_EQ(STRATEGY_MIN, 1);
  EXPECT_EQ(STRATEGY_MAX, 9);
  EXPECT_EQ(WINDOWLOG_MIN, 10u);
  EXPECT_EQ(WINDOWLOG_MAX, 31u);
  EXPECT_LT(CHAINLOG_MIN, CHAINLOG_MAX);
  EXPECT_LT(HASHLOG_MIN, HASHLOG_MAX);
  EXPECT_LT(SEARCHLOG_MIN, SEARCHLOG_MAX);
  EXPECT_EQ(MINMATCH_MIN, 3);
  EXPECT_EQ(MINMATCH_MAX, 7);
  EXPECT_EQ(TARGETLENGTH_MAX, 131072);
  EXPECT_NE(FORMAT_ZSTD1, FORMAT_ZSTD1_MAGICLESS);
  EXPECT_NE(DICT_TYPE_AUTO, DICT_TYPE_RAWCONTENT);
  EXPECT_NE(DICT_TYPE_RAWCONTENT, DICT_TYPE_FULLDICT);
  EXPECT_EQ(CONTENTSIZE_UNKNOWN, ~std::uint64_t{0});
  EXPECT_EQ(CONTENTSIZE_ERROR, ~std::uint64_t{0} - 1);
  // The engine writes and reads the frames of this reference version.
  EXPECT_EQ(ZSTD_VERSION[0], 1);
  EXPECT_EQ(ZSTD_VERSION[1], 5);
}

}  // namespace
