// Match finders (src/encoder/match/): each finder's sequences must rebuild its input.
//
// A finder's output is a SequenceStore: literals, and per sequence a literal length, a
// match length and an Offset_Value (repeat codes 1..3 or offset + 3). The test replays
// that store the way a decoder does (RFC 8878 section 3.1.1.5 for the repeat codes, with
// the literal-length-zero shift, and the history carried from block to block), written
// here independently of the store's own encode_offset(), and demands:
//   - the rebuilt bytes equal the input, block by block, with every literal used;
//   - no match reaches before the first byte of the frame, or further back than the
//     window (2^window_log) from the position it is copied to (section 3.1.1.1.2: a
//     decoder keeps only the window);
//   - every match is at least 3 bytes long (the format's minimum), and no sequence
//     crosses its block's end.
// The finders are driven as the one-shot compressor drives them (base = the input's
// first byte, blocks of at most 128 KiB in order, one MatchState and one store per frame)
// and, in the sliding test, as the streaming compressor does (bytes moved back in a
// buffer, tables rebased).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../interop/test_support.hpp"
#include "common/format.hpp"
#include "encoder/match/match_state.hpp"
#include "encoder/match/row_table.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {
namespace {

using zstdpp_test::Bytes;

struct Finder {
  const char* name;
  BlockMatcher matcher;
  Strategy strategy;
  TableLayout layout = TableLayout::kHashAndChain;
  unsigned search_log = 1;  // the lazy family and btlazy2: candidates per search (log2)
};

// Every finder, the lazy family over both of its tables (rows of 16, 32 and 64), and the
// optimal parsers (one binary tree, priced in whole bits, in fractional bits, and with
// btultra2's first-block pass).
const Finder kFinders[] = {
    {"fast", match_fast, Strategy::fast, TableLayout::kHashOnly},
    {"dfast", match_dfast, Strategy::dfast},
    {"greedy_chain", match_greedy, Strategy::greedy, TableLayout::kHashAndChain, 3},
    {"greedy_row16", match_greedy, Strategy::greedy, TableLayout::kRows, 3},
    {"lazy_chain", match_lazy, Strategy::lazy, TableLayout::kHashAndChain, 4},
    {"lazy_row32", match_lazy, Strategy::lazy, TableLayout::kRows, 5},
    {"lazy2_chain", match_lazy2, Strategy::lazy2, TableLayout::kHashAndChain, 6},
    {"lazy2_row64", match_lazy2, Strategy::lazy2, TableLayout::kRows, 6},
    {"btlazy2", match_btlazy2, Strategy::btlazy2, TableLayout::kHashAndChain, 5},
    {"btopt", match_btopt, Strategy::btopt, TableLayout::kHashAndChain, 4},
    {"btultra", match_btultra, Strategy::btultra, TableLayout::kHashAndChain, 6},
    {"btultra2", match_btultra2, Strategy::btultra2, TableLayout::kHashAndChain, 8},
};
constexpr std::size_t kFinderCount = sizeof kFinders / sizeof kFinders[0];

bool is_optimal(const Finder& finder) { return finder.strategy >= Strategy::btopt; }

// `p` with the finder's table layout and search depth (row size from search_log, as the
// parameter resolution sets it); the optimal parsers' 3-byte table with min_match 3, of
// 2^min(window_log, 17) entries as the compressor sizes it.
MatchParams shaped(const Finder& finder, MatchParams p) {
  p.layout = finder.layout;
  p.search_log = finder.search_log;
  p.row_log = std::clamp(finder.search_log, 4u, 6u);
  if (finder.strategy == Strategy::btlazy2) p.chain_log = std::max(p.chain_log, 7u);  // two links a node
  p.hash3_log = is_optimal(finder) && p.min_match == 3 ? std::min(p.window_log, 17u) : 0;
  return p;
}

// Decoder-side repeat offset history (RFC 8878 section 3.1.1.5), written from the RFC's
// table rather than from encode_offset().
struct ReplayHistory {
  std::uint64_t rep[3] = {format::kInitialRepeatOffsets[0], format::kInitialRepeatOffsets[1],
                          format::kInitialRepeatOffsets[2]};

