// compression.zstd's ZstdDict (digested, undigested, prefix), CompressionParameter /
// DecompressionParameter bounds(), Strategy, get_frame_info / get_frame_size, the version
// constants, and interop with the reference `zstd` CLI both ways.
#include <zstdpp/compression/zstd.hpp>

#include <gtest/gtest.h>

#include <set>

#include "../interop/test_support.hpp"

namespace zstd = zstdpp::compression::zstd;
using zstdpp::Bytes;
using zstdpp::ErrorCode;
using zstdpp_test::append;
using zstdpp_test::make_json_records;
using zstdpp_test::to_bytes;
using CP = zstd::CompressionParameter;

namespace {

// A raw-content dictionary: records like the samples share most of their bytes.
Bytes raw_dict_content() { return make_json_records(200, 77); }
Bytes sample(std::uint32_t seed) { return make_json_records(3, seed); }

}  // namespace

TEST(CompressionZstdParameters, BoundsAreZstdsRanges) {
  EXPECT_EQ(CP::window_log.bounds().lower, 10);
  EXPECT_EQ(CP::window_log.bounds().upper, 31);
  auto [lo, hi] = CP::compression_level.bounds();
  EXPECT_EQ(lo, zstdpp::MIN_COMPRESSION_LEVEL);
  EXPECT_EQ(hi, 22);
  EXPECT_EQ(CP::strategy.bounds().lower, 1);
  EXPECT_EQ(CP::strategy.bounds().upper, 9);
  EXPECT_EQ(CP::checksum_flag.bounds().upper, 1);
  EXPECT_EQ(CP::min_match.bounds().lower, 3);
  EXPECT_EQ(CP::min_match.bounds().upper, 7);
  EXPECT_EQ(zstd::DecompressionParameter::window_log_max.bounds().lower, 10);
  EXPECT_EQ(zstd::DecompressionParameter::window_log_max.bounds().upper, 31);
}

TEST(CompressionZstdParameters, MembersNamesAndValues) {
  EXPECT_EQ(CP::members().size(), 19u);
  std::set<std::string> names;
  for (CP p : CP::members()) {
    names.insert(p.name());
    const auto b = p.bounds();
    EXPECT_LE(b.lower, b.upper) << p.name();
  }
  EXPECT_EQ(names.size(), 19u);
  EXPECT_STREQ(CP::enable_long_distance_matching.name(), "enable_long_distance_matching");
  EXPECT_STREQ(CP::window_log.name(), "window_log");
  EXPECT_STREQ(CP::nb_workers.name(), "nb_workers");
  EXPECT_EQ(CP::window_log.value(), 101);          // ZSTD_c_windowLog
  EXPECT_EQ(CP::checksum_flag.value(), 201);       // ZSTD_c_checksumFlag
  EXPECT_STREQ(zstd::DecompressionParameter::window_log_max.name(), "window_log_max");
  EXPECT_EQ(static_cast<int>(zstd::Strategy::fast), 1);
  EXPECT_EQ(static_cast<int>(zstd::Strategy::btultra2), 9);
  static_assert(CP::window_log < CP::hash_log);
}

TEST(CompressionZstdParameters, EveryParameterAtItsBoundsCompresses) {
  const Bytes data = make_json_records(50, 3);
  for (CP p : CP::members()) {
    if (p == CP::nb_workers || p == CP::job_size || p == CP::overlap_log) continue;  // multithreading
    for (int v : {p.bounds().lower, p.bounds().upper}) {
      if (p == CP::compression_level && v < -1000) continue;  // legal, just slow to prove nothing
      if (p == CP::window_log && v == 31) continue;           // needs a 2 GiB window to decode
      if ((p == CP::hash_log || p == CP::chain_log || p == CP::ldm_hash_log) && v == 30) continue;  // 4 GiB tables
      if (p == CP::search_log && v == 30) continue;
      SCOPED_TRACE(std::string(p.name()) + " = " + std::to_string(v));
      const Bytes frame = zstd::compress(data, std::nullopt, zstd::CompressionOptions{{p, v}});
      EXPECT_EQ(zstd::decompress(frame), data);
    }
    ZSTDPP_EXPECT_ERROR(zstd::compress(data, std::nullopt, zstd::CompressionOptions{{p, p.bounds().upper + 1}}),
                        ErrorCode::kParameterOutOfBounds, p.name());
  }
}

TEST(CompressionZstdDict, RawContentDictionary) {
  const Bytes content = raw_dict_content();
  const zstd::ZstdDict zd(content, /*is_raw=*/true);
  EXPECT_EQ(zd.dict_id(), 0u);
  EXPECT_TRUE(zstdpp_test::same_bytes(zd.dict_content(), content));
  const Bytes data = sample(5);
  const Bytes with = zstd::compress(data, std::nullopt, std::nullopt, zd);
  const Bytes without = zstd::compress(data);
  EXPECT_LT(with.size(), without.size());
  EXPECT_EQ(zstd::decompress(with, zd), data);
  EXPECT_THROW(zstd::decompress(with), zstd::ZstdError);
}

TEST(CompressionZstdDict, NotAZstdDictionaryWithoutIsRaw) {
  const Bytes content = raw_dict_content();
  EXPECT_THROW(zstd::ZstdDict{content}, zstd::ZstdError);
}

