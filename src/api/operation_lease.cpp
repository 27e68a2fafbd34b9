// The busy marks of operation_lease.hpp.
#include <zstdpp/operation_lease.hpp>

#include <string>

#include "api/raise.hpp"

namespace zstdpp::detail {

OperationLease::OperationLease(UseState& state, const char* operation) {
  check_not_leased(state, operation);
  state.holder = operation;
  state_ = &state;
  if (state.reset_context != nullptr) state.reset_context(state.context);
}

OperationLease& OperationLease::operator=(OperationLease&& other) noexcept {
  if (this != &other) {
    release();
    state_ = other.state_;
    other.state_ = nullptr;
  }
  return *this;
}

void OperationLease::release() noexcept {
  if (state_ == nullptr) return;
  if (state_->reset_context != nullptr) state_->reset_context(state_->context);
  state_->holder = nullptr;
  state_ = nullptr;
}

CallGuard::CallGuard(UseState& state, const char* call) : state_(&state) {
  if (state.in_call.exchange(true, std::memory_order_acquire))
    api::raise(ErrorCode::kWrongState, std::string(call) +
                                           ": another call on the same object is in progress (one object used "
                                           "from two threads at once)");
}

void check_not_leased(const UseState& state, const char* call) {
  if (state.holder != nullptr)
    api::raise(ErrorCode::kWrongState, std::string(call) + ": the (de)compressor is in use by its " + state.holder +
                                           "; finish or close that first, or use a second (de)compressor");
}

}  // namespace zstdpp::detail
