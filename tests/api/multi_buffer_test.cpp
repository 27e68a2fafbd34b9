// ZstdCompressor::multi_compress_to_buffer, ZstdDecompressor::multi_decompress_to_buffer and
// ZstdDecompressor::decompress_content_dict_chain (src/api/multi_buffer.cpp).
//
// The batch operations are checked for: round trips over all three input forms
// (BufferWithSegments, BufferWithSegmentsCollection, a span of views) at threads 0, 1, 2
// and -1, over 100 inputs of varied sizes and kinds (empty ones included); the same frames
// whatever the thread count (and the same as compress() gives one at a time); frames made
// by the reference `zstd` CLI; the error of the lowest failing index, identical at every
// thread count, with failures of both kinds (found while sizing, found while decoding) on
// either side; decompressed_sizes of the wrong length, too small, too large, and frames
// without a content size; the one-operation-at-a-time rule. Content-dictionary chains are
// built with raw-content dictionaries (by zstdpp and by `zstd -D`), and broken in order,
// content size and magic.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::BufferSegmentEntry;
using zstdpp::BufferWithSegments;
using zstdpp::BufferWithSegmentsCollection;
using zstdpp::CompressorOptions;
using zstdpp::ErrorCode;
using zstdpp::ZstdCompressionDict;
using zstdpp::ZstdCompressor;
using zstdpp::ZstdDecompressor;

constexpr int kThreadCounts[] = {0, 1, 2, -1};

// 100 inputs: empty ones, a few bytes, text, structured binary, random bytes, up to 200 KB.
const std::vector<Bytes>& batch_inputs() {
  static const std::vector<Bytes> inputs = [] {
    std::vector<Bytes> v;
    for (std::uint32_t i = 0; i < 100; ++i) {
      const std::size_t size = i % 17 == 0 ? 0 : i == 50 ? 200000 : (i * i * 37 + i) % 20000;
      switch (i % 4) {
        case 0: case 1: v.push_back(make_english_text(size, 100 + i)); break;
        case 2: v.push_back(make_structured_binary(size, 200 + i)); break;
        default: v.push_back(make_random_bytes(size, 300 + i)); break;
      }
    }
    return v;
  }();
  return inputs;
}

std::vector<ByteView> views_of(const std::vector<Bytes>& items) { return {items.begin(), items.end()}; }

BufferWithSegments buffer_of(const std::vector<Bytes>& items) {
  Bytes data;
  std::vector<BufferSegmentEntry> segments;
  for (const Bytes& item : items) {
    segments.push_back({data.size(), item.size()});
    append(data, item);
  }
  return BufferWithSegments(std::move(data), std::move(segments));
}

// The same items over three buffers of uneven length.
BufferWithSegmentsCollection collection_of(const std::vector<Bytes>& items) {
  const std::size_t cut1 = items.size() / 5, cut2 = items.size() * 3 / 4;
  std::vector<BufferWithSegments> buffers;
  buffers.push_back(buffer_of({items.begin(), items.begin() + static_cast<std::ptrdiff_t>(cut1)}));
  buffers.push_back(buffer_of({items.begin() + static_cast<std::ptrdiff_t>(cut1),
                               items.begin() + static_cast<std::ptrdiff_t>(cut2)}));
  buffers.push_back(buffer_of({items.begin() + static_cast<std::ptrdiff_t>(cut2), items.end()}));
  return BufferWithSegmentsCollection(std::move(buffers));
}

std::vector<Bytes> items_of(const BufferWithSegmentsCollection& c) {
  std::vector<Bytes> items;
  for (const zstdpp::BufferSegment s : c) items.push_back(s.tobytes());
  return items;
}

std::size_t expected_workers(int threads, std::size_t items) {
  std::size_t n = threads < 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads > 1 ? threads : 1;
  return std::min(n, items);
}

