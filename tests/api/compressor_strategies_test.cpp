// The lazy family and the optimal parsers through ZstdCompressor: greedy, lazy and lazy2
// (each over the row-based table and over the hash chain), btlazy2, and btopt, btultra and
// btultra2, checked by decoding with zstdpp's own ZstdDecompressor (the interop suite
// decodes the same kinds of frames with `zstd`).
//
//   - Levels 4..22 (StrategyLevels/*): the inputs of strategy_level_inputs() (one or more
//     per row of the level table: <= 16 KiB, <= 128 KiB, <= 256 KiB, larger, with sizes on
//     both sides of the boundaries; text, binary, random, one repeated byte, empty, one
//     byte; fewer from level 16), one-shot and compress_into(), streamed with random
//     pieces, output buffers and FLUSH_BLOCKs, streamed with the size pledged, and through
//     compressobj with block flushes (each flush makes the input so far decodable). Every
//     level and row compresses, the optimal parsers included (the smaller rows reach btopt
//     from level 11). The same input gives the same bytes again, on the same and on a
//     fresh compressor. Unpledged streams at levels 20..22 keep the level's search but
//     level 22's tables for a 600 KB input (unknown_size_level_options()): their own
//     would be 233..938 MB.
//   - Explicit parameters (StrategyParameters/*): each lazy strategy with each finder in
//     the shapes of lazy_shapes() (1..4 KiB windows that slide hundreds of times, chains
//     of 64 that wrap, search_log 1 and 6..8, min_match 3..7, tiny hash tables, a 1 MiB
//     window), and btopt, btultra, btultra2 in those of optimal_shapes() (also
//     target_length 4..131072 and every match collector, min_match 3..6); frames stay
//     within the window asked for and decode with a decoder limited to it.
//   - The finder flag: btlazy2 ignores it; AUTO is the row table above a 16 KiB window and
//     the chain at or below; row and chain frames are within 5% of each other in size.
//   - Ratios: text does not grow from level 3 to 7 to 12 to 15 to 16 to 19 to 22 (2% slack).
//   - Dictionaries at levels 5, 9, 13, 16, 19 and 22 (from 16 on inputs up to 100 KB; a
//     dictionary larger than 256 KiB stops at 19: level 22 would index it into
//     2^27-entry tables): raw content (small, and larger than 256 KiB so every row is the
//     largest), a trained one when the `zstd` CLI is there; one-shot and streamed; with
//     precompute_compress() the frames equal the unprepared ones; prepared for explicit
//     parameters of every strategy.
//
// Failures print the setting, the input and the seed; seeds come from the names, so a
// failure reproduces alone with --gtest_filter. Inputs are kept modest: these strategies
// are 3-30x (lazy) and 10-100x (optimal) slower than fast / dfast, and the suite also runs
// under ASan + UBSan.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../interop/test_support.hpp"

