// zstdpp::open over the stream objects: a ZstdDecompressionReader or a
// ZstdCompressionWriter, the path adapters when it opens the file itself, and the
// streambuf bridges for istream() / ostream(). Members are declared so that destruction
// runs outside in: the standard stream, the stream object, the file, the (de)compressor.
#include <zstdpp/open.hpp>

#include <exception>
#include <string>

#include <zstdpp/compressor.hpp>
#include <zstdpp/decompressor.hpp>

#include "api/file_mode.hpp"
#include "api/raise.hpp"

namespace zstdpp {

namespace {

api::FileMode parse_mode(std::string_view mode) {
  if (const auto parsed = api::parse_file_mode(mode)) return *parsed;
  api::raise(ErrorCode::kParameterOutOfBounds,
             "open: invalid mode \"" + std::string(mode) + "\" (expected r, w, a or x, optionally with b or t)");
}

}  // namespace

struct ZstdOpenFile::State {
  std::string mode;
  bool reading = false;
  std::unique_ptr<ZstdCompressor> own_cctx;
  std::unique_ptr<ZstdDecompressor> own_dctx;
  std::unique_ptr<Reader> own_source;
  std::unique_ptr<Writer> own_sink;
  std::optional<ZstdDecompressionReader> reader;
  std::optional<ZstdCompressionWriter> writer;
  std::unique_ptr<ReaderIstream> in;
  std::unique_ptr<WriterOstream> out;
  bool closed = false;

