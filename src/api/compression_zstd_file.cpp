// compression.zstd's ZstdFile, ZstdTextFile, open() and open_text(), over zstdpp's stream
// objects: a ZstdDecompressionReader (read_across_frames) for reading, one
// ZstdCompressionWriter per frame for writing, PathReader / PathWriter for files opened by
// path, ReaderIstream / WriterOstream for text.
//
// Read side: Python's io.BufferedReader in front of the decoder. buffer[begin, end) holds
// decoded bytes not handed out yet; every read method takes from it first, so peek,
// readline and read interleave. The buffer is refilled with readinto1 (one read of the
// source at most, so a line comes back as soon as it is decoded, not after 128 KiB more);
// a request of at least a buffer's size is decoded straight into the caller's memory
// instead. The position is never counted separately: it is the reader's tell() minus what
// is buffered, so no path through the code can let the two disagree. buffer[0, begin)
// still holds the bytes just handed out, which lets seek() step back inside the buffer
// without decoding again; any read that bypasses the buffer empties it (begin = end = 0)
// so that stays true.
//
// Write side: a writer is made at the first write() of each frame and dropped when the
// frame ends, so "nothing written" really writes nothing (Python: an empty file), and a
// prefix dictionary can be dropped after the first frame as ZstdCompressor does. Python's
// flush() skips a mode equal to the last one; so does this.
#include <zstdpp/compression/zstd_file.hpp>

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <utility>

#include <zstdpp/compressor.hpp>
#include <zstdpp/decompressor.hpp>

#include "api/compression_zstd_detail.hpp"
#include "api/file_mode.hpp"
#include "api/raise.hpp"

namespace zstdpp::compression::zstd {
namespace {

// Built by append: GCC 12's -Wrestrict misfires on "'" + std::string(s) + "'".
std::string quoted(std::string_view s) {
  std::string out(1, '\'');
  out.append(s);
  out.push_back('\'');
  return out;
}

struct ParsedMode {
  bool write = false;
  OpenMode open_mode = OpenMode::kTruncate;
};

ParsedMode parse_mode(std::string_view mode) {
  if (const auto parsed = api::parse_file_mode(mode); parsed && !parsed->text)
    return {!parsed->reading, parsed->open_mode};
  api::raise(ErrorCode::kParameterOutOfBounds,
             "ZstdFile: invalid mode " + quoted(mode) + " (use r, rb, w, wb, x, xb, a or ab)");
}

// What the file is over: exactly one of the three.
struct Target {
  const std::filesystem::path* path = nullptr;
  zstdpp::Reader* reader = nullptr;
  zstdpp::Writer* writer = nullptr;
};

}  // namespace

struct ZstdFile::State {
  // Declared before what borrows them, so they are destroyed after it.
  std::optional<std::filesystem::path> path;  // set when the file opened it
  std::optional<PathReader> own_reader;
  std::optional<PathWriter> own_writer;
  zstdpp::Reader* source = nullptr;
  zstdpp::Writer* sink = nullptr;
  bool write_mode = false;
  bool closed = false;

  // Read mode.
  std::optional<zstdpp::ZstdDecompressor> decoder;
  std::optional<ZstdDecompressionReader> reader;  // empty only if a rewind failed to reopen
  Bytes buffer;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool at_eof = false;  // the reader has given its last byte

  // Write mode.
  std::optional<ZstdCompressionParameters> params;
  bool prefix = false;  // the encoder holds a prefix, used for the first frame only
  std::optional<zstdpp::ZstdCompressor> encoder;
  std::optional<ZstdCompressionWriter> writer;  // the frame in progress, if any
  Mode last_mode = FLUSH_FRAME;
  std::uint64_t written = 0;

  State(const Target& target, std::string_view mode, std::optional<int> level,
        const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict);

  // --- Checks --------------------------------------------------------------------------

  void check_open(const char* call) const {
    if (closed) api::raise(ErrorCode::kWrongState, std::string("ZstdFile.") + call + ": the file is closed");
  }
  void check_read(const char* call) const {
    check_open(call);
    if (write_mode)
      api::raise(ErrorCode::kWrongState,
                 std::string("ZstdFile.") + call + ": the file is open for writing (mode 'wb'), not reading");
    if (!reader)
      api::raise(ErrorCode::kWrongState, std::string("ZstdFile.") + call +
                                             ": reopening the file to seek back failed; only close() is allowed");
  }
  void check_write(const char* call) const {
    check_open(call);
    if (!write_mode)
      api::raise(ErrorCode::kWrongState,
                 std::string("ZstdFile.") + call + ": the file is open for reading (mode 'rb'), not writing");
  }

