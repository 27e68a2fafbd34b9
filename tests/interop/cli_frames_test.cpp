// Interop: frames made by the reference `zstd` command line must decode bit-exact with
// zstdpp, one-shot and streaming.
//
// The grid: inputs of every character (empty, 1 byte, tiny and ~300 KB text, structured
// binary, incompressible random, long runs and short repeated patterns) x levels
// (--fast=5..1 and 1..19 on the small inputs; a sample on the large ones so the suite stays
// within its time budget), plus what the CLI can put in a frame: no checksum, no content
// size (stdin), --ultra -22, --long=27 windows, trained and raw-content dictionaries with
// and without the dictionary ID, concatenations with hand-written skippable frames.
// Every case is checked two ways: ZstdDecompressor::decompress(read_across_frames) and
// decompress_stream() driven with random input pieces and output buffers from a seed
// derived from the case's name (1-byte pieces on small frames), which must also report
// frame_done exactly where each frame ends. Frames are made at test time, so no binary
// files live in the repository; without the CLI the tests skip and say why.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::DecompressorOptions;
using zstdpp::ZstdCompressionDict;
using zstdpp::ZstdDecompressor;

enum class Input {
  kEmpty, kOneByte, kTinyText, kSmallText, kSmallBinary,   // small: every level
  kEnglish, kBinary, kRandom, kByteRun, kPattern,          // large: sampled levels
};

struct InputInfo {
  Input input;
  const char* name;
};

constexpr InputInfo kSmallInputs[] = {{Input::kEmpty, "Empty"},
                                      {Input::kOneByte, "OneByte"},
                                      {Input::kTinyText, "TinyText"},
                                      {Input::kSmallText, "SmallText"},
                                      {Input::kSmallBinary, "SmallBinary"}};
constexpr InputInfo kLargeInputs[] = {{Input::kEnglish, "English300K"},
                                      {Input::kBinary, "Binary256K"},
                                      {Input::kRandom, "Random200K"},
                                      {Input::kByteRun, "ByteRun1M"},
                                      {Input::kPattern, "Pattern600K"}};

Bytes make_input(Input input) {
  switch (input) {
    case Input::kEmpty: return {};
    case Input::kOneByte: return to_bytes("x");
    case Input::kTinyText: return to_bytes("Hello, Zstandard! hello, hello, zstd.\n");
    case Input::kSmallText: return make_english_text(20 * 1024, 11);
    case Input::kSmallBinary: return make_structured_binary(8 * 1024, 12);
    case Input::kEnglish: return make_english_text(300 * 1024, 21);
    case Input::kBinary: return make_structured_binary(256 * 1024, 22);
    case Input::kRandom: return make_random_bytes(200 * 1024, 23);
    case Input::kByteRun: return Bytes(1024 * 1024, 0x61);
    case Input::kPattern: return make_repeated_pattern(600 * 1024, "abcdefgh12");
  }
  return {};
}

struct CliCase {
  std::string name;
  Input input;
  std::string args;
  bool via_stdin = false;
};

// gtest prints parameters of failing tests; without this it would dump raw bytes.
void PrintTo(const CliCase& c, std::ostream* os) {
  *os << c.name << " (zstd " << c.args << (c.via_stdin ? ", stdin)" : ")");
}

std::string level_args(int level) {
  return level < 0 ? "--fast=" + std::to_string(-level) : "-" + std::to_string(level);
}
std::string level_name(int level) {
  return level < 0 ? "Fast" + std::to_string(-level) : "L" + std::to_string(level);
}

