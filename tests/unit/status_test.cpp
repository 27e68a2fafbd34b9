// Unit tests of common/status.hpp: the engine's Status, describe() and error_code_name().
//
// Every ErrorCode the engine (src/ below src/api) can return is reached at least once by
// the unit suite:
//   kCorruptedData        BlockHeader.ReservedTypeIsCorruption, FseDescription.Rejects*,
//                         HuffmanWeights.Rejects*, HuffmanDecode.*Reject*, Literals.*Errors,
//                         SequencesHeader.*, ExecuteSequences.*IsAnError, StreamDecoder.BlockErrorsNameTheBlock,
//                         DecodeFrame.BlockErrorsCarryBlockAndOffset
//   kTruncatedInput       FrameHeader.TruncationReportsTheBytesNeeded, DecodeFrame.EveryTruncationIsTruncatedInput,
//                         DecodeFrame.SkippableFrame, FindFrameSize.MatchesTheFrameLength
//   kUnknownMagic         FrameHeader.SkippableMagics, StreamDecoder.HeaderErrors, StreamDecoder.MagiclessFrames
//   kUnsupportedFeature   FrameHeader.ReservedBitIsUnsupported, StreamDecoder.HeaderErrors
//   kWindowTooLarge       StreamDecoder.WindowLimitIsEnforcedBeforeAllocation
//   kAllocationFailed     StreamDecoder.AllocationFailureIsAStatus (skipped under AddressSanitizer,
//                         which aborts on the impossible allocation instead of returning null)
//   kChecksumMismatch     StreamDecoder.ChecksumMismatch, DecodeFrame.ChecksumMismatchNamesItsOffset
//   kContentSizeMismatch  StreamDecoder.ContentSizeMismatch, DecodeFrame.ContentSizeMismatch
//   kDictionaryMismatch   CheckDictionary.IdRules, StreamDecoder.DictionaryIdMustMatch,
//                         DecodeFrame.MatchesReachIntoARawContentDictionary
//   kDictionaryCorrupted  Dictionary.FullKindNeedsTheMagic, Dictionary.TruncatedEntropyIsCorrupted,
//                         Dictionary.InvalidTablesAreCorrupted, Dictionary.RepeatOffsetsMustLieInTheContent
// The other codes (kGeneric, kFrameHeaderInvalid, kOutputTooSmall, kContentSizeUnknown,
// kExtraData, kParameterOutOfBounds, kNotImplemented, kWrongState, kIo) are raised only by
// src/api and are covered by the API suite (tests/api).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/status.hpp"

namespace zstdpp {
namespace {

TEST(Status, SuccessAndFailure) {
  const Status ok = Status::success();
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.code, ErrorCode::kOk);
  EXPECT_TRUE(Status{}.ok());
  const Status bad = Status::fail(ErrorCode::kCorruptedData, "what {v} {l}", 3, 4);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(bad.value, 3u);
  EXPECT_EQ(bad.limit, 4u);
  EXPECT_EQ(bad.block, Status::kNoPosition);
  EXPECT_EQ(bad.sequence, Status::kNoPosition);
  EXPECT_EQ(bad.input_offset, Status::kNoPosition);
}

TEST(Status, DescribeSubstitutesValueAndLimit) {
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "match offset {v} exceeds the {l} bytes of history", 70000,
                                  65536)),
            "match offset 70000 exceeds the 65536 bytes of history");
  // Each placeholder may appear more than once, in any order, or not at all.
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "{l}<{v}, {v}!", 1, 2)), "2<1, 1!");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "no numbers", 1, 2)), "no numbers");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "{v}", ~std::uint64_t{0})), "18446744073709551615");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "{v}{l}", 0, 0)), "00");
}

TEST(Status, DescribeFormatsHexPlaceholders) {
  // "{V}" and "{L}": magic numbers and checksums, 0x and at least 8 upper-case digits.
  EXPECT_EQ(describe(Status::fail(ErrorCode::kUnknownMagic, "magic {V}", 0xFD2FB528u)), "magic 0xFD2FB528");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kChecksumMismatch, "{V} vs {L}", 0xABC, 0x1234567890ABCDEFull)),
            "0x00000ABC vs 0x1234567890ABCDEF");
}

TEST(Status, DescribeLeavesOtherBracesAlone) {
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "{x} {vv} {v", 5)), "{x} {vv} {v");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "ends with {", 5)), "ends with {");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "{}{v}", 5)), "{}5");
}

TEST(Status, DescribeWithoutTextUsesTheCodeName) {
  Status s;
  s.code = ErrorCode::kTruncatedInput;
  EXPECT_EQ(describe(s), "truncated_input");
}

