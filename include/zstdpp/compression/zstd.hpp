// Python 3.14's compression.zstd, in C++: a second thin face over zstdpp's objects.
//
//   namespace zstd = zstdpp::compression::zstd;
//   zstdpp::Bytes frame = zstd::compress(data);                       // level 3
//   zstdpp::Bytes back = zstd::decompress(frame);                     // every frame in it
//
//   zstd::ZstdCompressor c(std::nullopt, zstd::CompressionOptions{
//       {zstd::CompressionParameter::checksum_flag, 1},
//       {zstd::CompressionParameter::window_log, 20}});
//   zstdpp::Bytes out = c.compress(chunk);                            // CONTINUE
//   append(out, c.flush());                                           // FLUSH_FRAME
//
//   zstd::ZstdDecompressor d;
//   zstdpp::Bytes part = d.decompress(frame, 4096);                   // max_length
//   while (!d.eof() && !d.needs_input()) part = d.decompress({}, 4096);
//
// Everything here is implemented over zstdpp::ZstdCompressor::compress_stream and
// zstdpp::ZstdDecompressor::decompress_stream (src/api/compression_zstd*.cpp): no second
// engine. Python's keyword arguments become positional parameters in the documented
// order; "None" is std::nullopt; properties (eof, last_mode, dict_id...) are const methods;
// Python's ValueError / TypeError for a bad argument is ZstdError(kParameterOutOfBounds)
// or ZstdError(kWrongState) naming the rule, as everywhere in zstdpp.
//
// Left out, on purpose: train_dict() and finalize_dict() come with dictionary training (a
// later issue) and are not declared rather than declared to fail. ZstdFile, open() and
// open_text() (text modes) are in <zstdpp/compression/zstd_file.hpp>, which includes this
// header (one direction only, so no include cycle): they are built over
// ZstdDecompressionReader, ZstdCompressionWriter and the adapters of io.hpp.
//
// Thread safety: as Python documents, every method of ZstdCompressor, ZstdDecompressor and
// ZstdDict may be called from several threads at once; each object serialises its calls
// with one mutex of its own (these calls do whole chunks of work, so the lock is not on a
// per-byte path). Free functions use a context of their own and are safe to call at once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include <zstdpp/bytes.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/error.hpp>
#include <zstdpp/parameters.hpp>

namespace zstdpp::compression::zstd {

using zstdpp::Bytes;
using zstdpp::ByteView;
using zstdpp::ErrorCode;
/// compression.zstd.ZstdError: zstdpp's one error type.
using zstdpp::ZstdError;
/// compression.zstd.Strategy: fast = 1 ... btultra2 = 9, the values every zstd uses.
using Strategy = zstdpp::Strategy;

/// The default compression level (3).
inline constexpr int COMPRESSION_LEVEL_DEFAULT = zstdpp::COMPRESSION_LEVEL_DEFAULT;
/// The zstd format version the engine reads and writes, as (major, minor, patch).
inline constexpr std::array<int, 3> zstd_version_info = zstdpp::ZSTD_VERSION;
/// The same as a string, "1.5.7" (tests check it against zstd_version_info).
inline constexpr std::string_view zstd_version = "1.5.7";

/// A compression parameter (Python's CompressionParameter enum), usable as a map key.
///
/// Shape: Python's members have a method, bounds(), and C++ enums cannot, so this is a
/// small class wrapping the enumerator with one static constant per member: a user writes
/// CompressionParameter::window_log.bounds() exactly as in Python. value() is the stable
/// number of zstd's public API (ZSTD_c_windowLog = 101, ...), as Python's IntEnum has.
class CompressionParameter {
 public:
  enum class Id : int {
    compression_level = 100,
    window_log = 101,
    hash_log = 102,
    chain_log = 103,
    search_log = 104,
    min_match = 105,
    target_length = 106,
    strategy = 107,
    enable_long_distance_matching = 160,
    ldm_hash_log = 161,
    ldm_min_match = 162,
    ldm_bucket_size_log = 163,
    ldm_hash_rate_log = 164,
    content_size_flag = 200,
    checksum_flag = 201,
    dict_id_flag = 202,
    nb_workers = 400,
    job_size = 401,
    overlap_log = 402,
  };
  static const CompressionParameter compression_level, window_log, hash_log, chain_log, search_log, min_match,
      target_length, strategy, enable_long_distance_matching, ldm_hash_log, ldm_min_match, ldm_bucket_size_log,
      ldm_hash_rate_log, content_size_flag, checksum_flag, dict_id_flag, nb_workers, job_size, overlap_log;