std::vector<CliCase> all_cases() {
  std::vector<CliCase> cases;
  for (const InputInfo& in : kSmallInputs) {
    for (int level = -5; level <= 19; ++level) {
      if (level == 0) continue;  // 0 means "default" (3), already covered
      cases.push_back({std::string(in.name) + "_" + level_name(level), in.input, level_args(level)});
    }
    cases.push_back({std::string(in.name) + "_Stdin_L3", in.input, "-3", true});
    cases.push_back({std::string(in.name) + "_NoCheck_L3", in.input, "-3 --no-check"});
    cases.push_back({std::string(in.name) + "_Stdin_NoCheck_Fast1", in.input, "--fast=1 --no-check", true});
    // No content size, but a window the CLI sized to the file (unlike stdin).
    cases.push_back({std::string(in.name) + "_NoContentSize_L3", in.input, "-3 --no-content-size"});
  }
  for (const InputInfo& in : kLargeInputs) {
    for (int level : {-5, -1, 1, 3, 7, 12, 16, 19}) {
      cases.push_back({std::string(in.name) + "_" + level_name(level), in.input, level_args(level)});
    }
    cases.push_back({std::string(in.name) + "_Stdin_L3", in.input, "-3", true});
    cases.push_back({std::string(in.name) + "_Stdin_L12", in.input, "-12", true});
    cases.push_back({std::string(in.name) + "_NoCheck_L5", in.input, "-5 --no-check"});
    cases.push_back({std::string(in.name) + "_NoContentSize_L9", in.input, "-9 --no-content-size"});
  }
  cases.push_back({"SmallText_Ultra22", Input::kSmallText, "--ultra -22"});
  cases.push_back({"TinyText_Ultra22", Input::kTinyText, "--ultra -22"});
  // Small blocks and windows: many blocks per frame, matches reaching back a full window.
  cases.push_back({"English300K_Wlog10", Input::kEnglish, "-3 --zstd=wlog=10", true});
  cases.push_back({"Binary256K_Wlog12_L19", Input::kBinary, "-19 --zstd=wlog=12"});
  // Multithreaded and rsyncable compression: other block boundaries, same format.
  cases.push_back({"ByteRun1M_T2_Rsyncable", Input::kByteRun, "-T2 --rsyncable -3"});
  cases.push_back({"English300K_T2_Stdin", Input::kEnglish, "-T2 -6", true});
  return cases;
}

// Splits: 1-byte pieces when the frame is small enough for that to stay quick, then
// random pieces at two scales.
std::vector<SplitPolicy> policies_for(std::size_t frame_size, std::size_t content_size) {
  std::vector<SplitPolicy> out;
  if (frame_size <= 24 * 1024 && content_size <= 24 * 1024) {
    SplitPolicy one;
    one.one_byte = true;
    out.push_back(one);
  }
  SplitPolicy small;
  small.max_in = 3000;
  small.max_out = 5000;
  out.push_back(small);
  SplitPolicy large;
  large.max_in = zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE + 7;
  large.max_out = 200 * 1024;
  large.tiny_probability = 0.05;
  out.push_back(large);
  return out;
}

void expect_frames_decode(const DecompressorOptions& options, const Stream& s, const std::string& name) {
  expect_one_shot_decodes(options, s);
  std::uint32_t seed = seed_from(name);
  for (const SplitPolicy& policy : policies_for(s.data.size(), s.content.size())) {
    expect_stream_decodes(options, s, seed++, policy);
  }
}

class CliFrames : public testing::TestWithParam<CliCase> {};

TEST_P(CliFrames, DecodesBitExact) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  const CliCase& c = GetParam();
  TempDir dir;
  Bytes input = make_input(c.input);
  Bytes frame = zstd_compress(dir, input, c.args, c.via_stdin);
  SCOPED_TRACE("zstd " + c.args + (c.via_stdin ? " (stdin)" : "") + ", " + std::to_string(input.size()) +
               " bytes in, frame of " + std::to_string(frame.size()) + " bytes");

  // From stdin the CLI cannot know the size, except when the input is empty: it then ends
  // the frame on its first call and writes a content size of 0. --no-content-size leaves
  // it out always.
  bool size_known = c.args.find("--no-content-size") == std::string::npos && (!c.via_stdin || input.empty());
  EXPECT_EQ(zstdpp::frame_content_size(frame), size_known ? input.size() : zstdpp::CONTENTSIZE_UNKNOWN);

  // The first frame alone, the default way: content size from the header, or a limit.
  {
    ZstdDecompressor d;
    zstdpp::DecompressOptions o;
    if (!size_known) o.max_output_size = std::max<std::size_t>(1, input.size());  // 0 means "none given"
    Bytes out = d.decompress(frame, o);
    EXPECT_TRUE(same_bytes(out, input)) << describe_mismatch(out, input);
  }
  expect_frames_decode({}, concat({{frame, input, size_known}}), c.name);
}

INSTANTIATE_TEST_SUITE_P(Grid, CliFrames, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<CliCase>& param_info) { return param_info.param.name; });

