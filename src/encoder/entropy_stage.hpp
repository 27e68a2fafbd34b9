// The entropy stage of block compression (RFC 8878 sections 3.1.1.3.1 and 3.1.1.3.2):
// turns a block's sequence store into a literals section and a sequences section.
//
// Every choice is made on estimated cost in bytes, per block:
// - literals: raw, RLE (one repeated byte), Huffman with a new table, or Huffman reusing
//   the previous block's table (treeless) when every symbol has a code in it;
// - each sequence stream (literal lengths, offsets, match lengths): predefined table, RLE
//   (one code), a new FSE table with its description, or the previous block's table.
// The state a block leaves for the next one (its tables) is only committed when the block
// is actually emitted compressed, so a block stored raw does not confuse repeat modes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/status.hpp"
#include "encoder/sequence_store.hpp"
#include "entropy/fse_encode.hpp"
#include "entropy/huf_encode.hpp"

namespace zstdpp::encoder {

// Tables a block may hand to the next one (repeat modes).
struct EntropyTables {
  bool huffman_valid = false;
  entropy::HuffmanEncodeTable huffman;
  // Sequence tables: valid when a previous block (or a dictionary) described or chose
  // one; the distribution is kept to check which symbols the table can code.
  struct SeqTable {
    bool valid = false;
    entropy::NormalizedCounts norm;
    entropy::FseEncodeTable table;
  };
  SeqTable ll, of, ml;
};

// Per-frame choices of the entropy stage.
struct EntropyOptions {
  // Huffman-code literals when it pays; false stores them raw (negative levels trade that
  // ratio for speed, as the reference's do).
  bool compress_literals = true;
};

// Working memory of the entropy stage, owned by the compression context.
struct EntropyScratch {
  std::unique_ptr<std::uint8_t[]> codes{new std::uint8_t[3 * SequenceStore::kMaxSequences]};
};

// Compresses the store's literals and sequences into [dst, dst + capacity). `prev` holds
// the tables usable for repeat modes; `next` receives the tables this block leaves
// (commit it only if the block is emitted compressed). `written` is 0 when the result
// would not fit (the caller then emits the block raw).
Status write_compressed_block_body(const SequenceStore& store, const EntropyTables& prev, EntropyTables& next,
                                   const EntropyOptions& options, EntropyScratch& scratch, std::uint8_t* dst,
                                   std::size_t capacity, std::size_t& written);

}  // namespace zstdpp::encoder
