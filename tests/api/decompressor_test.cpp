// API behaviour of ZstdDecompressor: each documented error is reached with the code the
// header promises and a message that names the problem, each option does what it says,
// and the object stays usable after any error.
//
// Most frames are built by hand (raw and RLE blocks, RFC 8878 section 3.1) so every header
// field is under the test's control and the tests run without the reference CLI; the
// cases that need real compressed blocks or dictionaries (mismatched dictionaries, checksum
// of compressed content, magicless CLI frames, window limits on CLI frames) make them with
// `zstd` at test time and skip, saying so, when it is absent.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::DecompressOptions;
using zstdpp::DecompressorOptions;
using zstdpp::ErrorCode;
using zstdpp::ZstdCompressionDict;
using zstdpp::ZstdDecompressor;

// A frame of raw blocks with the content size in the header (or not) and a checksum.
Bytes frame_of(ByteView content, bool size_known = true, bool checksum = true) {
  HandFrame hf;
  hf.fcs_bytes = size_known ? 4 : 0;
  hf.checksum = checksum;
  return make_hand_frame(hf, content);
}

Bytes concat_bytes(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) append(out, p);
  return out;
}

// Streams `data` in moderate random pieces; errors propagate.
StreamTrace stream(ZstdDecompressor& d, ByteView data, std::uint32_t seed = 1) {
  std::mt19937 rng(seed);
  SplitPolicy policy;
  policy.max_in = 20000;
  policy.max_out = 30000;
  return stream_decode_random(d, data, rng, policy);
}

const Bytes& text_1000() {
  static const Bytes text = make_english_text(1000, 101);
  return text;
}

// ---- Output limits and content size ----------------------------------------------------

TEST(DecompressorLimits, ContentSizeUnknownNeedsMaxOutputSize) {
  Bytes frame = frame_of(text_1000(), /*size_known=*/false);
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.decompress(frame), ErrorCode::kContentSizeUnknown, "size", "max_output_size");
  DecompressOptions o;
  o.max_output_size = 1000;
  EXPECT_EQ(d.decompress(frame, o), text_1000());
  o.max_output_size = 1 << 20;
  EXPECT_EQ(d.decompress(frame, o), text_1000());
}

TEST(DecompressorLimits, ContentSizeUnknownFromCliStdin) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(50000, 102);
  Bytes frame = zstd_compress(dir, input, "-3", /*via_stdin=*/true);
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.decompress(frame), ErrorCode::kContentSizeUnknown, "size", "max_output_size");
  DecompressOptions o;
  o.max_output_size = input.size() - 1;
  ZSTDPP_EXPECT_ERROR(d.decompress(frame, o), ErrorCode::kOutputTooSmall, "output", "max_output_size", "limit");
  o.max_output_size = input.size();
  EXPECT_TRUE(same_bytes(d.decompress(frame, o), input));
}

TEST(DecompressorLimits, MaxOutputSizeTooSmall) {
  ZstdDecompressor d;
  DecompressOptions o;
  o.max_output_size = 999;
  for (bool size_known : {true, false}) {
    SCOPED_TRACE(size_known ? "content size in header" : "no content size");
    Bytes frame = frame_of(text_1000(), size_known);
    ZSTDPP_EXPECT_ERROR(d.decompress(frame, o), ErrorCode::kOutputTooSmall, "output", "max_output_size", "limit");
  }
  // Exactly the content size is enough.
  o.max_output_size = 1000;
  EXPECT_EQ(d.decompress(frame_of(text_1000()), o), text_1000());
  // Across frames the limit applies to the total.
  Bytes two = concat_bytes({frame_of(text_1000()), frame_of(text_1000())});
  o.read_across_frames = true;
  o.max_output_size = 1999;
  ZSTDPP_EXPECT_ERROR(d.decompress(two, o), ErrorCode::kOutputTooSmall, "output", "max_output_size", "limit");
  o.max_output_size = 2000;
  EXPECT_EQ(d.decompress(two, o).size(), 2000u);
}

