// The long-distance matcher (src/encoder/match/ldm.hpp), alone.
//
// It is driven as the compressor drives it: one MatchState (for the window and its base)
// and one LongDistanceMatcher per frame, blocks of at most 128 KiB in order. Every match
// it returns is checked against the bytes:
//   - the matches of a block lie inside it, in order, none overlapping (literals + length
//     never pass the block's end);
//   - each is at least ldm_min_match bytes, and its bytes equal the bytes `offset` back;
//   - no source starts below ms.window_low(block end), so no offset exceeds the window.
// Then what the matcher promises beyond that: repeats within the window are found (most
// of a repeated megabyte is covered), nothing is found beyond it, a sliding buffer with
// rebase() finds exactly what one pass over the whole input finds (a rebase that moved
// no entry, or moved them wrongly, would lose matches there), two runs and a matcher
// reused for a second frame give the same matches, and memory_size() is the documented
// formula.
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
#include "encoder/match/ldm.hpp"
#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {
namespace {

using zstdpp_test::Bytes;

constexpr std::size_t kBlock = format::kBlockSizeMax;

// A long match at an absolute input position (frame position, whatever the buffer).
struct FoundMatch {
  std::uint64_t start;
  std::uint32_t offset;
  std::uint32_t length;
  bool operator==(const FoundMatch&) const = default;
};

LdmParams ldm_params(unsigned hash_log = 16, unsigned min_match = 64, unsigned bucket_size_log = 3,
                     unsigned hash_rate_log = 7) {
  return {.enabled = true,
          .hash_log = hash_log,
          .min_match = min_match,
          .bucket_size_log = bucket_size_log,
          .hash_rate_log = hash_rate_log};
}

std::string describe(const LdmParams& p) {
  std::ostringstream s;
  s << "ldm hash_log " << p.hash_log << ", min_match " << p.min_match << ", bucket_size_log " << p.bucket_size_log
    << ", hash_rate_log " << p.hash_rate_log;
  return s.str();
}

// Checks one block's matches against the bytes under ms.base; appends them to `found` at
// frame positions (index + `origin`, the bytes slid out of the buffer so far). Returns
// what was wrong, or an empty string.
std::string check_block(const MatchState& ms, std::span<const LongMatch> matches, const std::uint8_t* block,
                        std::size_t size, unsigned min_match, std::uint64_t origin, std::vector<FoundMatch>& found) {
  const auto begin = static_cast<std::uint32_t>(block - ms.base);
  const auto end = static_cast<std::uint32_t>(begin + size);
  const std::uint32_t low = ms.window_low(end);
  std::uint64_t pos = begin;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const LongMatch& m = matches[i];
    std::ostringstream where;
    where << "match " << i << " (literals " << m.literals << ", offset " << m.offset << ", length " << m.length
          << ") of the block at frame position " << begin + origin;
    pos += m.literals;
    if (pos + m.length > end) return where.str() + ": passes the block's end";
    if (m.length < min_match) return where.str() + ": shorter than min_match " + std::to_string(min_match);
    if (m.offset == 0 || m.offset > pos) return where.str() + ": offset before the buffer";
    if (pos - m.offset < low) return where.str() + ": source below the window's low index " + std::to_string(low);
    if (std::memcmp(ms.base + pos, ms.base + pos - m.offset, m.length) != 0)
      return where.str() + ": the bytes differ from their source";
    found.push_back({pos + origin, m.offset, m.length});
    pos += m.length;
  }
  return {};
}

// A frame's start: the window over `base`, the matcher reset for blocks of kBlock.
void start(MatchState& ms, LongDistanceMatcher& ldm, const std::uint8_t* base, const LdmParams& p,
           unsigned window_log) {
  MatchParams mp;
  mp.window_log = window_log;
  ms.reset(mp);
  ms.base = base;
  ldm.reset(p, kBlock);
}

// One pass over the whole input, as one-shot compression does (base = the input).
std::vector<FoundMatch> run_one_shot(const Bytes& input, const LdmParams& p, unsigned window_log) {
  MatchState ms;
  LongDistanceMatcher ldm;
  start(ms, ldm, input.data(), p, window_log);
  std::vector<FoundMatch> found;
  for (std::size_t pos = 0; pos < input.size(); pos += kBlock) {
    const std::size_t size = std::min(kBlock, input.size() - pos);
    const std::string error =
        check_block(ms, ldm.find_matches(ms, input.data() + pos, size), input.data() + pos, size, p.min_match, 0, found);
    if (!error.empty()) {
      ADD_FAILURE() << describe(p) << ", window_log " << window_log << ": " << error;
      break;
    }
  }
  return found;
}

