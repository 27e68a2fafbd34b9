// Public constants, named as python-zstandard names them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace zstdpp {

/// The reference version whose frames this engine reads and writes, as python-zstandard's
/// ZSTD_VERSION tuple (major, minor, patch). Not three separate ZSTD_VERSION_* names: those
/// are macros in zstd.h, and a program may include both headers.
inline constexpr std::array<int, 3> ZSTD_VERSION = {1, 5, 7};

inline constexpr std::uint32_t MAGIC_NUMBER = 0xFD2FB528u;
inline constexpr std::uint8_t FRAME_HEADER[4] = {0x28, 0xB5, 0x2F, 0xFD};
/// Skippable frames: magic MAGIC_SKIPPABLE_START + 0..15 (test with the mask).
inline constexpr std::uint32_t MAGIC_SKIPPABLE_START = 0x184D2A50u;
inline constexpr std::uint32_t MAGIC_SKIPPABLE_MASK = 0xFFFFFFF0u;
inline constexpr std::uint64_t CONTENTSIZE_UNKNOWN = ~std::uint64_t{0};
inline constexpr std::uint64_t CONTENTSIZE_ERROR = ~std::uint64_t{0} - 1;

inline constexpr std::size_t BLOCKSIZE_MAX = 128 * 1024;
/// One block plus the largest block header and a checksum: input that always lets a
/// streaming decoder make progress.
inline constexpr std::size_t DECOMPRESSION_RECOMMENDED_INPUT_SIZE = BLOCKSIZE_MAX + 3;
inline constexpr std::size_t DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE = BLOCKSIZE_MAX;

inline constexpr unsigned WINDOWLOG_MIN = 10;
inline constexpr unsigned WINDOWLOG_MAX = 31;
/// Frames asking for more history than this are refused unless the limit is raised, as
/// the reference decoder does by default (its ZSTD_WINDOWLOG_LIMIT_DEFAULT).
inline constexpr std::uint64_t DEFAULT_MAX_WINDOW_SIZE = std::uint64_t{1} << 27;

/// The modes of a streaming compression step (Python compression.zstd's
/// ZstdCompressor.CONTINUE / FLUSH_BLOCK / FLUSH_FRAME).
enum class StreamMode : std::uint8_t { CONTINUE = 0, FLUSH_BLOCK = 1, FLUSH_FRAME = 2 };

/// python-zstandard's flush modes: ZstdCompressionWriter.flush() and ZstdCompressionObj.flush().
inline constexpr int FLUSH_BLOCK = 0;
inline constexpr int FLUSH_FRAME = 1;
inline constexpr int COMPRESSOBJ_FLUSH_FINISH = 0;
inline constexpr int COMPRESSOBJ_FLUSH_BLOCK = 1;
/// Sizes that keep the streaming compressor busy with no extra copy: one block in; a
/// block's worst-case frame piece out (the reference's ZSTD_CStreamInSize/OutSize).
inline constexpr std::size_t COMPRESSION_RECOMMENDED_INPUT_SIZE = 131072;
inline constexpr std::size_t COMPRESSION_RECOMMENDED_OUTPUT_SIZE = 131591;

enum class Format : std::uint8_t { ZSTD1 = 0, ZSTD1_MAGICLESS = 1 };
inline constexpr Format FORMAT_ZSTD1 = Format::ZSTD1;
inline constexpr Format FORMAT_ZSTD1_MAGICLESS = Format::ZSTD1_MAGICLESS;

}  // namespace zstdpp