void expect_same_items(const std::vector<Bytes>& got, const std::vector<Bytes>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(same_bytes(got[i], want[i])) << what << ", item " << i << ": " << describe_mismatch(got[i], want[i]);
}

// Frames of batch_inputs() made one at a time with compress().
const std::vector<Bytes>& batch_frames() {
  static const std::vector<Bytes> frames = [] {
    ZstdCompressor c;
    std::vector<Bytes> v;
    for (const Bytes& in : batch_inputs()) v.push_back(c.compress(in));
    return v;
  }();
  return frames;
}

// The message of the ZstdError `f` throws ("" and a failure when none is thrown).
template <typename F>
std::string error_message(F&& f, ErrorCode* code = nullptr) {
  try {
    f();
  } catch (const zstdpp::ZstdError& e) {
    if (code != nullptr) *code = e.code();
    return e.what();
  }
  ADD_FAILURE() << "no ZstdError thrown";
  return {};
}

// ---- multi_compress_to_buffer ---------------------------------------------------------

TEST(MultiCompress, SpanRoundTripsAtEveryThreadCount) {
  const std::vector<Bytes>& inputs = batch_inputs();
  const std::vector<ByteView> views = views_of(inputs);
  ZstdCompressor c;
  ZstdDecompressor d;
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const BufferWithSegmentsCollection out = c.multi_compress_to_buffer(views, threads);
    EXPECT_EQ(out.segment_count(), inputs.size());
    EXPECT_EQ(out.buffer_count(), expected_workers(threads, inputs.size()));
    const std::vector<Bytes> frames = items_of(out);
    // Deterministic: the frames compress() makes one at a time, whatever the thread count.
    expect_same_items(frames, batch_frames(), "frames against compress()");
    for (std::size_t i = 0; i < frames.size(); ++i) {
      EXPECT_EQ(zstdpp::get_frame_parameters(frames[i]).content_size, inputs[i].size()) << "item " << i;
      const Bytes decoded = d.decompress(frames[i]);
      EXPECT_TRUE(same_bytes(decoded, inputs[i])) << "item " << i << ": " << describe_mismatch(decoded, inputs[i]);
    }
  }
}

TEST(MultiCompress, BufferFormsGiveTheSameFrames) {
  const std::vector<Bytes>& inputs = batch_inputs();
  const BufferWithSegments buffer = buffer_of(inputs);
  const BufferWithSegmentsCollection collection = collection_of(inputs);
  ZstdCompressor c;
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    expect_same_items(items_of(c.multi_compress_to_buffer(buffer, threads)), batch_frames(), "BufferWithSegments");
    expect_same_items(items_of(c.multi_compress_to_buffer(collection, threads)), batch_frames(),
                      "BufferWithSegmentsCollection");
  }
}

TEST(MultiCompress, WorkersUseTheCompressorsOptions) {
  // A dictionary, a checksum and a level: every worker must build its context from them.
  const Bytes dict_content = make_english_text(8000, 5);
  CompressorOptions o;
  o.level = 7;
  o.write_checksum = true;
  o.dict_data = ZstdCompressionDict(dict_content, zstdpp::DICT_TYPE_RAWCONTENT);
  ZstdCompressor c(o);
  std::vector<Bytes> inputs;
  for (std::uint32_t i = 0; i < 12; ++i) inputs.push_back(make_input_from(dict_content, 1000 + i * 500, 40 + i));
  std::vector<Bytes> one_at_a_time;
  for (const Bytes& in : inputs) one_at_a_time.push_back(c.compress(in));
  zstdpp::DecompressorOptions dopt;
  dopt.dict_data = o.dict_data;
  ZstdDecompressor d(dopt);
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const std::vector<Bytes> frames = items_of(c.multi_compress_to_buffer(views_of(inputs), threads));
    expect_same_items(frames, one_at_a_time, "frames against compress()");
    for (std::size_t i = 0; i < frames.size(); ++i) {
      EXPECT_TRUE(zstdpp::get_frame_parameters(frames[i]).has_checksum);
      EXPECT_TRUE(same_bytes(d.decompress(frames[i]), inputs[i])) << "item " << i;
    }
    // The decompressor's workers hold its dictionary too.
    const BufferWithSegmentsCollection decoded = d.multi_decompress_to_buffer(views_of(frames), {}, threads);
    expect_same_items(items_of(decoded), inputs, "multi_decompress_to_buffer with the dictionary");
  }
}

