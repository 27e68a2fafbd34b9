// File plumbing of the `zstdpp` command line; see file_io.hpp for the no-partial-output
// rule and why outputs go through a temporary file.
#include "file_io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace zstdpp::cli {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

// The temporary file being written, for the signal handler. A handler may only touch
// lock-free atomics and static storage, so the path is a fixed buffer guarded by a flag
// that is cleared before the buffer changes. Only one output is open at a time.
volatile std::sig_atomic_t g_temp_path_valid = 0;
char g_temp_path[PATH_MAX + 1];

void remember_temp_path(const std::string& path) {
  g_temp_path_valid = 0;
  if (path.size() > PATH_MAX) return;  // mkstemp would have failed anyway
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  g_temp_path_valid = 1;
}
void forget_temp_path() { g_temp_path_valid = 0; }

extern "C" void cleanup_and_die(int sig) {
  if (g_temp_path_valid) unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void write_all(int fd, ByteView bytes, const std::string& name) {
  const std::uint8_t* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw CliError(name, "write error: " + errno_text(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// umask cannot be read without setting it; read it once, before any output exists.
mode_t current_umask() {
  static const mode_t mask = [] {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string display_input_name(const std::string& path) { return path == "-" ? "stdin" : path; }

bool stdin_is_console() { return ::isatty(STDIN_FILENO) == 1; }
bool stdout_is_console() { return ::isatty(STDOUT_FILENO) == 1; }

void install_cleanup_signal_handlers() {
  (void)current_umask();
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = cleanup_and_die;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, nullptr);
  }
}

std::optional<std::string> decompressed_name(const std::string& input_path) {
  struct Rule {
    const char* suffix;
    const char* replacement;
  };
  // The suffixes zstd itself writes; gzip/xz/lz4 ones zstd also knows are not decoded here.
  static constexpr Rule kRules[] = {{".zst", ""}, {".tzst", ".tar"}};
  std::string base = base_name_of(input_path);
  for (const Rule& rule : kRules) {
    std::size_t len = std::strlen(rule.suffix);
    if (base.size() > len && base.compare(base.size() - len, len, rule.suffix) == 0) {
      return input_path.substr(0, input_path.size() - len) + rule.replacement;
    }
  }
  return std::nullopt;
}

// --- InputFile ---------------------------------------------------------------------------

InputFile::InputFile(const std::string& path) : path_(path), name_(display_input_name(path)) {
  if (path == "-") {
    is_stdin_ = true;
    fd_ = STDIN_FILENO;
    if (::fstat(fd_, &status_) != 0) throw CliError(name_, "cannot stat: " + errno_text(errno));
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw CliError(name_, "cannot open: " + errno_text(errno));
  if (::fstat(fd_, &status_) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw CliError(name_, "cannot stat: " + errno_text(err));
  }
  if (S_ISDIR(status_.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw CliError(name_, "is a directory -- ignored");
  }
}

InputFile::~InputFile() {
  if (fd_ >= 0 && !is_stdin_) ::close(fd_);
}

std::size_t InputFile::read(MutableByteView dst) {
  std::size_t filled = 0;
  while (filled < dst.size()) {
    ssize_t n = ::read(fd_, dst.data() + filled, dst.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw CliError(name_, "read error: " + errno_text(errno));
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  return filled;
}

Bytes read_whole_file(const std::string& path) {
  MappedFile file(path);
  return Bytes(file.bytes().begin(), file.bytes().end());
}

MappedFile::MappedFile(const std::string& path) {
  InputFile file(path);
  if (file.is_regular_file() && file.status().st_size > 0) {
    mapping_size_ = static_cast<std::size_t>(file.status().st_size);
    void* p = ::mmap(nullptr, mapping_size_, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (p != MAP_FAILED) {
      mapping_ = p;
      bytes_ = ByteView(static_cast<const std::uint8_t*>(p), mapping_size_);
      return;
    }
    mapping_size_ = 0;
  }
  constexpr std::size_t kChunk = 1 << 16;
  for (;;) {
    std::size_t old_size = copy_.size();
    copy_.resize(old_size + kChunk);
    std::size_t n = file.read(MutableByteView(copy_.data() + old_size, kChunk));
    copy_.resize(old_size + n);
    if (n < kChunk) break;
  }
  bytes_ = ByteView(copy_);
}

MappedFile::~MappedFile() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
}

// --- Outputs -----------------------------------------------------------------------------

void StdoutSink::write(ByteView bytes) { write_all(STDOUT_FILENO, bytes, name_); }

AtomicFileOutput::AtomicFileOutput(const std::string& target, bool force, const InputFile* source)
    : target_(target), force_(force) {
  if (target.empty()) throw CliError("(empty name)", "invalid output file name");
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0) {
    if (source != nullptr && !source->is_stdin() && existing.st_dev == source->status().st_dev &&
        existing.st_ino == source->status().st_ino) {
      throw CliError(target, "refusing to overwrite the input file with its own output");
    }
    if (S_ISDIR(existing.st_mode)) throw CliError(target, "output is a directory");
    bool is_stream = S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode) || S_ISSOCK(existing.st_mode);
    if (!is_stream && !force) {
      throw CliError(target, "already exists; not overwritten (use -f to overwrite)");
    }
    if (!S_ISREG(existing.st_mode)) {
      // /dev/null, a FIFO, a block device with -f: write in place, nothing to rename.
      fd_ = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) throw CliError(target, "cannot open for writing: " + errno_text(errno));
      return;
    }
  } else if (errno != ENOENT) {
    throw CliError(target, "cannot stat: " + errno_text(errno));
  }

  // NAME_MAX is 255 on Linux file systems: keep room for the dot and the random tail.
  std::string base = base_name_of(target).substr(0, 200);
  std::string dir = directory_of(target);
  std::string temp = (dir == "/" ? dir : dir + "/") + "." + base + ".zstdpp-XXXXXX";
  forget_temp_path();
  fd_ = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw CliError(target, "cannot create a temporary file in " + dir + ": " + errno_text(errno));
  }
  temp_path_ = temp;
  remember_temp_path(temp_path_);

  if (source != nullptr && source->is_regular_file()) {
    copy_source_status_ = true;
    source_status_ = source->status();
  }
}

AtomicFileOutput::~AtomicFileOutput() {
  if (!committed_) abandon();
}

void AtomicFileOutput::write(ByteView bytes) {
  if (fd_ < 0) throw CliError(target_, "write after the output was closed");
  write_all(fd_, bytes, target_);
}

void AtomicFileOutput::abandon() noexcept {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_path_.empty()) {
    forget_temp_path();
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
  }
}

void AtomicFileOutput::commit() {
  if (committed_) return;
  if (temp_path_.empty()) {  // a device or FIFO written in place
    int rc = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    committed_ = true;
    if (rc != 0) throw CliError(target_, "close error: " + errno_text(errno));
    return;
  }
  // mkstemp makes 0600 files; give the output the source's permissions (zstd does), or
  // the usual 0666 minus umask when the input is not a regular file.
  mode_t mode = copy_source_status_ ? (source_status_.st_mode & 07777) : (0666 & ~current_umask());
  if (::fchmod(fd_, mode) != 0) {
    int err = errno;
    abandon();
    throw CliError(target_, "cannot set permissions: " + errno_text(err));
  }
  if (copy_source_status_) {
    struct timespec times[2] = {source_status_.st_atim, source_status_.st_mtim};
    (void)::futimens(fd_, times);  // best effort, as zstd: a timestamp is not worth failing for
  }
  if (::close(fd_) != 0) {
    int err = errno;
    fd_ = -1;
    abandon();
    throw CliError(target_, "close error: " + errno_text(err));
  }
  fd_ = -1;
  int rc = ::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, target_.c_str(), force_ ? 0 : RENAME_NOREPLACE);
  if (rc != 0 && !force_ && (errno == EINVAL || errno == ENOSYS)) {
    // The file system cannot do RENAME_NOREPLACE; the existence check at open stands.
    rc = ::rename(temp_path_.c_str(), target_.c_str());
  }
  if (rc != 0) {
    int err = errno;
    abandon();
    if (err == EEXIST) {
      throw CliError(target_, "appeared while decompressing; not overwritten (use -f to overwrite)");
    }
    throw CliError(target_, "cannot rename the temporary file into place: " + errno_text(err));
  }
  forget_temp_path();
  temp_path_.clear();
  committed_ = true;
}

void remove_source_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) throw CliError(path, "cannot remove the source file: " + errno_text(errno));
}

}  // namespace zstdpp::cli
