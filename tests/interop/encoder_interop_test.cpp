// zstdpp's encoder against the reference: every frame zstdpp writes must decode bit-exact
// with the `zstd` command line, and its compressed sizes must stay close to the reference's.
//
// Decoding: for each setting of fast and dfast (built_encoder_cases(): levels
// -131072..4 and explicit fast / dfast parameters, windows from 1 KiB), each combination
// of the frame flags (checksum on/off, content size on/off) and each API path (one-shot
// compress(); compress_stream() with random pieces, output buffers and block flushes,
// unpledged; the same with the size pledged), frames of a few inputs are concatenated into
// one file and decoded by `zstd -d -c` in one call (one process per setting keeps the
// suite fast). On a mismatch each frame is decoded alone to name the guilty one. A frame
// the reference refuses fails the test with the CLI's own message, so a format violation
// that zstdpp's decoder happens to tolerate is still caught.
//
// The lazy family (greedy, lazy, lazy2 over the row table or the hash chain, btlazy2) and
// the optimal parsers (btopt, btultra, btultra2) the same way, with lighter grids: levels
// 5..15 (and levels with the finder pinned) on one input per row of the level table
// (<= 16 KiB, <= 128 KiB, <= 256 KiB, larger), levels 16..22 on lighter inputs (their
// unpledged streams at 20..22 over smaller tables: unknown_size_level_options()); explicit
// parameters forcing each strategy and finder with 1..4 KiB windows, wrapping chains,
// shallow and deep searches, every min_match and target_length from 4 to 131072; and
// dictionaries (trained by `zstd --train`, raw content) at levels 5, 9, 13, 16 and 22,
// prepared with precompute_compress() or not, decoded by `zstd -d -D`.
//
// Sizes: on the generated English-like text (300 KB), zstdpp at levels 1 and 3 must be
// within 3% of `zstd -1` / `zstd -3 --single-thread` (both without checksum, both with the
// content size). Other levels (up to 19) and binary and JSON inputs are measured and
// printed; only a gross regression (25% larger than the reference) fails.
//
// Everything here needs the CLI: without it the tests skip and say so.
#include <gtest/gtest.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace {

using namespace zstdpp;
using zstdpp_test::Bytes;
using zstdpp_test::EncoderCase;

struct MadeFrame {
  std::string what;
  Bytes frame;
  Bytes content;
};

enum class Path { kOneShot, kStream, kStreamPledged };

const char* path_name(Path p) {
  switch (p) {
    case Path::kOneShot: return "one-shot";
    case Path::kStream: return "streaming";
    case Path::kStreamPledged: return "streaming pledged";
  }
  return "?";
}

// Makes the frames of setting `c` for each input, flag set {checksum, content size} and
// path, into `made`; compressing must not fail.
void make_frames(const EncoderCase& c, const std::vector<const zstdpp_test::InputCase*>& inputs,
                 const std::vector<std::pair<bool, bool>>& flag_sets, const std::vector<Path>& paths,
                 std::vector<MadeFrame>& made) {
  for (const zstdpp_test::InputCase* input : inputs) {
    const Bytes& data = input->data;
    for (const auto& [checksum, content_size] : flag_sets) {
      for (Path path : paths) {
        std::ostringstream what;
        what << c.name << " / " << input->name << " / " << path_name(path) << " / checksum " << checksum
             << " / content size " << content_size;
        const std::uint32_t seed = zstdpp_test::seed_from(what.str());
        const CompressorOptions options = zstdpp_test::with_flags(c.options, checksum, content_size);
        try {
          ZstdCompressor compressor(options);
          Bytes frame;
          if (path == Path::kOneShot) {
            frame = compressor.compress(data);
          } else {
            if (path == Path::kStreamPledged) compressor.set_pledged_input_size(data.size());
            const auto r = zstdpp_test::stream_compress_random(compressor, data, seed);
            EXPECT_EQ(r.protocol_problem, "") << what.str();
            frame = r.frame;
          }
          const bool size_expected = content_size && path != Path::kStream;
          EXPECT_EQ(get_frame_parameters(frame).content_size, size_expected ? data.size() : CONTENTSIZE_UNKNOWN)
              << what.str();
          EXPECT_EQ(get_frame_parameters(frame).has_checksum, checksum) << what.str();
          made.push_back({what.str(), std::move(frame), data});
        } catch (const ZstdError& e) {
          ADD_FAILURE() << what.str() << ": compressing threw " << error_code_name(e.code()) << ": " << e.what();
        }
      }
    }
  }
}