TEST(Status, DescribeAppendsWhere) {
  Status s = Status::fail(ErrorCode::kCorruptedData, "bad");
  EXPECT_EQ(describe(Status(s).at_sequence(12)), "bad at sequence 12");
  EXPECT_EQ(describe(Status(s).at_block(3)), "bad in block 3");
  EXPECT_EQ(describe(Status(s).at_input_offset(99)), "bad (input offset 99)");
  EXPECT_EQ(describe(Status(s).at_sequence(12).at_block(3)), "bad at sequence 12 of block 3");
  EXPECT_EQ(describe(Status(s).at_block(3).at_input_offset(1234)), "bad in block 3 (input offset 1234)");
  EXPECT_EQ(describe(Status::fail(ErrorCode::kCorruptedData, "match offset {v} exceeds the {l} bytes of history",
                                  70000, 65536)
                         .at_sequence(12)
                         .at_block(3)
                         .at_input_offset(1234)),
            "match offset 70000 exceeds the 65536 bytes of history at sequence 12 of block 3 (input offset 1234)");
  EXPECT_EQ(describe(Status(s).at_sequence(0).at_block(0).at_input_offset(0)),
            "bad at sequence 0 of block 0 (input offset 0)");
}

TEST(Status, InnermostLocationWins) {
  Status s = Status::fail(ErrorCode::kCorruptedData, "bad");
  s.at_sequence(5).at_sequence(6);
  s.at_block(1).at_block(2);
  s.at_input_offset(10).at_input_offset(20);
  EXPECT_EQ(s.sequence, 5u);
  EXPECT_EQ(s.block, 1u);
  EXPECT_EQ(s.input_offset, 10u);
}

Status step(int i, int fail_at, int& reached) {
  reached = i;
  if (i == fail_at) return Status::fail(ErrorCode::kCorruptedData, "step {v} failed", static_cast<std::uint64_t>(i));
  return Status::success();
}

Status run_steps(int fail_at, int& reached) {
  for (int i = 0; i < 5; ++i) ZSTDPP_TRY(step(i, fail_at, reached));
  return Status::success();
}

TEST(Status, TryPropagatesTheFirstFailure) {
  int reached = -1;
  EXPECT_TRUE(run_steps(-1, reached).ok());
  EXPECT_EQ(reached, 4);
  const Status s = run_steps(2, reached);
  EXPECT_EQ(reached, 2) << "steps after the failure must not run";
  EXPECT_EQ(describe(s), "step 2 failed");
}

TEST(ErrorCodeName, EveryCodeHasItsName) {
  const std::pair<ErrorCode, const char*> names[] = {
      {ErrorCode::kOk, "ok"},
      {ErrorCode::kGeneric, "generic"},
      {ErrorCode::kUnknownMagic, "unknown_magic"},
      {ErrorCode::kFrameHeaderInvalid, "frame_header_invalid"},
      {ErrorCode::kUnsupportedFeature, "unsupported_feature"},
      {ErrorCode::kWindowTooLarge, "window_too_large"},
      {ErrorCode::kCorruptedData, "corrupted_data"},
      {ErrorCode::kChecksumMismatch, "checksum_mismatch"},
      {ErrorCode::kContentSizeMismatch, "content_size_mismatch"},
      {ErrorCode::kDictionaryMismatch, "dictionary_mismatch"},
      {ErrorCode::kDictionaryCorrupted, "dictionary_corrupted"},
      {ErrorCode::kTruncatedInput, "truncated_input"},
      {ErrorCode::kOutputTooSmall, "output_too_small"},
      {ErrorCode::kContentSizeUnknown, "content_size_unknown"},
      {ErrorCode::kExtraData, "extra_data"},
      {ErrorCode::kParameterOutOfBounds, "parameter_out_of_bounds"},
      {ErrorCode::kNotImplemented, "not_implemented"},
      {ErrorCode::kWrongState, "wrong_state"},
      {ErrorCode::kAllocationFailed, "allocation_failed"},
      {ErrorCode::kIo, "io"},
  };
  std::set<std::string> seen;
  for (const auto& [code, name] : names) {
    EXPECT_STREQ(error_code_name(code), name);
    EXPECT_TRUE(seen.insert(name).second) << "duplicate name " << name;
  }
  // The table above lists every enumerator: the one after kIo has no name.
  EXPECT_EQ(static_cast<int>(ErrorCode::kIo) + 1, static_cast<int>(std::size(names)));
  EXPECT_STREQ(error_code_name(static_cast<ErrorCode>(static_cast<int>(ErrorCode::kIo) + 1)), "unknown");
  EXPECT_STREQ(error_code_name(static_cast<ErrorCode>(255)), "unknown");
}

}  // namespace
}  // namespace zstdpp
