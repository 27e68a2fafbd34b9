// The public headers must compile next to the reference library's header: a program that
// compares the two (as bench/ does) includes both. zstd.h defines ZSTD_* macros, so no
// public name may collide with them.
#include <zstd.h>

#include <zstdpp/zstdpp.hpp>

#include <gtest/gtest.h>

TEST(HeaderCoexistence, PublicHeadersCompileBesideZstdH) {
  EXPECT_EQ(zstdpp::MAGIC_NUMBER, static_cast<std::uint32_t>(ZSTD_MAGICNUMBER));
  EXPECT_EQ(zstdpp::ZSTD_VERSION[0], 1);
  EXPECT_EQ(zstdpp::CONTENTSIZE_UNKNOWN, static_cast<std::uint64_t>(ZSTD_CONTENTSIZE_UNKNOWN));
  EXPECT_EQ(zstdpp::CONTENTSIZE_ERROR, static_cast<std::uint64_t>(ZSTD_CONTENTSIZE_ERROR));
  EXPECT_EQ(zstdpp::MAGIC_SKIPPABLE_START, static_cast<std::uint32_t>(ZSTD_MAGIC_SKIPPABLE_START));
}