// Decodes all of `made`, concatenated, with one `zstd -d` call (plus `cli_args`, e.g. a
// dictionary); on a mismatch decodes each frame alone to name the guilty ones.
void expect_reference_decodes(const std::string& name, const std::vector<MadeFrame>& made,
                              const zstdpp_test::TempDir& dir, const std::string& cli_args = "") {
  if (made.empty()) return;
  Bytes all, want;
  for (const MadeFrame& m : made) {
    zstdpp_test::append(all, m.frame);
    zstdpp_test::append(want, m.content);
  }
  std::string message;
  const std::optional<Bytes> got = zstdpp_test::zstd_cli_decode(dir, all, message, cli_args);
  if (got && zstdpp_test::same_bytes(*got, want)) return;
  ADD_FAILURE() << name << ": zstd -d on all " << made.size() << " frames: "
                << (got ? zstdpp_test::describe_mismatch(*got, want) : message);
  int reported = 0;
  for (const MadeFrame& m : made) {
    std::string one_message;
    const std::optional<Bytes> one = zstdpp_test::zstd_cli_decode(dir, m.frame, one_message, cli_args);
    if (!one) {
      ADD_FAILURE() << m.what << ": the reference refused the frame: " << one_message;
    } else if (!zstdpp_test::same_bytes(*one, m.content)) {
      ADD_FAILURE() << m.what << ": the reference decoded different bytes: "
                    << zstdpp_test::describe_mismatch(*one, m.content);
    } else {
      continue;
    }
    if (++reported == 8) {
      ADD_FAILURE() << "(further failing frames of " << name << " not listed)";
      break;
    }
  }
}

const std::vector<Path> kAllPaths = {Path::kOneShot, Path::kStream, Path::kStreamPledged};

class EncoderInterop : public ::testing::TestWithParam<EncoderCase> {};

TEST_P(EncoderInterop, ReferenceDecodesEveryFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  const EncoderCase& c = GetParam();
  std::vector<const zstdpp_test::InputCase*> inputs;
  for (const char* input : {"empty", "one-byte", "text-131073", "mixed-262145"})
    inputs.push_back(&zstdpp_test::encoder_input(input));
  std::vector<MadeFrame> made;
  make_frames(c, inputs, {{false, false}, {false, true}, {true, false}, {true, true}}, kAllPaths, made);
  zstdpp_test::TempDir dir;
  expect_reference_decodes(c.name, made, dir);
}

INSTANTIATE_TEST_SUITE_P(Built, EncoderInterop, ::testing::ValuesIn(zstdpp_test::built_encoder_cases()),
                         zstdpp_test::case_gtest_name);

// ---- The lazy family: greedy, lazy, lazy2 (rows or chain), btlazy2 ----------------------

// Levels 5..15 as the level table gives them (AUTO finder), and levels of each strategy
// with the finder pinned to the row table and to the hash chain.
std::vector<EncoderCase> lazy_level_cases() {
  std::vector<EncoderCase> cases;
  for (int level = 5; level <= 15; ++level)
    cases.push_back({"level" + std::to_string(level), zstdpp_test::level_options(level)});
  for (int level : {5, 6, 8, 12}) {
    for (int row : {ROW_MATCH_FINDER_ENABLE, ROW_MATCH_FINDER_DISABLE}) {
      cases.push_back({"level" + std::to_string(level) + zstdpp_test::row_finder_suffix(row),
                       zstdpp_test::level_with_finder(level, row)});
    }
  }
  return cases;
}

class LazyLevelInterop : public ::testing::TestWithParam<EncoderCase> {};

// One input per row of the level table (<= 16 KiB, <= 128 KiB, <= 256 KiB, larger) and one
// byte, one-shot, streamed and pledged (the flags' combinations are the fast grid's).
TEST_P(LazyLevelInterop, ReferenceDecodesEveryFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  const EncoderCase& c = GetParam();
  std::vector<const zstdpp_test::InputCase*> inputs;
  for (const char* input : {"one-byte", "text-16384", "binary-131072", "text-131073", "mixed-614400"})
    inputs.push_back(&zstdpp_test::strategy_input(input));
  std::vector<MadeFrame> made;
  make_frames(c, inputs, {{true, true}}, kAllPaths, made);
  EXPECT_GE(made.size(), 6u) << "few frames were made: most settings were refused";
  zstdpp_test::TempDir dir;
  expect_reference_decodes(c.name, made, dir);
}

INSTANTIATE_TEST_SUITE_P(Lazy, LazyLevelInterop, ::testing::ValuesIn(lazy_level_cases()),
                         zstdpp_test::case_gtest_name);