// zstd --long=27 from stdin writes a 2^27 window; the default limit (2^27) must accept it.
TEST(CliFramesWindow, Long27WindowDecodesWithDefaultLimit) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  // A block repeated after 600 KB of other data: a long-distance match for --long.
  Bytes block = make_structured_binary(200 * 1024, 31);
  Bytes input = block;
  append(input, make_english_text(600 * 1024, 32));
  append(input, block);
  Bytes frame = zstd_compress(dir, input, "-3 --long=27", /*via_stdin=*/true);
  zstdpp::FrameParameters fp = zstdpp::get_frame_parameters(frame);
  ASSERT_EQ(fp.window_size, std::uint64_t{1} << 27) << "the CLI did not write the window this test needs";
  ASSERT_EQ(zstdpp::DEFAULT_MAX_WINDOW_SIZE, std::uint64_t{1} << 27);
  expect_frames_decode({}, concat({{frame, input, false}}), "Long27");
}

// --ultra -22 from stdin: level 22's own 2^27 window, no content size.
TEST(CliFramesWindow, Ultra22FromStdin) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(64 * 1024, 33);
  Bytes frame = zstd_compress(dir, input, "--ultra -22", /*via_stdin=*/true);
  EXPECT_EQ(zstdpp::get_frame_parameters(frame).window_size, std::uint64_t{1} << 27);
  expect_frames_decode({}, concat({{frame, input, false}}), "Ultra22Stdin");
}

// ---- Concatenations and skippable frames ----------------------------------------------

Piece skippable(unsigned nibble, std::size_t payload_size, std::uint32_t seed) {
  return {make_skippable_frame(nibble, make_random_bytes(payload_size, seed)), {}, true};
}

TEST(CliFramesConcat, FramesAndSkippableFrames) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes text = make_english_text(300 * 1024, 41);
  Bytes binary = make_structured_binary(50 * 1024, 42);
  Bytes random = make_random_bytes(70 * 1024, 43);
  Bytes tiny = to_bytes("tiny");
  std::vector<Piece> pieces = {
      skippable(0x0, 0, 1),
      {zstd_compress(dir, text, "-3"), text, true},
      skippable(0xF, 100, 2),
      {zstd_compress(dir, {}, "-1", true), {}, false},
      {zstd_compress(dir, binary, "-9 --no-check"), binary, true},
      skippable(0x7, 1, 3),
      skippable(0x3, 5000, 4),
      {zstd_compress(dir, tiny, "-19", true), tiny, false},
      {zstd_compress(dir, random, "--fast=2"), random, true},
      {zstd_compress(dir, text, "-12 --no-check", true), text, false},
      {zstd_compress(dir, {}, "-3"), {}, true},
      skippable(0xA, 20, 5),
  };
  expect_frames_decode({}, concat(pieces), "Concat");
}

// Small enough for 1-byte pieces through every frame and skippable frame.
TEST(CliFramesConcat, SmallFramesOneBytePieces) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes a = make_english_text(3000, 51);
  Bytes b = make_structured_binary(2000, 52);
  std::vector<Piece> pieces = {
      skippable(0x1, 3, 1),
      {zstd_compress(dir, a, "-3"), a, true},
      {zstd_compress(dir, b, "-19 --no-check", true), b, false},
      skippable(0x2, 0, 2),
      {zstd_compress(dir, to_bytes("x"), "--fast=4"), to_bytes("x"), true},
      {zstd_compress(dir, {}, "-3", true), {}, false},
      skippable(0xE, 9, 3),
  };
  expect_frames_decode({}, concat(pieces), "SmallConcat");
}

// Nothing but skippable frames: no output, and every one reported as a frame end.
TEST(CliFramesConcat, OnlySkippableFrames) {
  std::vector<Piece> pieces = {skippable(0x0, 0, 1), skippable(0x5, 17, 2), skippable(0xF, 300, 3)};
  expect_frames_decode({}, concat(pieces), "OnlySkippable");
}

// ---- Dictionaries -----------------------------------------------------------------------

constexpr std::uint32_t kDictId = 0x1234ABCD;

class CliDictionary : public testing::Test {
 protected:
  void SetUp() override {
    ZSTDPP_REQUIRE_ZSTD_CLI();
    std::mt19937 rng(61);
    std::vector<Bytes> samples;
    for (int i = 0; i < 600; ++i) samples.push_back(to_bytes(make_json_record(rng)));
    dict_bytes_ = zstd_train(dir_, samples, 8 * 1024, kDictId);
    write_file(dir_.file("trained.dict"), dict_bytes_);
  }

  std::string dict_args() const { return "-D " + shell_quote(dir_.file("trained.dict").string()); }

