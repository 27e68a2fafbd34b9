// Fuzz target: the public stream objects of ZstdDecompressor, cut at fuzzer-chosen points,
// checked against one-shot decoding of the same bytes.
//
// fuzz_stream_decompress covers decompress_stream(); every stream object (stream_reader,
// decompressobj, read_to_iter, stream_writer, copy_stream, open, the seeks of a
// stream_reader) is a loop of its own over that step, with its own rules for when to read
// more input, when to hand out output and when the data has ended. Those loops are what
// this target drives: one object per input, fed and drained in pieces whose sizes the
// fuzzer mutates together with the data.
//
// Input layout (RFC 8878 frames after a 12-byte control prefix):
//   byte 0   bits 0-2: the object
//              0 stream_reader(Reader, read_across_frames) drained by read / readinto
//                (flag B: also read1 / readinto1 / readall); flag A: closefd; flag C:
//                the ByteView overload instead of a Reader
//              1 decompressobj(write_size, read_across_frames = true) fed pieces;
//                flag A: flush() after each call (must be empty)
//              2 read_to_iter; flag A: the ByteView overload; flag B: skip_bytes = byte 3
//                modulo read_size
//              3 stream_writer into a VectorWriter fed pieces, then close(); flag A:
//                write_return_read = false; flag B: flush() between writes; flag C:
//                closefd = false
//              4 copy_stream from a Reader into a Writer that stops at the output limit
//              5 zstdpp::open(reader, "rb"/"rt" by flag B, dctx = ours): readall (flag C:
//                a read(n) loop instead), or with flag A istream() read line by line with
//                istream::getline into a buffer of random size, then rethrow_if_error()
//              6 multi_decompress_to_buffer of the input as one segment with an explicit
//                decompressed size (byte 2 bits 4-5, below); flag A/B pick the input form
//                (span of views, BufferWithSegments, BufferWithSegmentsCollection)
//              7 stream_reader(Reader, read_across_frames) with forward seeks (SEEK_CUR,
//                or with flag A also SEEK_SET) interleaved with reads; flag B: a backward
//                seek and SEEK_END at the end, both must be ZstdError(kWrongState)
//            bits 3-5: flags A, B, C of the object
//            bit 6:    FORMAT_ZSTD1_MAGICLESS (a leading zstd magic number is dropped first,
//                      so the same seeds reach the magicless path)
//            bit 7:    skip_checksum
//   byte 1   bits 0-1: input piece sizes (what the Reader hands out per read, the pieces
//                      given to decompressobj and to stream_writer): fuzz_common's
//                      ChunkSizer modes (0: 1 byte, 1: 1..16, 2: 1..1024, 3: log-uniform to
//                      256 KiB)
//            bits 2-3: output-side sizes (read(n) sizes, getline buffers, seek offsets),
//                      the same four modes
//            bits 4-7: read_size argument class (0: 1 byte, 1..14: about 2^(c*17/14),
//                      15: DECOMPRESSION_RECOMMENDED_INPUT_SIZE)
//   byte 2   bits 0-3: write_size argument class, the same (15: ..._OUTPUT_SIZE)
//            bits 4-5: multi_decompress_to_buffer size: 0 the one-frame reference size
//                      (when it decoded, else as 2), 1 that size plus the signed byte 3,
//                      2 the value modulo 1 MiB + 1, 3 the value with bit 40 set (more than
//                      any input here can decode to: must be refused, without allocating)
//   byte 3   skip_bytes for read_to_iter / signed size delta for multi_decompress_to_buffer
//   bytes 4-11: a 64-bit little-endian value: seed of every size sequence, and the
//               multi_decompress_to_buffer size
//   rest:    the bytes to decode
//
// Properties, each an abort naming it (fuzz_common.hpp):
//  - no crash, UB or leak (ASan + UBSan); every exception out of the API is a ZstdError
//    with a code and a message (a Writer's own exception passes through unchanged);
//  - memory bounded: max_window_size is kFuzzMaxWindowSize, and output stops at
//    kDifferentialOutputLimit (8 MiB): the objects that hand out output in pieces are
//    drained until then; decompressobj and stream_writer return a whole call's output at
//    once, so when one-shot decoding failed (the data may expand 32768:1 with RLE blocks)
//    their pieces are cut to 256 bytes (at most 64 RLE blocks = 8 MiB per call); readall
//    is used only when one-shot decoding succeeded within 8 MiB;
//  - differential (fuzz_common's compare_outcomes, same allowed mismatches): one-shot
//    decoding with read_across_frames succeeded ⇔ the object succeeded, and then with the
//    same bytes. The readers, read_to_iter, copy_stream, open and stream_writer report a
//    truncated input as an error; decompressobj cannot know the input has ended, so its
//    result counts as complete only when eof() says the input ended at a frame's end, and a
//    truncated one must be a prefix of (or extend) what decompress_stream gave for the
//    same bytes;
//  - the API's own promises: tell() counts what was handed out; read(n) is short only at
//    the end, and reads after the end are empty; read1 never returns more than asked;
//    chunks of read_to_iter are non-empty and at most write_size; write() returns what
//    write_return_read says; copy_stream's counts; a seek lands on its target or on the
//    end; a finished stream_reader / read_to_iter gives its decompressor back before it is
//    destroyed; close() closes the source only with closefd, and reading a closed reader
//    is kWrongState; ZstdOpenFile's read methods are refused after istream();
//    multi_decompress_to_buffer succeeds only when one-shot decoding of one frame (nothing
//    after it) gives the size it was given, and then does succeed unless a skippable frame
//    comes first; its errors name "frame 0";
//  - after every object (error, truncation, stop at the limit, or success) the same
//    decompressor decodes a fresh frame (fuzz_common's check_stream_reusable): the lease
//    resets the stream on every path.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <istream>
#include <optional>
#include <vector>

