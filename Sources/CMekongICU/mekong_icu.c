#include "mekong_icu.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

/* The last line of defence for what reaches ICU as a locale id or a charset name: the Swift
   side checks every tag (LanguageTag), but ICU faults on some malformed ids (a 12-letter
   language in udat_open), so each entry point refuses them here too. */
enum { MK_MAX_LOCALE = 96, MK_MAX_CHARSET = 64 };

/* A well-formed ICU locale id: empty, "root", or a language of 2-3 letters, then subtags of
   1-8 letters or digits separated by '-' or '_', then optional "@key=value;…" keywords. */
static int mk_locale_ok(const char *locale) {
    if (locale == NULL) return 1;
    size_t length = strnlen(locale, MK_MAX_LOCALE + 1);
    if (length > MK_MAX_LOCALE) return 0;
    const char *at = strchr(locale, '@');
    size_t base = at ? (size_t)(at - locale) : length;
    if (base == 0 || (base == 4 && strncmp(locale, "root", 4) == 0)) {
        /* default or root locale */
    } else {
        size_t subtag = 0, index = 0;
        for (size_t i = 0; i <= base; i++) {
            char c = i < base ? locale[i] : '-';
            if (c == '-' || c == '_') {
                if (index == 0 && (subtag < 2 || subtag > 3)) return 0;
                if (subtag > 8) return 0; /* later subtags may be empty: "en__POSIX" has no region */
                subtag = 0;
                index++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (index > 0 && c >= '0' && c <= '9')) {
                subtag++;
            } else {
                return 0;
            }
        }
    }
    if (at) {
        for (const char *p = at + 1; *p; p++) {
            char c = *p;
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' || c == ';' || c == '-')) return 0;
        }
    }
    return 1;
}

/* A charset name: printable ASCII without spaces, bounded. */
static int mk_charset_ok(const char *name) {
    if (name == NULL) return 0;
    size_t length = strnlen(name, MK_MAX_CHARSET + 1);
    if (length == 0 || length > MK_MAX_CHARSET) return 0;
    for (size_t i = 0; i < length; i++) if (name[i] <= ' ' || name[i] > '~') return 0;
    return 1;
}

int32_t mk_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    int32_t length = (int32_t)strlen(text);
    if (capacity > 0) {
        int32_t n = length < capacity - 1 ? length : capacity - 1;
        memcpy(buffer, text, (size_t)n);
        buffer[n] = 0;
    }
    return length;
}

static const UNormalizer2 *normalizer(mk_norm_form form, UErrorCode *status) {
    switch (form) {
    case MK_NFC: return unorm2_getNFCInstance(status);
    case MK_NFD: return unorm2_getNFDInstance(status);
    case MK_NFKC: return unorm2_getNFKCInstance(status);
    case MK_NFKD: return unorm2_getNFKDInstance(status);
    case MK_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    }
    *status = U_ILLEGAL_ARGUMENT_ERROR;
    return NULL;
}

int32_t mk_normalize(mk_norm_form form, const uint16_t *source, int32_t length,
                     uint16_t *dest, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    if (U_FAILURE(status)) { *error = status; return 0; }
    int32_t needed = unorm2_normalize(n, (const UChar *)source, length, (UChar *)dest, capacity, &status);
    *error = (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) ? 0 : status;
    return needed;
}

int32_t mk_is_normalized(mk_norm_form form, const uint16_t *source, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    if (U_FAILURE(status)) return -1;
    UBool result = unorm2_isNormalized(n, (const UChar *)source, length, &status);
    if (U_FAILURE(status)) return -1;
    return result ? 1 : 0;
}

struct mk_breaker {
    UBreakIterator *iterator;
    mk_break_kind kind;
    char locale[32];
};

/* Opening a break iterator loads and builds its rules: far more work than breaking a
   sentence. Each thread keeps the last one of each kind it closed and reuses it, with new
   text, for the next text of the same kind and locale. */
