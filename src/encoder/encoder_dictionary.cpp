// Encoder dictionary preparation: tables from the dictionary's distributions and weights.
#include "encoder/encoder_dictionary.hpp"

namespace zstdpp::encoder {

void prepare_encoder_dictionary(const dict::ParsedDictionary& parsed, EncoderDictionary& out) {
  out = EncoderDictionary{};
  out.id = parsed.id;
  out.content = parsed.content;
  out.content_size = parsed.content_size;
  if (!parsed.has_entropy) return;
  for (unsigned i = 0; i < 3; ++i) out.repeat_offsets[i] = parsed.repeat_offsets[i];
  out.tables.huffman_valid =
      entropy::build_huffman_encode_table_from_weights(parsed.literals, out.tables.huffman).ok();
  auto load = [](const entropy::NormalizedCounts& norm, EntropyTables::SeqTable& table) {
    table.norm = norm;
    entropy::build_fse_encode_table(norm, table.table);
    table.valid = true;
  };
  load(parsed.literal_lengths, out.tables.ll);
  load(parsed.offsets, out.tables.of);
  load(parsed.match_lengths, out.tables.ml);
}

}  // namespace zstdpp::encoder
