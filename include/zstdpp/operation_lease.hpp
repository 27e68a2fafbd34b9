// How a (de)compressor knows it is busy: the one-operation-at-a-time rule of
// python-zstandard, enforced instead of documented only.
//
// A ZstdCompressor or ZstdDecompressor holds one context, so one logical operation at a
// time may use it. Every stream object (compressobj, stream_writer, stream_reader,
// chunker, read_to_iter's range, decompressobj) takes an OperationLease on its
// (de)compressor when it is made and gives it back when it finishes, is closed or is
// destroyed; while it is held, starting another operation on that (de)compressor is a
// ZstdError(kWrongState) naming the holder. Taking and giving back a lease both reset the
// streaming context, so each operation starts at a frame boundary. A CallGuard marks each call in progress with
// one atomic exchange, which catches two threads inside one object at once: a cheap
// check for a misuse, not a lock that makes sharing safe.
#pragma once

#include <atomic>

namespace zstdpp::detail {

struct UseState {
  const char* holder = nullptr;  ///< the operation holding the lease; written by its thread
  std::atomic<bool> in_call{false};
  /// Resets the (de)compressor's streaming context, when a lease is taken and when it is
  /// given back: a frame one operation left half done never reaches the next one, on any
  /// path (finished, closed, destroyed, or failed). Set once by the owning engine.
  void (*reset_context)(void* context) noexcept = nullptr;
  void* context = nullptr;
};

class OperationLease {
 public:
  OperationLease() = default;
  /// Throws ZstdError(kWrongState) when `state` is already held, naming both operations.
  OperationLease(UseState& state, const char* operation);
  ~OperationLease() { release(); }
  OperationLease(OperationLease&& other) noexcept : state_(other.state_) { other.state_ = nullptr; }
  OperationLease& operator=(OperationLease&& other) noexcept;
  OperationLease(const OperationLease&) = delete;
  OperationLease& operator=(const OperationLease&) = delete;

  void release() noexcept;
  bool held() const { return state_ != nullptr; }

 private:
  UseState* state_ = nullptr;
};

class CallGuard {
 public:
  /// Throws ZstdError(kWrongState) when another call on the same object is in progress.
  CallGuard(UseState& state, const char* call);
  ~CallGuard() { state_->in_call.store(false, std::memory_order_release); }
  CallGuard(const CallGuard&) = delete;
  CallGuard& operator=(const CallGuard&) = delete;

 private:
  UseState* state_;
};

/// Throws ZstdError(kWrongState) when a stream object holds `state`: for the
/// (de)compressor's own one-shot and streaming calls.
void check_not_leased(const UseState& state, const char* call);

}  // namespace zstdpp::detail
