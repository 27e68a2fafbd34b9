// ReaderStreambuf / WriterStreambuf and ReaderIstream / WriterOstream (include/zstdpp/io.hpp):
// std::istream and std::ostream over any Reader or Writer. The tests check what io.hpp
// promises: buffering (one Reader/Writer call per buffer, large pieces passed straight
// through), pubsync() reaching the writer's flush(), a destructor that writes what is
// buffered without closing, no seeking, and the error channel: a Reader's or Writer's
// exception never leaves the streambuf, is kept in error(), and shows as the state bits
// io.hpp describes for libstdc++. Then the compositions the header advertises: getline
// over a decompressing stream_reader, operator<< into a compressing stream_writer.
#include <gtest/gtest.h>

#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::MutableByteView;
using zstdpp::ReaderIstream;
using zstdpp::WriterOstream;
using zstdpp::ZstdError;
using zstdpp::as_chars;

// The state-bit claims of io.hpp are about libstdc++'s iostreams.
#if defined(__GLIBCXX__)
#define ZSTDPP_REQUIRE_LIBSTDCXX() (void)0
#else
#define ZSTDPP_REQUIRE_LIBSTDCXX() GTEST_SKIP() << "SKIPPED: io.hpp documents libstdc++'s state bits"
#endif

// Hands out at most `piece` bytes per read, then throws kCorruptedData once `fail_at`
// bytes have been handed out (never, by default). Counts its reads.
class ScriptedReader final : public zstdpp::Reader {
 public:
  ScriptedReader(std::string data, std::size_t piece, std::size_t fail_at = ~std::size_t{0})
      : data_(std::move(data)), piece_(piece), fail_at_(fail_at) {}
  std::size_t read(MutableByteView dst) override {
    ++reads;
    if (pos_ >= fail_at_) throw ZstdError(ErrorCode::kCorruptedData, "bad block at offset " + std::to_string(pos_));
    const std::size_t n = std::min({dst.size(), piece_, data_.size() - pos_, fail_at_ - pos_});
    std::copy_n(data_.data() + pos_, n, reinterpret_cast<char*>(dst.data()));
    pos_ += n;
    return n;
  }
  int reads = 0;

 private:
  std::string data_;
  std::size_t piece_;
  std::size_t fail_at_;
  std::size_t pos_ = 0;
};

// Keeps what it is given, one entry per write() call; throws kIo from the write that
// would pass `fail_after` bytes, or from flush() with `fail_flush`.
class RecordingWriter final : public zstdpp::Writer {
 public:
  explicit RecordingWriter(std::size_t fail_after = ~std::size_t{0}) : fail_after_(fail_after) {}
  std::size_t write(ByteView src) override {
    ++write_calls;
    if (all.size() + src.size() > fail_after_) throw ZstdError(ErrorCode::kIo, "disk full (test)");
    writes.emplace_back(as_chars(src));
    all += as_chars(src);
    return src.size();
  }
  void flush() override {
    ++flushes;
    if (fail_flush) throw ZstdError(ErrorCode::kIo, "flush failed (test)");
  }
  void close() override { ++closes; }
  std::vector<std::string> writes;
  std::string all;
  int write_calls = 0;
  int flushes = 0;
  int closes = 0;
  bool fail_flush = false;

 private:
  std::size_t fail_after_;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// ---- ReaderStreambuf -----------------------------------------------------------------

TEST(StreambufReader, GetlineReadsEveryLine) {
  const std::string text = "first line\nsecond\n\nfourth, no newline";
  for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
    for (std::size_t buffer : {std::size_t{1}, std::size_t{4}, std::size_t{65536}}) {
      SCOPED_TRACE("piece " + std::to_string(piece) + ", buffer " + std::to_string(buffer));
      ScriptedReader reader(text, piece);
      ReaderIstream in(reader, buffer);
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      EXPECT_EQ(lines, (std::vector<std::string>{"first line", "second", "", "fourth, no newline"}));
      EXPECT_TRUE(in.eof());
      EXPECT_FALSE(in.bad());
      EXPECT_EQ(in.streambuf().error(), nullptr);
      EXPECT_NO_THROW(in.rethrow_if_error());
    }
  }
}

