// PLACEHOLDER: being written (issue 6).
#pragma once
namespace zstdpp {
class ZstdDecompressionWriter;
}