  constexpr CompressionParameter(Id id) : id_(id) {}  // NOLINT: implicit, as an enumerator
  constexpr Id id() const { return id_; }
  constexpr int value() const { return static_cast<int>(id_); }
  /// The member's name, "window_log".
  const char* name() const noexcept;
  /// The inclusive range (lower, upper) a value must lie in. 0 is also accepted for every
  /// parameter and means "the default" (zstd's convention).
  ParameterBounds bounds() const noexcept;
  /// Every member, in declaration order (Python's iteration over the enum).
  static std::span<const CompressionParameter> members() noexcept;

  friend constexpr auto operator<=>(CompressionParameter, CompressionParameter) = default;

 private:
  Id id_;
};

inline constexpr CompressionParameter CompressionParameter::compression_level{Id::compression_level};
inline constexpr CompressionParameter CompressionParameter::window_log{Id::window_log};
inline constexpr CompressionParameter CompressionParameter::hash_log{Id::hash_log};
inline constexpr CompressionParameter CompressionParameter::chain_log{Id::chain_log};
inline constexpr CompressionParameter CompressionParameter::search_log{Id::search_log};
inline constexpr CompressionParameter CompressionParameter::min_match{Id::min_match};
inline constexpr CompressionParameter CompressionParameter::target_length{Id::target_length};
inline constexpr CompressionParameter CompressionParameter::strategy{Id::strategy};
inline constexpr CompressionParameter CompressionParameter::enable_long_distance_matching{
    Id::enable_long_distance_matching};
inline constexpr CompressionParameter CompressionParameter::ldm_hash_log{Id::ldm_hash_log};
inline constexpr CompressionParameter CompressionParameter::ldm_min_match{Id::ldm_min_match};
inline constexpr CompressionParameter CompressionParameter::ldm_bucket_size_log{Id::ldm_bucket_size_log};
inline constexpr CompressionParameter CompressionParameter::ldm_hash_rate_log{Id::ldm_hash_rate_log};
inline constexpr CompressionParameter CompressionParameter::content_size_flag{Id::content_size_flag};
inline constexpr CompressionParameter CompressionParameter::checksum_flag{Id::checksum_flag};
inline constexpr CompressionParameter CompressionParameter::dict_id_flag{Id::dict_id_flag};
inline constexpr CompressionParameter CompressionParameter::nb_workers{Id::nb_workers};
inline constexpr CompressionParameter CompressionParameter::job_size{Id::job_size};
inline constexpr CompressionParameter CompressionParameter::overlap_log{Id::overlap_log};

/// A decompression parameter (Python's DecompressionParameter): the same shape.
class DecompressionParameter {
 public:
  enum class Id : int { window_log_max = 100 };
  static const DecompressionParameter window_log_max;

  constexpr DecompressionParameter(Id id) : id_(id) {}  // NOLINT: implicit, as an enumerator
  constexpr Id id() const { return id_; }
  constexpr int value() const { return static_cast<int>(id_); }
  const char* name() const noexcept;
  /// window_log_max: 10..31 (0: the default limit, a 128 MiB window).
  ParameterBounds bounds() const noexcept;
  static std::span<const DecompressionParameter> members() noexcept;

  friend constexpr auto operator<=>(DecompressionParameter, DecompressionParameter) = default;

