// libxml2 for Swift without ICU: Debian builds libxml2 with ICU support, and its
// encoding.h would pull <unicode/ucnv.h> into this module, where it clashes with
// Foundation's own ICU. We never hand libxml2 an ICU converter, so switch it off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>

// xmlFree is a global function pointer, which Swift 6 sees as shared mutable state.
static inline void mk_xml_free(void *pointer) { xmlFree(pointer); }