static __thread mk_breaker *spare_breakers[4] = {NULL, NULL, NULL, NULL};

mk_breaker *mk_break_open(mk_break_kind kind, const char *locale,
                          const uint16_t *text, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    if (!mk_locale_ok(locale)) { *error = U_ILLEGAL_ARGUMENT_ERROR; return NULL; }
    int slot = (int)kind & 3;
    mk_breaker *spare = spare_breakers[slot];
    if (spare && spare->kind == kind && strncmp(spare->locale, locale, sizeof spare->locale) == 0) {
        spare_breakers[slot] = NULL;
        ubrk_setText(spare->iterator, (const UChar *)text, length, &status);
        if (U_SUCCESS(status)) { *error = 0; return spare; }
        spare_breakers[slot] = spare;
        status = U_ZERO_ERROR;
    }
    UBreakIteratorType type;
    switch (kind) {
    case MK_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case MK_BREAK_WORD: type = UBRK_WORD; break;
    case MK_BREAK_LINE: type = UBRK_LINE; break;
    default: type = UBRK_SENTENCE; break;
    }
    UBreakIterator *it = ubrk_open(type, locale, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) { *error = status; return NULL; }
    mk_breaker *b = (mk_breaker *)malloc(sizeof(mk_breaker));
    if (!b) { ubrk_close(it); *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->iterator = it;
    b->kind = kind;
    /* A locale too long for the slot is never matched again, so it is never reused wrongly. */
    if (strlen(locale) < sizeof b->locale) strcpy(b->locale, locale); else b->locale[0] = 0x01, b->locale[1] = 0;
    *error = 0;
    return b;
}

int32_t mk_break_next(mk_breaker *breaker) {
    int32_t next = ubrk_next(breaker->iterator);
    return next == UBRK_DONE ? -1 : next;
}

int32_t mk_break_rule_status(mk_breaker *breaker) {
    return ubrk_getRuleStatus(breaker->iterator);
}

void mk_break_close(mk_breaker *breaker) {
    if (!breaker) return;
    int slot = (int)breaker->kind & 3;
    mk_breaker *old = spare_breakers[slot];
    spare_breakers[slot] = breaker;
    if (old) {
        ubrk_close(old->iterator);
        free(old);
    }
}

uint8_t mk_word_class_of(uint32_t c) {
    UChar32 u = (UChar32)c;
    /* Dictionary scripts and the ideographs, kana and Hangul that ICU's rules chain for its
       dictionary engines, and emoji sequences: ICU's own iterator handles those. */
    if (u_getIntPropertyValue(u, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return MK_WB_COMPLEX;
    if (u_hasBinaryProperty(u, UCHAR_IDEOGRAPHIC) || u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC))
        return MK_WB_COMPLEX;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(u, &status);
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL)
        return MK_WB_COMPLEX;
    /* ICU's root rules (from CLDR) tailor UAX #29: "@" is a letter, colons do not join letters. */
    if (u == 0x40) return MK_WB_ALETTER;
    if (u == 0x3A || u == 0xFE55 || u == 0xFF1A) return MK_WB_OTHER;
    switch (u_getIntPropertyValue(u, UCHAR_WORD_BREAK)) {
    case U_WB_CR: return MK_WB_CR;
    case U_WB_LF: return MK_WB_LF;
    case U_WB_NEWLINE: return MK_WB_NEWLINE;
    case U_WB_EXTEND: case U_WB_FORMAT: return MK_WB_EXTEND;
    case U_WB_ALETTER: return MK_WB_ALETTER;
    case U_WB_NUMERIC: return MK_WB_NUMERIC;
    case U_WB_MIDLETTER: return MK_WB_MIDLETTER;
    case U_WB_MIDNUM: return MK_WB_MIDNUM;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return MK_WB_MIDNUMLET;
    case U_WB_EXTENDNUMLET: return MK_WB_EXTENDNUMLET;
    case U_WB_WSEGSPACE: return MK_WB_WSEGSPACE;
    case U_WB_OTHER: case U_WB_DOUBLE_QUOTE: return MK_WB_OTHER;
    default: return MK_WB_COMPLEX; /* Katakana, Hebrew, regional indicators, ZWJ, emoji bases */
    }
}

uint8_t mk_sentence_class_of(uint32_t c) {
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_ATERM: return MK_SB_ATERM;
    case U_SB_CLOSE: return MK_SB_CLOSE;
    case U_SB_FORMAT: return MK_SB_FORMAT;
    case U_SB_LOWER: return MK_SB_LOWER;
    case U_SB_NUMERIC: return MK_SB_NUMERIC;
    case U_SB_OLETTER: return MK_SB_OLETTER;
    case U_SB_SEP: return MK_SB_SEP;
    case U_SB_SP: return MK_SB_SP;
    case U_SB_STERM: return MK_SB_STERM;
    case U_SB_UPPER: return MK_SB_UPPER;
    case U_SB_CR: return MK_SB_CR;
    case U_SB_EXTEND: return MK_SB_EXTEND;
    case U_SB_LF: return MK_SB_LF;
    case U_SB_SCONTINUE: return MK_SB_SCONTINUE;
    default: return MK_SB_OTHER;
    }
}

