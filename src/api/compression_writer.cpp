// ZstdCompressionWriter over the compressor's EncoderEngine: a loop of streaming steps
// into one write_size buffer that is handed to the inner writer when full or flushed.
//
// State: frame_open_ says a frame has begun (or is owed: a writer closed with nothing
// written still produces one empty frame, as python-zstandard's does). A FLUSH_FRAME
// clears it and the next write() sets it, so flush(FLUSH_FRAME) twice, or flush then
// close, never adds an empty second frame. Any exception marks the writer failed and
// abandons the engine's frame: the compressed stream cannot be continued correctly once
// a step's input or output was lost.
#include <zstdpp/compression_writer.hpp>

#include <exception>
#include <string>
#include <utility>

#include "api/encoder_engine.hpp"
#include "api/raise.hpp"

namespace zstdpp {

ZstdCompressionWriter::ZstdCompressionWriter(detail::EncoderEngine& engine, detail::OperationLease lease,
                                             Writer& inner, std::size_t write_size, bool write_return_read,
                                             bool closefd)
    : engine_(&engine),
      lease_(std::move(lease)),
      inner_(&inner),
      out_(write_size),
      write_return_read_(write_return_read),
      closefd_(closefd) {}

ZstdCompressionWriter::~ZstdCompressionWriter() { destroy(); }

void ZstdCompressionWriter::destroy() noexcept {
  if (engine_ == nullptr || closed_) return;
  try {
    close();
  } catch (...) {
    // A destructor cannot report: callers who need the error call close() themselves.
  }
  closed_ = true;
  lease_.release();
}

ZstdCompressionWriter::ZstdCompressionWriter(ZstdCompressionWriter&& other) noexcept
    : engine_(std::exchange(other.engine_, nullptr)),
      lease_(std::move(other.lease_)),
      inner_(other.inner_),
      out_(std::move(other.out_)),
      out_pos_(std::exchange(other.out_pos_, 0)),
      produced_(other.produced_),
      write_return_read_(other.write_return_read_),
      closefd_(other.closefd_),
      frame_open_(other.frame_open_),
      failed_(other.failed_),
      closed_(other.closed_) {}

ZstdCompressionWriter& ZstdCompressionWriter::operator=(ZstdCompressionWriter&& other) noexcept {
  if (this != &other) {
    destroy();
    engine_ = std::exchange(other.engine_, nullptr);
    lease_ = std::move(other.lease_);
    inner_ = other.inner_;
    out_ = std::move(other.out_);
    out_pos_ = std::exchange(other.out_pos_, 0);
    produced_ = other.produced_;
    write_return_read_ = other.write_return_read_;
    closefd_ = other.closefd_;
    frame_open_ = other.frame_open_;
    failed_ = other.failed_;
    closed_ = other.closed_;
  }
  return *this;
}

void ZstdCompressionWriter::check_usable(const char* call) const {
  if (engine_ == nullptr)
    api::raise(ErrorCode::kWrongState, std::string(call) + ": the writer was moved from");
  if (closed_)
    api::raise(ErrorCode::kWrongState,
               std::string(call) + ": the writer is closed (no write or flush is allowed after close())");
  if (failed_)
    api::raise(ErrorCode::kWrongState, std::string(call) +
                                           ": an earlier error abandoned the frame; only close() is allowed");
}

std::size_t ZstdCompressionWriter::drain() {
  if (out_pos_ == 0) return 0;
  const std::size_t n = out_pos_;
  inner_->write(ByteView(out_.data(), n));
  out_pos_ = 0;
  return n;
}

std::size_t ZstdCompressionWriter::drive(InBuffer& in, StreamMode mode) {
  std::size_t written = 0;
  try {
    for (;;) {
      OutBuffer ob{MutableByteView(out_), out_pos_};
      const std::size_t remaining = engine_->step(in, ob, mode);
      produced_ += ob.pos - out_pos_;
      out_pos_ = ob.pos;
      const bool input_done = in.pos == in.src.size();
      if (mode == StreamMode::CONTINUE) {
        if (out_pos_ == out_.size()) written += drain();
        if (input_done) break;
      } else if (input_done && remaining == 0) {
        // Stop here even when the buffer came back full: another FLUSH_FRAME step would
        // begin a second frame.
        written += drain();
        break;
      } else if (out_pos_ == out_.size()) {
        written += drain();
      }
    }
  } catch (...) {
    failed_ = true;  // the frame is abandoned when the lease is given back
    throw;
  }
  return written;
}

std::size_t ZstdCompressionWriter::write(ByteView data) {
  check_usable("ZstdCompressionWriter::write");
  detail::CallGuard guard(engine_->use, "ZstdCompressionWriter::write");
  frame_open_ = true;
  InBuffer in{data};
  const std::size_t written = data.empty() ? 0 : drive(in, StreamMode::CONTINUE);
  return write_return_read_ ? data.size() : written;
}

std::size_t ZstdCompressionWriter::flush(int flush_mode) {
  check_usable("ZstdCompressionWriter::flush");
  if (flush_mode != FLUSH_BLOCK && flush_mode != FLUSH_FRAME)
    api::raise(ErrorCode::kParameterOutOfBounds, "ZstdCompressionWriter::flush: flush_mode " +
                                                     std::to_string(flush_mode) +
                                                     " is neither FLUSH_BLOCK nor FLUSH_FRAME");
  detail::CallGuard guard(engine_->use, "ZstdCompressionWriter::flush");
  std::size_t written = 0;
  if (frame_open_) {
    InBuffer in{};
    written = drive(in, flush_mode == FLUSH_FRAME ? StreamMode::FLUSH_FRAME : StreamMode::FLUSH_BLOCK);
    if (flush_mode == FLUSH_FRAME) frame_open_ = false;
  }
  try {
    inner_->flush();
  } catch (...) {
    failed_ = true;
    throw;
  }
  return written;
}

void ZstdCompressionWriter::flush() { flush(FLUSH_BLOCK); }

void ZstdCompressionWriter::close() {
  if (engine_ == nullptr || closed_) return;
  std::exception_ptr error;
  {
    detail::CallGuard guard(engine_->use, "ZstdCompressionWriter::close");
    if (!failed_ && frame_open_) {
      try {
        InBuffer in{};
        drive(in, StreamMode::FLUSH_FRAME);
        frame_open_ = false;
      } catch (...) {
        error = std::current_exception();
      }
    }
    closed_ = true;
    lease_.release();
  }
  // python-zstandard flushes the inner writer only in flush(), and closes it here with
  // closefd; an error of the frame is reported before one of the close.
  if (closefd_) {
    try {
      inner_->close();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

std::size_t ZstdCompressionWriter::memory_size() const {
  return sizeof(*this) + out_.capacity() + (engine_ != nullptr ? engine_->frame.memory_size() : 0);
}

}  // namespace zstdpp
