// libzstd (Debian's libzstd-dev), for zstd-compressed inputs and outputs (.zst).
#include <zstd.h>