void mk_break_class_tables(uint8_t *word, uint8_t *sentence) {
    for (uint32_t c = 0; c < 0x10000; c++) {
        word[c] = mk_word_class_of(c);
        sentence[c] = mk_sentence_class_of(c);
    }
}

int32_t mk_detect_charset(const char *bytes, int32_t length, const char *declared_hint,
                          char *name, int32_t name_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (declared_hint && !mk_charset_ok(declared_hint)) declared_hint = NULL;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(detector, bytes, length, &status);
    if (declared_hint && *declared_hint) {
        ucsdet_setDeclaredEncoding(detector, declared_hint, (int32_t)strlen(declared_hint), &status);
    }
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match) {
        const char *found = ucsdet_getName(match, &status);
        confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found && name_capacity > 0) {
            strncpy(name, found, (size_t)name_capacity - 1);
            name[name_capacity - 1] = 0;
        } else {
            confidence = -1;
        }
    }
    ucsdet_close(detector);
    return confidence;
}

static void count_substitution(const void *context, UConverterToUnicodeArgs *args,
                               const char *codeUnits, int32_t length,
                               UConverterCallbackReason reason, UErrorCode *status) {
    if (reason == UCNV_ILLEGAL || reason == UCNV_UNASSIGNED || reason == UCNV_IRREGULAR) {
        (*(int32_t *)context)++;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, reason, status);
}

int32_t mk_convert_to_utf8(const char *charset, const char *source, int32_t length,
                           char *dest, int32_t capacity, int32_t *substitutions,
                           int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    *substitutions = 0;
    if (!mk_charset_ok(charset)) { *error = U_ILLEGAL_ARGUMENT_ERROR; return 0; }
    UConverter *from = ucnv_open(charset, &status);
    if (U_FAILURE(status)) { *error = status; return 0; }
    UConverter *to = ucnv_open("UTF-8", &status);
    if (U_FAILURE(status)) { ucnv_close(from); *error = status; return 0; }
    ucnv_setToUCallBack(from, count_substitution, substitutions, NULL, NULL, &status);
    UChar pivot[1024];
    UChar *pivotSource = pivot, *pivotTarget = pivot;
    const char *src = source;
    char *out = dest;
    ucnv_convertEx(to, from, &out, dest + capacity, &src, source + length, pivot, &pivotSource,
                   &pivotTarget, pivot + 1024, 1, 1, &status);
    int32_t written = (int32_t)(out - dest);
    ucnv_close(from);
    ucnv_close(to);
    *error = U_SUCCESS(status) ? 0 : status;
    return written;
}

const char *mk_error_name(int32_t error) {
    return u_errorName((UErrorCode)error);
}