TEST(DecompressorLimits, DeclaredContentSizeMustMatch) {
  Bytes content = text_1000();
  HandFrame hf;
  hf.fcs_bytes = 2;
  Bytes frame = make_hand_frame(hf, content);
  // Patch the 2-byte Frame_Content_Size (offset 6, after magic, descriptor and window; value - 256) to claim one byte more,
  // then one byte less, than the blocks hold.
  for (int delta : {+1, -1}) {
    SCOPED_TRACE("declared size " + std::to_string(1000 + delta));
    Bytes bad = frame;
    std::uint32_t declared = static_cast<std::uint32_t>(1000 + delta - 256);
    bad[6] = static_cast<std::uint8_t>(declared);
    bad[7] = static_cast<std::uint8_t>(declared >> 8);
    ZstdDecompressor d;
    ZSTDPP_EXPECT_ERROR(d.decompress(bad), ErrorCode::kContentSizeMismatch, "size", "declare");
    ZSTDPP_EXPECT_ERROR(stream(d, bad), ErrorCode::kContentSizeMismatch, "size", "declare");
  }
}

// ---- Extra data and several frames -----------------------------------------------------

TEST(DecompressorFrames, ExtraDataRefusedWhenNotAllowed) {
  Bytes a = frame_of(text_1000());
  Bytes trailing = concat_bytes({a, to_bytes("trailing junk")});
  ZstdDecompressor d;
  EXPECT_EQ(d.decompress(trailing), text_1000()) << "allow_extra_data defaults to true";
  DecompressOptions strict;
  strict.allow_extra_data = false;
  ZSTDPP_EXPECT_ERROR(d.decompress(trailing, strict), ErrorCode::kExtraData, "extra", "trailing", "after");
  // A second frame is extra data too when only the first is read.
  Bytes two = concat_bytes({a, frame_of(to_bytes("second"))});
  ZSTDPP_EXPECT_ERROR(d.decompress(two, strict), ErrorCode::kExtraData, "extra", "trailing", "after");
  strict.read_across_frames = true;
  EXPECT_EQ(d.decompress(two, strict), concat_bytes({text_1000(), to_bytes("second")}));
  EXPECT_EQ(d.decompress(a, strict), text_1000()) << "no extra data: no error";
}

TEST(DecompressorFrames, ReadAcrossFramesFalseDecodesOnlyTheFirst) {
  Bytes first = make_english_text(3000, 103);
  Bytes second = make_random_bytes(2000, 104);
  Bytes third(5000, 0x5A);
  HandFrame rle;
  rle.fcs_bytes = 8;
  rle.rle = true;
  rle.max_block = 1024;
  Bytes data = concat_bytes({frame_of(first), frame_of(second, false), make_hand_frame(rle, third)});
  ZstdDecompressor d;
  EXPECT_EQ(d.decompress(data), first);
  DecompressOptions across;
  across.read_across_frames = true;
  across.max_output_size = 10000;
  EXPECT_EQ(d.decompress(data, across), concat_bytes({first, second, third}));
}

// ---- Dictionaries ------------------------------------------------------------------------

TEST(DecompressorDictionary, FrameWantsADictionaryItWasNotGiven) {
  // A frame naming dictionary 4242 in its header: refused without that dictionary, even
  // though its raw block would not need one, as the reference decoder does.
  HandFrame hf;
  hf.fcs_bytes = 2;
  hf.dict_id_bytes = 2;
  hf.dict_id = 4242;
  Bytes frame = make_hand_frame(hf, text_1000());
  ZstdDecompressor plain;
  ZSTDPP_EXPECT_ERROR(plain.decompress(frame), ErrorCode::kDictionaryMismatch, "dict");
  ZSTDPP_EXPECT_ERROR(stream(plain, frame), ErrorCode::kDictionaryMismatch, "dict");
  DecompressorOptions raw;
  raw.dict_data = ZstdCompressionDict(text_1000(), zstdpp::DICT_TYPE_RAWCONTENT);
  ZstdDecompressor with_raw(raw);
  ZSTDPP_EXPECT_ERROR(with_raw.decompress(frame), ErrorCode::kDictionaryMismatch, "dict");
}

