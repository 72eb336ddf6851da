// zlib, for gzip-compressed inputs (WARC files: one gzip member per record) and outputs.
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros in zlib.h, which Swift cannot call.
static inline int mk_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 32: accept gzip and zlib headers
}

static inline int mk_gzip_deflate_init(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 16: write a gzip header
}