int32_t mk_script_number(uint32_t code_point) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)code_point, &status);
    return U_FAILURE(status) ? -1 : (int32_t)script;
}

int32_t mk_script_name(int32_t number, char *code, int32_t capacity) {
    const char *name = uscript_getShortName((UScriptCode)number);
    if (!name || capacity < 5) return 0;
    strncpy(code, name, (size_t)capacity - 1);
    code[capacity - 1] = 0;
    return (int32_t)strlen(code);
}

int32_t mk_nfc_utf8(const char *source, int32_t length, char *dest, int32_t capacity,
                    uint16_t *scratch1, uint16_t *scratch2, int32_t scratch_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8((UChar *)scratch1, scratch_capacity, &units, source, length, &status);
    if (U_FAILURE(status) || units > scratch_capacity) return -1;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    int32_t normalized = unorm2_normalize(n, (const UChar *)scratch1, units, (UChar *)scratch2, scratch_capacity, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = 0;
    u_strToUTF8(dest, capacity, &written, (const UChar *)scratch2, normalized, &status);
    if (U_FAILURE(status) || written > capacity) return -1;
    return written;
}

int64_t mk_break_count(mk_break_kind kind, const char *locale, const uint16_t *text, int32_t length) {
    int32_t error = 0;
    mk_breaker *b = mk_break_open(kind, locale, text, length, &error);
    if (!b) return -1;
    int64_t count = 0;
    while (mk_break_next(b) >= 0) {
        mk_break_rule_status(b);
        count++;
    }
    mk_break_close(b);
    return count;
}

// ---- Numbers, currencies and calendar names ----

#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>

static int32_t utf16_to_out(const UChar *s, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8(out, capacity, &written, s, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
    return U_FAILURE(status) ? -1 : written;
}

int32_t mk_number_symbol_get(const char *locale, mk_number_symbol which, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (!mk_locale_ok(locale)) return -1;
    UNumberFormat *f = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status)) return -1;
    UNumberFormatSymbol symbol = UNUM_DECIMAL_SEPARATOR_SYMBOL;
    switch (which) {
    case MK_SYMBOL_DECIMAL: symbol = UNUM_DECIMAL_SEPARATOR_SYMBOL; break;
    case MK_SYMBOL_GROUPING: symbol = UNUM_GROUPING_SEPARATOR_SYMBOL; break;
    case MK_SYMBOL_PERCENT: symbol = UNUM_PERCENT_SYMBOL; break;
    case MK_SYMBOL_MINUS: symbol = UNUM_MINUS_SIGN_SYMBOL; break;
    }
    UChar buffer[32];
    int32_t n = unum_getSymbol(f, symbol, buffer, 32, &status);
    unum_close(f);
    if (U_FAILURE(status)) return -1;
    return utf16_to_out(buffer, n, out, capacity);
}

// Opening a number formatter parses its skeleton or rules and loads locale data: far more
// than formatting one value. Formatters are kept per thread (ICU's are not to be shared
// for formatting without care), a few of each kind, most recently opened first replaced.
enum { MK_FORMATTER_SLOTS = 16, MK_KEY_CAPACITY = 320 };

typedef struct {
    char key[MK_KEY_CAPACITY];
    void *formatter;
} mk_formatter_slot;

typedef struct {
    mk_formatter_slot slots[MK_FORMATTER_SLOTS];
    int next;
} mk_formatter_cache;

static _Thread_local mk_formatter_cache skeleton_formatters;
static _Thread_local mk_formatter_cache spellout_formatters;