#include "fuzz_common.hpp"

namespace {

using zstdpp::ByteView;
using zstdpp::Bytes;
using zstdpp::ErrorCode;
using zstdpp::MutableByteView;
using zstdpp::ZstdDecompressor;
using zstdpp::ZstdError;
using zstdpp::fuzz::ChunkSizer;
using zstdpp::fuzz::Ending;
using zstdpp::fuzz::Outcome;
using zstdpp::fuzz::succeeded;

constexpr std::size_t kControlSize = 12;
constexpr std::size_t kLimit = zstdpp::fuzz::kDifferentialOutputLimit;
// Input pieces when one-shot decoding failed, for the objects that return a whole call's
// output at once: 256 bytes hold at most 64 RLE blocks (4 bytes each), 8 MiB of output.
constexpr std::size_t kSafePiece = 256;
// Past this much reference output (or when it ran over the limit), write_size arguments
// under kSafePiece are raised to it: 8 MiB through 1-byte pieces is 8 Mi decoder steps, a
// second or more with sanitizers, for little more than the small outputs already cover.
constexpr std::size_t kSmallOutput = std::size_t{256} << 10;
// Cap of multi_decompress_to_buffer sizes drawn from the value: it is allocated up front.
constexpr std::uint64_t kMultiSizeCap = std::uint64_t{1} << 20;
// Memory the decoder may hold (as fuzz_stream_decompress): the window, one block, tables.
constexpr std::size_t kMemoryBound = zstdpp::fuzz::kFuzzMaxWindowSize + (std::size_t{4} << 20);

struct Control {
  unsigned object = 0;
  bool flag_a = false, flag_b = false, flag_c = false;
  unsigned piece_mode = 0, read_mode = 0;
  unsigned read_size_class = 0, write_size_class = 0;
  unsigned multi_mode = 0;
  std::uint8_t extra = 0;
  std::uint64_t value = 0;
};

const char* object_name(unsigned object) {
  static constexpr const char* kNames[] = {"stream_reader", "decompressobj", "read_to_iter", "stream_writer",
                                           "copy_stream",   "open",          "multi_decompress_to_buffer",
                                           "stream_reader seek"};
  return kNames[object & 7u];
}

// splitmix64, for choices that are not sizes (which read call, whether to flush).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return zstdpp::fuzz::splitmix64(state_); }

 private:
  std::uint64_t state_;
};

// A read_size / write_size argument from its 4-bit class (see the file comment).
std::size_t argument_size(unsigned size_class, Rng& rng, std::size_t recommended) {
  if (size_class == 0) return 1;
  if (size_class >= 15) return recommended;
  const unsigned bits = size_class * 17 / 14;  // 1..17
  const std::size_t low = std::size_t{1} << (bits - 1);
  return low + static_cast<std::size_t>(rng.next() % low);
}

// A Reader over the input handing out pieces of ChunkSizer sizes; reading after close()
// would be the library's bug (it closes its source only when it is done with it).
class PieceReader final : public zstdpp::Reader {
 public:
  PieceReader(ByteView data, ChunkSizer& sizes) : data_(data), sizes_(&sizes) {}
  std::size_t read(MutableByteView dst) override {
    ZSTDPP_FUZZ_CHECK(!closed_, "a stream object read its source after closing it");
    const std::size_t n = std::min({dst.size(), sizes_->next(), data_.size() - pos_});
    std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(pos_), n, dst.begin());
    pos_ += n;
    return n;
  }
  void close() override { closed_ = true; }
  bool closed() const { return closed_; }
  std::size_t pos() const { return pos_; }

 private:
  ByteView data_;
  ChunkSizer* sizes_;
  std::size_t pos_ = 0;
  bool closed_ = false;
};