TEST(CompressionZstdDict, DigestedUndigestedAndPrefixRoundTrip) {
  const zstd::ZstdDict zd(raw_dict_content(), true);
  const Bytes data = sample(11);
  for (const zstd::Loaded& how : {zstd::Loaded(zd), zd.as_digested_dict(), zd.as_undigested_dict(), zd.as_prefix()}) {
    SCOPED_TRACE(static_cast<int>(how.load));
    for (int level : {1, 3, 12}) {
      const Bytes frame = zstd::compress(data, level, std::nullopt, how);
      EXPECT_EQ(zstd::decompress(frame, how), data);
      zstd::ZstdDecompressor d(how);
      EXPECT_EQ(d.decompress(frame), data);
      EXPECT_TRUE(d.eof());
    }
  }
  // Digested twice at one level: the second compressor uses the cached tables and gives
  // the same bytes.
  EXPECT_EQ(zstd::compress(data, 5, std::nullopt, zd.as_digested_dict()),
            zstd::compress(data, 5, std::nullopt, zd.as_digested_dict()));
}

TEST(CompressionZstdDict, PrefixAppliesToTheFirstFrameOnly) {
  const zstd::ZstdDict zd(raw_dict_content(), true);
  const Bytes data = sample(21);
  zstd::ZstdCompressor c(3, std::nullopt, zd.as_prefix());
  const Bytes first = c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME);
  const Bytes second = c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME);
  EXPECT_EQ(zstd::decompress(first, zd.as_prefix()), data);
  EXPECT_EQ(zstd::decompress(second), data);  // no prefix needed any more
  EXPECT_LT(first.size(), second.size());
}

TEST(CompressionZstdDict, ZstdFormatDictionaryFromTheCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  zstdpp_test::TempDir dir;
  std::vector<Bytes> samples;
  for (std::uint32_t i = 0; i < 300; ++i) samples.push_back(sample(1000 + i));
  const Bytes dict_bytes = zstdpp_test::zstd_train(dir, samples, 4096, 4242);
  const zstd::ZstdDict zd(dict_bytes);
  EXPECT_EQ(zd.dict_id(), 4242u);
  const Bytes data = sample(99);
  for (const zstd::Loaded& how : {zstd::Loaded(zd), zd.as_digested_dict(), zd.as_undigested_dict()}) {
    const Bytes frame = zstd::compress(data, std::nullopt, std::nullopt, how);
    EXPECT_EQ(zstd::get_frame_info(frame).dictionary_id, 4242u);
    EXPECT_EQ(zstd::decompress(frame, zd), data);
    std::string message;
    const auto cli = zstdpp_test::zstd_cli_decode(dir, frame, message,
                                                  "-D " + zstdpp_test::shell_quote(dir.file("trained.dict").string()));
    ASSERT_TRUE(cli.has_value()) << message;
    EXPECT_EQ(*cli, data);
  }
  // The dictionary-ID flag off: the frame records none.
  const Bytes anonymous = zstd::compress(data, std::nullopt, zstd::CompressionOptions{{CP::dict_id_flag, 0}}, zd);
  EXPECT_EQ(zstd::get_frame_info(anonymous).dictionary_id, 0u);
  EXPECT_EQ(zstd::decompress(anonymous, zd), data);
}

TEST(CompressionZstdFrameInfo, SizesIdsAndErrors) {
  const Bytes data = sample(7);
  const Bytes frame = zstd::compress(data);
  const zstd::FrameInfo info = zstd::get_frame_info(frame);
  EXPECT_EQ(info.decompressed_size, data.size());
  EXPECT_EQ(info.dictionary_id, 0u);
  EXPECT_EQ(zstd::get_frame_size(frame), frame.size());
  Bytes two = frame;
  append(two, zstd::compress(data, 9));
  EXPECT_EQ(zstd::get_frame_size(two), frame.size());
  const Bytes skippable = zstdpp_test::make_skippable_frame(4, to_bytes("hello"));
  EXPECT_EQ(zstd::get_frame_size(skippable), skippable.size());
  EXPECT_EQ(zstd::get_frame_info(skippable).decompressed_size, 0u);
  EXPECT_THROW(zstd::get_frame_info(to_bytes("nope")), zstd::ZstdError);
  EXPECT_THROW(zstd::get_frame_info(zstdpp::ByteView(frame).first(3)), zstd::ZstdError);
  EXPECT_THROW(zstd::get_frame_size(zstdpp::ByteView(frame).first(frame.size() - 1)), zstd::ZstdError);
}

TEST(CompressionZstdVersion, StringMatchesTheTuple) {
  const auto& v = zstd::zstd_version_info;
  EXPECT_EQ(std::string(zstd::zstd_version),
            std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]));
}

TEST(CompressionZstdInterop, CliFramesDecodeAndOurFramesDecodeWithTheCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  zstdpp_test::TempDir dir;
  const Bytes a = zstdpp_test::make_english_text(300000, 8), b = make_json_records(400, 9);
  Bytes stream = zstdpp_test::zstd_compress(dir, a, "-19");
  append(stream, zstdpp_test::zstd_compress(dir, b, "-3 --no-check", /*via_stdin=*/true));
  Bytes want = a;
  append(want, b);
  EXPECT_EQ(zstd::decompress(stream), want);
  zstd::ZstdDecompressor d;
  Bytes got = d.decompress(stream, 1 << 20);
  while (!d.eof() && !d.needs_input()) append(got, d.decompress({}, 1 << 20));
  EXPECT_EQ(got, a);
  EXPECT_EQ(d.unused_data().size(), stream.size() - zstd::get_frame_size(stream));

  zstd::ZstdCompressor c(std::nullopt, zstd::CompressionOptions{{CP::checksum_flag, 1}, {CP::compression_level, 6}});
  Bytes ours = c.compress(a);
  append(ours, c.compress(b, zstd::ZstdCompressor::FLUSH_BLOCK));
  append(ours, c.flush());
  append(ours, zstd::compress(b, -3));
  std::string message;
  const auto cli = zstdpp_test::zstd_cli_decode(dir, ours, message);
  ASSERT_TRUE(cli.has_value()) << message;
  Bytes want2 = want;
  append(want2, b);
  EXPECT_EQ(*cli, want2);
}
