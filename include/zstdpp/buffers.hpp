// PLACEHOLDER: being written (issue 6).
#pragma once
namespace zstdpp {
class BufferWithSegments;
class BufferWithSegmentsCollection;
}