TEST(MultiCompress, NeverMoreWorkersThanInputs) {
  const std::vector<Bytes> inputs = {make_english_text(3000, 1), Bytes{}, make_english_text(10, 2)};
  ZstdCompressor c;
  const BufferWithSegmentsCollection out = c.multi_compress_to_buffer(views_of(inputs), 8);
  EXPECT_EQ(out.buffer_count(), 3u);
  ZstdDecompressor d;
  for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_TRUE(same_bytes(d.decompress(out[i].data()), inputs[i]));
}

TEST(MultiCompress, EmptyInputListIsRefused) {
  ZstdCompressor c;
  ZSTDPP_EXPECT_ERROR(c.multi_compress_to_buffer(std::span<const ByteView>()), ErrorCode::kParameterOutOfBounds,
                      "no inputs");
  const BufferWithSegments none(Bytes{}, {});
  ZSTDPP_EXPECT_ERROR(c.multi_compress_to_buffer(none, 2), ErrorCode::kParameterOutOfBounds, "no inputs");
}

TEST(MultiCompress, BusyCompressorIsRefused) {
  ZstdCompressor c;
  const std::vector<ByteView> views = views_of(batch_inputs());
  auto obj = c.compressobj();
  (void)obj.compress(batch_inputs()[1]);
  ZSTDPP_EXPECT_ERROR(c.multi_compress_to_buffer(views, 2), ErrorCode::kWrongState, "compressobj");
  (void)obj.flush();
  // Free again once the frame is finished, and a compressor stays usable after a batch.
  EXPECT_EQ(c.multi_compress_to_buffer(views, 2).segment_count(), views.size());
  EXPECT_TRUE(same_bytes(c.compress(batch_inputs()[3]), batch_frames()[3]));
}

// ---- multi_decompress_to_buffer -------------------------------------------------------

TEST(MultiDecompress, RoundTripsInEveryFormAtEveryThreadCount) {
  const std::vector<Bytes>& inputs = batch_inputs();
  ZstdCompressor c;
  const BufferWithSegmentsCollection frames = c.multi_compress_to_buffer(views_of(inputs), 2);
  const BufferWithSegments flat = buffer_of(items_of(frames));
  const std::vector<Bytes> frame_items = items_of(frames);
  const std::vector<ByteView> frame_views = views_of(frame_items);
  ZstdDecompressor d;
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const BufferWithSegmentsCollection out = d.multi_decompress_to_buffer(frames, {}, threads);
    EXPECT_EQ(out.buffer_count(), expected_workers(threads, inputs.size()));
    expect_same_items(items_of(out), inputs, "from a collection");
    expect_same_items(items_of(d.multi_decompress_to_buffer(flat, {}, threads)), inputs, "from a buffer");
    expect_same_items(items_of(d.multi_decompress_to_buffer(frame_views, {}, threads)), inputs, "from views");
  }
}

TEST(MultiDecompress, AllEmptyContents) {
  const std::vector<Bytes> inputs(5);
  ZstdCompressor c;
  ZstdDecompressor d;
  for (int threads : kThreadCounts) {
    const BufferWithSegmentsCollection out =
        d.multi_decompress_to_buffer(c.multi_compress_to_buffer(views_of(inputs), threads), {}, threads);
    EXPECT_EQ(out.size(), 0u);
    expect_same_items(items_of(out), inputs, "empty contents, threads " + std::to_string(threads));
  }
}