class DecompressorCliDictionary : public testing::Test {
 protected:
  void SetUp() override {
    ZSTDPP_REQUIRE_ZSTD_CLI();
    std::mt19937 rng(111);
    std::vector<Bytes> samples;
    for (int i = 0; i < 500; ++i) samples.push_back(to_bytes(make_json_record(rng)));
    dict_a_ = zstd_train(dir_, samples, 6000, kIdA);
    write_file(dir_.file("a.dict"), dict_a_);
    // Dictionary B: the same tables and content under another ID.
    dict_b_ = dict_a_;
    for (int i = 0; i < 4; ++i) dict_b_[4 + i] = static_cast<std::uint8_t>(kIdB >> (8 * i));
  }
  static constexpr std::uint32_t kIdA = 70001;
  static constexpr std::uint32_t kIdB = 70002;
  TempDir dir_;
  Bytes dict_a_, dict_b_;
};

TEST_F(DecompressorCliDictionary, MismatchedOrMissingDictionary) {
  Bytes input = make_json_records(30, 112);
  Bytes frame = zstd_compress(dir_, input, "-3 -D " + shell_quote(dir_.file("a.dict").string()));
  ASSERT_EQ(zstdpp::get_frame_parameters(frame).dict_id, kIdA);

  DecompressorOptions b;
  b.dict_data = ZstdCompressionDict(dict_b_);
  EXPECT_EQ(b.dict_data->dict_id(), kIdB);
  ZstdDecompressor with_b(b);
  ZSTDPP_EXPECT_ERROR(with_b.decompress(frame), ErrorCode::kDictionaryMismatch, "dict");
  ZSTDPP_EXPECT_ERROR(stream(with_b, frame), ErrorCode::kDictionaryMismatch, "dict");

  ZstdDecompressor none;
  ZSTDPP_EXPECT_ERROR(none.decompress(frame), ErrorCode::kDictionaryMismatch, "dict");
  ZSTDPP_EXPECT_ERROR(stream(none, frame), ErrorCode::kDictionaryMismatch, "dict");

  DecompressorOptions a;
  a.dict_data = ZstdCompressionDict(dict_a_);
  ZstdDecompressor with_a(a);
  EXPECT_TRUE(same_bytes(with_a.decompress(frame), input));
  // The same decoders work after their errors once given frames they can decode.
  EXPECT_TRUE(same_bytes(none.decompress(frame_of(input)), input));
  EXPECT_TRUE(same_bytes(stream(with_b, frame_of(input)).output, input));
}

TEST_F(DecompressorCliDictionary, MalformedDictionaryRefused) {
  ZSTDPP_EXPECT_ERROR((void)ZstdCompressionDict(text_1000(), zstdpp::DICT_TYPE_FULLDICT),
                      ErrorCode::kDictionaryCorrupted, "dict");
  Bytes cut(dict_a_.begin(), dict_a_.begin() + 40);  // magic and ID, tables cut short
  ZSTDPP_EXPECT_ERROR((void)ZstdCompressionDict(cut, zstdpp::DICT_TYPE_FULLDICT), ErrorCode::kDictionaryCorrupted,
                      "dict", "table", "truncated");
}

// ---- Window limit --------------------------------------------------------------------------

