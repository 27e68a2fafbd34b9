// ZstdCompressionDict: a dictionary for compression and decompression.
//
// Either a zstd-format dictionary (magic 0xEC30A437, ID, entropy tables, repeat offsets,
// content; RFC 8878 section 5) or raw content used as history only. The object is
// immutable once built and cheap to copy: copies share the parsed form, and any number of
// compressors and decompressors may use one at the same time.
#pragma once

#include <cstdint>
#include <memory>

#include <zstdpp/bytes.hpp>
#include <zstdpp/parameters.hpp>

namespace zstdpp {

enum class DictType : std::uint8_t { AUTO = 0, RAWCONTENT = 1, FULLDICT = 2 };
inline constexpr DictType DICT_TYPE_AUTO = DictType::AUTO;
inline constexpr DictType DICT_TYPE_RAWCONTENT = DictType::RAWCONTENT;
inline constexpr DictType DICT_TYPE_FULLDICT = DictType::FULLDICT;

namespace detail {
struct DictionaryState;
}

class ZstdCompressionDict {
 public:
  /// AUTO: a zstd dictionary when `data` starts with the dictionary magic, else raw
  /// content. FULLDICT: must parse as a zstd dictionary. Throws ZstdError when malformed.
  explicit ZstdCompressionDict(ByteView data, DictType dict_type = DICT_TYPE_AUTO);

  /// The dictionary ID; 0 for raw content.
  std::uint32_t dict_id() const;
  /// The bytes the dictionary was made from.
  ByteView as_bytes() const;
  std::size_t size() const { return as_bytes().size(); }
  /// Prepares the dictionary for compressing at `level` (or with `compression_params`):
  /// its content is indexed once into match tables that every ZstdCompressor using this
  /// dictionary with the same settings then copies instead of re-indexing. Worth it when
  /// many small inputs are compressed with one dictionary. Thread-safe.
  void precompute_compress(int level = 0, const ZstdCompressionParameters* compression_params = nullptr);

  /// Trained dictionaries' cover parameters (0 until training exists).
  unsigned k = 0;
  unsigned d = 0;

  const detail::DictionaryState& state() const { return *state_; }

 private:
  std::shared_ptr<const detail::DictionaryState> state_;
};

}  // namespace zstdpp