  // --- Read side -----------------------------------------------------------------------

  std::size_t available() const { return end - begin; }
  std::uint64_t position() const { return reader->tell() - available(); }

  void open_reader() {
    reader.emplace(decoder->stream_reader(*source, DECOMPRESSION_RECOMMENDED_INPUT_SIZE, /*read_across_frames=*/true,
                                          /*closefd=*/false));
    begin = end = 0;
    at_eof = false;
  }

  // REQUIRES: available() == 0. Refills the buffer; false at the end of the file.
  bool refill() {
    if (at_eof) return false;
    begin = end = 0;
    std::size_t got = 0;
    // readinto1 also comes back empty when its one read of the source completed no output
    // yet (a block straddling two reads): only eof() says the end has come.
    while (got == 0) {
      got = reader->readinto1(MutableByteView(buffer));
      if (got == 0 && reader->eof()) {
        at_eof = true;
        return false;
      }
    }
    end = got;
    return true;
  }

  std::size_t take(MutableByteView dst) {
    const std::size_t n = std::min(available(), dst.size());
    if (n > 0) std::memcpy(dst.data(), buffer.data() + begin, n);
    begin += n;
    return n;
  }

  // Fills `dst` unless the file ends first.
  std::size_t read_into(MutableByteView dst) {
    std::size_t n = take(dst);
    while (n < dst.size()) {
      const std::size_t want = dst.size() - n;
      if (want >= buffer.size()) {
        // Large: decode straight into the caller's memory (the buffer is empty here).
        if (at_eof) break;
        begin = end = 0;
        const std::size_t got = reader->readinto(dst.subspan(n));
        n += got;
        if (got < want) at_eof = true;  // readinto is short only at the end
        break;
      }
      if (!refill()) break;
      n += take(dst.subspan(n));
    }
    return n;
  }

  Bytes read_all() {
    Bytes out(buffer.begin() + static_cast<std::ptrdiff_t>(begin), buffer.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end = 0;
    if (!at_eof) {
      Bytes rest = reader->readall();
      if (out.empty()) out.swap(rest);
      else out.insert(out.end(), rest.begin(), rest.end());
      at_eof = true;
    }
    return out;
  }

  std::size_t read1_into(MutableByteView dst) {
    if (dst.empty()) return 0;
    if (available() == 0 && !refill()) return 0;
    return take(dst);
  }

  Bytes readline(std::size_t limit) {
    Bytes line;
    while (line.size() < limit) {
      if (available() == 0 && !refill()) break;
      const std::size_t window = std::min(available(), limit - line.size());
      const std::uint8_t* p = buffer.data() + begin;
      const void* nl = std::memchr(p, '\n', window);
      const std::size_t n = nl != nullptr ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - p) + 1
                                          : window;
      line.insert(line.end(), p, p + n);
      begin += n;
      if (nl != nullptr) break;
    }
    return line;
  }

  // Moves forward by `n` decoded bytes (fewer at the end of the file).
  void skip(std::uint64_t n) {
    const std::size_t from_buffer = static_cast<std::size_t>(std::min<std::uint64_t>(available(), n));
    begin += from_buffer;
    n -= from_buffer;
    if (n == 0 || at_eof) return;
    begin = end = 0;
    // The reader discards through a bounded scratch buffer of its own.
    const std::uint64_t before = reader->tell();
    const std::uint64_t step = std::min<std::uint64_t>(n, std::numeric_limits<std::int64_t>::max());
    if (reader->seek(static_cast<std::int64_t>(step), SEEK_CUR) - before < step) at_eof = true;
  }

  void skip_to_end() {
    while (!at_eof) skip(std::numeric_limits<std::int64_t>::max());
    begin = end;
  }

  // Back to the start: a new reader over the path opened again.
  void rewind() {
    reader.reset();  // releases the decoder and stops using the old source first
    source = nullptr;
    own_reader.reset();
    own_reader.emplace(*path);
    source = &*own_reader;
    open_reader();
  }