  void check_open(const char* call) const {
    if (closed) api::raise(ErrorCode::kWrongState, std::string("open file: ") + call + " on a closed file");
  }
  void check_direction(bool want_reading, const char* call) const {
    check_open(call);
    if (reading != want_reading)
      api::raise(ErrorCode::kWrongState, std::string("open file: ") + call + " on a file opened in mode \"" + mode +
                                             "\", which is " + (reading ? "read-only" : "write-only"));
  }
};

ZstdOpenFile::ZstdOpenFile(std::unique_ptr<State> state)
    : StreamReaderBase(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE), state_(std::move(state)) {}

ZstdOpenFile::~ZstdOpenFile() {
  if (!state_) return;  // moved from
  try {
    close();
  } catch (...) {
    // A destructor cannot report: close() explicitly to see the error.
  }
}

ZstdOpenFile::ZstdOpenFile(ZstdOpenFile&&) noexcept = default;

ZstdOpenFile& ZstdOpenFile::operator=(ZstdOpenFile&& other) noexcept {
  if (this != &other) {
    ZstdOpenFile old(std::move(*this));  // closes what this held
    state_ = std::move(other.state_);
  }
  return *this;
}

std::size_t ZstdOpenFile::fill(MutableByteView dst, bool single_read, const char* call) {
  State& s = *state_;
  s.check_direction(true, call);
  if (s.in)
    api::raise(ErrorCode::kWrongState, std::string("open file: ") + call +
                                           " after istream() was used: its buffer has read ahead; read through it");
  return single_read ? s.reader->readinto1(dst) : s.reader->readinto(dst);
}

std::size_t ZstdOpenFile::write(ByteView data) {
  State& s = *state_;
  s.check_direction(false, "write");
  if (s.out) {  // what went through ostream() first keeps its place
    s.out->flush();
    s.out->rethrow_if_error();
  }
  s.writer->write(data);
  return data.size();
}

void ZstdOpenFile::flush(int flush_mode) {
  State& s = *state_;
  s.check_direction(false, "flush");
  if (s.out) {
    s.out->flush();
    s.out->rethrow_if_error();
  }
  s.writer->flush(flush_mode);
}

std::istream& ZstdOpenFile::istream() {
  State& s = *state_;
  s.check_direction(true, "istream");
  if (!s.in) s.in = std::make_unique<ReaderIstream>(*s.reader);
  return *s.in;
}

std::ostream& ZstdOpenFile::ostream() {
  State& s = *state_;
  s.check_direction(false, "ostream");
  if (!s.out) s.out = std::make_unique<WriterOstream>(*s.writer);
  return *s.out;
}

void ZstdOpenFile::rethrow_if_error() const {
  const State& s = *state_;
  if (s.in) s.in->rethrow_if_error();
  if (s.out) s.out->rethrow_if_error();
}

void ZstdOpenFile::close() {
  State& s = *state_;
  if (s.closed) return;
  s.closed = true;
  std::exception_ptr error;
  const auto attempt = [&error](auto&& step) {
    try {
      step();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  };
  if (s.out) {
    attempt([&] {
      s.out->flush();
      s.out->rethrow_if_error();
    });
  }
  // The stream objects close the file they were given when it is theirs to close.
  if (s.writer) attempt([&] { s.writer->close(); });
  if (s.reader) attempt([&] { s.reader->close(); });
  if (error) std::rethrow_exception(error);
}

bool ZstdOpenFile::closed() const { return state_->closed; }

bool ZstdOpenFile::eof() const { return state_->closed || (state_->reading && state_->reader->eof()); }

std::uint64_t ZstdOpenFile::tell() const {
  const State& s = *state_;
  s.check_open("tell");
  return s.reading ? s.reader->tell() : s.writer->tell();
}

const std::string& ZstdOpenFile::mode() const { return state_->mode; }
bool ZstdOpenFile::readable() const { return state_->reading && !state_->closed; }
bool ZstdOpenFile::writable() const { return !state_->reading && !state_->closed; }

ZstdOpenFile ZstdOpenFile::start(std::string_view mode, Reader* source, Writer* sink,
                                 std::unique_ptr<Reader> owned_source, std::unique_ptr<Writer> owned_sink, bool closefd,
                                 const OpenOptions& options) {
  auto s = std::make_unique<State>();
  s->mode = std::string(mode);
  s->reading = source != nullptr;
  s->own_source = std::move(owned_source);
  s->own_sink = std::move(owned_sink);
  if (s->reading) {
    ZstdDecompressor* dctx = options.dctx;
    if (dctx == nullptr) {
      s->own_dctx = std::make_unique<ZstdDecompressor>();
      dctx = s->own_dctx.get();
    }
    s->reader.emplace(
        dctx->stream_reader(*source, DECOMPRESSION_RECOMMENDED_INPUT_SIZE, options.read_across_frames, closefd));
  } else {
    ZstdCompressor* cctx = options.cctx;
    if (cctx == nullptr) {
      s->own_cctx = std::make_unique<ZstdCompressor>();
      cctx = s->own_cctx.get();
    }
    s->writer.emplace(
        cctx->stream_writer(*sink, CONTENTSIZE_UNKNOWN, COMPRESSION_RECOMMENDED_OUTPUT_SIZE, true, closefd));
  }
  return ZstdOpenFile(std::move(s));
}

ZstdOpenFile open(const std::filesystem::path& path, std::string_view mode, const OpenOptions& options) {
  const api::FileMode parsed = parse_mode(mode);
  if (parsed.reading) {
    auto file = std::make_unique<PathReader>(path);
    Reader* source = file.get();
    return ZstdOpenFile::start(mode, source, nullptr, std::move(file), nullptr, true, options);
  }
  auto file = std::make_unique<PathWriter>(path, parsed.open_mode);
  Writer* sink = file.get();
  return ZstdOpenFile::start(mode, nullptr, sink, nullptr, std::move(file), true, options);
}

ZstdOpenFile open(Reader& source, std::string_view mode, const OpenOptions& options) {
  if (!parse_mode(mode).reading)
    api::raise(ErrorCode::kParameterOutOfBounds,
               "open: mode \"" + std::string(mode) + "\" writes, but the stream given is a Reader");
  return ZstdOpenFile::start(mode, &source, nullptr, nullptr, nullptr, options.closefd.value_or(false), options);
}

ZstdOpenFile open(Writer& sink, std::string_view mode, const OpenOptions& options) {
  if (parse_mode(mode).reading)
    api::raise(ErrorCode::kParameterOutOfBounds,
               "open: mode \"" + std::string(mode) + "\" reads, but the stream given is a Writer");
  return ZstdOpenFile::start(mode, nullptr, &sink, nullptr, nullptr, options.closefd.value_or(false), options);
}

}  // namespace zstdpp
