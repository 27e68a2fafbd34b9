// TEMPORARY: link stubs while the engine is written. Replaced by the real src/api files.
#include <zstdpp/zstdpp.hpp>
namespace zstdpp {
namespace detail { class DecoderEngine {}; struct DictionaryState { Bytes b; }; }
[[noreturn]] static void ni() { throw ZstdError(ErrorCode::kNotImplemented, "engine not built yet"); }
ZstdCompressionDict::ZstdCompressionDict(ByteView, DictType) { ni(); }
std::uint32_t ZstdCompressionDict::dict_id() const { ni(); }
ByteView ZstdCompressionDict::as_bytes() const { ni(); }
FrameParameters get_frame_parameters(ByteView, Format) { ni(); }
std::size_t frame_header_size(ByteView, Format) { ni(); }
std::uint64_t frame_content_size(ByteView, Format) { ni(); }
std::size_t frame_compressed_size(ByteView, Format) { ni(); }
std::size_t estimate_decompression_context_size(std::uint64_t) { ni(); }
ZstdDecompressor::ZstdDecompressor(DecompressorOptions o) : options_(std::move(o)) {}
ZstdDecompressor::~ZstdDecompressor() = default;
ZstdDecompressor::ZstdDecompressor(ZstdDecompressor&&) noexcept = default;
ZstdDecompressor& ZstdDecompressor::operator=(ZstdDecompressor&&) noexcept = default;
Bytes ZstdDecompressor::decompress(ByteView, const DecompressOptions&) { ni(); }
StreamProgress ZstdDecompressor::decompress_stream(InBuffer&, OutBuffer&) { ni(); }
bool ZstdDecompressor::at_frame_boundary() const { return true; }
void ZstdDecompressor::reset_stream() {}
std::size_t ZstdDecompressor::memory_size() const { return 0; }
}