  std::uint64_t seek(std::int64_t offset, int whence) {
    check_read("seek");
    std::int64_t target = 0;
    const auto here = static_cast<std::int64_t>(position());
    if (whence == SEEK_SET) {
      target = offset;
    } else if (whence == SEEK_CUR) {
      target = offset > std::numeric_limits<std::int64_t>::max() - here ? std::numeric_limits<std::int64_t>::max()
                                                                          : here + offset;
    } else if (whence == SEEK_END) {
      // Refused before decoding anything: the end can only be reached going forward.
      if (offset < 0 && !path)
        api::raise(ErrorCode::kWrongState, "ZstdFile.seek: cannot seek back from the end (SEEK_END, offset " +
                                               std::to_string(offset) +
                                               ") over a borrowed Reader: going back decodes again from the start, "
                                               "which needs a file the ZstdFile opened by path");
      skip_to_end();
      const auto size = static_cast<std::int64_t>(position());
      target = offset > std::numeric_limits<std::int64_t>::max() - size ? std::numeric_limits<std::int64_t>::max()
                                                                          : size + offset;
    } else {
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "ZstdFile.seek: whence " + std::to_string(whence) + " is not SEEK_SET, SEEK_CUR or SEEK_END");
    }
    target = std::max<std::int64_t>(target, 0);  // before the start: the start (Python's rule)
    const auto now = static_cast<std::int64_t>(position());
    if (target < now) {
      if (!path)
        api::raise(ErrorCode::kWrongState, "ZstdFile.seek: cannot go back (from " + std::to_string(now) + " to " +
                                               std::to_string(target) +
                                               ") over a borrowed Reader: going back decodes again from the start, "
                                               "which needs a file the ZstdFile opened by path");
      // Still in the buffer: step back without decoding again.
      const std::int64_t buffer_start = now - static_cast<std::int64_t>(begin);
      if (target >= buffer_start) {
        begin = static_cast<std::size_t>(target - buffer_start);
        return position();
      }
      rewind();
    }
    skip(static_cast<std::uint64_t>(target) - position());
    return position();
  }

  // --- Write side ----------------------------------------------------------------------

  std::size_t write(ByteView data) {
    check_write("write");
    if (!writer)
      writer.emplace(encoder->stream_writer(*sink, CONTENTSIZE_UNKNOWN, COMPRESSION_RECOMMENDED_OUTPUT_SIZE,
                                            /*write_return_read=*/true, /*closefd=*/false));
    writer->write(data);
    written += data.size();
    last_mode = StreamMode::CONTINUE;
    return data.size();
  }

  void end_frame() {
    writer->flush(zstdpp::FLUSH_FRAME);  // writes the frame's end on and flushes the sink
    writer->close();                     // closefd is false: only releases the encoder
    writer.reset();
    last_mode = FLUSH_FRAME;
    if (prefix) {
      // As ZstdCompressor: the prefix is history for the first frame only.
      encoder.emplace(detail::compressor_options(*params, std::nullopt));
      prefix = false;
    }
  }

  void flush(Mode mode) {
    check_open("flush");
    if (!write_mode) return;  // Python: flush does nothing in read mode
    if (mode != FLUSH_BLOCK && mode != FLUSH_FRAME)
      api::raise(ErrorCode::kParameterOutOfBounds, "ZstdFile.flush: mode must be FLUSH_BLOCK or FLUSH_FRAME");
    if (mode == last_mode) return;
    if (!writer) {
      // No frame begun (last_mode is FLUSH_FRAME): nothing to make decodable.
      sink->flush();
      return;
    }
    if (mode == FLUSH_FRAME) {
      end_frame();
    } else {
      writer->flush(zstdpp::FLUSH_BLOCK);
      last_mode = FLUSH_BLOCK;
    }
  }

