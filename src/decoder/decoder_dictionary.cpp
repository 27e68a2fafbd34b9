// Decode tables from a parsed dictionary (RFC 8878 section 5): the literals Huffman table
// and the three sequence tables, which a frame using the dictionary starts with as its
// "previous" tables.
#include "decoder/decoder_dictionary.hpp"

namespace zstdpp::decoder {

void prepare_decoder_dictionary(const dict::ParsedDictionary& parsed, DecoderDictionary& out) {
  out.id = parsed.id;
  out.content = parsed.content;
  out.content_size = parsed.content_size;
  out.has_entropy = parsed.has_entropy;
  if (!parsed.has_entropy) return;
  entropy::build_huffman_decode_table(parsed.literals, out.literals);
  build_seq_table(SeqKind::kLiteralLength, parsed.literal_lengths, out.sequences.ll_own.data());
  build_seq_table(SeqKind::kOffset, parsed.offsets, out.sequences.of_own.data());
  build_seq_table(SeqKind::kMatchLength, parsed.match_lengths, out.sequences.ml_own.data());
  out.sequences.ll = {out.sequences.ll_own.data(), parsed.literal_lengths.accuracy_log};
  out.sequences.of = {out.sequences.of_own.data(), parsed.offsets.accuracy_log};
  out.sequences.ml = {out.sequences.ml_own.data(), parsed.match_lengths.accuracy_log};
  for (unsigned i = 0; i < 3; ++i) out.repeat_offsets[i] = parsed.repeat_offsets[i];
}

}  // namespace zstdpp::decoder