TEST(StreambufReader, OneReaderCallPerBufferful) {
  const std::string text(10000, 'x');
  ScriptedReader reader(text, 1 << 20);
  ReaderIstream in(reader, 1000);
  std::string all(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(all, text);
  EXPECT_EQ(reader.reads, 11);  // ten full buffers and the read that finds the end
}

TEST(StreambufReader, ReadOfManyBuffersAndShortReadAtTheEnd) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + ",";
  ScriptedReader reader(text, 777);
  ReaderIstream in(reader, 100);
  std::string got(text.size() + 10, '\0');
  in.read(got.data(), 5000);
  EXPECT_EQ(in.gcount(), 5000);
  EXPECT_TRUE(in.good());
  in.read(got.data() + 5000, static_cast<std::streamsize>(text.size()));  // more than is left
  EXPECT_EQ(static_cast<std::size_t>(in.gcount()), text.size() - 5000);
  EXPECT_TRUE(in.eof());
  EXPECT_TRUE(in.fail());  // a short read() is failbit too: the standard's rule
  EXPECT_FALSE(in.bad());
  got.resize(text.size());
  EXPECT_EQ(got, text);
  in.read(got.data(), 0);  // zero bytes: nothing happens, nothing read
  EXPECT_EQ(in.gcount(), 0);
}

TEST(StreambufReader, ZeroBufferSizeStillWorks) {
  ScriptedReader reader("abc\ndef", 100);
  ReaderIstream in(reader, 0);  // documented: at least 1
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "abc");
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "def");
}

TEST(StreambufReader, EmptyReaderIsAnImmediateEnd) {
  ScriptedReader reader("", 100);
  ReaderIstream in(reader);
  std::string line;
  EXPECT_FALSE(std::getline(in, line));
  EXPECT_TRUE(in.eof());
  EXPECT_TRUE(in.fail());
  EXPECT_FALSE(in.bad());
  EXPECT_EQ(in.streambuf().error(), nullptr);
  EXPECT_EQ(in.get(), std::char_traits<char>::eof());
}

TEST(StreambufReader, InAvailCountsOnlyWhatIsBuffered) {
  ScriptedReader reader("abcdef", 4);
  ReaderIstream in(reader, 64);
  EXPECT_EQ(in.rdbuf()->in_avail(), 0);  // nothing buffered yet; 0 means "unknown", not "end"
  EXPECT_EQ(reader.reads, 0);
  EXPECT_EQ(in.get(), 'a');
  EXPECT_EQ(in.rdbuf()->in_avail(), 3);  // the rest of the first piece
}

TEST(StreambufReader, NotSeekable) {
  ScriptedReader reader("abcdef", 100);
  ReaderIstream in(reader);
  EXPECT_EQ(in.get(), 'a');
  EXPECT_EQ(in.tellg(), std::streampos(-1));
  EXPECT_FALSE(in.fail());  // tellg reports -1 without failing the stream
  in.seekg(0);
  EXPECT_TRUE(in.fail());
  in.clear();
  in.seekg(2, std::ios::cur);
  EXPECT_TRUE(in.fail());
  in.clear();
  EXPECT_EQ(in.get(), 'b');  // the failed seeks moved nothing
  EXPECT_EQ(in.rdbuf()->pubseekoff(0, std::ios::beg, std::ios::in), std::streampos(-1));
  EXPECT_EQ(in.rdbuf()->pubseekpos(0, std::ios::in), std::streampos(-1));
}