TEST(MultiDecompress, FramesOfTheZstdCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  std::vector<Bytes> inputs, frames;
  for (std::uint32_t i = 0; i < 6; ++i) {
    inputs.push_back(i == 2 ? Bytes{} : make_english_text(5000 + i * 30000, 60 + i));
    frames.push_back(zstd_compress(dir, inputs.back(), i % 2 ? "-19" : "-3"));  // from a file: content size kept
  }
  ZstdDecompressor d;
  for (int threads : kThreadCounts)
    expect_same_items(items_of(d.multi_decompress_to_buffer(views_of(frames), {}, threads)), inputs,
                      "zstd CLI frames, threads " + std::to_string(threads));
}

TEST(MultiDecompress, DecompressedSizesForFramesWithoutContentSize) {
  std::vector<Bytes> inputs(batch_inputs().begin(), batch_inputs().begin() + 30);
  CompressorOptions o;
  o.write_content_size = false;
  ZstdCompressor c(o);
  const std::vector<Bytes> frames = items_of(c.multi_compress_to_buffer(views_of(inputs)));
  ASSERT_EQ(zstdpp::get_frame_parameters(frames[1]).content_size, zstdpp::CONTENTSIZE_UNKNOWN);
  std::vector<std::uint64_t> sizes;
  for (const Bytes& in : inputs) sizes.push_back(in.size());
  ZstdDecompressor d;
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(frames), {}, threads), ErrorCode::kContentSizeUnknown,
                        "frame 0: ");
    expect_same_items(items_of(d.multi_decompress_to_buffer(views_of(frames), sizes, threads)), inputs, "with sizes");
  }
  // Sizes given for frames that do carry one, agreeing with it.
  std::vector<std::uint64_t> all_sizes;
  for (const Bytes& in : batch_inputs()) all_sizes.push_back(in.size());
  expect_same_items(items_of(d.multi_decompress_to_buffer(views_of(batch_frames()), all_sizes, 2)), batch_inputs(),
                    "sizes matching the headers");
}

TEST(MultiDecompress, DecompressedSizesOfTheWrongLength) {
  ZstdDecompressor d;
  const std::vector<std::uint64_t> sizes(batch_frames().size() - 1, 100);
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(batch_frames()), sizes, 2),
                      ErrorCode::kParameterOutOfBounds, "decompressed_sizes has 99 entries for 100 frames");
}

TEST(MultiDecompress, DecompressedSizesTooSmallOrTooLarge) {
  const Bytes text = make_english_text(10000, 9);
  const Bytes with_size = ZstdCompressor().compress(text);
  CompressorOptions o;
  o.write_content_size = false;
  const Bytes without_size = ZstdCompressor(o).compress(text);
  ZstdDecompressor d;
  for (const Bytes* frame : {&with_size, &without_size}) {
    SCOPED_TRACE(frame == &with_size ? "header with content size" : "header without content size");
    const std::vector<ByteView> one = {*frame};
    const std::uint64_t small[] = {9999}, tiny[] = {100}, large[] = {10001};
    ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(one, small), ErrorCode::kOutputTooSmall, "frame 0: ");
    ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(one, tiny), ErrorCode::kOutputTooSmall, "frame 0: ");
    ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(one, large), ErrorCode::kContentSizeMismatch, "frame 0: ");
  }
}

TEST(MultiDecompress, DeclaredSizeBeyondWhatTheFrameHoldsIsRefused) {
  // A 20-byte frame declaring 1 TiB: refused before any allocation.
  HandFrame hf;
  hf.fcs_bytes = 8;
  Bytes lying = make_frame_header(hf, std::uint64_t{1} << 40);
  put_le(lying, 1u | (8u << 3), 3);  // last raw block of 8 bytes
  append(lying, to_bytes("abcdefgh"));
  ZstdDecompressor d;
  const std::vector<ByteView> frames = {batch_frames()[1], lying};
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(frames, {}, 2), ErrorCode::kContentSizeMismatch, "frame 1: ");
  const std::uint64_t sizes[] = {batch_inputs()[1].size(), std::uint64_t{1} << 40};
  const Bytes small = make_hand_frame(HandFrame{}, to_bytes("abcdefgh"));  // no content size
  const std::vector<ByteView> unsized = {batch_frames()[1], small};
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(unsized, sizes, 2), ErrorCode::kContentSizeMismatch,
                      "frame 1: ");
}