// Thrown by BoundedWriter past the output limit: not a std::exception, so nothing in the
// library can mistake it for its own error.
struct LimitReached {};

// A Writer that keeps what it is given and stops the run once it holds more than kLimit.
class BoundedWriter final : public zstdpp::Writer {
 public:
  std::size_t write(ByteView src) override {
    ZSTDPP_FUZZ_CHECK(!closed_, "a stream object wrote to its destination after closing it");
    out.insert(out.end(), src.begin(), src.end());
    if (out.size() > kLimit) throw LimitReached{};
    return src.size();
  }
  void close() override { closed_ = true; }
  Bytes out;

 private:
  bool closed_ = false;
};

void record_error(Outcome& outcome, const ZstdError& e) {
  zstdpp::fuzz::check_error_is_sane(e);
  outcome.ending = Ending::kFailed;
  outcome.error = e.code();
}

// Runs `body`, turning a ZstdError into a failed Outcome and anything else but
// LimitReached into an abort.
template <typename Body>
void guarded(Outcome& outcome, const char* call, Body&& body) {
  try {
    body();
  } catch (const ZstdError& e) {
    record_error(outcome, e);
  } catch (const LimitReached&) {
    outcome.ending = Ending::kLimitHit;
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception(call, e);
  } catch (...) {
    zstdpp::fuzz::fail(__FILE__, __LINE__, "catch (...)", "a stream object threw something that is not a std::exception");
  }
}

// `call` must throw ZstdError with `code` (a documented refusal).
template <typename Call>
void expect_error(ErrorCode code, const char* what, Call&& call) {
  try {
    call();
  } catch (const ZstdError& e) {
    zstdpp::fuzz::check_error_is_sane(e);
    ZSTDPP_FUZZ_CHECK(e.code() == code, what);
    return;
  }
  zstdpp::fuzz::fail(__FILE__, __LINE__, "an error was thrown", what);
}

void append(Bytes& out, ByteView bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }

bool limit_passed(Outcome& outcome) {
  if (outcome.output.size() <= kLimit) return false;
  outcome.ending = Ending::kLimitHit;
  return true;
}

// Whether a write_size argument must be raised (see kSmallOutput).
bool large_output(const Outcome& reference) {
  return succeeded(reference) ? reference.output.size() > kSmallOutput : reference.error == ErrorCode::kOutputTooSmall;
}