TEST(DecompressorWindow, HandBuiltWindowAboveLimit) {
  // Windows above the default 2^27: 2^28, and the largest descriptor (2^41 * 15/8). Refused
  // before anything that size is allocated (under ASan, a 3.75 TiB allocation would abort).
  for (std::uint8_t descriptor : {zstdpp_test::window_log_descriptor(28), std::uint8_t{0xFF}}) {
    SCOPED_TRACE("window descriptor " + std::to_string(descriptor));
    HandFrame hf;
    hf.window_descriptor = descriptor;
    Bytes frame = make_hand_frame(hf, to_bytes("small content, huge window"));
    ZstdDecompressor d;
    ZSTDPP_EXPECT_ERROR(stream(d, frame), ErrorCode::kWindowTooLarge, "window");
    EXPECT_TRUE(d.at_frame_boundary()) << "reset after the error";
  }
  // A window just at a raised limit is accepted.
  HandFrame hf;
  hf.window_descriptor = zstdpp_test::window_log_descriptor(20);
  Bytes frame = make_hand_frame(hf, text_1000());
  DecompressorOptions o;
  o.max_window_size = std::uint64_t{1} << 19;
  ZstdDecompressor small(o);
  ZSTDPP_EXPECT_ERROR(stream(small, frame), ErrorCode::kWindowTooLarge, "window");
  o.max_window_size = std::uint64_t{1} << 20;
  ZstdDecompressor exact(o);
  EXPECT_EQ(stream(exact, frame).output, text_1000());
}

TEST(DecompressorWindow, CliFrameAboveConfiguredLimit) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(200 * 1024, 121);
  Bytes frame = zstd_compress(dir, input, "-3 --zstd=wlog=20", /*via_stdin=*/true);
  ASSERT_EQ(zstdpp::get_frame_parameters(frame).window_size, std::uint64_t{1} << 20);
  DecompressorOptions o;
  o.max_window_size = std::uint64_t{1} << 19;
  ZstdDecompressor d(o);
  std::string message;
  try {
    stream(d, frame);
    ADD_FAILURE() << "no error for a 2^20 window with a 2^19 limit";
  } catch (const zstdpp::ZstdError& e) {
    EXPECT_STREQ(zstdpp::error_code_name(e.code()), zstdpp::error_code_name(ErrorCode::kWindowTooLarge)) << e.what();
    message = e.what();
  }
  EXPECT_NE(lower(message).find("window"), std::string::npos) << message;
  // Good messages give the numbers; accept 2^20 as 1048576, "1 MiB", "2^20" or "log 20".
  EXPECT_TRUE(message.find("1048576") != std::string::npos || message.find("20") != std::string::npos ||
              message.find("MiB") != std::string::npos)
      << "message does not say how large the window is: " << message;
  o.max_window_size = std::uint64_t{1} << 20;
  ZstdDecompressor ok(o);
  EXPECT_TRUE(same_bytes(stream(ok, frame).output, input));
}

// ---- Magicless format ----------------------------------------------------------------------

TEST(DecompressorFormat, MagiclessHandBuilt) {
  HandFrame hf;
  hf.magic = false;
  hf.fcs_bytes = 4;
  hf.checksum = true;
  Bytes frame = make_hand_frame(hf, text_1000());
  DecompressorOptions o;
  o.format = zstdpp::FORMAT_ZSTD1_MAGICLESS;
  ZstdDecompressor d(o);
  EXPECT_EQ(d.decompress(frame), text_1000());
  EXPECT_EQ(stream(d, frame).output, text_1000());
  // Magicless frames follow each other like regular ones.
  hf.fcs_bytes = 0;
  Bytes two = concat_bytes({frame, make_hand_frame(hf, to_bytes("second"))});
  DecompressOptions across;
  across.read_across_frames = true;
  across.max_output_size = 2000;
  EXPECT_EQ(d.decompress(two, across), concat_bytes({text_1000(), to_bytes("second")}));
  StreamTrace t = stream(d, two);
  EXPECT_EQ(t.output, concat_bytes({text_1000(), to_bytes("second")}));
  EXPECT_EQ(join(t.frame_end_inputs), std::to_string(frame.size()) + "," + std::to_string(two.size()));
}