  DecompressorOptions with_dict() const {
    DecompressorOptions o;
    o.dict_data = ZstdCompressionDict(dict_bytes_);
    return o;
  }

  TempDir dir_;
  Bytes dict_bytes_;
};

TEST_F(CliDictionary, TrainedDictionaryAcrossLevels) {
  ZstdCompressionDict dict(dict_bytes_);
  EXPECT_EQ(dict.dict_id(), kDictId);
  Bytes one = make_json_records(1, 62);
  Bytes many = make_json_records(150, 63);
  for (int level : {-3, 1, 3, 9, 19}) {
    for (const Bytes* input : {&one, &many}) {
      SCOPED_TRACE("level " + std::to_string(level) + ", " + std::to_string(input->size()) + " bytes");
      Bytes frame = zstd_compress(dir_, *input, level_args(level) + " " + dict_args());
      EXPECT_EQ(zstdpp::get_frame_parameters(frame).dict_id, kDictId);
      expect_frames_decode(with_dict(), concat({{frame, *input, true}}),
                           "Dict" + level_name(level) + std::to_string(input->size()));
    }
  }
}

TEST_F(CliDictionary, NoDictIdAndStdin) {
  Bytes input = make_json_records(40, 64);
  Bytes no_id = zstd_compress(dir_, input, "-3 --no-dictID " + dict_args());
  EXPECT_EQ(zstdpp::get_frame_parameters(no_id).dict_id, 0u);
  expect_frames_decode(with_dict(), concat({{no_id, input, true}}), "DictNoId");

  Bytes piped = zstd_compress(dir_, input, "-7 " + dict_args(), /*via_stdin=*/true);
  expect_frames_decode(with_dict(), concat({{piped, input, false}}), "DictStdin");

  Bytes piped_no_id = zstd_compress(dir_, input, "-19 --no-dictID --no-check " + dict_args(), true);
  expect_frames_decode(with_dict(), concat({{piped_no_id, input, false}}), "DictStdinNoId");
}

// A decoder holding a dictionary still decodes frames made without one (ID 0).
TEST_F(CliDictionary, FramesWithoutDictionary) {
  Bytes input = make_json_records(20, 67);
  Bytes frame = zstd_compress(dir_, input, "-3");
  expect_frames_decode(with_dict(), concat({{frame, input, true}}), "NoDictWithDict");
}

TEST_F(CliDictionary, ConcatenatedDictionaryFrames) {
  Bytes a = make_json_records(5, 65);
  Bytes b = make_json_records(60, 66);
  std::vector<Piece> pieces = {
      {zstd_compress(dir_, a, "-3 " + dict_args()), a, true},
      skippable(0x9, 12, 1),
      {zstd_compress(dir_, b, "--fast=1 --no-dictID " + dict_args(), true), b, false},
      {zstd_compress(dir_, a, "-19 " + dict_args()), a, true},
  };
  expect_frames_decode(with_dict(), concat(pieces), "DictConcat");
}

// A file without the dictionary magic given to -D is raw content: history only, ID 0.
TEST(CliRawDictionary, RawContentDictionary) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes raw = make_english_text(16 * 1024, 71);
  write_file(dir.file("raw.txt"), raw);
  // Input made of pieces of the dictionary, so matches reach into it.
  Bytes input;
  for (std::size_t off = 0; off + 700 < raw.size(); off += 1900) {
    append(input, ByteView(raw).subspan(off, 700));
    append(input, to_bytes(" -- between -- "));
  }
  std::string d = "-D " + shell_quote(dir.file("raw.txt").string());
  for (const std::string& args : {"-1 " + d, "-19 " + d, "--fast=3 " + d}) {
    for (bool via_stdin : {false, true}) {
      SCOPED_TRACE(args + (via_stdin ? " (stdin)" : ""));
      Bytes frame = zstd_compress(dir, input, args, via_stdin);
      EXPECT_EQ(zstdpp::get_frame_parameters(frame).dict_id, 0u);
      for (zstdpp::DictType type : {zstdpp::DICT_TYPE_RAWCONTENT, zstdpp::DICT_TYPE_AUTO}) {
        DecompressorOptions o;
        o.dict_data = ZstdCompressionDict(raw, type);
        EXPECT_EQ(o.dict_data->dict_id(), 0u);
        expect_frames_decode(o, concat({{frame, input, !via_stdin}}), "Raw" + args);
      }
    }
  }
}

}  // namespace
}  // namespace zstdpp_test