TEST(StreambufReader, ReaderErrorEndsInputAndIsKept) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  // The error comes at a line boundary: the next getline extracts nothing.
  ScriptedReader reader("one\ntwo\n", 3, /*fail_at=*/8);
  ReaderIstream in(reader, 16);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(in.eof());
  EXPECT_TRUE(in.fail());
  EXPECT_FALSE(in.bad());  // the documented libstdc++ behaviour: not badbit
  ASSERT_NE(in.streambuf().error(), nullptr);
  ZSTDPP_EXPECT_ERROR(in.rethrow_if_error(), ErrorCode::kCorruptedData, "bad block at offset 8");
  ZSTDPP_EXPECT_ERROR(std::rethrow_exception(in.streambuf().error()), ErrorCode::kCorruptedData, "offset 8");
  // From then on: the end, and the reader is not asked again.
  const int reads = reader.reads;
  in.clear();
  EXPECT_EQ(in.get(), std::char_traits<char>::eof());
  EXPECT_TRUE(in.eof());
  char buffer[8];
  in.clear();
  in.read(buffer, 8);
  EXPECT_EQ(in.gcount(), 0);
  EXPECT_EQ(reader.reads, reads);
}

TEST(StreambufReader, ReaderErrorInsideALineGivesThePartialLineFirst) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  ScriptedReader reader("complete\npartial line\n", 4, /*fail_at=*/13);  // fails after "part"
  ReaderIstream in(reader, 4);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "complete");
  // What was extracted before the error arrives as a last line without its '\n': eofbit
  // only, as at a real end of input, so a while (getline) loop runs its body once more.
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "part");
  EXPECT_TRUE(in.eof());
  EXPECT_FALSE(in.fail());
  EXPECT_FALSE(std::getline(in, line));
  EXPECT_TRUE(in.fail());
  EXPECT_FALSE(in.bad());
  ZSTDPP_EXPECT_ERROR(in.rethrow_if_error(), ErrorCode::kCorruptedData, "offset 13");
}

TEST(StreambufReader, ReaderErrorDuringReadOfABlock) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  ScriptedReader reader(std::string(1000, 'q'), 100, /*fail_at=*/300);
  ReaderIstream in(reader, 64);
  std::string got(1000, '\0');
  in.read(got.data(), 1000);
  EXPECT_EQ(in.gcount(), 300);
  EXPECT_TRUE(in.eof());
  EXPECT_TRUE(in.fail());
  EXPECT_FALSE(in.bad());
  EXPECT_NE(in.streambuf().error(), nullptr);
}

TEST(StreambufReader, ExceptionsMaskThrowsIosFailureAndKeepsTheReaderError) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  ScriptedReader reader("ab", 10, /*fail_at=*/2);
  ReaderIstream in(reader);
  in.exceptions(std::ios::failbit);
  std::string line;
  EXPECT_NO_THROW(std::getline(in, line));  // "ab", then the error: eofbit only
  EXPECT_EQ(line, "ab");
  try {
    std::getline(in, line);  // nothing extracted: failbit, which the mask makes throw
    ADD_FAILURE() << "no exception";
  } catch (const ZstdError& e) {
    ADD_FAILURE() << "the reader's ZstdError left the streambuf: " << e.what();
  } catch (const std::ios_base::failure&) {
  }
  ZSTDPP_EXPECT_ERROR(in.rethrow_if_error(), ErrorCode::kCorruptedData, "offset 2");
}

