// Unit tests of the sequences section (RFC 8878 sections 3.1.1.3.2 and 3.1.1.4):
// decoder/sequence_tables.hpp (Number_of_Sequences, Symbol_Compression_Modes, table
// selection) and decoder/sequence_exec.hpp (decoding and executing sequences).
//
// Sequence bitstreams are built by a test-side encoder: for each of the three streams it
// finds FSE states by searching the decode table (unit_support.hpp), then writes the
// fields in the RFC's reading order (initial states LL, OF, ML; per sequence the extra
// bits OF, ML, LL, then the state updates LL, ML, OF) in reverse, with the end mark.
// Results are compared with a byte-by-byte reference executor that applies the RFC's
// repeat-offset rules on one flat history (ext segment, prefix, output).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/cpu.hpp"
#include "common/format.hpp"
#include "decoder/literals.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/sequence_tables.hpp"
#include "block_builder.hpp"
#include "unit_support.hpp"

namespace zstdpp::decoder {
namespace {

using zstdpp_unit::Bytes;
using zstdpp_unit::Field;
using zstdpp_unit::encode_sequences;
using zstdpp_unit::predefined_tables;
using zstdpp_unit::reference_execute;
using zstdpp_unit::resolve_offset;
using zstdpp_unit::Seq;

// ---- Sequences header ---------------------------------------------------------------------

Status read_header(const Bytes& b, SeqTableSet& tables, SequencesHeader& h) {
  return read_sequences_header(b.data(), b.size(), tables, h);
}

TEST(SequencesHeader, NumberOfSequencesForms) {
  struct Case {
    Bytes bytes;
    std::size_t num, header_size;
    const char* what;
  };
  const Case cases[] = {
      {{0x00}, 0, 1, "0: no modes byte follows"},
      {{0x01, 0x00}, 1, 2, "1 byte"},
      {{0x7F, 0x00}, 127, 2, "1 byte, largest"},
      {{0x80, 0x80, 0x00}, 128, 3, "2 bytes: (0x80 - 0x80) << 8 + 0x80"},
      {{0x81, 0x00, 0x00}, 256, 3, "2 bytes: 1 << 8"},
      {{0xFE, 0xFF, 0x00}, 0x7EFF, 3, "2 bytes, largest: (0xFE - 0x80) << 8 + 0xFF"},
      {{0xFF, 0x00, 0x00, 0x00}, 0x7F00, 4, "3 bytes: 0 + 0x7F00"},
      {{0xFF, 0x34, 0x12, 0x00}, 0x1234 + 0x7F00, 4, "3 bytes: 0x1234 + 0x7F00"},
      {{0xFF, 0xFF, 0xFF, 0x00}, 0xFFFF + 0x7F00, 4, "3 bytes, largest"},
      {{0x80, 0x00}, 0, 2, "2-byte form of 0: no modes byte"},
  };
  for (const Case& c : cases) {
    SeqTableSet tables;
    SequencesHeader h;
    const Status s = read_header(c.bytes, tables, h);
    ASSERT_TRUE(s.ok()) << c.what << ": " << describe(s);
    EXPECT_EQ(h.num_sequences, c.num) << c.what;
    EXPECT_EQ(h.header_size, c.header_size) << c.what;
  }
}

TEST(SequencesHeader, TruncatedCountOrModes) {
  SeqTableSet tables;
  SequencesHeader h;
  EXPECT_EQ(read_header({}, tables, h).code, ErrorCode::kCorruptedData);
  EXPECT_EQ(read_header({0x80}, tables, h).code, ErrorCode::kCorruptedData);
  EXPECT_EQ(read_header({0xFF, 0x00}, tables, h).code, ErrorCode::kCorruptedData);
  const Status s = read_header({0x05}, tables, h);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("Symbol_Compression_Modes"), std::string::npos) << describe(s);
}

TEST(SequencesHeader, PredefinedModes) {
  SeqTableSet tables;
  SequencesHeader h;
  ASSERT_TRUE(read_header({0x03, 0x00}, tables, h).ok());  // modes 00 00 00 00
  EXPECT_EQ(tables.ll.entries, predefined_seq_table(SeqKind::kLiteralLength).entries);
  EXPECT_EQ(tables.of.entries, predefined_seq_table(SeqKind::kOffset).entries);
  EXPECT_EQ(tables.ml.entries, predefined_seq_table(SeqKind::kMatchLength).entries);
  EXPECT_EQ(tables.ll.accuracy_log, 6u);
  EXPECT_EQ(tables.of.accuracy_log, 5u);
  EXPECT_EQ(tables.ml.accuracy_log, 6u);
}

TEST(SequencesHeader, RleModes) {
  SeqTableSet tables;
  SequencesHeader h;
  // Modes 0x54 = 01 01 01 00: RLE for LL, OF, ML; then one code byte each, in that order.
  ASSERT_TRUE(read_header({0x02, 0x54, 20, 5, 40, 0xEE}, tables, h).ok());
  EXPECT_EQ(h.header_size, 5u);
  EXPECT_EQ(tables.ll.accuracy_log, 0u);
  EXPECT_EQ(tables.ll.entries[0].base_value, 24u);  // LL code 20: 24 + 2 bits
  EXPECT_EQ(tables.ll.entries[0].extra_bits, 2u);
  EXPECT_EQ(tables.ll.entries[0].nb_bits, 0u);
  EXPECT_EQ(tables.of.entries[0].base_value, 32u);  // OF code 5: 1 << 5, 5 bits
  EXPECT_EQ(tables.of.entries[0].extra_bits, 5u);
  EXPECT_EQ(tables.ml.entries[0].base_value, 67u);  // ML code 40: 67 + 4 bits
  EXPECT_EQ(tables.ml.entries[0].extra_bits, 4u);
  EXPECT_EQ(tables.ll.entries, tables.ll_own.data());
}

TEST(SequencesHeader, RleCodeBeyondTheMaximum) {
  SeqTableSet tables;
  SequencesHeader h;
  EXPECT_TRUE(read_header({0x01, 0x40, 35}, tables, h).ok());  // LL RLE 35: the largest
  EXPECT_EQ(read_header({0x01, 0x40, 36}, tables, h).code, ErrorCode::kCorruptedData);
  EXPECT_TRUE(read_header({0x01, 0x10, 31}, tables, h).ok());  // OF RLE 31
  EXPECT_EQ(read_header({0x01, 0x10, 32}, tables, h).code, ErrorCode::kCorruptedData);
  EXPECT_TRUE(read_header({0x01, 0x04, 52}, tables, h).ok());  // ML RLE 52
  const Status s = read_header({0x01, 0x04, 53}, tables, h);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.value, 53u);
  EXPECT_EQ(s.limit, 52u);
  EXPECT_EQ(read_header({0x01, 0x04}, tables, h).code, ErrorCode::kCorruptedData) << "RLE byte missing";
}

