// Helpers shared by the benchmarks: corpus lookup, libzstd reference frames, a frame cache.
//
// Both bench programs time zstdpp's decoder against libzstd's on frames that libzstd
// produced, so the two decoders always see the same bytes (and, in compress mode, time the
// two encoders through LibzstdEncoder). Producing a level-19 frame of the 82 MB corpus
// takes a minute or more on a small machine, so frames are cached on disk under
// /tmp/zstdpp-bench-cache as NAME.LEVEL.zst and revalidated on every use (the entry must
// be exactly one frame announcing the input's size and the requested checksum flag);
// the benchmarks then check every decoded output against the input anyway.
//
// bench_common.cpp is the only file that includes zstd.h: the bench programs reach libzstd
// through the small wrappers below, so one place knows its API. The library never sees
// libzstd at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace zstdpp::bench {

using Buffer = std::vector<std::uint8_t>;

inline constexpr const char* kDefaultCorpusDir = "/tmp/zstdpp-corpus";
inline constexpr const char* kDefaultCacheDir = "/tmp/zstdpp-bench-cache";

// The seven Silesia files that /work/shared/corpus carries, in its README's order.
const std::vector<std::string>& corpus_file_names();

// Reads a whole file; throws std::runtime_error naming the path on failure.
Buffer read_file(const std::filesystem::path& path);

// Returns a corpus folder holding the Silesia files. An explicit folder is used as given;
// otherwise $ZSTDPP_CORPUS, else /tmp/zstdpp-corpus, unpacked there by
// SHARED/corpus/unpack.sh when missing (`allow_unpack`). Empty when none is available.
std::filesystem::path find_corpus(const std::string& explicit_dir, bool allow_unpack);

// libzstd compression, single thread, with the content size in the header and, when
// `checksum`, the XXH64 content checksum: byte for byte what `zstd --single-thread -LEVEL`
// writes for a file. (Plain `zstd -LEVEL` runs one worker thread in the multithreaded
// format, whose frames differ slightly; decoding cost is the same kind of work.)
Buffer libzstd_compress(const Buffer& input, int level, bool checksum);

// True when `frame` is exactly one frame (as libzstd parses it) announcing `input_size` as
// its content size and carrying the content checksum iff `checksum`. The cache accepts
// only such entries; compress mode requires it of both encoders' frames, so neither side
// is timed doing less work (no checksum) than the other.
bool is_one_frame_of(const Buffer& frame, std::size_t input_size, bool checksum);

// libzstd_compress through the on-disk cache: CACHE_DIR/NAME.LEVEL.zst (NAME.LEVEL.nocheck.zst
// without checksum). `name` must be a plain file name. A cache entry whose header does not
// match (content size, checksum flag) is rebuilt. Progress goes to stderr when compressing.
Buffer cached_frame(const std::filesystem::path& cache_dir, const std::string& name,
                    const Buffer& input, int level, bool checksum);

// Deterministic text-like data (words, numbers, punctuation from a fixed vocabulary) that
// compresses roughly like prose: the stand-in when the corpus is absent.
Buffer synthetic_text(std::size_t size, std::uint32_t seed);

// "1.5.4": the libzstd the numbers are compared against.
std::string libzstd_version();
// libzstd's compression level range (negative levels are its "fast" levels).
int libzstd_min_level();
int libzstd_max_level();

// One reused libzstd decompression context (ZSTD_DCtx), the reference decoder's usual use.
class LibzstdDecoder {
 public:
  LibzstdDecoder();
  ~LibzstdDecoder();
  LibzstdDecoder(const LibzstdDecoder&) = delete;
  LibzstdDecoder& operator=(const LibzstdDecoder&) = delete;

  // ZSTD_decompressDCtx of one whole frame into dst[0, capacity). Returns the decoded size;
  // throws std::runtime_error with libzstd's error name on failure.
  std::size_t decompress(const Buffer& frame, std::uint8_t* dst, std::size_t capacity);

 private:
  void* dctx_;  // ZSTD_DCtx*, opaque here to keep zstd.h out of this header
};

// One reused libzstd compression context (ZSTD_CCtx), single thread, with the content
// size in the header and the checksum flag given here. compress() is ZSTD_compress2: the
// one-shot call that honours these parameters (ZSTD_compressCCtx would ignore them and
// never write a checksum). Its frames may differ from libzstd_compress()'s streamed ones
// by a few hundred bytes of block choices; both are libzstd at that level.
class LibzstdEncoder {
 public:
  explicit LibzstdEncoder(bool checksum);
  ~LibzstdEncoder();
  LibzstdEncoder(const LibzstdEncoder&) = delete;
  LibzstdEncoder& operator=(const LibzstdEncoder&) = delete;

  // Sets the level of the following compress() calls (parameters are sticky in the CCtx).
  void set_level(int level);
  // Long-distance matching with a 2^window_log window for the following calls (0: off,
  // the level's own window).
  void set_long(int window_log);
  // One frame of src[0, size) into dst[0, capacity); returns its size. Throws
  // std::runtime_error with libzstd's error name on failure.
  std::size_t compress(const std::uint8_t* src, std::size_t size, std::uint8_t* dst, std::size_t capacity);

 private:
  void* cctx_;  // ZSTD_CCtx*, opaque here to keep zstd.h out of this header
};

// ZSTD_compressBound: the output room LibzstdEncoder::compress needs at most.
std::size_t libzstd_compress_bound(std::size_t size);

}  // namespace zstdpp::bench
