// A stream object's input (src/api only): a borrowed Reader pulled read_size bytes at a
// time into one buffer (one virtual call per piece, never per byte), or bytes in memory
// used in place, which count as a source that has already ended: nothing more to read.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>

#include "api/raise.hpp"

namespace zstdpp::api {

class InputSource {
 public:
  InputSource(Reader* reader, ByteView memory, std::size_t read_size) : reader_(reader) {
    if (reader == nullptr) {
      in_ = InBuffer{memory};
      done_ = true;
    } else {
      buffer_.resize(read_size);
      in_ = InBuffer{ByteView(buffer_.data(), 0)};
    }
  }

  /// The input at hand; a step advances its pos.
  InBuffer& in() { return in_; }
  bool used_up() const { return in_.pos == in_.src.size(); }
  /// The source has ended (a memory source: from the start).
  bool done() const { return done_; }
  Reader* reader() const { return reader_; }

  /// Drops the first `count` bytes of the input: at once for memory (more than it holds
  /// is kTruncatedInput), else from the reads to come, `operation` naming the caller.
  void skip(std::size_t count, const char* operation) {
    operation_ = operation;
    if (reader_ != nullptr) {
      skip_ = count;
      return;
    }
    if (count > in_.src.size())
      api::raise(ErrorCode::kTruncatedInput, std::string(operation) + ": skip_bytes " + std::to_string(count) +
                                                 " is more than the " + std::to_string(in_.src.size()) +
                                                 " bytes of input");
    in_.pos = count;
  }

  /// Replaces the used-up input with the next read (reading on while bytes are still to
  /// be skipped); false, and done(), when the source has ended.
  bool refill() {
    if (done_) return false;
    for (;;) {
      const std::size_t got = reader_->read(MutableByteView(buffer_));
      if (got == 0) {
        if (skip_ > 0)
          api::raise(ErrorCode::kTruncatedInput,
                     std::string(operation_) + ": the input ends before skip_bytes were skipped");
        in_ = InBuffer{ByteView(buffer_.data(), 0)};
        done_ = true;
        return false;
      }
      const std::size_t skipped = std::min(skip_, got);
      skip_ -= skipped;
      if (skipped < got) {
        in_ = InBuffer{ByteView(buffer_.data(), got), skipped};
        return true;
      }
    }
  }

 private:
  Reader* reader_;
  Bytes buffer_;
  InBuffer in_;
  bool done_ = false;
  std::size_t skip_ = 0;
  const char* operation_ = "";
};

}  // namespace zstdpp::api