TEST(MultiDecompress, SkippableFrameIsNotAFrame) {
  const Bytes skippable = make_skippable_frame(3, to_bytes("metadata"));
  const std::vector<ByteView> frames = {batch_frames()[1], batch_frames()[2], skippable};
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(frames, {}, 2), ErrorCode::kFrameHeaderInvalid, "frame 2: ");
  const std::uint64_t sizes[] = {batch_inputs()[1].size(), batch_inputs()[2].size(), 0};
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(frames, sizes, 2), ErrorCode::kFrameHeaderInvalid, "frame 2: ");
}

TEST(MultiDecompress, NeverMoreWorkersThanFrames) {
  const std::vector<ByteView> frames = {batch_frames()[1], batch_frames()[2]};
  ZstdDecompressor d;
  const BufferWithSegmentsCollection out = d.multi_decompress_to_buffer(frames, {}, 64);
  EXPECT_EQ(out.buffer_count(), 2u);
  expect_same_items(items_of(out), {batch_inputs()[1], batch_inputs()[2]}, "two frames, 64 threads");
}

// Frames of batch_inputs() with frame `at` broken by `how`.
std::vector<Bytes> broken_frames(std::initializer_list<std::pair<std::size_t, char>> breaks) {
  std::vector<Bytes> frames = batch_frames();
  for (auto [at, how] : breaks) {
    Bytes& f = frames[at];
    switch (how) {
      case 't': f.resize(f.size() - 2); break;                 // truncated: found while decoding
      case 'm': f[0] ^= 0xFF; break;                            // bad magic: found while sizing
      case 'x': f.push_back(0); break;                          // extra data after the frame
      default: ADD_FAILURE() << "unknown break " << how;
    }
  }
  return frames;
}

TEST(MultiDecompress, LowestFailingIndexWinsAtEveryThreadCount) {
  ZstdDecompressor d;
  // Both decode-time failures; a sizing failure above a decoding one; a decoding failure
  // above a sizing one; and one failure only, late in the last worker's range.
  const std::vector<std::pair<std::vector<Bytes>, std::string>> cases = {
      {broken_frames({{3, 't'}, {70, 't'}}), "frame 3: "},
      {broken_frames({{70, 'm'}, {3, 't'}}), "frame 3: "},
      {broken_frames({{3, 'm'}, {70, 't'}}), "frame 3: "},
      {broken_frames({{98, 'x'}}), "frame 98: "},
  };
  for (const auto& test_case : cases) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const std::vector<Bytes>& frames = test_case.first;
    const std::string& where = test_case.second;
    SCOPED_TRACE(where);
    std::string first;
    ErrorCode first_code = ErrorCode::kOk;
    for (int threads : kThreadCounts) {
      ErrorCode code = ErrorCode::kOk;
      const std::string message =
          error_message([&] { (void)d.multi_decompress_to_buffer(views_of(frames), {}, threads); }, &code);
      EXPECT_NE(message.find("multi_decompress_to_buffer: " + where), std::string::npos) << message;
      if (first.empty()) {
        first = message;
        first_code = code;
      }
      EXPECT_EQ(message, first) << "threads " << threads;
      EXPECT_EQ(code, first_code) << "threads " << threads;
    }
  }
  // The error kinds keep their codes.
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(broken_frames({{5, 'm'}})), {}, 2),
                      ErrorCode::kUnknownMagic, "frame 5: ");
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(broken_frames({{5, 't'}})), {}, 2),
                      ErrorCode::kTruncatedInput, "frame 5: ");
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(broken_frames({{5, 'x'}})), {}, 2),
                      ErrorCode::kExtraData, "frame 5: ");
  // And the decompressor is still usable.
  expect_same_items(items_of(d.multi_decompress_to_buffer(views_of(batch_frames()), {}, 2)), batch_inputs(), "after");
}