 private:
  Id id_;
};

inline constexpr DecompressionParameter DecompressionParameter::window_log_max{Id::window_log_max};

/// Python's `options` dicts. A Strategy value is given as static_cast<int>(Strategy::btopt).
using CompressionOptions = std::map<CompressionParameter, int>;
using DecompressionOptions = std::map<DecompressionParameter, int>;

class ZstdDict;

/// How a (de)compressor loads a ZstdDict: Python's zd.as_digested_dict /
/// as_undigested_dict / as_prefix, or the ZstdDict itself (kDefault: undigested when
/// compressing, digested when decompressing, as Python does).
enum class DictLoad : std::uint8_t { kDefault, kDigested, kUndigested, kPrefix };

namespace detail {
struct DictState;
struct CompressorState;
struct DecompressorState;
}  // namespace detail

/// A Zstandard dictionary (Python's ZstdDict). Immutable and cheap to copy (copies share
/// one parsed form); thread-safe: any number of (de)compressors may use it at once.
class ZstdDict {
 public:
  /// `content`: a zstd-format dictionary (magic 0xEC30A437, ID, tables), or with `is_raw`
  /// any bytes used as raw content (history only). Throws ZstdError when `content` is not
  /// a valid zstd dictionary and is_raw is false.
  explicit ZstdDict(ByteView content, bool is_raw = false);

  /// The dictionary's ID; 0 for raw content. (get_frame_info's dictionary_id 0 means
  /// something else: "not recorded in the frame".)
  std::uint32_t dict_id() const;
  /// The bytes the dictionary was made from.
  ByteView dict_content() const;

  /// Compression: the dictionary indexed once per set of compression parameters and
  /// cached here, so later compressors copy tables instead of re-indexing; the frame is
  /// then compressed with the parameters the tables were built for (as zstd's digested
  /// dictionaries do). Decompression: the same as the dictionary itself.
  struct Loaded as_digested_dict() const;
  /// Compression: the compressor indexes the content itself for each frame, with its own
  /// parameters fitted to each input. Decompression: the same as the dictionary itself.
  struct Loaded as_undigested_dict() const;
  /// The whole content as raw history for the first frame only; the (de)compressor then
  /// returns to no dictionary. The decompressor must be given the same prefix.
  struct Loaded as_prefix() const;

  const detail::DictState& state() const { return *state_; }

 private:
  std::shared_ptr<detail::DictState> state_;
};

/// A ZstdDict with how to load it (Python's (ZstdDict, int) tuples); made implicitly from a
/// ZstdDict, so `zstd_dict` arguments take either.
struct Loaded {
  Loaded(ZstdDict d, DictLoad how = DictLoad::kDefault) : dict(std::move(d)), load(how) {}  // NOLINT: implicit
  ZstdDict dict;
  DictLoad load;
};

inline Loaded ZstdDict::as_digested_dict() const { return {*this, DictLoad::kDigested}; }
inline Loaded ZstdDict::as_undigested_dict() const { return {*this, DictLoad::kUndigested}; }
inline Loaded ZstdDict::as_prefix() const { return {*this, DictLoad::kPrefix}; }

/// One frame holding `data`, its content size in the header. `level` (default 3) and
/// `options` are mutually exclusive (put compression_level in the options instead).
/// Throws ZstdError(kParameterOutOfBounds) naming a bad level, parameter or the mix.
Bytes compress(ByteView data, std::optional<int> level = std::nullopt,
               const std::optional<CompressionOptions>& options = std::nullopt,
               const std::optional<Loaded>& zstd_dict = std::nullopt);

/// Every frame in `data`, decoded and concatenated; skippable frames are skipped. Data
/// ending inside a frame (empty data included) is ZstdError(kTruncatedInput); bytes after
/// a frame that do not start another frame are an error too (no trailing garbage).
Bytes decompress(ByteView data, const std::optional<Loaded>& zstd_dict = std::nullopt,
                 const std::optional<DecompressionOptions>& options = std::nullopt);

/// Incremental compression (Python's ZstdCompressor). Thread-safe (see the file comment).
class ZstdCompressor {
 public:
  using Mode = StreamMode;
  /// Compress; output may stay buffered.
  static constexpr Mode CONTINUE = StreamMode::CONTINUE;
  /// Output everything given so far as complete blocks: decodable up to here.
  static constexpr Mode FLUSH_BLOCK = StreamMode::FLUSH_BLOCK;
  /// End the frame; the next call begins a new one.
  static constexpr Mode FLUSH_FRAME = StreamMode::FLUSH_FRAME;