TEST(SequencesHeader, FseModesInOrderLlOfMl) {
  // LL: FSE (log 7), OF: RLE code 3, ML: FSE (log 6). Modes = 10 01 10 00 = 0x98.
  std::mt19937 rng(1);
  const std::vector<int> ll = zstdpp_unit::random_distribution(rng, 35, 7);
  const std::vector<int> ml = zstdpp_unit::random_distribution(rng, 52, 6);
  const Bytes ll_desc = zstdpp_unit::write_fse_description(ll, 7);
  const Bytes ml_desc = zstdpp_unit::write_fse_description(ml, 6);
  Bytes b = {0x10, 0x98};
  zstdpp_unit::append(b, ll_desc);
  b.push_back(3);
  zstdpp_unit::append(b, ml_desc);
  const std::size_t expected_size = b.size();
  b.push_back(0xAB);  // the bitstream starts here
  SeqTableSet tables;
  SequencesHeader h;
  const Status s = read_header(b, tables, h);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(h.num_sequences, 16u);
  EXPECT_EQ(h.header_size, expected_size);
  EXPECT_EQ(tables.ll.accuracy_log, 7u);
  EXPECT_EQ(tables.ml.accuracy_log, 6u);
  EXPECT_EQ(tables.of.accuracy_log, 0u);
  EXPECT_EQ(tables.ll.entries, tables.ll_own.data());
  const std::vector<zstdpp_unit::RefState> ref = zstdpp_unit::ref_fse_table(ll, 7);
  for (std::size_t state = 0; state < ref.size(); ++state) {
    ASSERT_EQ(tables.ll.entries[state].nb_bits, ref[state].nb_bits);
    ASSERT_EQ(static_cast<int>(state) + tables.ll.entries[state].next_delta, static_cast<int>(ref[state].baseline));
    ASSERT_EQ(tables.ll.entries[state].base_value, format::kLiteralLengthBase[ref[state].symbol]);
  }
}