std::size_t write_size_for(const Control& c, Rng& rng, const Outcome& reference) {
  std::size_t size = argument_size(c.write_size_class, rng, zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
  if (large_output(reference)) size = std::max(size, kSafePiece);
  return size;
}

// --- 0: stream_reader drained by the read family ---------------------------------------
Outcome run_stream_reader(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  ChunkSizer reads(c.read_mode, c.value ^ 0x5A5A5A5Au);
  Rng rng(c.value ^ 0xC0FFEEu);
  PieceReader source(input, pieces);
  const std::size_t read_size = argument_size(c.read_size_class, rng, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE);
  const bool closefd = c.flag_a, mixed = c.flag_b, memory = c.flag_c;
  guarded(o, "stream_reader", [&] {
    std::optional<zstdpp::ZstdDecompressionReader> reader;
    if (memory) {
      reader.emplace(d.stream_reader(input, read_size, true));
    } else {
      reader.emplace(d.stream_reader(source, read_size, true, closefd));
    }
    Bytes buffer;
    bool ended = false, need_full_read = false;
    while (!ended) {
      const std::size_t n = reads.next();
      // 0 read(n), 1 readinto, 2 read1, 3 readinto1, 4 readall (only when the one-shot
      // output is known to be small: it is unbounded otherwise).
      unsigned op = static_cast<unsigned>(rng.next() % (mixed ? 5 : 2));
      if (need_full_read && op >= 2) op &= 1u;
      if (op == 4 && !succeeded(reference)) op = 0;
      std::size_t got = 0;
      switch (op) {
        case 0: {
          const Bytes bytes = reader->read(static_cast<std::ptrdiff_t>(n));
          got = bytes.size();
          append(o.output, bytes);
          break;
        }
        case 1:
        case 3: {
          buffer.resize(n);
          got = op == 1 ? reader->readinto(MutableByteView(buffer)) : reader->readinto1(MutableByteView(buffer));
          append(o.output, ByteView(buffer).first(got));
          break;
        }
        case 2: {
          const Bytes bytes = reader->read1(static_cast<std::ptrdiff_t>(n));
          got = bytes.size();
          append(o.output, bytes);
          break;
        }
        default: {
          const Bytes bytes = reader->readall();
          got = bytes.size();
          append(o.output, bytes);
          break;
        }
      }
      ZSTDPP_FUZZ_CHECK(op == 4 || got <= n, "a read of the stream_reader returned more than asked");
      ZSTDPP_FUZZ_CHECK(reader->tell() == o.output.size(), "stream_reader tell() is not the bytes handed out");
      if (limit_passed(o)) return;
      if (op == 0 || op == 1 || op == 4) {
        ended = op == 4 || got < n;  // read / readinto are short only at the end
        need_full_read = false;
      } else {
        need_full_read = got == 0;  // read1 may be empty before the end: ask read() next
      }
    }
    ZSTDPP_FUZZ_CHECK(reader->read(std::ptrdiff_t{1}).empty(), "stream_reader gave bytes after its end");
    // The stream has ended: the decompressor is free again while the reader lives.
    zstdpp::fuzz::check_stream_reusable(d);
    reader->close();
    ZSTDPP_FUZZ_CHECK(reader->closed(), "stream_reader closed() is false after close()");
    if (!memory) {
      ZSTDPP_FUZZ_CHECK(source.closed() == closefd, "stream_reader close() did not follow closefd for its source");
    }
    expect_error(ErrorCode::kWrongState, "reading a closed stream_reader is not kWrongState",
                 [&] { (void)reader->read(std::ptrdiff_t{1}); });
  });
  return o;
}

// --- 1: decompressobj fed pieces ---------------------------------------------------------
Outcome run_decompressobj(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  Rng rng(c.value ^ 0xC0FFEEu);
  const std::size_t write_size = write_size_for(c, rng, reference);
  guarded(o, "decompressobj", [&] {
    zstdpp::ZstdDecompressionObj obj = d.decompressobj(write_size, true);
    std::size_t fed = 0;
    while (fed < input.size()) {
      std::size_t n = std::min(pieces.next(), input.size() - fed);
      if (!succeeded(reference)) n = std::min(n, kSafePiece);
      const Bytes out = obj.decompress(input.subspan(fed, n));
      fed += n;
      append(o.output, out);
      ZSTDPP_FUZZ_CHECK(obj.unconsumed_tail().empty(), "decompressobj unconsumed_tail() is not empty");
      if (c.flag_a) ZSTDPP_FUZZ_CHECK(obj.flush().empty(), "decompressobj flush() returned bytes");
      if (limit_passed(o)) return;
    }
    // The object cannot know the input has ended: eof() tells a frame's end from a
    // stream that waits for more.
    o.ending = obj.eof() ? Ending::kComplete : Ending::kTruncated;
  });
  return o;
}

// --- 2: read_to_iter -----------------------------------------------------------------------
Outcome run_read_to_iter(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference,
                         std::size_t& skip_bytes) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  Rng rng(c.value ^ 0xC0FFEEu);
  PieceReader source(input, pieces);
  const std::size_t read_size = argument_size(c.read_size_class, rng, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE);
  const std::size_t write_size = write_size_for(c, rng, reference);
  skip_bytes = c.flag_b ? c.extra % read_size : 0;
  guarded(o, "read_to_iter", [&] {
    zstdpp::ChunkRange range = c.flag_a ? d.read_to_iter(input, read_size, write_size, skip_bytes)
                                        : d.read_to_iter(source, read_size, write_size, skip_bytes);
    for (const Bytes& chunk : range) {
      ZSTDPP_FUZZ_CHECK(!chunk.empty() && chunk.size() <= write_size,
                        "read_to_iter gave an empty chunk or one larger than write_size");
      append(o.output, chunk);
      if (limit_passed(o)) return;
    }
    // The range is finished: the decompressor is free again while the range lives.
    zstdpp::fuzz::check_stream_reusable(d);
  });
  return o;
}