  std::uint64_t decode(std::uint32_t offset_value, std::uint32_t lit_length) {
    if (offset_value > 3) {
      const std::uint64_t offset = offset_value - 3;
      rep[2] = rep[1];
      rep[1] = rep[0];
      rep[0] = offset;
      return offset;
    }
    // Repeat code: with literal length 0 the codes shift by one and code 3 means rep0 - 1.
    unsigned index = offset_value - 1 + (lit_length == 0 ? 1 : 0);
    std::uint64_t offset;
    if (index == 0) return rep[0];  // the history does not change
    if (index == 3) {
      offset = rep[0] - 1;
    } else {
      offset = rep[index];
    }
    if (index >= 2) rep[2] = rep[1];
    rep[1] = rep[0];
    rep[0] = offset;
    return offset;
  }
};

struct ReplayStats {
  std::size_t sequences = 0;
  std::size_t repeat_codes = 0;
  std::size_t matched_bytes = 0;
  std::size_t max_offset = 0;
};

// Appends the block a store describes to `out` (which holds the frame's bytes so far).
// Returns an empty string when the store is well formed, else what was wrong.
std::string replay_block(const SequenceStore& store, ReplayHistory& history, std::uint64_t window_size, Bytes& out,
                         std::size_t block_size, ReplayStats& stats) {
  const std::size_t block_start = out.size();
  const std::uint8_t* lit = store.literals();
  std::size_t lit_left = store.literals_size();
  for (std::size_t i = 0; i < store.sequence_count(); ++i) {
    const StoredSequence& s = store.sequences()[i];
    std::ostringstream where;
    where << "sequence " << i << " (ll " << s.lit_length << ", ml " << s.match_length << ", offset value "
          << s.offset_value << ") at frame position " << out.size();
    if (s.lit_length > lit_left) return where.str() + ": more literals than the store holds";
    out.insert(out.end(), lit, lit + s.lit_length);
    lit += s.lit_length;
    lit_left -= s.lit_length;
    if (s.offset_value == 0) return where.str() + ": offset value 0";
    if (s.offset_value <= 3) ++stats.repeat_codes;
    const std::uint64_t offset = history.decode(s.offset_value, s.lit_length);
    if (offset == 0) return where.str() + ": decodes to offset 0";
    if (offset > out.size()) {
      return where.str() + ": offset " + std::to_string(offset) + " reaches before the frame's first byte";
    }
    if (offset > window_size) {
      return where.str() + ": offset " + std::to_string(offset) + " is larger than the window of " +
             std::to_string(window_size) + " bytes";
    }
    if (s.match_length < format::kMinMatch) return where.str() + ": match shorter than 3 bytes";
    if (out.size() + s.match_length - block_start > block_size) return where.str() + ": match crosses the block's end";
    for (std::uint32_t k = 0; k < s.match_length; ++k) out.push_back(out[out.size() - offset]);
    ++stats.sequences;
    stats.matched_bytes += s.match_length;
    stats.max_offset = std::max<std::size_t>(stats.max_offset, offset);
  }
  out.insert(out.end(), lit, lit + lit_left);
  if (out.size() - block_start != block_size) {
    return "block rebuilt to " + std::to_string(out.size() - block_start) + " bytes, want " +
           std::to_string(block_size);
  }
  return {};
}

MatchParams params(unsigned window_log, unsigned hash_log, unsigned chain_log, unsigned min_match,
                   unsigned target_length = 0) {
  MatchParams p;
  p.window_log = window_log;
  p.hash_log = hash_log;
  p.chain_log = chain_log;
  p.min_match = min_match;
  p.target_length = target_length;
  return p;
}

std::string describe(const MatchParams& p) {
  std::ostringstream s;
  s << "window_log " << p.window_log << ", hash_log " << p.hash_log << ", chain_log " << p.chain_log
    << ", min_match " << p.min_match << ", target_length " << p.target_length;
  return s.str();
}

// One-shot use: the whole input is the history, blocks of `block_size` in order.
ReplayStats run_one_shot(const Finder& finder, const MatchParams& p, const Bytes& input,
                         std::size_t block_size = format::kBlockSizeMax) {
  SCOPED_TRACE(std::string(finder.name) + ", " + describe(p) + ", input " + std::to_string(input.size()) +
               " bytes, blocks of " + std::to_string(block_size));
  MatchState ms;
  ms.reset(shaped(finder, p));
  ms.base = input.data();
  SequenceStore store;
  ReplayHistory history;
  ReplayStats stats;
  Bytes rebuilt;
  rebuilt.reserve(input.size());
  std::size_t pos = 0;
  std::size_t block_index = 0;
  while (pos < input.size()) {
    const std::size_t n = std::min(block_size, input.size() - pos);
    store.reset();
    const std::size_t last_literals = finder.matcher(ms, store, input.data() + pos, n);
    EXPECT_LE(last_literals, n) << "block " << block_index;
    if (last_literals > n) return stats;
    store.add_last_literals(input.data() + pos + n - last_literals, last_literals);
    const std::string problem =
        replay_block(store, history, std::uint64_t{1} << p.window_log, rebuilt, n, stats);
    EXPECT_EQ(problem, "") << "block " << block_index;
    if (!problem.empty()) return stats;
    EXPECT_TRUE(std::equal(rebuilt.begin() + static_cast<std::ptrdiff_t>(pos), rebuilt.end(),
                           input.begin() + static_cast<std::ptrdiff_t>(pos)))
        << "block " << block_index << " rebuilt to different bytes: "
        << zstdpp_test::describe_mismatch(ByteView(rebuilt).subspan(pos), ByteView(input).subspan(pos, n));
    pos += n;
    ++block_index;
  }
  return stats;
}

struct NamedInput {
  const char* name;
  Bytes data;
};

const std::vector<NamedInput>& inputs() {
  static const std::vector<NamedInput> v = [] {
    std::vector<NamedInput> all;
    all.push_back({"empty", {}});
    all.push_back({"15-bytes", zstdpp_test::to_bytes("abcabcabcabcabc")});
    all.push_back({"16-bytes", zstdpp_test::to_bytes("abcdabcdabcdabcd")});
    all.push_back({"17-bytes-same", Bytes(17, 7)});
    all.push_back({"text-300k", zstdpp_test::make_english_text(300000, 21)});
    all.push_back({"binary-150k", zstdpp_test::make_structured_binary(150000, 22)});
    all.push_back({"random-70k", zstdpp_test::make_random_bytes(70000, 23)});
    all.push_back({"same-byte-200k", Bytes(200000, 0)});
    all.push_back({"pattern-50k", zstdpp_test::make_repeated_pattern(50000, "xyzxyw")});
    // Short periods exercise the repeat codes with literal length 0 (rep0 - 1 included).
    Bytes periods;
    std::mt19937 rng(24);
    while (periods.size() < 100000) {
      const std::size_t period = 1 + rng() % 9;
      const std::size_t run = 16 + rng() % 300;
      Bytes unit(period);
      for (auto& b : unit) b = static_cast<std::uint8_t>(rng() % 4);
      for (std::size_t i = 0; i < run; ++i) periods.push_back(unit[i % period]);
    }
    all.push_back({"short-periods-100k", periods});
    return all;
  }();
  return v;
}

class MatchFinderRebuild : public ::testing::TestWithParam<std::size_t> {};

TEST_P(MatchFinderRebuild, SequencesRebuildEveryInput) {
  const Finder& finder = kFinders[GetParam()];
  const std::vector<MatchParams> shapes = {
      params(19, 14, 13, 4), params(19, 14, 13, 5), params(20, 17, 16, 6), params(21, 16, 16, 7),
      params(17, 6, 6, 4),   params(24, 22, 20, 5), params(19, 12, 12, 3), params(19, 12, 12, 9),
  };
  // The optimal parsers (10-100x slower) take one shape per match collector (min_match 3
  // with its 3-byte table, 4, 5, and 9, which they treat as 6), tiny tables among them, and
  // target lengths that stop a parse at once (4), early (32) and never (4096).
  const std::vector<MatchParams> optimal_shapes = {
      params(19, 12, 12, 3, 32),
      params(17, 6, 6, 4, 4),
      params(24, 22, 20, 5, 4096),
      params(20, 17, 16, 9, 256),
  };
  for (const MatchParams& p : is_optimal(finder) ? optimal_shapes : shapes) {
    for (const NamedInput& in : inputs()) {
      SCOPED_TRACE(in.name);
      const ReplayStats stats = run_one_shot(finder, p, in.data);
      if (HasFailure()) return;
      // Generated text repeats words, not phrases: a tenth matched is already poor.
      if (std::string_view(in.name).starts_with("text")) {
        EXPECT_GT(stats.matched_bytes, in.data.size() / 10) << "the finder found almost no matches";
      }
      if (std::string_view(in.name).starts_with("same")) {
        EXPECT_GT(stats.matched_bytes, in.data.size() - 100) << "a run of one byte must be nearly all matches";
      }
    }
  }
}

// Negative levels: target_length is the fast finder's acceleration (larger skips).
TEST(MatchFinderFast, AccelerationStillRebuilds) {
  for (unsigned acceleration : {1u, 2u, 7u, 100u, 131071u}) {
    for (const NamedInput& in : inputs()) {
      SCOPED_TRACE(in.name);
      run_one_shot(kFinders[0], params(19, 14, 0, 5, acceleration), in.data);
      if (HasFailure()) return;
    }
  }
}

// The repeat codes (with the literal-length-zero shift) are what a finder's output relies
// on most; an input of short periods must produce some.
TEST_P(MatchFinderRebuild, UsesRepeatCodes) {
  const Finder& finder = kFinders[GetParam()];
  const ReplayStats stats = run_one_shot(finder, params(19, 14, 13, 4), inputs().back().data);
  EXPECT_GT(stats.repeat_codes, 100u);
}

// Windows smaller than the input (and than a block): no offset may pass the window. Blocks
// are first cut at the window size (what Block_Maximum_Size = min(window, 128 KiB) allows),
// then at 128 KiB, as the compressor cuts them. The optimal parsers search 3-byte matches
// (their 3-byte table) at the two smallest windows.
TEST_P(MatchFinderRebuild, OffsetsStayInsideSmallWindows) {
  const Finder& finder = kFinders[GetParam()];
  const Bytes& text = inputs()[4].data;
  for (unsigned window_log : {10u, 11u, 12u, 16u}) {
    const MatchParams p = params(window_log, 12, 10, is_optimal(finder) && window_log <= 11 ? 3 : 4);
    const ReplayStats stats = run_one_shot(finder, p, text, std::size_t{1} << window_log);
    EXPECT_LE(stats.max_offset, std::size_t{1} << window_log);
    if (HasFailure()) return;
  }
  for (unsigned window_log : {10u, 12u}) {
    SCOPED_TRACE("128 KiB blocks over a smaller window");
    run_one_shot(finder, params(window_log, 12, 10, 4), text, format::kBlockSizeMax);
    if (HasFailure()) return;
  }
}

// The streaming compressor's use: a buffer of twice the window plus a block, the last
// window of history moved to the front when full, and the tables rebased by the same
// amount. Sequences must still rebuild the input and respect the window. The optimal
// parsers' 3-byte table is rebased too (min_match 3 at the smaller window).
TEST_P(MatchFinderRebuild, RebuildsAcrossSlidesAndRebase) {
  const Finder& finder = kFinders[GetParam()];
  const Bytes& input = inputs()[4].data;  // text-300k
  for (unsigned window_log : {14u, 16u}) {
    const MatchParams p = params(window_log, 14, 13, is_optimal(finder) && window_log == 14 ? 3 : 5);
    SCOPED_TRACE(describe(p));
    const std::size_t window = std::size_t{1} << window_log;
    const std::size_t block = std::min(window, format::kBlockSizeMax);
    Bytes buffer(2 * window + block);
    MatchState ms;
    ms.reset(shaped(finder, p));
    ms.base = buffer.data();
    SequenceStore store;
    ReplayHistory history;
    ReplayStats stats;
    Bytes rebuilt;
    std::size_t end = 0, slides = 0;
    // Blocks of odd sizes (as flushes make them): slides by amounts that are not multiples
    // of the chain's size, which chain and tree slots must survive.
    for (std::size_t pos = 0, count = 0; pos < input.size(); ++count) {
      const std::size_t n = std::min(block - 1000 - 37 * (count % 5), input.size() - pos);
      if (end + n > buffer.size()) {
        const std::size_t keep_from = end - window;
        std::memmove(buffer.data(), buffer.data() + keep_from, end - keep_from);
        end -= keep_from;
        ms.rebase(static_cast<std::uint32_t>(keep_from));
        ++slides;
      }
      std::memcpy(buffer.data() + end, input.data() + pos, n);
      store.reset();
      const std::size_t last = finder.matcher(ms, store, buffer.data() + end, n);
      ASSERT_LE(last, n);
      store.add_last_literals(buffer.data() + end + n - last, last);
      const std::string problem = replay_block(store, history, window, rebuilt, n, stats);
      ASSERT_EQ(problem, "") << "at input offset " << pos;
      ASSERT_TRUE(std::equal(rebuilt.begin() + static_cast<std::ptrdiff_t>(pos), rebuilt.end(),
                             input.begin() + static_cast<std::ptrdiff_t>(pos)))
          << "block at input offset " << pos << " rebuilt to different bytes";
      end += n;
      pos += n;
    }
    EXPECT_GT(slides, 0u) << "the buffer never slid: the test did not test rebase()";
    // Chains and trees must stay linked across slides (their slots keep their place):
    // broken links would still rebuild, only with far fewer matches.
    const ReplayStats in_place = run_one_shot(finder, p, input, block - 1000);
    EXPECT_GE(stats.matched_bytes * 100, in_place.matched_bytes * 97)
        << "sliding lost matches: " << stats.matched_bytes << " bytes matched, " << in_place.matched_bytes
        << " without slides";
  }
}

INSTANTIATE_TEST_SUITE_P(Finders, MatchFinderRebuild, ::testing::Range<std::size_t>(0, kFinderCount),
                         [](const ::testing::TestParamInfo<std::size_t>& param_info) {
                           return std::string(kFinders[param_info.param].name);
                         });

// Same input, same parameters, same store: the same sequences (no hidden state), on a
// fresh state twice and on the first one again after reset() (which must forget the
// tables and, for the optimal parsers, the statistics btultra2's first-block pass keys
// on). The optimal parsers also with min_match 3 (the 3-byte table).
TEST(MatchFinderDeterminism, SameSequencesTwice) {
  const Bytes& input = inputs()[5].data;
  // The sequences (and the trailing literal counts) of `input` through `ms`, reset first.
  auto sequences = [&](const Finder& finder, unsigned min_match, MatchState& ms) {
    ms.reset(shaped(finder, params(19, 14, 13, min_match)));
    ms.base = input.data();
    SequenceStore store;
    std::vector<std::uint32_t> flat;
    for (std::size_t pos = 0; pos < input.size(); pos += format::kBlockSizeMax) {
      const std::size_t n = std::min(format::kBlockSizeMax, input.size() - pos);
      store.reset();
      flat.push_back(static_cast<std::uint32_t>(finder.matcher(ms, store, input.data() + pos, n)));
      for (std::size_t i = 0; i < store.sequence_count(); ++i) {
        const StoredSequence& s = store.sequences()[i];
        flat.insert(flat.end(), {s.lit_length, s.match_length, s.offset_value});
      }
    }
    return flat;
  };
  for (const Finder& finder : kFinders) {
    for (const unsigned min_match : {5u, 3u}) {
      if (min_match == 3 && !is_optimal(finder)) continue;
      MatchState first, second;
      const std::vector<std::uint32_t> once = sequences(finder, min_match, first);
      EXPECT_EQ(once, sequences(finder, min_match, second)) << finder.name << ", min_match " << min_match
                                                            << ": two fresh states";
      EXPECT_EQ(once, sequences(finder, min_match, first)) << finder.name << ", min_match " << min_match
                                                           << ": a state used before, then reset()";
    }
  }
}

// A slide moves every position back by `shift`; a chain or tree slot must not move with
// it, or every link into the moved history would point at the wrong slot.
TEST(MatchStateRebase, ChainSlotsStayPutAcrossShifts) {
  MatchState ms;
  ms.reset(params(16, 10, 12, 5));
  const std::uint32_t shifts[] = {1, 4095, 4096, 12345, 77777};
  for (const std::uint32_t shift : shifts) {
    std::vector<std::size_t> before;
    for (std::uint32_t i = 100000; i < 100000 + 64; ++i) before.push_back(ms.chain_slot(i, 12));
    ms.rebase(shift);
    for (std::uint32_t k = 0; k < 64; ++k) {
      ASSERT_EQ(ms.chain_slot(100000 + k - shift, 12), before[k]) << "shift " << shift << ", position " << k;
    }
    // Slides accumulate, so test the next shift from here.
  }
}

// The row finder's tag compare: the SSE2 and the portable bit trick agree with a plain
// loop on every row size, tag value and position (tags equal to the needle's neighbours
// included: the trick must not borrow across bytes).
TEST(RowTagMask, PortableAndSimdAgreeWithALoop) {
  std::mt19937 rng(31);
  alignas(64) std::uint8_t tags[64];
  for (int trial = 0; trial < 2000; ++trial) {
    const auto tag = static_cast<std::uint8_t>(rng());
    for (auto& t : tags) {
      const unsigned pick = rng() % 4;
      t = static_cast<std::uint8_t>(pick == 0 ? tag : pick == 1 ? tag + 1 : pick == 2 ? tag - 1 : rng());
    }
    for (unsigned row_log = 4; row_log <= 6; ++row_log) {
      std::uint64_t want = 0;
      for (unsigned i = 0; i < (1u << row_log); ++i) want |= std::uint64_t{tags[i] == tag} << i;
      ASSERT_EQ(row_tag_mask_portable(tags, tag, row_log), want) << "row_log " << row_log;
#if defined(__SSE2__)
      ASSERT_EQ(row_tag_mask_sse2(tags, tag, row_log), want) << "row_log " << row_log;
#endif
    }
  }
}

}  // namespace
}  // namespace zstdpp::encoder