TEST(SequencesHeader, FseAccuracyLimitsPerStream) {
  // Offsets allow accuracy log 8, literal and match lengths 9.
  const Bytes of9 = zstdpp_unit::write_fse_description({256, 256}, 9);
  const Bytes of8 = zstdpp_unit::write_fse_description({128, 128}, 8);
  SeqTableSet tables;
  SequencesHeader h;
  Bytes b = {0x01, 0x20};  // OF FSE, others predefined
  zstdpp_unit::append(b, of9);
  EXPECT_EQ(read_header(b, tables, h).code, ErrorCode::kCorruptedData);
  b = {0x01, 0x20};
  zstdpp_unit::append(b, of8);
  EXPECT_TRUE(read_header(b, tables, h).ok());
  b = {0x01, 0x80};  // LL FSE with log 9: fine
  zstdpp_unit::append(b, of9);
  EXPECT_TRUE(read_header(b, tables, h).ok());
  // A description whose symbols exceed the stream's codes (ML stops at 52).
  std::vector<int> wide(60, 1);
  wide[0] = 64 - 59;
  b = {0x01, 0x08};
  zstdpp_unit::append(b, zstdpp_unit::write_fse_description(wide, 6));
  EXPECT_EQ(read_header(b, tables, h).code, ErrorCode::kCorruptedData);
}

TEST(SequencesHeader, RepeatModeNeedsAPreviousTable) {
  for (std::uint8_t modes : {0xC0, 0x30, 0x0C}) {  // repeat for LL, OF or ML alone
    SeqTableSet tables;
    SequencesHeader h;
    const Status s = read_header({0x01, modes}, tables, h);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << "modes " << int{modes};
    EXPECT_NE(describe(s).find("repeat"), std::string::npos) << describe(s);
  }
}

TEST(SequencesHeader, RepeatModeKeepsThePreviousTable) {
  std::mt19937 rng(2);
  const std::vector<int> of = zstdpp_unit::random_distribution(rng, 20, 6);
  Bytes first = {0x01, 0x24};  // modes 00 10 01 00: LL predefined, OF FSE, ML RLE
  zstdpp_unit::append(first, zstdpp_unit::write_fse_description(of, 6));
  first.push_back(7);  // ML RLE code 7
  SeqTableSet tables;
  SequencesHeader h;
  ASSERT_TRUE(read_header(first, tables, h).ok());
  const SeqTable ll = tables.ll, of_table = tables.of, ml = tables.ml;
  ASSERT_TRUE(read_header({0x01, 0xFC}, tables, h).ok());  // 11 11 11 00: repeat all three
  EXPECT_EQ(h.header_size, 2u);
  EXPECT_EQ(tables.ll.entries, ll.entries);
  EXPECT_EQ(tables.of.entries, of_table.entries);
  EXPECT_EQ(tables.of.accuracy_log, 6u);
  EXPECT_EQ(tables.ml.entries, ml.entries);
  EXPECT_EQ(tables.ml.entries[0].base_value, 10u);  // ML code 7: 10
  // A block with no sequences leaves the tables alone too.
  ASSERT_TRUE(read_header({0x00}, tables, h).ok());
  EXPECT_EQ(tables.of.entries, of_table.entries);
}

TEST(SequencesHeader, ReservedModeBitsAreCorruption) {
  for (std::uint8_t modes : {0x01, 0x02, 0x03, 0x57}) {
    SeqTableSet tables;
    SequencesHeader h;
    const Status s = read_header({0x01, modes, 0, 0, 0}, tables, h);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << "modes " << int{modes};
    EXPECT_NE(describe(s).find("reserved"), std::string::npos) << describe(s);
  }
}