// --- 3: stream_writer into a VectorWriter --------------------------------------------------
Outcome run_stream_writer(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  Rng rng(c.value ^ 0xC0FFEEu);
  const std::size_t write_size = write_size_for(c, rng, reference);
  const bool write_return_read = !c.flag_a, flushes = c.flag_b, closefd = !c.flag_c;
  Bytes sink;
  zstdpp::VectorWriter inner(sink);
  guarded(o, "stream_writer", [&] {
    zstdpp::ZstdDecompressionWriter writer = d.stream_writer(inner, write_size, write_return_read, closefd);
    std::size_t fed = 0;
    while (fed < input.size()) {
      std::size_t n = std::min(pieces.next(), input.size() - fed);
      if (!succeeded(reference)) n = std::min(n, kSafePiece);
      const std::size_t before = sink.size();
      const std::size_t returned = writer.write(input.subspan(fed, n));
      fed += n;
      ZSTDPP_FUZZ_CHECK(returned == (write_return_read ? n : sink.size() - before),
                        "stream_writer write() did not return what write_return_read says");
      ZSTDPP_FUZZ_CHECK(writer.tell() == sink.size(), "stream_writer tell() is not the bytes written on");
      ZSTDPP_FUZZ_CHECK(writer.memory_size() <= kMemoryBound + write_size + 4096,
                        "stream_writer memory_size() grew past the window limit plus its buffer");
      if (flushes && rng.next() % 4 == 0) writer.flush();
      if (sink.size() > kLimit) {
        o.ending = Ending::kLimitHit;
        return;  // the destructor closes it, mid-frame, without throwing
      }
    }
    writer.close();
    ZSTDPP_FUZZ_CHECK(writer.closed(), "stream_writer closed() is false after close()");
  });
  o.output = std::move(sink);
  return o;
}

// --- 4: copy_stream ---------------------------------------------------------------------------
Outcome run_copy_stream(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  Rng rng(c.value ^ 0xC0FFEEu);
  PieceReader source(input, pieces);
  BoundedWriter sink;
  const std::size_t read_size = argument_size(c.read_size_class, rng, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE);
  const std::size_t write_size = write_size_for(c, rng, reference);
  guarded(o, "copy_stream", [&] {
    const zstdpp::CopyStreamResult result = d.copy_stream(source, sink, read_size, write_size);
    ZSTDPP_FUZZ_CHECK(result.read == input.size() && source.pos() == input.size(),
                      "copy_stream did not read (or count) all of its source");
    ZSTDPP_FUZZ_CHECK(result.written == sink.out.size(), "copy_stream's written count is not what it wrote");
  });
  o.output = std::move(sink.out);
  return o;
}

// --- 5: zstdpp::open over a Reader ------------------------------------------------------------
// istream::getline into a buffer of `cap` bytes, appending the line as it was in the data.
// Returns false at the end of the stream (or of what the streambuf could read).
bool getline_piece(std::istream& in, std::vector<char>& line, std::size_t cap, Bytes& out) {
  line.resize(cap);
  in.getline(line.data(), static_cast<std::streamsize>(cap));
  const auto got = static_cast<std::size_t>(in.gcount());
  const auto* chars = reinterpret_cast<const std::uint8_t*>(line.data());
  if (in.eof()) {  // the end, without a '\n'
    append(out, ByteView(chars, got));
    return false;
  }
  if (!in.fail()) {  // a whole line: its '\n' was extracted and counted, not stored
    ZSTDPP_FUZZ_CHECK(got >= 1, "istream::getline found a newline but counted nothing");
    append(out, ByteView(chars, got - 1));
    out.push_back('\n');
    return true;
  }
  // The buffer filled before a '\n': carry on with the rest of the line.
  ZSTDPP_FUZZ_CHECK(got == cap - 1, "istream::getline failed before filling its buffer or reaching the end");
  append(out, ByteView(chars, got));
  in.clear();
  return true;
}

Outcome run_open(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  ChunkSizer reads(c.read_mode, c.value ^ 0x5A5A5A5Au);
  PieceReader source(input, pieces);
  guarded(o, "open", [&] {
    zstdpp::OpenOptions options;
    options.dctx = &d;
    zstdpp::ZstdOpenFile file = zstdpp::open(source, c.flag_b ? "rt" : "rb", options);
    ZSTDPP_FUZZ_CHECK(file.readable() && !file.writable(), "open(reader, \"r\") is not read-only");
    if (c.flag_a) {
      std::istream& in = file.istream();
      std::vector<char> line;
      while (getline_piece(in, line, reads.next() + 1, o.output)) {
        if (limit_passed(o)) return;
      }
      if (limit_passed(o)) return;
      file.rethrow_if_error();  // a corrupt or truncated stream is not an early end
      expect_error(ErrorCode::kWrongState, "ZstdOpenFile read() after istream() is not kWrongState",
                   [&] { (void)file.read(std::ptrdiff_t{1}); });
    } else if (succeeded(reference) && !c.flag_c) {
      o.output = file.readall();
      if (limit_passed(o)) return;
    } else {
      for (;;) {
        const std::size_t n = reads.next();
        const Bytes bytes = file.read(static_cast<std::ptrdiff_t>(n));
        append(o.output, bytes);
        if (limit_passed(o)) return;
        if (bytes.size() < n) break;
      }
    }
    ZSTDPP_FUZZ_CHECK(file.tell() == o.output.size(), "ZstdOpenFile tell() is not the bytes handed out");
    file.close();
    ZSTDPP_FUZZ_CHECK(file.closed() && !source.closed(), "ZstdOpenFile close() closed a borrowed source (closefd unset)");
  });
  return o;
}