namespace {

using namespace zstdpp;
using zstdpp_test::Bytes;
using zstdpp_test::describe_mismatch;
using zstdpp_test::EncoderCase;
using zstdpp_test::expect_decodes_to;
using zstdpp_test::guarded;
using zstdpp_test::InputCase;
using zstdpp_test::same_bytes;
using zstdpp_test::seed_from;

std::string level_name(int level) { return "level " + std::to_string(level); }

bool is_random(const InputCase& in) { return in.name.find("random") != std::string::npos; }

// One-shot checks shared by the level and parameter grids: the frame decodes, carries the
// flags, stays within compress_bound() (and, compressible, shrinks), and compressing again
// (the same compressor through compress_into(), a fresh compressor) gives the same bytes.
// Returns the frame (empty after a failure).
Bytes check_one_shot(ZstdCompressor& c, const CompressorOptions& o, const InputCase& in, const std::string& what) {
  const Bytes frame = c.compress(in.data);
  if (!expect_decodes_to(frame, in.data, what)) return {};
  const FrameParameters fp = get_frame_parameters(frame);
  EXPECT_EQ(fp.content_size, in.data.size()) << what << ": one-shot frames carry the content size";
  EXPECT_TRUE(fp.has_checksum) << what << ": both grids ask for a checksum";
  EXPECT_LE(frame.size(), compress_bound(in.data.size())) << what;
  if (in.data.size() >= 4096 && !is_random(in)) {
    EXPECT_LT(frame.size(), in.data.size() * 3 / 4) << what << ": compressible input did not shrink";
  }
  // Again on the same compressor, into a buffer of exactly compress_bound() bytes.
  Bytes again(compress_bound(in.data.size()));
  again.resize(c.compress_into(in.data, again));
  EXPECT_TRUE(same_bytes(again, frame)) << what << ": compressing again (compress_into) differs: "
                                        << describe_mismatch(again, frame);
  EXPECT_TRUE(same_bytes(ZstdCompressor(o).compress(in.data), frame)) << what << ": a fresh compressor differs";
  return frame;
}

// ---- Levels 4..22 ----------------------------------------------------------------------

// "level 13 (btopt)": the strategy the level table gives the level for `size` bytes (0:
// unknown), for the messages.
std::string level_and_strategy(int level, std::uint64_t size) {
  return level_name(level) + " (" + strategy_name(ZstdCompressionParameters::from_level(level, size).strategy) + ")";
}

class StrategyLevels : public ::testing::TestWithParam<int> {
 protected:
  CompressorOptions options() const {
    return zstdpp_test::with_flags(zstdpp_test::level_options(GetParam()), true, true);
  }
};

TEST_P(StrategyLevels, OneShotRoundTripAndDeterminism) {
  const CompressorOptions o = options();
  ZstdCompressor c(o);
  for (const InputCase* input : zstdpp_test::strategy_level_inputs(GetParam())) {
    const InputCase& in = *input;
    const std::string what =
        level_and_strategy(GetParam(), std::max<std::size_t>(in.data.size(), 1)) + " / " + in.name + " / one-shot";
    SCOPED_TRACE(what);
    guarded(what, [&] { check_one_shot(c, o, in, what); });
  }
}

TEST_P(StrategyLevels, StreamingRoundTripAndDeterminism) {
  // Levels 20..22 over smaller tables than their own (see unknown_size_level_options()).
  const CompressorOptions o = zstdpp_test::with_flags(zstdpp_test::unknown_size_level_options(GetParam()), true, true);
  ZstdCompressor c(o);
  std::size_t flushes = 0;
  for (const InputCase* input : zstdpp_test::strategy_level_inputs(GetParam())) {
    const InputCase& in = *input;
    const std::uint32_t seed = seed_from(level_name(GetParam()) + in.name + "stream");
    const std::string what = level_and_strategy(GetParam(), 0) +
                             (GetParam() > zstdpp_test::kLargestUnknownSizeLevel ? " (w20 c21 h21)" : "") + " / " +
                             in.name + " / streaming seed " + std::to_string(seed);
    SCOPED_TRACE(what);
    guarded(what, [&] {
      const auto first = zstdpp_test::stream_compress_random(c, in.data, seed);
      EXPECT_EQ(first.protocol_problem, "");
      flushes += first.flushes;
      if (!expect_decodes_to(first.frame, in.data, what)) return;
      EXPECT_EQ(get_frame_parameters(first.frame).content_size, CONTENTSIZE_UNKNOWN);
      EXPECT_EQ(c.frame_progression().consumed, in.data.size());
      EXPECT_EQ(c.frame_progression().produced, first.frame.size());
      const auto second = zstdpp_test::stream_compress_random(c, in.data, seed);
      EXPECT_TRUE(same_bytes(second.frame, first.frame))
          << "the same splits on the same compressor gave different frames: "
          << describe_mismatch(second.frame, first.frame);
    });
  }
  EXPECT_GT(flushes, 5u) << "the random driver made (almost) no FLUSH_BLOCK calls";
}

// With the size pledged the row is the size's, as one-shot (levels 20..22 at their own
// parameters, shrunk to the size). compressobj(size) with block flushes: after each of
// the first few flushes, all input so far decodes from the output so far.
TEST_P(StrategyLevels, PledgedStreamsAndCompressobj) {
  const CompressorOptions o = options();
  ZstdCompressor c(o);
  for (const InputCase* input : zstdpp_test::strategy_level_inputs(GetParam())) {
    const InputCase& in = *input;
    const std::uint32_t seed = seed_from(level_name(GetParam()) + in.name + "pledged");
    const std::string what = level_and_strategy(GetParam(), std::max<std::size_t>(in.data.size(), 1)) + " / " +
                             in.name + " / pledged, seed " + std::to_string(seed);
    SCOPED_TRACE(what);
    guarded(what, [&] {
      c.set_pledged_input_size(in.data.size());
      const auto r = zstdpp_test::stream_compress_random(c, in.data, seed);
      EXPECT_EQ(r.protocol_problem, "");
      if (expect_decodes_to(r.frame, in.data, what)) {
        EXPECT_EQ(get_frame_parameters(r.frame).content_size, in.data.size());
      }
      auto obj = c.compressobj(in.data.size());
      std::mt19937 rng(seed);
      Bytes frame;
      std::size_t pos = 0;
      int checked = 0;
      while (pos < in.data.size()) {
        const std::size_t n = std::min<std::size_t>(in.data.size() - pos, 1 + rng() % 70000);
        zstdpp_test::append(frame, obj.compress(ByteView(in.data).subspan(pos, n)));
        pos += n;
        if (rng() % 3 == 0) {
          zstdpp_test::append(frame, obj.flush(COMPRESSOBJ_FLUSH_BLOCK));
          if (checked++ < 3) {
            std::size_t taken = 0;
            const Bytes got = zstdpp_test::decode_available(frame, pos, taken);
            EXPECT_EQ(got.size(), pos) << "after flush(COMPRESSOBJ_FLUSH_BLOCK) at input offset " << pos;
            EXPECT_TRUE(std::equal(got.begin(), got.end(), in.data.begin())) << "the flushed prefix differs";
          }
        }
      }
      zstdpp_test::append(frame, obj.flush(COMPRESSOBJ_FLUSH_FINISH));
      if (expect_decodes_to(frame, in.data, what + " / compressobj")) {
        EXPECT_EQ(get_frame_parameters(frame).content_size, in.data.size());
        EXPECT_TRUE(get_frame_parameters(frame).has_checksum);
      }
    });
  }
}

INSTANTIATE_TEST_SUITE_P(Levels, StrategyLevels, ::testing::ValuesIn(zstdpp_test::strategy_levels()),
                         [](const ::testing::TestParamInfo<int>& param_info) {
                           return "level" + std::to_string(param_info.param);
                         });

// ---- Explicit parameters ------------------------------------------------------------------

class StrategyParameters : public ::testing::TestWithParam<EncoderCase> {};

// The optimal parsers' cases leave out the text just past a block (the mixture holds
// text, a run, random bytes and a match 180 KB back, over two blocks).
std::vector<const char*> parameter_inputs(const EncoderCase& c) {
  if (zstdpp_test::forces_optimal(c)) return {"one-byte", "binary-12000", "random-100000", "mixed-262144"};
  return {"one-byte", "binary-12000", "random-100000", "text-131073", "mixed-262144"};
}

TEST_P(StrategyParameters, RoundTripsWithinTheWindow) {
  const EncoderCase& c = GetParam();
  const CompressorOptions o = zstdpp_test::with_flags(c.options, true, true);
  const std::uint64_t window = std::uint64_t{1} << o.compression_params->window_log;
  ZstdCompressor compressor(o);
  ZstdDecompressor limited({.max_window_size = window});
  for (const char* name : parameter_inputs(c)) {
    const InputCase& in = zstdpp_test::strategy_input(name);
    const std::uint32_t seed = seed_from(c.name + in.name);
    const std::string what = c.name + " / " + in.name;
    SCOPED_TRACE(what + ", streaming seed " + std::to_string(seed));
    guarded(what, [&] {
      const Bytes one_shot = check_one_shot(compressor, o, in, what + " / one-shot");
      const auto streamed = zstdpp_test::stream_compress_random(compressor, in.data, seed);
      EXPECT_EQ(streamed.protocol_problem, "");
      if (!expect_decodes_to(streamed.frame, in.data, what + " / streaming")) return;
      for (const Bytes* frame : {&one_shot, &streamed.frame}) {
        if (frame->empty()) continue;
        EXPECT_LE(get_frame_parameters(*frame).window_size, window) << "window larger than the window_log asked for";
        Bytes got;
        EXPECT_NO_THROW(got = limited.decompress(*frame, {.max_output_size = std::max<std::size_t>(1, in.data.size())}))
            << "a decoder limited to the asked window refused the frame";
        EXPECT_TRUE(same_bytes(got, in.data)) << "a decoder limited to the window";
      }
    });
  }
}

INSTANTIATE_TEST_SUITE_P(Forced, StrategyParameters, ::testing::ValuesIn(zstdpp_test::strategy_parameter_cases()),
                         zstdpp_test::case_gtest_name);

// ---- The finder flag ----------------------------------------------------------------------

// btlazy2 searches its binary tree whatever use_row_match_finder says.
TEST(StrategyFinders, Btlazy2IgnoresTheFinderFlag) {
  const Bytes& input = zstdpp_test::strategy_input("text-131073").data;
  for (const zstdpp_test::LazyShape& shape : zstdpp_test::lazy_shapes()) {
    SCOPED_TRACE(shape.name);
    guarded(shape.name, [&] {
      const Bytes auto_frame = ZstdCompressor(zstdpp_test::params_options(zstdpp_test::lazy_parameters(
                                                  STRATEGY_BTLAZY2, ROW_MATCH_FINDER_AUTO, shape)))
                                   .compress(input);
      for (int row : {ROW_MATCH_FINDER_ENABLE, ROW_MATCH_FINDER_DISABLE}) {
        ZstdCompressor c(zstdpp_test::params_options(zstdpp_test::lazy_parameters(STRATEGY_BTLAZY2, row, shape)));
        EXPECT_TRUE(same_bytes(c.compress(input), auto_frame)) << "use_row_match_finder " << row;
      }
    });
  }
}

// AUTO is the row table for windows above 16 KiB and the hash chain at or below, for
// greedy, lazy and lazy2 alike.
TEST(StrategyFinders, AutoPicksRowsAboveA16KiBWindow) {
  const Bytes& input = zstdpp_test::strategy_input("text-131073").data;
  for (int level : {5, 6, 9}) {
    for (int window_log : {0, 14, 15}) {
      const std::string what = level_name(level) + " window_log " + std::to_string(window_log);
      SCOPED_TRACE(what);
      auto frame = [&](int row) {
        ZstdCompressionParameters p;
        p.compression_level = level;
        p.window_log = window_log;
        p.use_row_match_finder = row;
        return ZstdCompressor(zstdpp_test::params_options(p)).compress(input);
      };
      guarded(what, [&] {
        const Bytes automatic = frame(ROW_MATCH_FINDER_AUTO);
        const Bytes row = frame(ROW_MATCH_FINDER_ENABLE);
        const Bytes chain = frame(ROW_MATCH_FINDER_DISABLE);
        expect_decodes_to(row, input, what + " rows");
        expect_decodes_to(chain, input, what + " chain");
        // window_log 0: the level's (18 for this 128 KiB + 1 byte input).
        EXPECT_TRUE(same_bytes(automatic, window_log == 14 ? chain : row))
            << "AUTO is not the " << (window_log == 14 ? "chain" : "row table");
      });
    }
  }
}

// Both finders look for the same matches, in different orders and with different
// forgetting: their frames are valid and within 5% of each other.
TEST(StrategyFinders, RowAndChainFramesAreOfSimilarSize) {
  const Bytes text = zstdpp_test::make_english_text(300000, 61);
  const InputCase inputs[] = {{"text-300000", text}, zstdpp_test::strategy_input("mixed-614400")};
  for (int level : {5, 6, 8, 12}) {
    for (const InputCase& in : inputs) {
      const std::string what = level_name(level) + " / " + in.name;
      SCOPED_TRACE(what);
      guarded(what, [&] {
        const Bytes row =
            ZstdCompressor(zstdpp_test::level_with_finder(level, ROW_MATCH_FINDER_ENABLE)).compress(in.data);
        const Bytes chain =
            ZstdCompressor(zstdpp_test::level_with_finder(level, ROW_MATCH_FINDER_DISABLE)).compress(in.data);
        expect_decodes_to(row, in.data, what + " / rows");
        expect_decodes_to(chain, in.data, what + " / chain");
        std::cout << "[ finders  ] " << what << ": rows " << row.size() << " B, chain " << chain.size() << " B\n";
        const double ratio = static_cast<double>(row.size()) / static_cast<double>(chain.size());
        EXPECT_GE(ratio, 0.95) << "rows " << row.size() << " B, chain " << chain.size() << " B";
        EXPECT_LE(ratio, 1.05) << "rows " << row.size() << " B, chain " << chain.size() << " B";
      });
    }
  }
}

// ---- Ratios ---------------------------------------------------------------------------------

TEST(StrategyRatios, StrongerLevelsDoNotGrowText) {
  const Bytes text = zstdpp_test::make_english_text(400000, 62);
  std::size_t previous = 0;
  int previous_level = 0;
  for (int level : {3, 7, 12, 15, 16, 19, 22}) {
    SCOPED_TRACE(level_name(level));
    std::size_t size = 0;
    guarded(level_name(level), [&] {
      const Bytes frame = ZstdCompressor(zstdpp_test::level_options(level)).compress(text);
      expect_decodes_to(frame, text, level_name(level));
      size = frame.size();
    });
    std::cout << "[ ratios   ] text " << text.size() << " B, level " << level << ": " << size << " B\n";
    if (previous != 0 && size != 0) {
      EXPECT_LE(size, previous + previous / 50)
          << "level " << level << " (" << size << " B) is more than 2% larger than level " << previous_level << " ("
          << previous << " B)";
    }
    previous = size;
    previous_level = level;
  }
}

// ---- Dictionaries -----------------------------------------------------------------------------

struct DictCase {
  std::string name;
  Bytes bytes;
  DictType type;
  std::vector<InputCase> inputs;
  int max_level = MAX_COMPRESSION_LEVEL;  // unpledged, level 22 over 270 KB would use 938 MB
};

std::vector<DictCase> dictionary_cases(const zstdpp_test::TempDir* cli_dir) {
  std::vector<DictCase> cases;
  // 40 KB: every input's row is source + 40 KB (128 KiB for the two small ones, so level
  // 13 is btopt there, and for unpledged streams: 40 KB + 499 B; level 16 is btultra).
  const Bytes small = zstdpp_test::make_english_text(40000, 71);
  cases.push_back({"raw-40k",
                   small,
                   DICT_TYPE_RAWCONTENT,
                   {{"3000", zstdpp_test::make_input_from(small, 3000, 72)},
                    {"50000", zstdpp_test::make_input_from(small, 50000, 73)},
                    {"300000", zstdpp_test::make_input_from(small, 300000, 74)}}});
  // 270 KB: larger than 256 KiB, so every row is the largest (level 13: btlazy2, 16:
  // btopt, 19: btultra2).
  Bytes large = zstdpp_test::make_english_text(150000, 75);
  zstdpp_test::append(large, zstdpp_test::make_structured_binary(120000, 76));
  cases.push_back({"raw-270k",
                   large,
                   DICT_TYPE_RAWCONTENT,
                   {{"2000", zstdpp_test::make_input_from(large, 2000, 77)},
                    {"60000", zstdpp_test::make_input_from(large, 60000, 78)}},
                   19});
  if (cli_dir != nullptr) {
    std::mt19937 rng(79);
    std::vector<Bytes> samples;
    for (int i = 0; i < 400; ++i) samples.push_back(zstdpp_test::to_bytes(zstdpp_test::make_json_record(rng)));
    const Bytes trained = zstdpp_test::zstd_train(*cli_dir, samples, 8000, 0x51AB1E);
    cases.push_back(
        {"trained-8k",
         trained,
         DICT_TYPE_FULLDICT,
         {{"json-15", zstdpp_test::make_json_records(15, 80)}, {"json-300", zstdpp_test::make_json_records(300, 81)}}});
  }
  return cases;
}

TEST(StrategyDictionaries, RoundTripsWithAndWithoutPrecompute) {
  std::optional<zstdpp_test::TempDir> dir;
  if (zstdpp_test::zstd_cli_path()) {
    dir.emplace();
  } else {
    std::cout << "[ dict     ] the `zstd` CLI is absent: no trained dictionary, raw content only\n";
  }
  for (const DictCase& dc : dictionary_cases(dir ? &*dir : nullptr)) {
    const ZstdCompressionDict dict(dc.bytes, dc.type);
    for (int level : {5, 9, 13, 16, 19, 22}) {
      if (level > dc.max_level) continue;
      CompressorOptions o = zstdpp_test::with_flags(zstdpp_test::level_options(level), true, true);
      o.dict_data = dict;
      // A dictionary of its own (prepared ones are shared by copies), prepared for the level.
      CompressorOptions prepared_options = o;
      prepared_options.dict_data = ZstdCompressionDict(dc.bytes, dc.type);
      prepared_options.dict_data->precompute_compress(level);
      ZstdCompressor c(o);
      ZstdCompressor prepared(prepared_options);
      for (const InputCase& in : dc.inputs) {
        // The optimal parsers take the inputs up to 100 KB (one or a few blocks).
        if (level >= zstdpp_test::kFirstOptimalLevel && in.data.size() > 100000) continue;
        const std::string what = dc.name + " / " + level_name(level) + " / input " + in.name;
        SCOPED_TRACE(what);
        const std::uint32_t seed = seed_from(what);
        // One-shot: the row of source + dictionary.
        guarded(what + " one-shot", [&] {
          const Bytes frame = c.compress(in.data);
          if (!expect_decodes_to(frame, in.data, what + " one-shot", &dict)) return;
          EXPECT_EQ(get_frame_parameters(frame).dict_id, dict.dict_id());
          EXPECT_TRUE(same_bytes(c.compress(in.data), frame)) << "compressing twice differs";
          if (in.data.size() <= 4000) {
            const Bytes plain = ZstdCompressor(zstdpp_test::level_options(level)).compress(in.data);
            EXPECT_LT(frame.size(), plain.size()) << "the dictionary did not help an input made from it";
          }
        });
        // Streaming, unpledged: the row of dictionary + 499 bytes; a prepared dictionary
        // gives the same frame as one indexed at the frame's start.
        guarded(what + " streaming", [&] {
          const auto r = zstdpp_test::stream_compress_random(c, in.data, seed);
          EXPECT_EQ(r.protocol_problem, "");
          if (!expect_decodes_to(r.frame, in.data, what + " streaming", &dict)) return;
          const auto p = zstdpp_test::stream_compress_random(prepared, in.data, seed);
          EXPECT_TRUE(same_bytes(p.frame, r.frame))
              << "a prepared dictionary gave another frame: " << describe_mismatch(p.frame, r.frame);
          // One-shot with the prepared dictionary uses the prepared (unknown-size) settings.
          const Bytes frame = prepared.compress(in.data);
          if (expect_decodes_to(frame, in.data, what + " one-shot, prepared", &dict)) {
            EXPECT_EQ(get_frame_parameters(frame).content_size, in.data.size());
          }
        });
      }
    }
  }
}

// precompute_compress with explicit parameters: each strategy and finder (the optimal
// parsers have none to choose), a small window, min_match 3 (the optimal parsers' 3-byte
// table is prepared too).
TEST(StrategyDictionaries, PrecomputedForExplicitParameters) {
  const Bytes content = zstdpp_test::make_english_text(30000, 82);
  const Bytes input = zstdpp_test::make_input_from(content, 40000, 83);
  for (Strategy s : {STRATEGY_GREEDY, STRATEGY_LAZY, STRATEGY_LAZY2, STRATEGY_BTLAZY2, STRATEGY_BTOPT, STRATEGY_BTULTRA,
                     STRATEGY_BTULTRA2}) {
    for (int row : {ROW_MATCH_FINDER_ENABLE, ROW_MATCH_FINDER_DISABLE}) {
      if (zstdpp_test::is_optimal(s) && row == ROW_MATCH_FINDER_DISABLE) continue;
      const std::string what =
          std::string(strategy_name(s)) + (zstdpp_test::is_optimal(s) ? "" : zstdpp_test::row_finder_suffix(row));
      SCOPED_TRACE(what);
      guarded(what, [&] {
        ZstdCompressionParameters p = zstdpp_test::lazy_parameters(s, row, zstdpp_test::lazy_shapes()[3]);
        p.write_checksum = true;
        CompressorOptions o = zstdpp_test::params_options(p);
        o.dict_data = ZstdCompressionDict(content, DICT_TYPE_RAWCONTENT);
        const Bytes plain = ZstdCompressor(o).compress(input);
        CompressorOptions prepared = zstdpp_test::params_options(p);
        prepared.dict_data = ZstdCompressionDict(content, DICT_TYPE_RAWCONTENT);
        prepared.dict_data->precompute_compress(0, &p);
        const Bytes frame = ZstdCompressor(prepared).compress(input);
        expect_decodes_to(plain, input, what, &*o.dict_data);
        expect_decodes_to(frame, input, what + " prepared", &*o.dict_data);
        EXPECT_LT(frame.size(), input.size() / 4) << "most of the input is in the dictionary";
      });
    }
  }
}

}  // namespace