TEST(MultiCompress, BusyCompressorIsRefusedForEveryInputForm) {
  ZstdCompressor c;
  auto w = c.compressobj();
  ZSTDPP_EXPECT_ERROR(c.multi_compress_to_buffer(buffer_of(batch_inputs())), ErrorCode::kWrongState, "compressobj");
  ZSTDPP_EXPECT_ERROR(c.multi_compress_to_buffer(collection_of(batch_inputs())), ErrorCode::kWrongState,
                      "compressobj");
}

TEST(MultiDecompress, EmptyListAndBusyDecompressorAreRefused) {
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(std::span<const ByteView>()), ErrorCode::kParameterOutOfBounds,
                      "no frames");
  auto obj = d.decompressobj();
  (void)obj.decompress(ByteView(batch_frames()[1]).first(5));
  ZSTDPP_EXPECT_ERROR(d.multi_decompress_to_buffer(views_of(batch_frames()), {}, 2), ErrorCode::kWrongState,
                      "decompressobj");
}

// ---- decompress_content_dict_chain ----------------------------------------------------

// Texts where each reuses much of the one before (so the dictionary matters).
std::vector<Bytes> chain_texts(std::size_t count) {
  std::vector<Bytes> texts{make_english_text(20000, 77)};
  for (std::size_t i = 1; i < count; ++i)
    texts.push_back(make_input_from(texts.back(), 15000 + i * 700, 78 + static_cast<std::uint32_t>(i)));
  return texts;
}

// Frame 0 plain, frame i compressed with text i-1 as a raw-content dictionary.
std::vector<Bytes> chain_frames(const std::vector<Bytes>& texts, bool checksum = false) {
  std::vector<Bytes> frames;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CompressorOptions o;
    o.write_checksum = checksum;
    if (i > 0) o.dict_data = ZstdCompressionDict(texts[i - 1], zstdpp::DICT_TYPE_RAWCONTENT);
    frames.push_back(ZstdCompressor(o).compress(texts[i]));
  }
  return frames;
}

TEST(ContentDictChain, DecodesToTheLastContent) {
  const std::vector<Bytes> texts = chain_texts(12);
  const std::vector<Bytes> frames = chain_frames(texts);
  // The dictionary is really used: a frame with its predecessor as history is smaller.
  EXPECT_LT(frames[5].size(), ZstdCompressor().compress(texts[5]).size());
  ZstdDecompressor d;
  const Bytes last = d.decompress_content_dict_chain(views_of(frames));
  EXPECT_TRUE(same_bytes(last, texts.back())) << describe_mismatch(last, texts.back());
  // Every prefix of a chain is a chain.
  const std::vector<ByteView> views = views_of(frames);
  for (std::size_t n = 1; n <= frames.size(); n += 4)
    EXPECT_TRUE(same_bytes(d.decompress_content_dict_chain(std::span(views).first(n)), texts[n - 1])) << n;
}

TEST(ContentDictChain, ChainOfOneFrame) {
  const Bytes text = make_english_text(3000, 3);
  const Bytes frame = ZstdCompressor().compress(text);
  const std::vector<ByteView> one = {frame};
  ZstdDecompressor d;
  EXPECT_TRUE(same_bytes(d.decompress_content_dict_chain(one), text));
}

TEST(ContentDictChain, EmptyLinksAndEmptyChain) {
  // An empty content in the middle: the next frame has no history (compressed plainly).
  const std::vector<Bytes> texts = {make_english_text(4000, 4), Bytes{}, make_english_text(5000, 6)};
  std::vector<Bytes> frames = {ZstdCompressor().compress(texts[0]), ZstdCompressor().compress(texts[1]),
                               ZstdCompressor().compress(texts[2])};
  ZstdDecompressor d;
  EXPECT_TRUE(same_bytes(d.decompress_content_dict_chain(views_of(frames)), texts[2]));
  ZSTDPP_EXPECT_ERROR(d.decompress_content_dict_chain({}), ErrorCode::kParameterOutOfBounds, "no frames");
}