TEST(DecompressorFormat, MagiclessFromCliFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(100 * 1024, 131);
  for (bool via_stdin : {false, true}) {
    SCOPED_TRACE(via_stdin ? "stdin" : "file");
    Bytes frame = zstd_compress(dir, input, "-5", via_stdin);
    Bytes magicless(frame.begin() + 4, frame.end());
    DecompressorOptions o;
    o.format = zstdpp::FORMAT_ZSTD1_MAGICLESS;
    ZstdDecompressor d(o);
    DecompressOptions limit;
    limit.max_output_size = input.size();
    EXPECT_TRUE(same_bytes(d.decompress(magicless, limit), input));
    StreamTrace t = stream(d, magicless);
    EXPECT_TRUE(same_bytes(t.output, input)) << describe_mismatch(t.output, input);
    EXPECT_EQ(join(t.frame_end_inputs), std::to_string(magicless.size()));
    // The regular frame is not a magicless frame (its magic would be read as a header),
    // and the regular decoder does not take a magicless frame.
    EXPECT_THROW(d.decompress(frame, limit), zstdpp::ZstdError);
    ZstdDecompressor regular;
    ZSTDPP_EXPECT_ERROR(regular.decompress(magicless, limit), ErrorCode::kUnknownMagic, "magic");
  }
}

// ---- Checksums -------------------------------------------------------------------------------

TEST(DecompressorChecksum, CorruptedChecksumDetectedOrSkipped) {
  Bytes content = make_english_text(5000, 141);
  Bytes frame = frame_of(content);
  Bytes bad = frame;
  bad.back() ^= 0x01;
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.decompress(bad), ErrorCode::kChecksumMismatch, "checksum");
  ZSTDPP_EXPECT_ERROR(stream(d, bad), ErrorCode::kChecksumMismatch, "checksum");
  DecompressorOptions skip;
  skip.skip_checksum = true;
  ZstdDecompressor lax(skip);
  EXPECT_EQ(lax.decompress(bad), content);
  StreamTrace t = stream(lax, bad);
  EXPECT_EQ(t.output, content);
  EXPECT_EQ(join(t.frame_end_inputs), std::to_string(bad.size())) << "checksum still read";
}

TEST(DecompressorChecksum, CorruptedChecksumOfCliFrame) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_structured_binary(150 * 1024, 142);
  Bytes frame = zstd_compress(dir, input, "-9");
  ASSERT_TRUE(zstdpp::get_frame_parameters(frame).has_checksum);
  for (std::size_t from_end : {1u, 4u}) {
    Bytes bad = frame;
    bad[bad.size() - from_end] ^= 0x80;
    ZstdDecompressor d;
    ZSTDPP_EXPECT_ERROR(d.decompress(bad), ErrorCode::kChecksumMismatch, "checksum");
    ZSTDPP_EXPECT_ERROR(stream(d, bad), ErrorCode::kChecksumMismatch, "checksum");
    DecompressorOptions skip;
    skip.skip_checksum = true;
    ZstdDecompressor lax(skip);
    EXPECT_TRUE(same_bytes(lax.decompress(bad), input));
  }
}

// ---- Corruption ------------------------------------------------------------------------------

// Every byte of a small compressed frame flipped in turn: each decode either succeeds or
// throws ZstdError (never another exception, never a crash, which the sanitizer build
// would catch), and the decoder then still decodes the intact frame.
TEST(DecompressorCorruption, EveryByteFlippedGivesZstdErrorOrOutput) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes input = make_english_text(6000, 181);
  append(input, make_structured_binary(2000, 182));
  for (const char* args : {"-19", "--fast=1 --no-check"}) {
    SCOPED_TRACE(args);
    Bytes frame = zstd_compress(dir, input, args, /*via_stdin=*/true);
    ZstdDecompressor d;
    DecompressOptions limit;
    limit.max_output_size = 4 * input.size();
    std::size_t errors = 0;
    for (std::size_t i = 0; i < frame.size(); ++i) {
      for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xFF}}) {
        Bytes bad = frame;
        bad[i] ^= flip;
        try {
          d.decompress(bad, limit);
        } catch (const zstdpp::ZstdError& e) {
          ++errors;
          ASSERT_GT(std::strlen(e.what()), 0u);
        } catch (const std::exception& e) {
          FAIL() << "byte " << i << " ^ " << int{flip} << ": non-ZstdError exception: " << e.what();
        }
        try {
          stream(d, bad, static_cast<std::uint32_t>(i));
        } catch (const zstdpp::ZstdError&) {
          EXPECT_TRUE(d.at_frame_boundary()) << "byte " << i << ": not reset after an error";
        } catch (const std::exception& e) {
          FAIL() << "byte " << i << " ^ " << int{flip} << ": non-ZstdError exception: " << e.what();
        }
        d.reset_stream();
      }
    }
    // With a checksum nearly every flip must be caught (three flips per byte, so more
    // errors than bytes); without one, a flipped literal can decode to other bytes silently.
    if (zstdpp::get_frame_parameters(frame).has_checksum) {
      EXPECT_GT(errors, 2 * frame.size()) << "corruptions went undetected despite the checksum";
    }
    EXPECT_TRUE(same_bytes(d.decompress(frame, limit), input));
  }
}

