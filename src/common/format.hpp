// Format constants of Zstandard (RFC 8878), shared by encoder and decoder.
//
// Values are the format's, cited by section. Nothing here is tunable.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace zstdpp::format {

// Section 3.1.1: frames.
inline constexpr std::uint32_t kMagicNumber = 0xFD2FB528u;
// Section 3.1.2: skippable frames use 0x184D2A50..0x184D2A5F.
inline constexpr std::uint32_t kSkippableMagicBase = 0x184D2A50u;
inline constexpr std::uint32_t kSkippableMagicMask = 0xFFFFFFF0u;
inline constexpr std::size_t kSkippableHeaderSize = 8;
inline constexpr std::size_t kMagicSize = 4;
inline constexpr std::size_t kFrameHeaderMinSize = 2;  // descriptor + 1-byte window/FCS, no magic
inline constexpr std::size_t kFrameHeaderMaxSize = 18;  // magic + descriptor + window + 4 dict ID + 8 FCS
inline constexpr std::size_t kChecksumSize = 4;

// Section 3.1.1.1.2: Window_Descriptor.
inline constexpr unsigned kWindowLogMin = 10;
inline constexpr unsigned kWindowLogMax = 31;  // largest a 64-bit decoder accepts
inline constexpr std::uint64_t kWindowSizeMin = std::uint64_t{1} << kWindowLogMin;

// Section 3.1.1.2: blocks.
inline constexpr std::size_t kBlockHeaderSize = 3;
inline constexpr unsigned kBlockSizeLogMax = 17;
inline constexpr std::size_t kBlockSizeMax = std::size_t{1} << kBlockSizeLogMax;  // 128 KiB

enum class BlockType : std::uint8_t { kRaw = 0, kRle = 1, kCompressed = 2, kReserved = 3 };

// Section 3.1.1.3.1: literals section.
enum class LiteralsType : std::uint8_t { kRaw = 0, kRle = 1, kCompressed = 2, kTreeless = 3 };

// Section 3.1.1.3.2.1: Symbol_Compression_Modes.
enum class SymbolMode : std::uint8_t { kPredefined = 0, kRle = 1, kFse = 2, kRepeat = 3 };

// Section 4.1: FSE accuracy limits for the three sequence streams.
inline constexpr unsigned kLiteralLengthMaxAccuracyLog = 9;
inline constexpr unsigned kMatchLengthMaxAccuracyLog = 9;
inline constexpr unsigned kOffsetMaxAccuracyLog = 8;
inline constexpr unsigned kMaxLiteralLengthCode = 35;
inline constexpr unsigned kMaxMatchLengthCode = 52;
inline constexpr unsigned kMaxOffsetCode = 31;
inline constexpr unsigned kMinMatch = 3;

// Section 4.2.1: Huffman limits.
inline constexpr unsigned kHuffmanMaxBits = 11;
inline constexpr unsigned kHuffmanMaxSymbols = 256;
inline constexpr unsigned kHuffmanWeightsMaxAccuracyLog = 6;

// Section 3.1.1.3.2.1.1: literal length codes: baseline and number of extra bits.
inline constexpr std::array<std::uint32_t, 36> kLiteralLengthBase = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,   10,  11,  12,  13,   14,   15,   16,    18,
    20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};
inline constexpr std::array<std::uint8_t, 36> kLiteralLengthBits = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
    1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// Section 3.1.1.3.2.1.1: match length codes.
inline constexpr std::array<std::uint32_t, 53> kMatchLengthBase = {
    3,  4,  5,  6,  7,  8,  9,  10, 11,  12,  13,  14,   15,   16,   17,   18,    19,    20,
    21, 22, 23, 24, 25, 26, 27, 28, 29,  30,  31,  32,   33,   34,   35,   37,    39,    41,
    43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539};
inline constexpr std::array<std::uint8_t, 53> kMatchLengthBits = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// Section 3.1.1.3.2.2: predefined distributions ("default" tables).
inline constexpr unsigned kLiteralLengthDefaultAccuracyLog = 6;
inline constexpr std::array<std::int16_t, 36> kLiteralLengthDefaultNorm = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1};
inline constexpr unsigned kMatchLengthDefaultAccuracyLog = 6;
inline constexpr std::array<std::int16_t, 53> kMatchLengthDefaultNorm = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1};
inline constexpr unsigned kOffsetDefaultAccuracyLog = 5;
inline constexpr std::array<std::int16_t, 29> kOffsetDefaultNorm = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};

// Section 3.1.1.5: repeat offsets start as 1, 4, 8.
inline constexpr std::array<std::uint32_t, 3> kInitialRepeatOffsets = {1, 4, 8};

// Section 5: dictionaries.
inline constexpr std::uint32_t kDictionaryMagic = 0xEC30A437u;

}  // namespace zstdpp::format