  /// `level` and `options` are mutually exclusive (ZstdError(kParameterOutOfBounds));
  /// options out of range name the parameter and its bounds; nb_workers > 0 is
  /// kNotImplemented (multithreading is not built yet).
  explicit ZstdCompressor(std::optional<int> level = std::nullopt,
                          const std::optional<CompressionOptions>& options = std::nullopt,
                          const std::optional<Loaded>& zstd_dict = std::nullopt);
  ~ZstdCompressor();
  ZstdCompressor(ZstdCompressor&&) noexcept;
  ZstdCompressor& operator=(ZstdCompressor&&) noexcept;

  /// Compresses `data` in `mode`; returns what output is ready (possibly nothing). At the
  /// start of a frame, FLUSH_FRAME writes data.size() as the content size unless
  /// set_pledged_input_size() gave one. A pledged size the input does not match is
  /// ZstdError(kParameterOutOfBounds); the frame is then abandoned.
  Bytes compress(ByteView data, Mode mode = CONTINUE);
  /// compress({}, mode) for FLUSH_BLOCK or FLUSH_FRAME (CONTINUE: kParameterOutOfBounds).
  /// FLUSH_FRAME at a frame start writes an empty frame, as zstd does.
  Bytes flush(Mode mode = FLUSH_FRAME);
  /// The next frame's content size (std::nullopt: unknown), written into its header unless
  /// content_size_flag is 0 and enforced. Only at a frame start (last_mode() ==
  /// FLUSH_FRAME), else ZstdError(kWrongState). Applies to one frame.
  void set_pledged_input_size(std::optional<std::uint64_t> size);
  /// The mode of the last compress() or flush(); FLUSH_FRAME at first (a frame start).
  Mode last_mode() const;

 private:
  std::unique_ptr<detail::CompressorState> state_;
};

/// Incremental decompression of one frame (Python's ZstdDecompressor): for several
/// frames, use decompress() or one object per frame. Thread-safe (see the file comment).
class ZstdDecompressor {
 public:
  /// window_log_max in `options` limits the window a frame may ask for.
  explicit ZstdDecompressor(const std::optional<Loaded>& zstd_dict = std::nullopt,
                            const std::optional<DecompressionOptions>& options = std::nullopt);
  ~ZstdDecompressor();
  ZstdDecompressor(ZstdDecompressor&&) noexcept;
  ZstdDecompressor& operator=(ZstdDecompressor&&) noexcept;

  /// Decompresses `data` (appended to input kept from earlier calls); returns at most
  /// `max_length` bytes (negative: no limit). Output beyond the limit stays buffered, and
  /// needs_input() is then false: call again with empty data for more. Bytes after the
  /// frame's end go to unused_data(). After eof(), ZstdError(kWrongState).
  Bytes decompress(ByteView data, std::int64_t max_length = -1);
  /// The frame has ended and all of its content was returned.
  bool eof() const;
  /// Input found after the end of the frame; empty before eof().
  Bytes unused_data() const;
  /// False when decompress() can return more output without new input (output buffered
  /// past max_length, or the end reached); true when it needs more compressed data.
  bool needs_input() const;

 private:
  std::unique_ptr<detail::DecompressorState> state_;
};

/// What a frame header says (Python's FrameInfo).
struct FrameInfo {
  /// The content size, std::nullopt when the header does not record it (0 for a
  /// skippable frame).
  std::optional<std::uint64_t> decompressed_size;
  /// The dictionary the frame needs; 0: none recorded (none needed, or not written).
  std::uint32_t dictionary_id = 0;
};

/// Reads the header of the frame at the start of `frame_buffer` (6 to 18 bytes are
/// enough). Throws ZstdError when it does not start with a valid frame header.
FrameInfo get_frame_info(ByteView frame_buffer);

/// The size of the whole frame (zstd or skippable) at the start of `frame_buffer`, header
/// and checksum included. Throws ZstdError when it is truncated or malformed.
std::size_t get_frame_size(ByteView frame_buffer);

}  // namespace zstdpp::compression::zstd