  void close() {
    if (closed) return;
    std::exception_ptr error;
    if (write_mode) {
      try {
        if (writer) end_frame();
      } catch (...) {
        error = std::current_exception();
      }
      writer.reset();  // its destructor never throws
      encoder.reset();
    } else {
      reader.reset();
      decoder.reset();
      Bytes().swap(buffer);
      begin = end = 0;
    }
    closed = true;
    try {
      if (own_writer) own_writer->close();
      if (own_reader) own_reader->close();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
    own_writer.reset();
    own_reader.reset();
    source = nullptr;
    sink = nullptr;
    if (error) std::rethrow_exception(error);
  }
};

ZstdFile::State::State(const Target& target, std::string_view mode, std::optional<int> level,
                       const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  const ParsedMode parsed = parse_mode(mode);
  write_mode = parsed.write;
  if (target.reader != nullptr && write_mode)
    api::raise(ErrorCode::kParameterOutOfBounds, "ZstdFile: mode " + quoted(mode) +
                                                     " writes, but the file given is a Reader (give a Writer or a path)");
  if (target.writer != nullptr && !write_mode)
    api::raise(ErrorCode::kParameterOutOfBounds, "ZstdFile: mode " + quoted(mode) +
                                                     " reads, but the file given is a Writer (give a Reader or a path)");
  // Arguments first, the file last: a refused argument must not create or truncate it.
  if (write_mode) {
    if (options && std::holds_alternative<DecompressionOptions>(*options))
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "ZstdFile: in write mode, options must be CompressionOptions, not DecompressionOptions");
    const std::optional<CompressionOptions> compression =
        options ? std::optional<CompressionOptions>(std::get<CompressionOptions>(*options)) : std::nullopt;
    params = detail::compression_parameters(level, compression);
    encoder.emplace(detail::compressor_options(*params, zstd_dict));
    prefix = zstd_dict && zstd_dict->load == DictLoad::kPrefix;
  } else {
    if (level)
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "ZstdFile: level is illegal in read mode (it is for compression; got " + std::to_string(*level) + ")");
    if (options && std::holds_alternative<CompressionOptions>(*options))
      api::raise(ErrorCode::kParameterOutOfBounds,
                 "ZstdFile: in read mode, options must be DecompressionOptions, not CompressionOptions");
    const std::optional<DecompressionOptions> decompression =
        options ? std::optional<DecompressionOptions>(std::get<DecompressionOptions>(*options)) : std::nullopt;
    decoder.emplace(detail::decompressor_options(zstd_dict, decompression));
  }
  if (target.path != nullptr) {
    path = *target.path;
    if (write_mode) {
      own_writer.emplace(*target.path, parsed.open_mode);
      sink = &*own_writer;
    } else {
      own_reader.emplace(*target.path);
      source = &*own_reader;
    }
  } else {
    source = target.reader;
    sink = target.writer;
  }
  if (!write_mode) {
    buffer.resize(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
    open_reader();
  }
}

// --- ZstdFile ------------------------------------------------------------------------------

namespace {
// Every call on a moved-from file is refused rather than crashing.
template <typename S>
S& usable(const std::unique_ptr<S>& state, const char* call) {
  if (!state) api::raise(ErrorCode::kWrongState, std::string("ZstdFile.") + call + ": the file was moved from");
  return *state;
}
}  // namespace

ZstdFile::ZstdFile(const std::filesystem::path& file, std::string_view mode, std::optional<int> level,
                   const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict)
    : state_(std::make_unique<State>(Target{&file, nullptr, nullptr}, mode, level, options, zstd_dict)) {}

ZstdFile::ZstdFile(zstdpp::Reader& file, std::string_view mode, std::optional<int> level,
                   const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict)
    : state_(std::make_unique<State>(Target{nullptr, &file, nullptr}, mode, level, options, zstd_dict)) {}

ZstdFile::ZstdFile(zstdpp::Writer& file, std::string_view mode, std::optional<int> level,
                   const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict)
    : state_(std::make_unique<State>(Target{nullptr, nullptr, &file}, mode, level, options, zstd_dict)) {}

ZstdFile::~ZstdFile() {
  if (!state_) return;
  try {
    state_->close();
  } catch (...) {
    // A destructor cannot report: call close() to see a failing flush or close.
  }
}

ZstdFile::ZstdFile(ZstdFile&&) noexcept = default;

ZstdFile& ZstdFile::operator=(ZstdFile&& other) noexcept {
  if (this != &other) {
    ZstdFile old(std::move(*this));  // closes what this held
    state_ = std::move(other.state_);
  }
  return *this;
}