TEST(StreambufReader, PlainEndCanBeReadAgainAfterClear) {
  // A reader at its end is asked again after clear(): only an error is final.
  ScriptedReader reader("xy", 10);
  ReaderIstream in(reader);
  std::string all(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(all, "xy");
  const int reads = reader.reads;
  in.clear();
  EXPECT_EQ(in.get(), std::char_traits<char>::eof());
  EXPECT_EQ(reader.reads, reads + 1);
}

// ---- WriterStreambuf -----------------------------------------------------------------

TEST(StreambufWriter, BuffersUntilFullThenOneWritePerBufferful) {
  RecordingWriter writer;
  {
    WriterOstream out(writer, 8);
    out << "abc";
    EXPECT_EQ(writer.write_calls, 0);  // buffered
    out << "defgh";                     // exactly fills the buffer: still buffered
    EXPECT_EQ(writer.write_calls, 0);
    out << 'i';  // overflow: the full buffer goes out, 'i' is buffered
    EXPECT_EQ(writer.writes, (std::vector<std::string>{"abcdefgh"}));
    out << std::string(20, 'L');  // larger than the room: buffer, then the piece, as they are
    EXPECT_EQ(writer.writes, (std::vector<std::string>{"abcdefgh", "i", std::string(20, 'L')}));
    out.write("", 0);  // zero bytes: no call
    EXPECT_EQ(writer.write_calls, 3);
    out << "tail";
    EXPECT_TRUE(out.good());
  }
  // The destructor wrote the buffer, without flushing or closing the writer.
  EXPECT_EQ(writer.writes.back(), "tail");
  EXPECT_EQ(writer.all, "abcdefghi" + std::string(20, 'L') + "tail");
  EXPECT_EQ(writer.flushes, 0);
  EXPECT_EQ(writer.closes, 0);
}

TEST(StreambufWriter, SmallPiecesAreGatheredIntoBufferfuls) {
  RecordingWriter writer;
  {
    WriterOstream out(writer, 8);
    for (int i = 0; i < 10; ++i) out << "abc";  // 3 does not divide 8
  }
  EXPECT_EQ(writer.all, std::string("abcabcabcabcabcabcabcabcabcabc"));
  // Regression: a piece that did not fit the room left was written on by itself, so half
  // the writer calls carried 3 bytes. Now every call but the last carries 6 to 8.
  ASSERT_GE(writer.writes.size(), 2u);
  for (std::size_t i = 0; i + 1 < writer.writes.size(); ++i)
    EXPECT_GE(writer.writes[i].size(), 6u) << "write " << i << ": \"" << writer.writes[i] << "\"";
  EXPECT_LE(writer.writes.size(), 5u);
}

TEST(StreambufWriter, FlushWritesTheBufferAndFlushesTheWriter) {
  RecordingWriter writer;
  WriterOstream out(writer);
  out << "line one" << std::endl;  // endl flushes
  EXPECT_EQ(writer.all, "line one\n");
  EXPECT_EQ(writer.flushes, 1);
  out << "two" << std::flush;
  EXPECT_EQ(writer.all, "line one\ntwo");
  EXPECT_EQ(writer.flushes, 2);
  out.flush();  // nothing buffered: no write, but the writer is still flushed
  EXPECT_EQ(writer.write_calls, 2);
  EXPECT_EQ(writer.flushes, 3);
  EXPECT_EQ(out.rdbuf()->pubsync(), 0);
  EXPECT_EQ(writer.flushes, 4);
}

TEST(StreambufWriter, BufferSizeOneAndZero) {
  for (std::size_t size : {std::size_t{0}, std::size_t{1}}) {
    RecordingWriter writer;
    {
      WriterOstream out(writer, size);
      out << "hello" << ' ' << 42;
      out.put('!');
    }
    EXPECT_EQ(writer.all, "hello 42!") << "buffer size " << size;
  }
}

TEST(StreambufWriter, NotSeekable) {
  RecordingWriter writer;
  WriterOstream out(writer);
  out << "abc";
  EXPECT_EQ(out.tellp(), std::streampos(-1));
  out.seekp(0);
  EXPECT_TRUE(out.fail());
}

TEST(StreambufWriter, WriterErrorIsKeptAndTheStreamGoesBad) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  RecordingWriter writer(/*fail_after=*/10);
  WriterOstream out(writer, 8);
  out << "12345678";
  EXPECT_TRUE(out.good());
  out << "9abc";  // drains "12345678", buffers "9abc"
  EXPECT_TRUE(out.good());
  out << std::string(20, 'x');  // drain of "9abc" passes 10 bytes: fails
  EXPECT_TRUE(out.bad());
  ASSERT_NE(out.streambuf().error(), nullptr);
  ZSTDPP_EXPECT_ERROR(out.rethrow_if_error(), ErrorCode::kIo, "disk full");
  // From then on every operation fails and the writer is not called again.
  const int calls = writer.write_calls;
  out.clear();
  out << 'c';
  out << "string";
  out.flush();
  EXPECT_TRUE(out.bad());
  // Regression: with room left in the buffer, sputc (and so put()) stored the character
  // and reported success after the error.
  EXPECT_EQ(out.rdbuf()->sputc('z'), std::char_traits<char>::eof());
  out.clear();
  out.put('p');
  EXPECT_TRUE(out.bad());
  EXPECT_EQ(out.rdbuf()->sputn("zz", 2), 0);
  EXPECT_EQ(out.rdbuf()->pubsync(), -1);
  EXPECT_EQ(writer.write_calls, calls);
  EXPECT_EQ(writer.flushes, 0);
  EXPECT_EQ(writer.all, "12345678");
}

