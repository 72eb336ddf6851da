// zlib, for gzip-compressed WARC files (one gzip member per record).
#include <zlib.h>

// inflateInit2 is a macro in zlib.h, which Swift cannot call.
static inline int mk_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 32: accept gzip and zlib headers
}