// --- 6: multi_decompress_to_buffer -------------------------------------------------------------
// One-shot decoding of exactly one frame and nothing after it: what a segment must hold.
Outcome decode_one_frame(ZstdDecompressor& d, ByteView data) {
  Outcome outcome;
  try {
    outcome.output = d.decompress(data, {.max_output_size = kLimit, .read_across_frames = false, .allow_extra_data = false});
  } catch (const ZstdError& e) {
    record_error(outcome, e);
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception("ZstdDecompressor::decompress", e);
  }
  return outcome;
}

void run_multi(ZstdDecompressor& d, ZstdDecompressor& reference_decompressor, ByteView input, const Control& c) {
  const Outcome reference = decode_one_frame(reference_decompressor, input);
  std::uint64_t size = c.value % (kMultiSizeCap + 1);
  if (c.multi_mode == 0 && succeeded(reference)) size = reference.output.size();
  if (c.multi_mode == 1 && succeeded(reference)) {
    const auto delta = static_cast<std::int64_t>(static_cast<std::int8_t>(c.extra));
    size = static_cast<std::uint64_t>(std::max<std::int64_t>(0, static_cast<std::int64_t>(reference.output.size()) + delta));
  }
  if (c.multi_mode == 3) size = c.value | (std::uint64_t{1} << 40);
  const std::uint64_t sizes[1] = {size};
  // A segment must hold one zstd frame: decompress() skips a skippable frame in front of
  // it, multi_decompress_to_buffer refuses one (the magicless format has none).
  const bool skippable_first = d.options().format == zstdpp::FORMAT_ZSTD1 && input.size() >= 4 &&
                               (input[0] & 0xF0u) == 0x50 && input[1] == 0x2A && input[2] == 0x4D && input[3] == 0x18;
  const bool decodes_to_size = succeeded(reference) && size == reference.output.size();
  const bool should_succeed = decodes_to_size && !skippable_first;

  std::optional<zstdpp::BufferWithSegmentsCollection> result;
  try {
    const unsigned form = (c.flag_a ? 1u : 0u) | (c.flag_b ? 2u : 0u);
    if (form == 0) {
      const ByteView frames[1] = {input};
      result.emplace(d.multi_decompress_to_buffer(std::span<const ByteView>(frames), sizes));
    } else {
      zstdpp::BufferWithSegments buffer(input, std::vector<zstdpp::BufferSegmentEntry>{{0, input.size()}});
      if (form == 1) {
        result.emplace(d.multi_decompress_to_buffer(buffer, sizes));
      } else {
        std::vector<zstdpp::BufferWithSegments> buffers;
        buffers.push_back(std::move(buffer));
        const zstdpp::BufferWithSegmentsCollection collection(std::move(buffers));
        result.emplace(d.multi_decompress_to_buffer(collection, sizes));
      }
    }
  } catch (const ZstdError& e) {
    zstdpp::fuzz::check_error_is_sane(e);
    if (zstdpp::fuzz::trace_enabled())
      std::fprintf(stderr, "==zstdpp-fuzz== multi_decompress_to_buffer(size %llu): %s; one frame one-shot: %s\n",
                   static_cast<unsigned long long>(size), e.what(), zstdpp::fuzz::describe(reference));
    ZSTDPP_FUZZ_CHECK(std::strstr(e.what(), "frame 0") != nullptr,
                      "a multi_decompress_to_buffer error does not name the frame (\"frame 0\")");
    if (e.code() == ErrorCode::kNotImplemented || reference.error == ErrorCode::kNotImplemented) return;
    if (should_succeed) {
      std::fprintf(stderr, "==zstdpp-fuzz== multi_decompress_to_buffer(size %llu): %s\n",
                   static_cast<unsigned long long>(size), e.what());
      zstdpp::fuzz::fail(__FILE__, __LINE__, "should_succeed",
                         "multi_decompress_to_buffer failed on a frame that decodes to the size it was given");
    }
    return;
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception("multi_decompress_to_buffer", e);
  }
  if (zstdpp::fuzz::trace_enabled())
    std::fprintf(stderr, "==zstdpp-fuzz== multi_decompress_to_buffer(size %llu): ok; one frame one-shot: %s\n",
                 static_cast<unsigned long long>(size), zstdpp::fuzz::describe(reference));
  if (reference.error == ErrorCode::kNotImplemented) return;
  if (!decodes_to_size) {
    std::fprintf(stderr, "==zstdpp-fuzz== multi_decompress_to_buffer(size %llu) succeeded; one-shot: %s, %zu bytes\n",
                 static_cast<unsigned long long>(size), zstdpp::fuzz::describe(reference), reference.output.size());
    zstdpp::fuzz::fail(__FILE__, __LINE__, "!should_succeed",
                       "multi_decompress_to_buffer succeeded where one-shot decoding of the frame to that size fails");
  }
  ZSTDPP_FUZZ_CHECK(result->segment_count() == 1, "multi_decompress_to_buffer of one frame gave other than one segment");
  const zstdpp::BufferSegment segment = (*result)[0];
  ZSTDPP_FUZZ_CHECK(segment.size() == size, "multi_decompress_to_buffer's segment is not the size it was given");
  ZSTDPP_FUZZ_CHECK(std::equal(segment.data().begin(), segment.data().end(), reference.output.begin()),
                    "multi_decompress_to_buffer and one-shot decoding produced different bytes");
}