// ---- Truncation, reset and reuse ---------------------------------------------------------------

TEST(DecompressorState, TruncatedStreamWaitsForMoreInput) {
  Bytes content = make_english_text(40000, 151);
  HandFrame hf;
  hf.fcs_bytes = 4;
  hf.checksum = true;
  hf.max_block = 7000;
  Bytes frame = make_hand_frame(hf, content);
  for (std::size_t cut : {std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{5}, std::size_t{20000}, frame.size() - 12}) {
    SCOPED_TRACE("frame cut " + std::to_string(cut) + " bytes short");
    ByteView part = ByteView(frame).first(frame.size() - cut);
    ZstdDecompressor d;
    StreamTrace t = stream(d, part);
    EXPECT_TRUE(t.frame_end_inputs.empty()) << "frame_done on a truncated frame";
    EXPECT_FALSE(d.at_frame_boundary());
    EXPECT_EQ(t.protocol_problem, "");
    EXPECT_LE(t.output.size(), content.size());
    EXPECT_TRUE(same_bytes(t.output, ByteView(content).first(t.output.size()))) << "partial output differs";
    // The one-shot call cannot wait: it reports the truncation.
    ZstdDecompressor one_shot;
    ZSTDPP_EXPECT_ERROR(one_shot.decompress(part), ErrorCode::kTruncatedInput, "truncat", "end", "short",
                        "incomplete", "missing");
    // Abandon the frame; the next one decodes from its start.
    d.reset_stream();
    EXPECT_TRUE(d.at_frame_boundary());
    EXPECT_EQ(stream(d, frame).output, content);
  }
}

TEST(DecompressorState, UsableAfterEveryKindOfError) {
  Bytes good_content = make_english_text(9000, 161);
  Bytes good = frame_of(good_content);
  Bytes bad_checksum = good;
  bad_checksum.back() ^= 0xFF;
  HandFrame huge;
  huge.window_descriptor = window_log_descriptor(30);
  Bytes too_big_window = make_hand_frame(huge, to_bytes("x"));
  Bytes not_a_frame = to_bytes("definitely not a zstd frame");
  HandFrame reserved;
  reserved.reserved_bit = true;
  Bytes reserved_bit = make_hand_frame(reserved, to_bytes("x"));

  ZstdDecompressor d;
  for (const Bytes* bad : {&bad_checksum, &too_big_window, &not_a_frame, &reserved_bit}) {
    SCOPED_TRACE("after a bad input of " + std::to_string(bad->size()) + " bytes");
    // Streaming: the error resets the decoder; the next frame needs no reset_stream().
    EXPECT_THROW(stream(d, *bad), zstdpp::ZstdError);
    EXPECT_TRUE(d.at_frame_boundary());
    EXPECT_EQ(stream(d, good).output, good_content);
    // Streaming error in the middle of a frame, then one-shot.
    EXPECT_THROW(stream(d, *bad), zstdpp::ZstdError);
    EXPECT_EQ(d.decompress(good), good_content);
    // One-shot error, then streaming.
    EXPECT_THROW(d.decompress(*bad), zstdpp::ZstdError);
    EXPECT_EQ(stream(d, good).output, good_content);
  }
  // reset_stream() in the middle of a frame.
  zstdpp::InBuffer in{ByteView(good).first(good.size() / 2)};
  Bytes buffer(100);
  zstdpp::OutBuffer out{buffer};
  d.decompress_stream(in, out);
  EXPECT_FALSE(d.at_frame_boundary());
  d.reset_stream();
  EXPECT_TRUE(d.at_frame_boundary());
  EXPECT_EQ(stream(d, good).output, good_content);
}

