#include "api/raise.hpp"

namespace zstdpp::api {

void raise(const Status& status) { throw ZstdError(status.code, describe(status)); }
void raise(ErrorCode code, const std::string& message) { throw ZstdError(code, message); }

}  // namespace zstdpp::api
