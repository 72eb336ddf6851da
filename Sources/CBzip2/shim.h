// libbz2, for Wikidata dumps compressed with bzip2.
#include <bzlib.h>
