// Per-input failure handling shared by the commands: a failing input is reported (with
// the file it concerns) and remembered, and the command goes on with the next input, as
// zstd does; the exit status is non-zero when any input failed.
#pragma once

#include <new>
#include <string>

#include <zstdpp/error.hpp>

#include "console.hpp"
#include "file_io.hpp"

namespace zstdpp::cli {

class FailureRecorder {
 public:
  explicit FailureRecorder(const Console& console) : console_(console) {}

  void record(const std::string& name, const std::string& problem) {
    failed_ = true;
    console_.file_error(name, problem);
  }
  bool failed() const { return failed_; }

  // Runs `work`, recording (not throwing) any failure as a message about `name`, which
  // `work` may update as it moves from input to input. `describe(e)` words a ZstdError.
  // Returns true when it succeeded.
  template <typename Work, typename Describe>
  bool run(const std::string& name, Work&& work, Describe&& describe) {
    try {
      work();
      return true;
    } catch (const CliError& e) {
      record(e.file(), e.problem());
    } catch (const ZstdError& e) {
      record(name, describe(e));
    } catch (const std::bad_alloc&) {
      record(name, "out of memory");
    }
    return false;
  }

 private:
  const Console& console_;
  bool failed_ = false;
};

}  // namespace zstdpp::cli