// One call of execute_sequences with its memory laid out as [prefix | room | tail].
struct SeqRun {
  Bytes ext;                 // history before the prefix (a dictionary)
  Bytes prefix;              // history in the output buffer
  std::size_t room = 0;      // bytes the block may write (oend - op)
  std::size_t tail = 64;     // writable bytes after oend (0: the careful path only)
  std::size_t offset_limit = ~std::size_t{0};
  RepeatOffsets rep{1, 4, 8};
  KernelVariant variant = KernelVariant::kPortable;

  Status status;
  Bytes output;
  Bytes memory;

  static constexpr std::size_t kGuard = 64;  // never writable: must stay untouched

  void execute(const SeqTableSet& tables, const Bytes& stream, std::size_t num_sequences, const Bytes& lits) {
    memory.assign(prefix.size() + room + tail + kGuard, 0xEE);
    std::copy(prefix.begin(), prefix.end(), memory.begin());
    Bytes lit_buf = lits;
    lit_buf.resize(lits.size() + kLiteralsSlack, 0xDD);
    BlockOutput out;
    out.op = memory.data() + prefix.size();
    out.oend = out.op + room;
    out.writable_end = out.oend + tail;
    out.prefix_start = memory.data();
    out.ext_end = ext.empty() ? nullptr : ext.data() + ext.size();
    out.ext_size = ext.size();
    out.offset_limit = offset_limit;
    std::size_t produced = 0;
    status = execute_sequences(variant, tables, stream.data(), stream.size(), num_sequences, lit_buf.data(),
                               lits.size(), rep, out, produced);
    output.assign(out.op, out.op + (status.ok() ? produced : 0));
    // Nothing may be written past the writable end (with no tail: past the block's end).
    for (std::size_t i = prefix.size() + room + tail; i < memory.size(); ++i)
      ASSERT_EQ(memory[i], 0xEE) << "wrote " << i - (prefix.size() + room) << " bytes past the block's end";
  }
};

// Runs seqs through both the engine and the reference and compares.
void expect_like_reference(SeqRun& run, const SeqTableSet& tables, const std::vector<Seq>& seqs, const Bytes& lits,
                           const std::string& what) {
  Bytes history = run.ext;
  zstdpp_unit::append(history, run.prefix);
  const std::size_t start = history.size();
  RepeatOffsets ref_rep = run.rep;
  ASSERT_TRUE(reference_execute(history, seqs, lits, ref_rep)) << what << ": the test's sequences are invalid";
  const Bytes expected(history.begin() + static_cast<std::ptrdiff_t>(start), history.end());
  if (run.room == 0) run.room = expected.size();
  run.execute(tables, encode_sequences(tables, seqs), seqs.size(), lits);
  ASSERT_TRUE(run.status.ok()) << what << ": " << describe(run.status);
  ASSERT_EQ(run.output.size(), expected.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i)
    ASSERT_EQ(run.output[i], expected[i]) << what << ": first difference at output byte " << i;
  EXPECT_EQ(run.rep, ref_rep) << what;
}

Bytes pattern(std::size_t size, unsigned seed) {
  Bytes b(size);
  for (std::size_t i = 0; i < size; ++i) b[i] = static_cast<std::uint8_t>((i * 131 + seed * 17 + (i >> 8)) % 251);
  return b;
}

// ---- Execution ----------------------------------------------------------------------------

TEST(ExecuteSequences, OneHandBuiltSequence) {
  // Literals "abcdXY"; sequence: 4 literals, offset 3 (Offset_Value 6), match 5.
  // Output: "abcd" + "bcdbc" (overlapping copy) + the trailing literals "XY".
  const SeqTableSet tables = predefined_tables();
  const Bytes lits = {'a', 'b', 'c', 'd', 'X', 'Y'};
  SeqRun run;
  run.room = 100;
  run.execute(tables, encode_sequences(tables, {{4, 6, 5}}), 1, lits);
  ASSERT_TRUE(run.status.ok()) << describe(run.status);
  EXPECT_EQ(std::string(run.output.begin(), run.output.end()), "abcdbcdbcXY");
  EXPECT_EQ(run.rep, (RepeatOffsets{3, 1, 4}));
}