TEST(ContentDictChain, WrongOrderFails) {
  const std::vector<Bytes> texts = chain_texts(6);
  std::vector<Bytes> frames = chain_frames(texts, /*checksum=*/true);
  std::swap(frames[2], frames[3]);
  ZstdDecompressor d;
  ErrorCode code = ErrorCode::kOk;
  const std::string message = error_message([&] { (void)d.decompress_content_dict_chain(views_of(frames)); }, &code);
  EXPECT_NE(message.find("chain frame 2 "), std::string::npos) << message;
  EXPECT_TRUE(code == ErrorCode::kChecksumMismatch || code == ErrorCode::kCorruptedData) << message;
}

TEST(ContentDictChain, MissingContentSizeFails) {
  const std::vector<Bytes> texts = chain_texts(4);
  for (std::size_t at : {std::size_t{0}, std::size_t{2}}) {
    std::vector<Bytes> frames = chain_frames(texts);
    CompressorOptions o;
    o.write_content_size = false;
    if (at > 0) o.dict_data = ZstdCompressionDict(texts[at - 1], zstdpp::DICT_TYPE_RAWCONTENT);
    ZstdCompressor c(o);
    auto obj = c.compressobj();
    frames[at] = obj.compress(texts[at]);
    append(frames[at], obj.flush());
    ZstdDecompressor d;
    ZSTDPP_EXPECT_ERROR(d.decompress_content_dict_chain(views_of(frames)), ErrorCode::kContentSizeUnknown,
                        "chain frame " + std::to_string(at) + " has no content size");
  }
}

TEST(ContentDictChain, NotAFrameNamesTheIndex) {
  const std::vector<Bytes> texts = chain_texts(3);
  std::vector<Bytes> frames = chain_frames(texts);
  frames[1] = to_bytes("this is not a zstd frame");
  ZstdDecompressor d;
  ZSTDPP_EXPECT_ERROR(d.decompress_content_dict_chain(views_of(frames)), ErrorCode::kUnknownMagic, "chain frame 1 ");
  frames = chain_frames(texts);
  frames[2].push_back(0x42);
  ZSTDPP_EXPECT_ERROR(d.decompress_content_dict_chain(views_of(frames)), ErrorCode::kExtraData, "chain frame 2 ");
}

TEST(ContentDictChain, BusyDecompressorIsRefused) {
  const std::vector<Bytes> frames = chain_frames(chain_texts(2));
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  (void)obj.decompress(ByteView(frames[0]).first(5));
  ZSTDPP_EXPECT_ERROR(d.decompress_content_dict_chain(views_of(frames)), ErrorCode::kWrongState, "decompressobj");
}

TEST(ContentDictChain, ChainMadeByTheZstdCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  // `zstd -D FILE` loads a file without the dictionary magic as raw content.
  TempDir dir;
  const std::vector<Bytes> texts = chain_texts(4);
  std::vector<Bytes> frames{zstd_compress(dir, texts[0], "-3")};
  for (std::size_t i = 1; i < texts.size(); ++i) {
    const auto dict_path = dir.file("prev" + std::to_string(i));
    write_file(dict_path, texts[i - 1]);
    frames.push_back(zstd_compress(dir, texts[i], "-3 -D " + shell_quote(dict_path.string())));
  }
  ZstdDecompressor d;
  const Bytes last = d.decompress_content_dict_chain(views_of(frames));
  EXPECT_TRUE(same_bytes(last, texts.back())) << describe_mismatch(last, texts.back());
}

}  // namespace
}  // namespace zstdpp_test