// ---- The optimal parsers: btopt, btultra, btultra2 (levels 16..22) ------------------------

class OptimalLevelInterop : public ::testing::TestWithParam<int> {};

// One input per row of the level table and one byte, one-shot, pledged and streamed
// unpledged (levels 20..22 over smaller tables there: unknown_size_level_options()).
TEST_P(OptimalLevelInterop, ReferenceDecodesEveryFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  const int level = GetParam();
  std::vector<const zstdpp_test::InputCase*> inputs;
  for (const char* input : {"one-byte", "text-16384", "binary-131072", "mixed-262144", "same-byte-300000"})
    inputs.push_back(&zstdpp_test::strategy_input(input));
  std::vector<MadeFrame> made;
  const std::string name = "level" + std::to_string(level);
  make_frames({name, zstdpp_test::level_options(level)}, inputs, {{true, true}},
              {Path::kOneShot, Path::kStreamPledged}, made);
  make_frames({name + (level > zstdpp_test::kLargestUnknownSizeLevel ? "-w20-c21-h21" : ""),
               zstdpp_test::unknown_size_level_options(level)},
              inputs, {{true, true}}, {Path::kStream}, made);
  EXPECT_EQ(made.size(), 3 * inputs.size());
  zstdpp_test::TempDir dir;
  expect_reference_decodes(name, made, dir);
}

INSTANTIATE_TEST_SUITE_P(Optimal, OptimalLevelInterop,
                         ::testing::Range(zstdpp_test::kFirstOptimalLevel, MAX_COMPRESSION_LEVEL + 1),
                         [](const ::testing::TestParamInfo<int>& param_info) {
                           return "level" + std::to_string(param_info.param);
                         });

class LazyParameterInterop : public ::testing::TestWithParam<EncoderCase> {};

// Each strategy and finder in the shapes of lazy_shapes() and optimal_shapes(): windows of
// 1..4 KiB that slide (blocks no larger than the window), wrapping chains and trees,
// shallow and deep searches, every min_match, short and long target lengths.
TEST_P(LazyParameterInterop, ReferenceDecodesEveryFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  const EncoderCase& c = GetParam();
  std::vector<const zstdpp_test::InputCase*> inputs;
  for (const char* input : {"binary-12000", "mixed-262144"}) inputs.push_back(&zstdpp_test::strategy_input(input));
  std::vector<MadeFrame> made;
  make_frames(c, inputs, {{true, true}}, {Path::kOneShot, Path::kStream}, made);
  zstdpp_test::TempDir dir;
  expect_reference_decodes(c.name, made, dir);
}

INSTANTIATE_TEST_SUITE_P(Lazy, LazyParameterInterop, ::testing::ValuesIn(zstdpp_test::strategy_parameter_cases()),
                         zstdpp_test::case_gtest_name);

// Frames made with a dictionary (trained by `zstd --train`, and raw content) decode with
// `zstd -d -D`, prepared (precompute_compress) or not, at levels of the lazy family and of
// the optimal parsers (the row of source + dictionary is btopt at level 13 for the small
// inputs, btultra or btultra2 from 16; level 22 on the inputs up to 100 KB).
TEST(LazyDictionaryInterop, ReferenceDecodesDictionaryFrames) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  zstdpp_test::TempDir dir;
  std::mt19937 rng(91);
  std::vector<Bytes> samples;
  for (int i = 0; i < 400; ++i) samples.push_back(zstdpp_test::to_bytes(zstdpp_test::make_json_record(rng)));
  const Bytes trained = zstdpp_test::zstd_train(dir, samples, 8000, 0x1A2B3C);
  const Bytes raw = zstdpp_test::make_english_text(40000, 92);
  struct DictSetup {
    std::string name;
    const Bytes* bytes;
    DictType type;
    std::vector<zstdpp_test::InputCase> inputs;
  };
  const std::vector<DictSetup> setups = {
      {"trained", &trained, DICT_TYPE_FULLDICT,
       {{"json-20", zstdpp_test::make_json_records(20, 93)}, {"json-1400", zstdpp_test::make_json_records(1400, 94)}}},
      {"raw", &raw, DICT_TYPE_RAWCONTENT,
       {{"from-dict-5000", zstdpp_test::make_input_from(raw, 5000, 95)},
        {"from-dict-300000", zstdpp_test::make_input_from(raw, 300000, 96)}}},
  };
  for (const DictSetup& setup : setups) {
    const auto path = dir.file(setup.name + ".dict");
    zstdpp_test::write_file(path, *setup.bytes);
    std::vector<const zstdpp_test::InputCase*> inputs;
    std::vector<const zstdpp_test::InputCase*> small_inputs;  // level 22's (one block)
    for (const auto& in : setup.inputs) {
      inputs.push_back(&in);
      if (in.data.size() <= 100000) small_inputs.push_back(&in);
    }
    std::vector<MadeFrame> made;
    for (int level : {5, 9, 13, 16, 22}) {
      for (bool prepare : {false, true}) {
        CompressorOptions o = zstdpp_test::level_options(level);
        o.dict_data = ZstdCompressionDict(*setup.bytes, setup.type);
        // Prepared, every frame uses the settings for an unknown size (the row of the
        // dictionary + 499 bytes), one-shot too: only the streaming path is made.
        if (prepare) o.dict_data->precompute_compress(level);
        const EncoderCase c{setup.name + " dict / level " + std::to_string(level) + (prepare ? " / prepared" : ""), o};
        make_frames(c, level == 22 ? small_inputs : inputs, {{true, true}},
                    prepare ? std::vector<Path>{Path::kStream} : kAllPaths, made);
      }
    }
    for (const MadeFrame& m : made) {
      EXPECT_EQ(get_frame_parameters(m.frame).dict_id, setup.type == DICT_TYPE_FULLDICT ? 0x1A2B3Cu : 0u) << m.what;
    }
    EXPECT_GE(made.size(), 8u) << setup.name << ": few frames were made";
    expect_reference_decodes(setup.name + " dictionary", made, dir, "-D " + zstdpp_test::shell_quote(path.string()));
  }
}