TEST(ExecuteSequences, RleTablesHandBuiltBitstream) {
  // RLE tables read no state bits: the stream is only the extra bits. LL code 16 (16 + 1
  // bit), OF code 2 (4 + 2 bits), ML code 32 (35 + 1 bit). Two sequences, read order:
  //   seq 0: OF extra 2 bits = 3 (Offset_Value 7: offset 4), ML extra 1 = 0 (35), LL extra 1 = 1 (17)
  //   seq 1: OF extra = 0 (Offset_Value 4: offset 1), ML extra = 1 (36), LL extra = 0 (16)
  SeqTableSet tables;
  SequencesHeader h;
  ASSERT_TRUE(read_sequences_header(Bytes{0x02, 0x54, 16, 2, 32}.data(), 5, tables, h).ok());
  const Bytes stream = zstdpp_unit::backward_stream({{3, 2}, {0, 1}, {1, 1}, {0, 2}, {1, 1}, {0, 1}});
  EXPECT_EQ(stream, encode_sequences(tables, {{17, 7, 35}, {16, 4, 36}})) << "the encoder agrees with the hand stream";
  const Bytes lits = pattern(40, 1);
  SeqRun run;
  run.room = 200;
  expect_like_reference(run, tables, {{17, 7, 35}, {16, 4, 36}}, lits, "rle");
}

TEST(ExecuteSequences, RepeatOffsetRules) {
  // Repeat offsets {10, 20, 30}; history of 64 distinct-ish bytes so each offset copies
  // different bytes. The RFC's table: with LL > 0, codes 1/2/3 are rep0/rep1/rep2; with
  // LL == 0 they shift to rep1/rep2/rep0 - 1.
  struct Case {
    std::uint32_t ll, of_value;
    std::size_t offset;
    RepeatOffsets after;
    const char* what;
  };
  const Case cases[] = {
      {2, 1, 10, {10, 20, 30}, "LL > 0, repeat 1: rep0, unchanged"},
      {2, 2, 20, {20, 10, 30}, "LL > 0, repeat 2: rep1 moves to front"},
      {2, 3, 30, {30, 10, 20}, "LL > 0, repeat 3: rep2 moves to front"},
      {0, 1, 20, {20, 10, 30}, "LL == 0, repeat 1: rep1"},
      {0, 2, 30, {30, 10, 20}, "LL == 0, repeat 2: rep2"},
      {0, 3, 9, {9, 10, 20}, "LL == 0, repeat 3: rep0 - 1"},
      {0, 4 + 3, 4, {4, 10, 20}, "LL == 0, new offset 4: no shift for real offsets"},
      {2, 40 + 3, 40, {40, 10, 20}, "LL > 0, new offset 40"},
  };
  const SeqTableSet tables = predefined_tables();
  for (const Case& c : cases) {
    SeqRun run;
    run.prefix = pattern(64, 3);
    run.rep = {10, 20, 30};
    run.room = 100;
    const Bytes lits = {0xA1, 0xA2, 0xA3};
    run.execute(tables, encode_sequences(tables, {{c.ll, c.of_value, 6}}), 1, lits);
    ASSERT_TRUE(run.status.ok()) << c.what << ": " << describe(run.status);
    EXPECT_EQ(run.rep, c.after) << c.what;
    // Output: ll literals, 6 bytes copied from `offset` back, the remaining literals.
    Bytes history = run.prefix;
    history.insert(history.end(), lits.begin(), lits.begin() + c.ll);
    for (int k = 0; k < 6; ++k) history.push_back(history[history.size() - c.offset]);
    history.insert(history.end(), lits.begin() + c.ll, lits.end());
    EXPECT_EQ(run.output, Bytes(history.begin() + 64, history.end())) << c.what;
    // And the reference executor agrees (it is what the random tests trust).
    SeqRun again;
    again.prefix = run.prefix;
    again.rep = {10, 20, 30};
    again.room = 100;
    expect_like_reference(again, tables, {{c.ll, c.of_value, 6}}, lits, c.what);
  }
}