// As the streaming compressor does: a buffer of a window, `room` and a block; when the
// next block does not fit, the bytes from `keep_extra` before the last window on move to
// the front and both tables are rebased by the same (odd, unaligned) amount.
std::vector<FoundMatch> run_sliding(const Bytes& input, const LdmParams& p, unsigned window_log, std::size_t room,
                                    std::size_t keep_extra) {
  const std::size_t window = std::size_t{1} << window_log;
  Bytes buffer(window + keep_extra + room + kBlock);
  MatchState ms;
  LongDistanceMatcher ldm;
  start(ms, ldm, buffer.data(), p, window_log);
  std::vector<FoundMatch> found;
  std::size_t end = 0;          // bytes in the buffer
  std::uint64_t origin = 0;     // frame position of buffer[0]
  std::size_t slides = 0;
  for (std::size_t pos = 0; pos < input.size(); pos += kBlock) {
    const std::size_t size = std::min(kBlock, input.size() - pos);
    if (end + size > buffer.size()) {
      const std::size_t keep = window + keep_extra;
      const std::size_t shift = end - keep;
      std::memmove(buffer.data(), buffer.data() + shift, keep);
      end = keep;
      origin += shift;
      ms.rebase(static_cast<std::uint32_t>(shift));
      ldm.rebase(static_cast<std::uint32_t>(shift));
      ++slides;
    }
    std::memcpy(buffer.data() + end, input.data() + pos, size);
    const std::string error = check_block(ms, ldm.find_matches(ms, buffer.data() + end, size), buffer.data() + end,
                                          size, p.min_match, origin, found);
    if (!error.empty()) {
      ADD_FAILURE() << describe(p) << ", sliding: " << error;
      break;
    }
    end += size;
  }
  EXPECT_GE(slides, 2u) << "the sliding run should slide more than once";
  return found;
}

std::uint64_t matched_bytes(const std::vector<FoundMatch>& found, std::uint64_t from, std::uint64_t to) {
  std::uint64_t n = 0;
  for (const FoundMatch& m : found) {
    const std::uint64_t a = std::max(from, m.start), b = std::min(to, m.start + m.length);
    if (a < b) n += b - a;
  }
  return n;
}

// 1 MiB random (A), 512 KiB random, A again with a few bytes changed every 64 KiB, 256 KiB
// of text, A a third time: repeats 1.5 and 2.75 MiB back, broken by edits.
struct RepeatInput {
  Bytes bytes;
  std::uint64_t second_copy = 0, third_copy = 0, copy_size = 0;
};

const RepeatInput& repeat_input() {
  static const RepeatInput input = [] {
    RepeatInput in;
    const Bytes a = zstdpp_test::make_random_bytes(1 << 20, 101);
    const Bytes gap = zstdpp_test::make_random_bytes(1 << 19, 102);
    const Bytes text = zstdpp_test::make_english_text(1 << 18, 103);
    in.copy_size = a.size();
    zstdpp_test::append(in.bytes, a);
    zstdpp_test::append(in.bytes, gap);
    in.second_copy = in.bytes.size();
    Bytes edited = a;
    for (std::size_t i = 40000; i < edited.size(); i += 65536) edited[i] ^= 0x5A;
    zstdpp_test::append(in.bytes, edited);
    zstdpp_test::append(in.bytes, text);
    in.third_copy = in.bytes.size();
    zstdpp_test::append(in.bytes, a);
    return in;
  }();
  return input;
}

TEST(LongDistanceMatcher, MatchesAreVerifiedLongAndInsideTheWindow) {
  const RepeatInput& in = repeat_input();
  // Shapes: the defaults' rate with small and large tables, short and long matches, one
  // and many entries a bucket, a split point at every position (rate 0) and sparse ones.
  const LdmParams shapes[] = {ldm_params(16, 64, 3, 7), ldm_params(12, 64, 3, 7), ldm_params(18, 16, 1, 4),
                              ldm_params(14, 4, 4, 0),  ldm_params(20, 300, 2, 10), ldm_params(6, 64, 6, 7)};
  for (const LdmParams& p : shapes) {
    SCOPED_TRACE(describe(p));
    const std::vector<FoundMatch> found = run_one_shot(in.bytes, p, 22);
    if (p.hash_log >= 16 && p.min_match <= 64) {
      // A table with room for every split point finds nearly all of each copy (what is
      // lost: the bytes from an edit to the next split point, and each copy's start).
      EXPECT_GT(matched_bytes(found, in.second_copy, in.second_copy + in.copy_size), in.copy_size * 95 / 100);
      EXPECT_GT(matched_bytes(found, in.third_copy, in.third_copy + in.copy_size), in.copy_size * 95 / 100);
    }
    // The first copy and the gap are random: nothing to find there (not even by chance,
    // bar a min_match of 4).
    if (p.min_match >= 16) {
      EXPECT_EQ(matched_bytes(found, 0, in.second_copy), 0u);
    }
  }
}

