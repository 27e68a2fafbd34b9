// ZstdCompressionDict: parse once, share read-only.
#include <zstdpp/dict.hpp>

#include "api/dict_state.hpp"
#include "api/raise.hpp"

namespace zstdpp {

ZstdCompressionDict::ZstdCompressionDict(ByteView data, DictType dict_type) {
  auto state = std::make_shared<detail::DictionaryState>();
  state->bytes.assign(data.begin(), data.end());
  const auto kind = dict_type == DICT_TYPE_RAWCONTENT ? dict::DictKind::kRawContent
                    : dict_type == DICT_TYPE_FULLDICT ? dict::DictKind::kFull
                                                      : dict::DictKind::kAuto;
  api::check(dict::parse_dictionary(state->bytes.data(), state->bytes.size(), kind, state->parsed));
  decoder::prepare_decoder_dictionary(state->parsed, state->decoder);
  encoder::prepare_encoder_dictionary(state->parsed, state->encoder);
  state_ = std::move(state);
}

std::uint32_t ZstdCompressionDict::dict_id() const { return state_->parsed.id; }

ByteView ZstdCompressionDict::as_bytes() const { return state_->bytes; }

}  // namespace zstdpp