TEST(ExecuteSequences, OverlappingMatches) {
  // Offsets below the copy width repeat a short period; check every small offset with
  // lengths around the kernel's 8- and 16-byte steps, on the fast path (slack behind the
  // block) and the careful path (the block ends at the end of writable memory).
  const SeqTableSet tables = predefined_tables();
  for (std::size_t offset : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 15u, 16u, 17u, 31u, 32u, 33u}) {
    for (std::uint32_t length : {3u, 7u, 8u, 9u, 16u, 17u, 31u, 100u, 1000u, 5000u}) {
      for (std::size_t tail : {std::size_t{64}, std::size_t{0}}) {
        const Bytes lits = pattern(40, static_cast<unsigned>(offset));
        SeqRun run;
        run.tail = tail;
        const std::vector<Seq> seqs = {{static_cast<std::uint32_t>(std::max<std::size_t>(offset, 5)),
                                        static_cast<std::uint32_t>(offset + 3), length},
                                       {2, 1, length}};  // the same offset again, as a repeat
        expect_like_reference(run, tables, seqs, lits,
                              "offset " + std::to_string(offset) + " length " + std::to_string(length) +
                                  (tail ? " fast" : " careful"));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST(ExecuteSequences, MatchesIntoTheExtSegmentContinueIntoThePrefix) {
  // History: a 100-byte ext segment (a dictionary), then a 5-byte prefix in the output
  // buffer. Matches start in ext and run on into the prefix and the new output.
  const SeqTableSet tables = predefined_tables();
  struct Case {
    std::size_t prefix;
    std::uint32_t ll, offset, ml;
  };
  const Case cases[] = {
      {5, 0, 8, 30},      // 3 bytes of ext, then the prefix, then the match's own output
      {5, 2, 8, 4},       // ends inside ext + prefix
      {5, 0, 105, 200},   // from the very start of ext through everything
      {5, 1, 50, 10},     // entirely inside ext
      {0, 0, 1, 40},      // frame start (empty prefix): offset 1 is ext's last byte
      {0, 3, 20, 64},     // literals first, then back into ext
      {5, 0, 6, 3},       // minimum match, one byte of ext
  };
  for (const Case& c : cases) {
    for (std::size_t tail : {std::size_t{64}, std::size_t{0}}) {
      SeqRun run;
      run.ext = pattern(100, 7);
      run.prefix = pattern(c.prefix, 9);
      run.tail = tail;
      const Bytes lits = pattern(10, 11);
      const std::vector<Seq> seqs = {{c.ll, c.offset + 3, c.ml}};
      expect_like_reference(run, tables, seqs, lits,
                            "prefix " + std::to_string(c.prefix) + " offset " + std::to_string(c.offset) + " ml " +
                                std::to_string(c.ml) + (tail ? " fast" : " careful"));
    }
  }
}

TEST(ExecuteSequences, RandomSequencesMatchTheReference) {
  // Many sequences: repeats, new offsets into ext and prefix, long and short lengths, on
  // both kernel variants and both paths.
  const SeqTableSet tables = predefined_tables();
  std::mt19937 rng(77);
  const KernelVariant variants[2] = {KernelVariant::kPortable, select_kernel_variant(false)};
  for (int round = 0; round < 120; ++round) {
    SeqRun run;
    run.ext = round % 3 == 0 ? Bytes() : pattern(rng() % 3000, round);
    run.prefix = pattern(rng() % 2000, round + 1);
    run.tail = round % 2 ? 64 : 0;
    run.variant = variants[round % 2];
    run.rep = {1 + rng() % 8, 1 + rng() % 8, 1 + rng() % 8};
    const std::size_t num = 1 + rng() % 60;
    std::vector<Seq> seqs;
    Bytes lits;
    std::size_t history = run.ext.size() + run.prefix.size();
    RepeatOffsets rep = run.rep;
    for (std::size_t i = 0; i < num; ++i) {
      Seq s;
      s.ll = rng() % 4 == 0 ? 0 : (rng() % 8 == 0 ? rng() % 300 : rng() % 20);
      if (history + s.ll == 0) s.ll = 1;
      s.ml = rng() % 8 == 0 ? 3 + rng() % 2000 : 3 + rng() % 30;
      const std::size_t reach = history + s.ll;
      if (rng() % 3 == 0) {
        s.of_value = 1 + rng() % 3;  // a repeat code: kept if the offset it selects is valid
      } else {
        s.of_value = static_cast<std::uint32_t>(1 + rng() % std::min<std::size_t>(reach, round % 4 ? 40 : 100000)) + 3;
      }
      RepeatOffsets trial = rep;
      const std::size_t offset = resolve_offset(s, trial);
      if (offset == 0 || offset > reach) {
        s.of_value = 4;  // offset 1
        trial = rep;
        resolve_offset(s, trial);
      }
      rep = trial;
      history += s.ll + s.ml;
      for (std::uint32_t k = 0; k < s.ll; ++k) lits.push_back(static_cast<std::uint8_t>(rng()));
      seqs.push_back(s);
    }
    for (int k = rng() % 20; k > 0; --k) lits.push_back(static_cast<std::uint8_t>(rng()));
    expect_like_reference(run, tables, seqs, lits, "round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

TEST(ExecuteSequences, LongFieldsTakeTheSplitExtraBitsPath) {
  // LL code 35 (16 extra bits), ML code 52 (16) and OF code 16 (16): 48 extra bits, more
  // than one refill covers, so the kernel reads them in two steps.
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(1000, 6);
  const std::vector<Seq> seqs = {{65536 + 1234, 65536 + 777 + 3, 65539 + 4321}, {65536 + 5, 1, 65539}};
  const Bytes lits = pattern(2 * 65536 + 1234 + 5 + 10, 5);
  for (const KernelVariant variant : {KernelVariant::kPortable, select_kernel_variant(false)}) {
    run.variant = variant;
    run.room = 0;
    expect_like_reference(run, tables, seqs, lits, "long fields");
  }
}

// ---- Execution errors ---------------------------------------------------------------------

TEST(ExecuteSequences, OffsetZeroIsAnError) {
  // Repeat code 3 with LL 0 means rep0 - 1; with rep0 = 1 that is offset 0.
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(50, 1);
  run.room = 100;
  run.rep = {1, 4, 8};
  run.execute(tables, encode_sequences(tables, {{0, 3, 5}}), 1, {});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(run.status).find("offset 0"), std::string::npos) << describe(run.status);
  EXPECT_EQ(run.status.sequence, 0u);
}

TEST(ExecuteSequences, OffsetPastTheHistoryIsAnError) {
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(10, 1);
  run.room = 100;
  // 2 literals make the history 12 bytes: offset 12 is fine, 13 is not.
  run.execute(tables, encode_sequences(tables, {{2, 12 + 3, 5}}), 1, {1, 2});
  EXPECT_TRUE(run.status.ok()) << describe(run.status);
  run.execute(tables, encode_sequences(tables, {{2, 13 + 3, 5}}), 1, {1, 2});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(run.status.value, 13u);
  EXPECT_EQ(run.status.limit, 12u);
  EXPECT_NE(describe(run.status).find("exceeds the 12 bytes of history"), std::string::npos) << describe(run.status);
  // With an ext segment, the history includes it.
  run.ext = pattern(20, 2);
  run.execute(tables, encode_sequences(tables, {{2, 32 + 3, 5}}), 1, {1, 2});
  EXPECT_TRUE(run.status.ok()) << describe(run.status);
  run.execute(tables, encode_sequences(tables, {{2, 33 + 3, 5}}), 1, {1, 2});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(run.status.limit, 32u);
}

TEST(ExecuteSequences, OffsetPastTheWindowIsAnError) {
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(100, 1);
  run.room = 100;
  run.offset_limit = 64;
  run.execute(tables, encode_sequences(tables, {{0, 64 + 3, 5}}), 1, {});
  EXPECT_TRUE(run.status.ok()) << describe(run.status);
  run.execute(tables, encode_sequences(tables, {{0, 65 + 3, 5}}), 1, {});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(run.status).find("window of 64 bytes"), std::string::npos) << describe(run.status);
}

TEST(ExecuteSequences, LiteralLengthPastTheLiteralsIsAnError) {
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(10, 1);
  run.room = 100;
  run.execute(tables, encode_sequences(tables, {{3, 4, 3}, {2, 4, 3}}), 2, {1, 2, 3, 4});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(run.status.value, 2u);
  EXPECT_EQ(run.status.limit, 1u);
  EXPECT_EQ(run.status.sequence, 1u);
  EXPECT_NE(describe(run.status).find("literal length 2 exceeds the 1 literals left at sequence 1"), std::string::npos)
      << describe(run.status);
}

TEST(ExecuteSequences, OutputPastTheBlockIsAnError) {
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(10, 1);
  run.room = 10;
  run.execute(tables, encode_sequences(tables, {{2, 4, 8}}), 1, {1, 2});
  EXPECT_TRUE(run.status.ok()) << describe(run.status);
  run.execute(tables, encode_sequences(tables, {{2, 4, 9}}), 1, {1, 2});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  // Trailing literals that do not fit after the last sequence.
  run.execute(tables, encode_sequences(tables, {{2, 4, 8}}), 1, {1, 2, 3});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(run.status).find("trailing literals"), std::string::npos) << describe(run.status);
}

TEST(ExecuteSequences, ErrorNamesTheSequenceIndex) {
  const SeqTableSet tables = predefined_tables();
  SeqRun run;
  run.prefix = pattern(10, 1);
  run.room = 1000;
  // Sequences 0..2 are valid; sequence 3 reaches 100 bytes back into ~40 of history.
  const std::vector<Seq> seqs = {{1, 4, 5}, {1, 5, 5}, {1, 1, 5}, {1, 100 + 3, 5}, {1, 4, 5}};
  run.execute(tables, encode_sequences(tables, seqs), seqs.size(), {1, 2, 3, 4, 5});
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(run.status.sequence, 3u);
  const std::string text = describe(run.status);
  EXPECT_NE(text.find("at sequence 3"), std::string::npos) << text;
  EXPECT_NE(text.find("match offset 100"), std::string::npos) << text;
}

TEST(ExecuteSequences, BitstreamMustBeConsumedExactly) {
  const SeqTableSet tables = predefined_tables();
  const std::vector<Seq> seqs = {{1, 4, 5}, {2, 6, 7}, {0, 1, 3}};
  const Bytes lits = {1, 2, 3, 4};
  SeqRun run;
  run.prefix = pattern(10, 1);
  run.room = 100;
  // Two sequences decoded from a three-sequence stream: bits left over.
  Bytes stream = encode_sequences(tables, seqs);
  run.execute(tables, stream, 3, lits);
  ASSERT_TRUE(run.status.ok()) << describe(run.status);
  run.execute(tables, stream, 2, lits);
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(run.status).find("unused bits"), std::string::npos) << describe(run.status);
  // More sequences than the stream holds: it runs out.
  run.execute(tables, encode_sequences(tables, {{1, 4, 5}}), 40, lits);
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  // No end mark, or no stream at all.
  stream.push_back(0);
  run.execute(tables, stream, 3, lits);
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
  run.execute(tables, Bytes(), 3, lits);
  EXPECT_EQ(run.status.code, ErrorCode::kCorruptedData);
}

TEST(CopyLiteralsOnly, CopiesOrRejects) {
  Bytes memory(20, 0);
  const Bytes lits = {9, 8, 7, 6, 5};
  BlockOutput out;
  out.op = memory.data() + 2;
  out.oend = out.op + 5;
  out.writable_end = memory.data() + memory.size();
  out.prefix_start = memory.data();
  std::size_t produced = 0;
  ASSERT_TRUE(copy_literals_only(lits.data(), lits.size(), out, produced).ok());
  EXPECT_EQ(produced, 5u);
  EXPECT_EQ(Bytes(memory.begin() + 2, memory.begin() + 7), lits);
  out.oend = out.op + 4;
  EXPECT_EQ(copy_literals_only(lits.data(), lits.size(), out, produced).code, ErrorCode::kCorruptedData);
}

}  // namespace
}  // namespace zstdpp::decoder