/// The slot for `key` (filled), or a free or the oldest slot (its formatter closed by `close`),
/// with `*found` saying which. NULL when the key is too long to keep.
static mk_formatter_slot *mk_cache_slot(mk_formatter_cache *cache, const char *key, int *found, void (*close)(void *)) {
    *found = 0;
    if (strlen(key) >= MK_KEY_CAPACITY) return NULL;
    for (int i = 0; i < MK_FORMATTER_SLOTS; i++) {
        if (cache->slots[i].formatter != NULL && strcmp(cache->slots[i].key, key) == 0) {
            *found = 1;
            return &cache->slots[i];
        }
    }
    mk_formatter_slot *slot = &cache->slots[cache->next];
    cache->next = (cache->next + 1) % MK_FORMATTER_SLOTS;
    if (slot->formatter != NULL) close(slot->formatter);
    slot->formatter = NULL;
    strcpy(slot->key, key);
    return slot;
}

static void mk_close_skeleton_formatter(void *f) { unumf_close((UNumberFormatter *)f); }
static void mk_close_number_format(void *f) { unum_close((UNumberFormat *)f); }

/// The formatter for a skeleton in a locale; `*cached` says whether the cache keeps it (if
/// not, the caller closes it).
static UNumberFormatter *mk_skeleton_formatter(const char *locale, const char *skeleton, int *cached, UErrorCode *status) {
    *cached = 0;
    if (!mk_locale_ok(locale) || skeleton == NULL) { *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL; }
    char key[MK_KEY_CAPACITY];
    int n = snprintf(key, sizeof key, "%s|%s", locale, skeleton);
    int found = 0;
    mk_formatter_slot *slot = (n > 0 && n < (int)sizeof key) ? mk_cache_slot(&skeleton_formatters, key, &found, mk_close_skeleton_formatter) : NULL;
    *cached = slot != NULL;
    if (found) return (UNumberFormatter *)slot->formatter;
    UChar skel[256];
    int32_t skelLength = 0;
    u_strFromUTF8(skel, 256, &skelLength, skeleton, -1, status);
    if (U_FAILURE(*status) || skelLength >= 256) return NULL;
    UNumberFormatter *f = unumf_openForSkeletonAndLocale(skel, skelLength, locale, status);
    if (U_FAILURE(*status)) { unumf_close(f); return NULL; }
    if (slot) slot->formatter = f;
    return f;
}

int32_t mk_format_skeleton(const char *locale, const char *skeleton, double value, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int cached = 0;
    UNumberFormatter *f = mk_skeleton_formatter(locale, skeleton, &cached, &status);
    if (f == NULL || U_FAILURE(status)) return -1;
    UFormattedNumber *result = unumf_openResult(&status);
    unumf_formatDouble(f, value, result, &status);
    UChar buffer[256];
    int32_t n = unumf_resultToString(result, buffer, 256, &status);
    unumf_closeResult(result);
    if (!cached) unumf_close(f);
    if (U_FAILURE(status) || n > 256) return -1;
    return utf16_to_out(buffer, n, out, capacity);
}

/// The spell-out rules of a locale, kept per thread like the formatters above.
static UNumberFormat *mk_spellout_rules(const char *locale, int *cached, UErrorCode *status) {
    *cached = 0;
    if (!mk_locale_ok(locale)) { *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL; }
    int found = 0;
    mk_formatter_slot *slot = mk_cache_slot(&spellout_formatters, locale, &found, mk_close_number_format);
    *cached = slot != NULL;
    if (found) return (UNumberFormat *)slot->formatter;
    UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, locale, NULL, status);
    if (U_FAILURE(*status)) { unum_close(f); return NULL; }
    if (slot) slot->formatter = f;
    return f;
}

int32_t mk_spellout_format(const char *locale, double value, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int cached = 0;
    UNumberFormat *f = mk_spellout_rules(locale, &cached, &status);
    if (f == NULL || U_FAILURE(status)) return -1;
    UChar buffer[512];
    int32_t n = unum_formatDouble(f, value, buffer, 512, NULL, &status);
    if (!cached) unum_close(f);
    if (U_FAILURE(status) || n > 512) return -1;
    return utf16_to_out(buffer, n, out, capacity);
}