// --- 7: stream_reader with forward seeks -------------------------------------------------------
Outcome run_seek(ZstdDecompressor& d, ByteView input, const Control& c, const Outcome& reference) {
  Outcome o;
  ChunkSizer pieces(c.piece_mode, c.value);
  ChunkSizer steps(c.read_mode, c.value ^ 0x5A5A5A5Au);
  Rng rng(c.value ^ 0xC0FFEEu);
  PieceReader source(input, pieces);
  const std::size_t read_size = argument_size(c.read_size_class, rng, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE);
  const bool known = succeeded(reference);
  const Bytes& content = reference.output;
  guarded(o, "stream_reader seek", [&] {
    zstdpp::ZstdDecompressionReader reader = d.stream_reader(source, read_size, true);
    Bytes buffer;
    bool ended = false;
    std::uint64_t position = 0;
    while (!ended) {
      const std::uint64_t step = rng.next() % 8 == 0 ? 0 : steps.next();
      if (rng.next() % 2 == 0) {
        const std::uint64_t target = position + step;
        const std::uint64_t landed = c.flag_a && rng.next() % 2 == 0
                                         ? reader.seek(static_cast<std::int64_t>(target), SEEK_SET)
                                         : reader.seek(static_cast<std::int64_t>(step), SEEK_CUR);
        ZSTDPP_FUZZ_CHECK(landed == reader.tell(), "seek() returned other than the new tell()");
        ZSTDPP_FUZZ_CHECK(landed >= position && landed <= target, "seek() moved backwards or past its target");
        if (known) {
          ZSTDPP_FUZZ_CHECK(landed == std::min<std::uint64_t>(target, content.size()),
                            "seek() landed elsewhere than its target or the end of the content");
        }
        ended = landed < target;  // short only at the end
        position = landed;
      } else {
        buffer.resize(static_cast<std::size_t>(step == 0 ? 1 : step));
        const std::size_t got = reader.readinto(MutableByteView(buffer));
        ZSTDPP_FUZZ_CHECK(got <= buffer.size(), "readinto() returned more than its buffer");
        if (known) {
          ZSTDPP_FUZZ_CHECK(position + got <= content.size() &&
                                std::equal(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got),
                                           content.begin() + static_cast<std::ptrdiff_t>(position)),
                            "bytes read after seeks differ from one-shot decoding at that position");
        }
        position += got;
        ZSTDPP_FUZZ_CHECK(reader.tell() == position, "tell() after a read is not the position plus the bytes read");
        ended = got < buffer.size();
      }
      if (position > kLimit) {
        o.ending = Ending::kLimitHit;
        return;
      }
    }
    if (known) ZSTDPP_FUZZ_CHECK(position == content.size(), "the stream_reader ended elsewhere than the content's end");
    if (c.flag_b) {
      if (position > 0) {
        expect_error(ErrorCode::kWrongState, "a backward seek is not kWrongState",
                     [&] { (void)reader.seek(static_cast<std::int64_t>(position - 1), SEEK_SET); });
      }
      expect_error(ErrorCode::kWrongState, "SEEK_END is not kWrongState", [&] { (void)reader.seek(0, SEEK_END); });
    }
  });
  return o;
}