TEST(StreambufWriter, ErrorFromOverflowOfOneCharacter) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  RecordingWriter writer(/*fail_after=*/0);
  WriterOstream out(writer, 2);
  out << 'a' << 'b';
  EXPECT_TRUE(out.good());
  out << 'c';  // overflow drains "ab": fails
  EXPECT_TRUE(out.bad());
  ZSTDPP_EXPECT_ERROR(out.rethrow_if_error(), ErrorCode::kIo, "disk full");
}

TEST(StreambufWriter, FailingFlushIsKeptAndSetsBadbit) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  RecordingWriter writer;
  writer.fail_flush = true;
  WriterOstream out(writer);
  out << "data" << std::flush;
  EXPECT_EQ(writer.all, "data");
  EXPECT_TRUE(out.bad());
  ZSTDPP_EXPECT_ERROR(out.rethrow_if_error(), ErrorCode::kIo, "flush failed");
}

TEST(StreambufWriter, ExceptionsMaskThrowsIosFailureNotTheWriterError) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  RecordingWriter writer(/*fail_after=*/0);
  WriterOstream out(writer, 4);
  out.exceptions(std::ios::badbit);
  try {
    out << "more than four bytes";
    ADD_FAILURE() << "no exception";
  } catch (const ZstdError& e) {
    ADD_FAILURE() << "the writer's ZstdError left the streambuf: " << e.what();
  } catch (const std::ios_base::failure&) {
  }
  ZSTDPP_EXPECT_ERROR(out.rethrow_if_error(), ErrorCode::kIo, "disk full");
}

TEST(StreambufWriter, DestructorAfterAnErrorNeitherThrowsNorWrites) {
  RecordingWriter writer(/*fail_after=*/3);
  {
    WriterOstream out(writer, 2);
    out << "ab" << "cd" << "ef";  // "ab" out, "cd" out would pass 3: error
    EXPECT_TRUE(out.bad());
  }
  EXPECT_EQ(writer.all, "ab");
  // A failing write in the destructor itself is swallowed.
  RecordingWriter late(/*fail_after=*/0);
  EXPECT_NO_THROW({
    WriterOstream out(late, 100);
    out << "buffered";
  });
  EXPECT_EQ(late.write_calls, 1);
}

TEST(StreambufWriter, OverAFullDeviceTheErrorNamesTheFile) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "SKIPPED: no /dev/full on this system";
  zstdpp::PathWriter file("/dev/full");
  WriterOstream out(file, 1 << 20);
  out << std::string(100, 'x') << std::flush;  // PathWriter::flush fails with ENOSPC
  EXPECT_TRUE(out.bad());
  ZSTDPP_EXPECT_ERROR(out.rethrow_if_error(), ErrorCode::kIo, "/dev/full");
}

// ---- Compositions --------------------------------------------------------------------