double mk_spellout_parse(const char *locale, const uint16_t *text, int32_t length, int32_t *consumed) {
    UErrorCode status = U_ZERO_ERROR;
    *consumed = -1;
    int cached = 0;
    UNumberFormat *f = mk_spellout_rules(locale, &cached, &status);
    if (f == NULL || U_FAILURE(status)) return -1;
    int32_t position = 0;
    double value = unum_parseDouble(f, (const UChar *)text, length, &position, &status);
    if (!cached) unum_close(f);
    if (U_FAILURE(status) || position <= 0) return -1;
    *consumed = position;
    return value;
}

int32_t mk_currency_codes(char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = 0;
    const char *code;
    int32_t length = 0;
    while ((code = uenum_next(e, &length, &status)) != NULL && U_SUCCESS(status)) {
        if (written + length + 1 < capacity) {
            if (written > 0) out[written] = ' ';
            memcpy(out + written + (written > 0 ? 1 : 0), code, (size_t)length);
        }
        written += length + (written > 0 ? 1 : 0);
    }
    uenum_close(e);
    if (written < capacity) out[written] = 0;
    return written;
}

int32_t mk_currency_name(const char *code, const char *locale, mk_currency_style style, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (!mk_locale_ok(locale) || code == NULL) return -1;
    for (int i = 0; i < 3; i++) if (code[i] < 'A' || code[i] > 'Z') return -1;
    UChar iso[4];
    u_charsToUChars(code, iso, 3);
    iso[3] = 0;
    UBool isChoice = 0;
    int32_t length = 0;
    const UChar *name = NULL;
    switch (style) {
    case MK_CURRENCY_SYMBOL:
        name = ucurr_getName(iso, locale, UCURR_SYMBOL_NAME, &isChoice, &length, &status); break;
    case MK_CURRENCY_NARROW_SYMBOL:
        name = ucurr_getName(iso, locale, UCURR_NARROW_SYMBOL_NAME, &isChoice, &length, &status); break;
    case MK_CURRENCY_LONG_NAME:
        name = ucurr_getName(iso, locale, UCURR_LONG_NAME, &isChoice, &length, &status); break;
    case MK_CURRENCY_PLURAL_ONE:
        name = ucurr_getPluralName(iso, locale, &isChoice, "one", &length, &status); break;
    case MK_CURRENCY_PLURAL_OTHER:
        name = ucurr_getPluralName(iso, locale, &isChoice, "other", &length, &status); break;
    }
    if (U_FAILURE(status) || name == NULL) return -1;
    // ICU answers with the code itself when it has no name: that is no name.
    if (status == U_USING_DEFAULT_WARNING && length == 3 && name[0] == iso[0] && name[1] == iso[1] && name[2] == iso[2]) return 0;
    return utf16_to_out(name, length, out, capacity);
}

int32_t mk_month_name(const char *locale, int32_t style, int32_t month, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (!mk_locale_ok(locale) || month < 1 || month > 13) return -1;
    UDateFormat *f = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, locale, NULL, 0, NULL, 0, &status);
    if (U_FAILURE(status)) return -1;
    UDateFormatSymbolType type = UDAT_MONTHS;
    switch (style) {
    case 1: type = UDAT_SHORT_MONTHS; break;
    case 2: type = UDAT_STANDALONE_MONTHS; break;
    case 3: type = UDAT_STANDALONE_SHORT_MONTHS; break;
    default: type = UDAT_MONTHS; break;
    }
    UChar buffer[64];
    int32_t n = udat_getSymbols(f, type, month - 1, buffer, 64, &status);
    udat_close(f);
    if (U_FAILURE(status) || n > 64) return -1;
    return utf16_to_out(buffer, n, out, capacity);
}

// ---- Codes and display names (the default knowledge base) ----

#include <unicode/uldnames.h>
#include <unicode/uloc.h>