// Output dropped, verdict kept: for comparisons whose bytes were checked another way.
Outcome verdict_only(const Outcome& outcome) {
  Outcome copy;
  copy.ending = outcome.ending;
  copy.error = outcome.error;
  return copy;
}

bool is_prefix(const Bytes& a, const Bytes& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < kControlSize) return 0;
  Control c;
  c.object = data[0] & 7u;
  c.flag_a = (data[0] & 0x08u) != 0;
  c.flag_b = (data[0] & 0x10u) != 0;
  c.flag_c = (data[0] & 0x20u) != 0;
  const bool magicless = (data[0] & 0x40u) != 0;
  const bool skip_checksum = (data[0] & 0x80u) != 0;
  c.piece_mode = data[1] & 3u;
  c.read_mode = (data[1] >> 2) & 3u;
  c.read_size_class = data[1] >> 4;
  c.write_size_class = data[2] & 15u;
  c.multi_mode = (data[2] >> 4) & 3u;
  c.extra = data[3];
  for (int i = 0; i < 8; ++i) c.value |= std::uint64_t{data[4 + i]} << (8 * i);
  const ByteView input = zstdpp::fuzz::fuzz_input({data + kControlSize, size - kControlSize}, magicless);
  const zstdpp::DecompressorOptions options = zstdpp::fuzz::fuzz_decompressor_options(magicless, skip_checksum);
  ZstdDecompressor reference_decompressor(options);
  ZstdDecompressor d(options);

  if (c.object == 6) {
    run_multi(d, reference_decompressor, input, c);
  } else {
    const Outcome reference = zstdpp::fuzz::decode_one_shot(reference_decompressor, input, kLimit);
    Outcome streamed;
    switch (c.object) {
      case 0: streamed = run_stream_reader(d, input, c, reference); break;
      case 1: streamed = run_decompressobj(d, input, c, reference); break;
      case 2: {
        std::size_t skip = 0;
        streamed = run_read_to_iter(d, input, c, reference, skip);
        if (skip > 0) {
          if (skip > input.size()) {
            ZSTDPP_FUZZ_CHECK(streamed.ending == Ending::kFailed, "read_to_iter skipped more bytes than its input has");
            break;
          }
          const ByteView rest = input.subspan(skip);
          const Outcome skipped = zstdpp::fuzz::decode_one_shot(reference_decompressor, rest, kLimit);
          if (zstdpp::fuzz::trace_enabled()) std::fprintf(stderr, "==zstdpp-fuzz== read_to_iter skip_bytes %zu\n", skip);
          zstdpp::fuzz::compare_outcomes(rest, streamed, skipped);
          break;
        }
        zstdpp::fuzz::compare_outcomes(input, streamed, reference);
        break;
      }
      case 3: streamed = run_stream_writer(d, input, c, reference); break;
      case 4: streamed = run_copy_stream(d, input, c, reference); break;
      case 5: streamed = run_open(d, input, c, reference); break;
      default: streamed = run_seek(d, input, c, reference); break;
    }
    if (zstdpp::fuzz::trace_enabled()) std::fprintf(stderr, "==zstdpp-fuzz== object: %s\n", object_name(c.object));
    if (c.object == 7) {
      // The bytes were compared at their positions during the run.
      zstdpp::fuzz::compare_outcomes(input, verdict_only(streamed), verdict_only(reference));
    } else if (c.object != 2) {
      zstdpp::fuzz::compare_outcomes(input, streamed, reference);
    }
    if (c.object == 1 && streamed.ending == Ending::kTruncated && !input.empty()) {
      // A decompressobj waiting for more input has handed out the content of what it was
      // given so far: decompress_stream over the same bytes, cut elsewhere, must agree
      // with it up to the shorter of the two.
      ZstdDecompressor other(options);
      ChunkSizer in_sizes(c.read_mode, c.value ^ 0x1234u);
      ChunkSizer out_sizes(c.piece_mode, c.value ^ 0x4321u);
      const Outcome stepped = zstdpp::fuzz::decode_streaming(other, input, in_sizes, out_sizes, kLimit, kMemoryBound);
      if (stepped.ending == Ending::kTruncated) {
        ZSTDPP_FUZZ_CHECK(is_prefix(streamed.output, stepped.output) || is_prefix(stepped.output, streamed.output),
                          "a truncated decompressobj and decompress_stream disagree on the bytes decoded so far");
      }
    }
  }

  ZSTDPP_FUZZ_CHECK(d.memory_size() <= kMemoryBound, "memory_size() grew past the window limit plus slack");
  // Every object has been destroyed: whatever it ended with, the decompressor is usable.
  zstdpp::fuzz::check_stream_reusable(d);
  return 0;
}