TEST(DecompressorState, ErrorsNameTheirProblem) {
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.decompress(to_bytes("not zstd at all")), ErrorCode::kUnknownMagic, "magic");
  HandFrame reserved;
  reserved.reserved_bit = true;
  ZSTDPP_EXPECT_ERROR(d.decompress(make_hand_frame(reserved, to_bytes("x"))), ErrorCode::kUnsupportedFeature,
                      "reserved");
}

TEST(DecompressorState, MovedDecompressorKeepsWorking) {
  DecompressorOptions o;
  o.skip_checksum = true;
  ZstdDecompressor a(o);
  ZstdDecompressor b(std::move(a));
  EXPECT_TRUE(b.options().skip_checksum);
  Bytes frame = frame_of(text_1000());
  EXPECT_EQ(b.decompress(frame), text_1000());
  ZstdDecompressor c;
  c = std::move(b);
  EXPECT_EQ(stream(c, frame).output, text_1000());
}

// ---- Memory ----------------------------------------------------------------------------------

// Streams a frame with a 2^window_log window and no content size (so the decoder cannot
// size its buffer by the content) and returns the most memory_size() reported.
std::size_t peak_memory_for_window(unsigned window_log, std::size_t content_size) {
  HandFrame hf;
  hf.window_descriptor = window_log_descriptor(window_log);
  hf.max_block = std::min<std::size_t>(std::size_t{1} << window_log, 128 * 1024);
  Bytes content = make_structured_binary(content_size, 171);
  Bytes frame = make_hand_frame(hf, content);
  ZstdDecompressor d;
  StreamTrace t = stream(d, frame);
  EXPECT_TRUE(same_bytes(t.output, content));
  return t.max_memory;
}

TEST(DecompressorMemory, GrowsWithTheWindowAndStaysBounded) {
  constexpr std::size_t kMiB = 1 << 20;
  std::size_t fresh = ZstdDecompressor().memory_size();
  std::size_t small = peak_memory_for_window(14, 3 * kMiB);
  std::size_t large = peak_memory_for_window(20, 3 * kMiB);
  RecordProperty("memory_fresh", std::to_string(fresh));
  RecordProperty("memory_window_2_14", std::to_string(small));
  RecordProperty("memory_window_2_20", std::to_string(large));
  EXPECT_GT(large, small) << "memory does not grow with the window";
  EXPECT_GE(large, kMiB) << "a 1 MiB window needs at least 1 MiB of history";
  EXPECT_LT(large, kMiB + kMiB) << "more than window + 1 MiB for a 1 MiB window";
  EXPECT_LT(small, (std::size_t{1} << 14) + kMiB);
  // The estimate covers the context; memory_size() may add the small fixed objects around
  // it (the ZstdDecompressor itself), hence 1 KiB of leeway and no more.
  EXPECT_LE(large, zstdpp::estimate_decompression_context_size(kMiB) + 1024)
      << "memory_size() above estimate_decompression_context_size() for the same window";
}

TEST(DecompressorMemory, CliFrameWithMiBWindow) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  constexpr std::size_t kMiB = 1 << 20;
  TempDir dir;
  Bytes input = make_english_text(3 * kMiB, 172);
  Bytes frame = zstd_compress(dir, input, "-1 --zstd=wlog=20", /*via_stdin=*/true);
  ASSERT_EQ(zstdpp::get_frame_parameters(frame).window_size, kMiB);
  ZstdDecompressor d;
  StreamTrace t = stream(d, frame);
  EXPECT_TRUE(same_bytes(t.output, input));
  EXPECT_GE(t.max_memory, kMiB);
  EXPECT_LT(t.max_memory, 2 * kMiB);
}

}  // namespace
}  // namespace zstdpp_test