// ---- Compressed sizes ----------------------------------------------------------------------

std::string cli_level_arg(int level) {
  return level < 0 ? "--fast=" + std::to_string(-level) : "-" + std::to_string(level);
}

// zstdpp's size / the reference's size for one input and level (no checksum, content size in
// both).
double size_ratio(const zstdpp_test::TempDir& dir, const Bytes& input, int level, std::size_t& ours,
                  std::size_t& theirs) {
  ZstdCompressor c(zstdpp_test::with_flags(zstdpp_test::level_options(level), false, true));
  const Bytes frame = c.compress(input);
  EXPECT_TRUE(zstdpp_test::same_bytes(zstdpp_test::zstdpp_decode(frame, input.size()), input));
  const Bytes reference = zstdpp_test::zstd_compress(dir, input, cli_level_arg(level) + " --single-thread --no-check");
  ours = frame.size();
  theirs = reference.size();
  return static_cast<double>(ours) / static_cast<double>(theirs);
}

TEST(EncoderSizes, WithinThreePercentOfTheReferenceOnText) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  zstdpp_test::TempDir dir;
  const Bytes text = zstdpp_test::make_english_text(300000, 2024);
  for (int level : {1, 3}) {
    std::size_t ours = 0, theirs = 0;
    const double ratio = size_ratio(dir, text, level, ours, theirs);
    std::cout << "[ sizes    ] text 300000 B, level " << level << ": zstdpp " << ours << " B, zstd " << theirs
              << " B, ratio " << std::fixed << std::setprecision(4) << ratio << "\n";
    RecordProperty("level" + std::to_string(level) + "_size_ratio", std::to_string(ratio));
    EXPECT_LE(ratio, 1.03) << "level " << level << ": zstdpp " << ours << " bytes, zstd " << theirs << " bytes";
  }
}

// Measured and printed for the ledger; only a gross regression fails (25%).
TEST(EncoderSizes, OtherLevelsAndInputsForTheRecord) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  zstdpp_test::TempDir dir;
  const std::vector<std::pair<std::string, Bytes>> inputs = {
      {"text-300k", zstdpp_test::make_english_text(300000, 2024)},
      {"binary-300k", zstdpp_test::make_structured_binary(300000, 2025)},
      {"json-300k", zstdpp_test::make_json_records(1300, 2026)},
  };
  for (const auto& [name, data] : inputs) {
    for (int level : {-100, -5, -1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 15, 16, 19}) {
      std::size_t ours = 0, theirs = 0;
      double ratio = 0;
      try {
        ratio = size_ratio(dir, data, level, ours, theirs);
      } catch (const ZstdError& e) {
        ADD_FAILURE() << name << " level " << level << ": " << e.what();
        continue;
      }
      std::cout << "[ sizes    ] " << name << " (" << data.size() << " B), level " << level << ": zstdpp " << ours
                << " B, zstd " << theirs << " B, ratio " << std::fixed << std::setprecision(4) << ratio << "\n";
      EXPECT_LE(ratio, 1.25) << name << " level " << level;
    }
  }
}

}  // namespace