Bytes ZstdFile::read(std::ptrdiff_t size) {
  State& s = usable(state_, "read");
  s.check_read("read");
  if (size < 0) return s.read_all();
  // Grown as the bytes come (doubling from 1 MiB), not allocated at `size` up front: a
  // large size on a small file must not cost its memory.
  const auto limit = static_cast<std::size_t>(size);
  Bytes out;
  while (out.size() < limit) {
    const std::size_t at = out.size();
    const std::size_t step = std::min(limit - at, std::max<std::size_t>(at, std::size_t{1} << 20));
    out.resize(at + step);
    const std::size_t got = s.read_into(MutableByteView(out).subspan(at));
    out.resize(at + got);
    if (got < step) break;
  }
  return out;
}

Bytes ZstdFile::read1(std::ptrdiff_t size) {
  State& s = usable(state_, "read1");
  s.check_read("read1");
  // Never more than the buffer holds: that bounds what read1 returns.
  const std::size_t limit = size < 0 ? DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE : static_cast<std::size_t>(size);
  Bytes out(std::min(limit, s.buffer.size()));
  out.resize(s.read1_into(MutableByteView(out)));
  return out;
}

std::size_t ZstdFile::readinto(MutableByteView b) {
  State& s = usable(state_, "readinto");
  s.check_read("readinto");
  return s.read_into(b);
}

std::size_t ZstdFile::readinto1(MutableByteView b) {
  State& s = usable(state_, "readinto1");
  s.check_read("readinto1");
  return s.read1_into(b);
}

Bytes ZstdFile::readline(std::ptrdiff_t size) {
  State& s = usable(state_, "readline");
  s.check_read("readline");
  return s.readline(size < 0 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(size));
}

Bytes ZstdFile::peek(std::ptrdiff_t /*size*/) {
  State& s = usable(state_, "peek");
  s.check_read("peek");
  if (s.available() == 0) s.refill();
  return Bytes(s.buffer.begin() + static_cast<std::ptrdiff_t>(s.begin),
               s.buffer.begin() + static_cast<std::ptrdiff_t>(s.end));
}

std::uint64_t ZstdFile::seek(std::int64_t offset, int whence) { return usable(state_, "seek").seek(offset, whence); }

std::size_t ZstdFile::write(ByteView data) { return usable(state_, "write").write(data); }

void ZstdFile::flush(Mode mode) { usable(state_, "flush").flush(mode); }

std::uint64_t ZstdFile::tell() const {
  const State& s = usable(state_, "tell");
  s.check_open("tell");
  if (s.write_mode) return s.written;
  s.check_read("tell");
  return s.position();
}

void ZstdFile::close() {
  if (state_) state_->close();
}

bool ZstdFile::closed() const { return !state_ || state_->closed; }

std::string_view ZstdFile::mode() const { return state_ && state_->write_mode ? "wb" : "rb"; }

std::optional<std::filesystem::path> ZstdFile::name() const {
  const State& s = usable(state_, "name");
  s.check_open("name");
  return s.path;
}

bool ZstdFile::readable() const {
  const State& s = usable(state_, "readable");
  s.check_open("readable");
  return !s.write_mode;
}

bool ZstdFile::writable() const {
  const State& s = usable(state_, "writable");
  s.check_open("writable");
  return s.write_mode;
}

bool ZstdFile::seekable() const {
  const State& s = usable(state_, "seekable");
  s.check_open("seekable");
  return !s.write_mode && s.path.has_value();
}

// --- ZstdTextFile --------------------------------------------------------------------------

ZstdTextFile::ZstdTextFile(ZstdFile file) : file_(std::make_unique<ZstdFile>(std::move(file))) {
  if (file_->readable())
    in_ = std::make_unique<zstdpp::ReaderIstream>(*file_);
  else
    out_ = std::make_unique<zstdpp::WriterOstream>(*file_);
}

void ZstdTextFile::destroy() noexcept {
  // The ostream's destructor writes what it buffers (never throwing); then the file closes.
  out_.reset();
  in_.reset();
  file_.reset();
}

ZstdTextFile::~ZstdTextFile() { destroy(); }

ZstdTextFile::ZstdTextFile(ZstdTextFile&&) noexcept = default;

ZstdTextFile& ZstdTextFile::operator=(ZstdTextFile&& other) noexcept {
  if (this != &other) {
    destroy();
    file_ = std::move(other.file_);
    in_ = std::move(other.in_);
    out_ = std::move(other.out_);
  }
  return *this;
}

ZstdFile& ZstdTextFile::file() {
  if (!file_) api::raise(ErrorCode::kWrongState, "ZstdTextFile.file: the text file was moved from");
  return *file_;
}