static int32_t append_code(char *out, int32_t capacity, int32_t written, const char *code) {
    int32_t length = (int32_t)strlen(code);
    int32_t sep = written > 0 ? 1 : 0;
    if (written + sep + length < capacity) {
        if (sep) out[written] = ' ';
        memcpy(out + written + sep, code, (size_t)length);
        out[written + sep + length] = 0;
    }
    return written + sep + length;
}

int32_t mk_iso_codes(int32_t which, char *out, int32_t capacity) {
    int32_t written = 0;
    if (capacity > 0) out[0] = 0;
    if (which == 0 || which == 1) {
        const char *const *codes = which == 0 ? uloc_getISOCountries() : uloc_getISOLanguages();
        for (int32_t i = 0; codes[i] != NULL; i++) written = append_code(out, capacity, written, codes[i]);
    } else if (which == 2) {
        for (int32_t c = 0; c < USCRIPT_CODE_LIMIT; c++) {
            const char *name = uscript_getShortName((UScriptCode)c);
            if (name && strlen(name) == 4) written = append_code(out, capacity, written, name);
        }
    } else if (which == 3) {
        int32_t n = uloc_countAvailable();
        for (int32_t i = 0; i < n; i++) {
            const char *loc = uloc_getAvailable(i);
            char country[8];
            UErrorCode status = U_ZERO_ERROR;
            uloc_getCountry(loc, country, 8, &status);
            if (U_SUCCESS(status) && country[0] == 0) written = append_code(out, capacity, written, loc);
        }
    }
    return written;
}

int32_t mk_display_names(int32_t which, const char *codes, const char *display_locale, int32_t length_short,
                         char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (!mk_locale_ok(display_locale)) return -1;
    UDisplayContext contexts[2] = { UDISPCTX_STANDARD_NAMES, length_short ? UDISPCTX_LENGTH_SHORT : UDISPCTX_LENGTH_FULL };
    ULocaleDisplayNames *names = uldn_openForContext(display_locale, contexts, 2, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = 0;
    const char *p = codes;
    char code[16];
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (length > 0 && length < sizeof(code)) {
            memcpy(code, p, length);
            code[length] = 0;
            UChar buffer[256];
            UErrorCode nameStatus = U_ZERO_ERROR;
            int32_t n = 0;
            switch (which) {
            case 0: n = uldn_regionDisplayName(names, code, buffer, 256, &nameStatus); break;
            case 1: n = uldn_languageDisplayName(names, code, buffer, 256, &nameStatus); break;
            case 2: n = uldn_scriptDisplayName(names, code, buffer, 256, &nameStatus); break;
            default: n = 0;
            }
            if (U_SUCCESS(nameStatus) && n > 0 && n <= 256) {
                char check[16];
                int same = 0;
                if (n == (int32_t)length) {
                    u_UCharsToChars(buffer, check, n);
                    check[n] = 0;
                    same = strcmp(check, code) == 0;
                }
                if (!same) {
                    int32_t room = capacity - written > 0 ? capacity - written : 0;
                    int32_t w = utf16_to_out(buffer, n, room > 0 ? out + written : out, room);
                    if (w > 0) written += w;
                }
            }
        }
        if (written < capacity) out[written] = '\n';
        written += 1;
        if (!end) break;
        p = end + 1;
    }
    uldn_close(names);
    return written;
}

int32_t mk_likely_subtags(const char *tag, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY];
    char maximal[ULOC_FULLNAME_CAPACITY];
    int32_t n = uloc_forLanguageTag(tag, locale, (int32_t)sizeof locale, NULL, &status);
    if (U_FAILURE(status) || n <= 0 || n >= (int32_t)sizeof locale) return 0;
    n = uloc_addLikelySubtags(locale, maximal, (int32_t)sizeof maximal, &status);
    if (U_FAILURE(status) || n <= 0 || n >= (int32_t)sizeof maximal) return 0;
    n = uloc_toLanguageTag(maximal, out, capacity, 0, &status);
    if (U_FAILURE(status) || n <= 0 || n >= capacity) return 0;
    return n;
}
