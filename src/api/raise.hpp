// The one place engine statuses become exceptions (the API is the only layer that throws).
#pragma once

#include "common/status.hpp"

namespace zstdpp::api {

[[noreturn]] void raise(const Status& status);
[[noreturn]] void raise(ErrorCode code, const std::string& message);

inline void check(const Status& status) {
  if (!status.ok()) [[unlikely]]
    raise(status);
}

}  // namespace zstdpp::api