TEST(StreambufCompose, GetlineOverADecompressingReader) {
  const Bytes data = make_english_text(300000, seed_from("getline-decompress"));
  const std::string text(as_chars(data));
  const Bytes frame = zstdpp::ZstdCompressor({.level = 3}).compress(data);
  zstdpp::ZstdDecompressor d;
  zstdpp::MemoryReader source(frame);
  auto reader = d.stream_reader(source, 1000);
  ReaderIstream in(reader, 4096);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_EQ(lines, split_lines(text));
  EXPECT_GT(lines.size(), 10u);
  EXPECT_EQ(in.streambuf().error(), nullptr);
}

TEST(StreambufCompose, TruncatedFrameShowsInErrorNotAsAQuietEnd) {
  ZSTDPP_REQUIRE_LIBSTDCXX();
  const Bytes data = make_english_text(100000, seed_from("getline-truncated"));
  const Bytes frame = zstdpp::ZstdCompressor({.level = 3}).compress(data);
  const Bytes part(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(frame.size() / 2));
  zstdpp::ZstdDecompressor d;
  zstdpp::MemoryReader source(part);
  auto reader = d.stream_reader(source);
  ReaderIstream in(reader);
  std::size_t got = 0;
  for (std::string line; std::getline(in, line);) got += line.size() + 1;
  EXPECT_LT(got, data.size());
  EXPECT_TRUE(in.eof());
  EXPECT_FALSE(in.bad());
  ASSERT_NE(in.streambuf().error(), nullptr);
  ZSTDPP_EXPECT_ERROR(in.rethrow_if_error(), ErrorCode::kTruncatedInput, "truncated");
}

TEST(StreambufCompose, OstreamIntoACompressingWriter) {
  Bytes compressed;
  zstdpp::VectorWriter sink(compressed);
  std::ostringstream want;
  zstdpp::ZstdCompressor c({.level = 5});
  {
    auto compressing = c.stream_writer(sink);
    {
      WriterOstream out(compressing, 1000);
      for (int i = 0; i < 20000; ++i) {
        out << "record " << i << ": value=" << (i * 7919) % 1000 << '\n';
        want << "record " << i << ": value=" << (i * 7919) % 1000 << '\n';
      }
      EXPECT_TRUE(out.good());
    }  // the streambuf writes its buffer into the compressing writer
    compressing.close();  // ends the frame
  }
  const std::string text = want.str();
  ASSERT_FALSE(compressed.empty());
  EXPECT_LT(compressed.size(), text.size() / 4);
  const Bytes round = zstdpp::ZstdDecompressor().decompress(compressed, {.max_output_size = text.size()});
  EXPECT_EQ(as_chars(round), text);
}

TEST(StreambufCompose, FlushMakesEverythingSoFarDecodable) {
  Bytes compressed;
  zstdpp::VectorWriter sink(compressed);
  zstdpp::ZstdCompressor c;
  auto compressing = c.stream_writer(sink);
  WriterOstream out(compressing);
  out << "the first part\n" << std::flush;  // pubsync -> writer flush (FLUSH_BLOCK)
  ASSERT_FALSE(compressed.empty());
  // A frame not yet ended: decoding what was flushed gives the text so far.
  zstdpp::ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_EQ(as_chars(obj.decompress(compressed)), "the first part\n");
}

TEST(StreambufCompose, CompressThenDecompressThroughStreamsOnly) {
  const Bytes data = make_english_text(200000, seed_from("streams-only"));
  Bytes compressed;
  {
    zstdpp::VectorWriter sink(compressed);
    zstdpp::ZstdCompressor c;
    auto compressing = c.stream_writer(sink);
    {
      WriterOstream out(compressing, 333);
      out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    }
    compressing.close();
  }
  zstdpp::ZstdDecompressor d;
  auto reader = d.stream_reader(ByteView(compressed));
  ReaderIstream in(reader, 777);
  const std::string round(std::istreambuf_iterator<char>(in), {});
  EXPECT_TRUE(same_bytes(to_bytes(round), data)) << describe_mismatch(to_bytes(round), data);
}

}  // namespace
}  // namespace zstdpp_test