TEST(LongDistanceMatcher, NothingBeyondTheWindow) {
  // A, B, A with A 256 KiB and B 512 KiB: the repeat is 768 KiB back.
  const Bytes a = zstdpp_test::make_random_bytes(1 << 18, 201);
  Bytes input = a;
  zstdpp_test::append(input, zstdpp_test::make_random_bytes(1 << 19, 202));
  zstdpp_test::append(input, a);
  const std::uint64_t copy = (1 << 18) + (1 << 19);
  // A 512 KiB window cannot reach it (the checks above also reject any offset past it).
  EXPECT_TRUE(run_one_shot(input, ldm_params(), 19).empty());
  // A 1 MiB window can.
  EXPECT_GT(matched_bytes(run_one_shot(input, ldm_params(), 20), copy, copy + a.size()), a.size() * 95 / 100);
}

TEST(LongDistanceMatcher, SlidingBufferFindsWhatOnePassFinds) {
  const RepeatInput& in = repeat_input();
  for (const LdmParams& p : {ldm_params(), ldm_params(14, 32, 2, 5)}) {
    SCOPED_TRACE(describe(p));
    // A 2 MiB window reaches the first copy from the second (1.5 MiB back) and the second
    // from the third (1.25 MiB), not the first from the third (2.75 MiB): by then the
    // buffer has slid the first copy out. Room of 300 KB or 70 KB and odd extra history:
    // slides by amounts that are not multiples of a block, a bucket or a word, three or
    // many times.
    const unsigned window_log = 21;
    const std::vector<FoundMatch> once = run_one_shot(in.bytes, p, window_log);
    for (const std::size_t room : {300000u, 70001u}) {
      SCOPED_TRACE("room " + std::to_string(room));
      const std::vector<FoundMatch> sliding = run_sliding(in.bytes, p, window_log, room, 777);
      EXPECT_EQ(once, sliding) << once.size() << " matches in one pass, " << sliding.size() << " sliding";
    }
    EXPECT_FALSE(once.empty());
  }
}

TEST(LongDistanceMatcher, DeterministicAcrossRunsAndFrames) {
  const RepeatInput& in = repeat_input();
  const LdmParams p = ldm_params();
  const std::vector<FoundMatch> fresh = run_one_shot(in.bytes, p, 22);
  EXPECT_EQ(fresh, run_one_shot(in.bytes, p, 22));

  // One matcher over two frames (reset between them) finds in the second what a fresh
  // matcher finds: nothing of the first frame is left to change a lookup.
  MatchState ms;
  LongDistanceMatcher ldm;
  std::vector<FoundMatch> second;
  const Bytes text = zstdpp_test::make_english_text(300000, 11);
  for (const Bytes* frame : {&text, &in.bytes}) {
    start(ms, ldm, frame->data(), p, 22);
    second.clear();
    for (std::size_t pos = 0; pos < frame->size(); pos += kBlock) {
      const std::size_t size = std::min(kBlock, frame->size() - pos);
      ASSERT_EQ(check_block(ms, ldm.find_matches(ms, frame->data() + pos, size), frame->data() + pos, size,
                            p.min_match, 0, second),
                "");
    }
  }
  EXPECT_EQ(second, fresh);
}

TEST(LongDistanceMatcher, MemorySizeIsTheDocumentedFormula) {
  LongDistanceMatcher ldm;
  EXPECT_EQ(ldm.memory_size(), 0u);
  const LdmParams big = ldm_params(20, 64, 3, 7), small = ldm_params(12, 16, 2, 7);
  ldm.reset(big, kBlock);
  // 8 bytes an entry, and block / min_match + 1 matches of 12 bytes.
  const std::size_t expected = (std::size_t{8} << 20) + (kBlock / 64 + 1) * 12;
  EXPECT_EQ(ldm.memory_size(), expected);
  EXPECT_EQ(LongDistanceMatcher::memory_needed(big, kBlock), expected);
  EXPECT_LT(LongDistanceMatcher::memory_needed(small, kBlock), expected);
  // A smaller frame reuses the larger tables: what is held is still the larger size.
  ldm.reset(small, kBlock);
  EXPECT_GE(ldm.memory_size(), expected);
}

}  // namespace
}  // namespace zstdpp::encoder