std::istream& ZstdTextFile::istream() {
  if (!file_ || file_->closed()) api::raise(ErrorCode::kWrongState, "ZstdTextFile.istream: the file is closed");
  if (!in_) api::raise(ErrorCode::kWrongState, "ZstdTextFile.istream: the file is open for writing (mode 'wt')");
  return *in_;
}

std::ostream& ZstdTextFile::ostream() {
  if (!file_ || file_->closed()) api::raise(ErrorCode::kWrongState, "ZstdTextFile.ostream: the file is closed");
  if (!out_) api::raise(ErrorCode::kWrongState, "ZstdTextFile.ostream: the file is open for reading (mode 'rt')");
  return *out_;
}

void ZstdTextFile::flush(ZstdFile::Mode mode) {
  if (!file_ || file_->closed()) api::raise(ErrorCode::kWrongState, "ZstdTextFile.flush: the file is closed");
  if (out_) {
    out_->flush();
    out_->rethrow_if_error();
  }
  file_->flush(mode);
}

void ZstdTextFile::close() {
  if (!file_ || file_->closed()) return;
  std::exception_ptr error;
  if (out_) {
    out_->flush();
    error = out_->streambuf().error();
  }
  try {
    file_->close();
  } catch (...) {
    if (!error) error = std::current_exception();
  }
  if (error) std::rethrow_exception(error);
}

std::string_view ZstdTextFile::mode() const { return out_ ? "wt" : "rt"; }

void ZstdTextFile::rethrow_if_error() const {
  if (in_) in_->rethrow_if_error();
  if (out_) out_->rethrow_if_error();
}

// --- open / open_text ----------------------------------------------------------------------

namespace {

void check_binary_mode(std::string_view mode) {
  if (mode.find('t') != std::string_view::npos)
    api::raise(ErrorCode::kParameterOutOfBounds, "open: text mode " + quoted(mode) +
                                                     " gives a stream, not a ZstdFile: use open_text()");
}

// "rt" -> "r" (so ZstdFile checks the rest); refuses binary and unknown modes by name.
std::string_view binary_of_text_mode(std::string_view mode) {
  const bool letter = !mode.empty() && std::string_view("rwxa").find(mode[0]) != std::string_view::npos;
  if (letter && (mode.size() == 1 || (mode.size() == 2 && mode[1] == 't'))) return mode.substr(0, 1);
  if (mode.find('b') != std::string_view::npos)
    api::raise(ErrorCode::kParameterOutOfBounds,
               "open_text: binary mode " + quoted(mode) + " gives a ZstdFile, not a stream: use open()");
  api::raise(ErrorCode::kParameterOutOfBounds,
             "open_text: invalid mode " + quoted(mode) + " (use rt, wt, xt or at, or r, w, x, a)");
}

}  // namespace

ZstdFile open(const std::filesystem::path& file, std::string_view mode, std::optional<int> level,
              const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  check_binary_mode(mode);
  return ZstdFile(file, mode, level, options, zstd_dict);
}

ZstdFile open(zstdpp::Reader& file, std::string_view mode, std::optional<int> level,
              const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  check_binary_mode(mode);
  return ZstdFile(file, mode, level, options, zstd_dict);
}

ZstdFile open(zstdpp::Writer& file, std::string_view mode, std::optional<int> level,
              const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  check_binary_mode(mode);
  return ZstdFile(file, mode, level, options, zstd_dict);
}

ZstdTextFile open_text(const std::filesystem::path& file, std::string_view mode, std::optional<int> level,
                       const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  return ZstdTextFile(ZstdFile(file, binary_of_text_mode(mode), level, options, zstd_dict));
}

ZstdTextFile open_text(zstdpp::Reader& file, std::string_view mode, std::optional<int> level,
                       const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  return ZstdTextFile(ZstdFile(file, binary_of_text_mode(mode), level, options, zstd_dict));
}

ZstdTextFile open_text(zstdpp::Writer& file, std::string_view mode, std::optional<int> level,
                       const std::optional<FileOptions>& options, const std::optional<Loaded>& zstd_dict) {
  return ZstdTextFile(ZstdFile(file, binary_of_text_mode(mode), level, options, zstd_dict));
}

}  // namespace zstdpp::compression::zstd
