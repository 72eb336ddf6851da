// A narrow C face over the ICU calls Mekong needs. Only plain C types cross this
// header: ICU's own headers (and its macro-renamed symbols) stay inside mekong_icu.c,
// away from Foundation's private ICU copy.
#ifndef MEKONG_ICU_H
#define MEKONG_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes ICU's version ("72.1") into `buffer`; returns its length.
int32_t mk_icu_version(char *buffer, int32_t capacity);

/// Unicode normalization forms.
typedef enum {
    MK_NFC = 0,
    MK_NFD = 1,
    MK_NFKC = 2,
    MK_NFKD = 3,
    MK_NFKC_CASEFOLD = 4
} mk_norm_form;

/// Normalizes UTF-16 `source` into `dest`. Returns the needed length; when it exceeds
/// `capacity` nothing useful was written and the caller retries with more room.
/// `*error` is 0 on success, the ICU error code otherwise.
int32_t mk_normalize(mk_norm_form form, const uint16_t *source, int32_t length,
                     uint16_t *dest, int32_t capacity, int32_t *error);

/// NFC of UTF-8 bytes back into UTF-8, all inside ICU (UTF-8 → UTF-16 → normalize → UTF-8),
/// with caller-provided scratch buffers. Returns the output length, or -1 on error or when a
/// buffer is too small. The bare pass benchmarks compare against.
int32_t mk_nfc_utf8(const char *source, int32_t length, char *dest, int32_t capacity,
                    uint16_t *scratch1, uint16_t *scratch2, int32_t scratch_capacity);

/// 1 when `source` is already in `form`, 0 when not, -1 on error.
int32_t mk_is_normalized(mk_norm_form form, const uint16_t *source, int32_t length);

/// Break iteration (sentences, words, lines, characters) over UTF-16 text.
typedef enum {
    MK_BREAK_CHARACTER = 0,
    MK_BREAK_WORD = 1,
    MK_BREAK_LINE = 2,
    MK_BREAK_SENTENCE = 3
} mk_break_kind;

typedef struct mk_breaker mk_breaker;

/// Opens a break iterator for `locale` over `text`, which must outlive it.
/// Returns NULL and sets `*error` on failure.
mk_breaker *mk_break_open(mk_break_kind kind, const char *locale,
                          const uint16_t *text, int32_t length, int32_t *error);
/// The next boundary as a UTF-16 offset, or -1 at the end.
int32_t mk_break_next(mk_breaker *breaker);
/// The rule status of the boundary just returned (for words: none, number, letter, kana, ideo).
int32_t mk_break_rule_status(mk_breaker *breaker);
void mk_break_close(mk_breaker *breaker);

/// Word-break classes for Mekong's own breaker (UAX #29 word rules as ICU's root rules
/// apply them). `MK_WB_COMPLEX` marks what that breaker leaves to ICU: dictionary scripts
/// (Thai, Lao, Khmer, Burmese, Chinese, Japanese, Korean), Hebrew letters, emoji and their
/// joiners, regional indicators.
typedef enum {
    MK_WB_OTHER = 0,
    MK_WB_CR = 1,
    MK_WB_LF = 2,
    MK_WB_NEWLINE = 3,
    MK_WB_EXTEND = 4,          /* Extend or Format: joins the character before it */
    MK_WB_ALETTER = 5,
    MK_WB_NUMERIC = 6,
    MK_WB_MIDLETTER = 7,
    MK_WB_MIDNUM = 8,
    MK_WB_MIDNUMLET = 9,       /* MidNumLet or Single_Quote */
    MK_WB_EXTENDNUMLET = 10,
    MK_WB_WSEGSPACE = 11,
    MK_WB_COMPLEX = 12
} mk_word_class;

/// Sentence-break classes (UAX #29 Sentence_Break, one value each).
typedef enum {
    MK_SB_OTHER = 0,
    MK_SB_ATERM = 1,
    MK_SB_CLOSE = 2,
    MK_SB_FORMAT = 3,
    MK_SB_LOWER = 4,
    MK_SB_NUMERIC = 5,
    MK_SB_OLETTER = 6,
    MK_SB_SEP = 7,
    MK_SB_SP = 8,
    MK_SB_STERM = 9,
    MK_SB_UPPER = 10,
    MK_SB_CR = 11,
    MK_SB_EXTEND = 12,
    MK_SB_LF = 13,
    MK_SB_SCONTINUE = 14
} mk_sentence_class;

/// The word-break class of one code point.
uint8_t mk_word_class_of(uint32_t code_point);
/// The sentence-break class of one code point.
uint8_t mk_sentence_class_of(uint32_t code_point);
/// Fills `word` and `sentence` (65,536 entries each) with the classes of the BMP.
void mk_break_class_tables(uint8_t *word, uint8_t *sentence);

/// Guesses the charset of `bytes` with ICU's detector. Writes its canonical name into
/// `name` and returns the confidence (0–100), or -1 when nothing matched.
int32_t mk_detect_charset(const char *bytes, int32_t length, const char *declared_hint,
                          char *name, int32_t name_capacity);

/// Converts `source` in `charset` to UTF-8 and returns the bytes written. `capacity` should be
/// 4 × `length` + 16; `*error` is 0 on success (U_BUFFER_OVERFLOW_ERROR when it was not). Invalid bytes become U+FFFD and
/// are counted in `*substitutions`.
int32_t mk_convert_to_utf8(const char *charset, const char *source, int32_t length,
                           char *dest, int32_t capacity, int32_t *substitutions,
                           int32_t *error);

/// Counts the boundaries a break iterator finds in UTF-16 `text` (for benchmarks: ICU's
/// own cost, with nothing around it). Returns -1 on error.
int64_t mk_break_count(mk_break_kind kind, const char *locale, const uint16_t *text, int32_t length);

/// ICU's number for a code point's script (a UScriptCode), or -1 on error; `mk_script_name`
/// writes its ISO 15924 code ("Latn", "Hani", "Zyyy" for common) and returns its length (4),
/// or 0 when unknown.
int32_t mk_script_number(uint32_t code_point);
int32_t mk_script_name(int32_t number, char *code, int32_t capacity);

/// CLDR's likely subtags for a BCP 47 tag: "vi" → "vi-Latn-VN", "und-Cyrl" → "ru-Cyrl-RU".
/// Returns the length written, or 0 when ICU knows none.
int32_t mk_likely_subtags(const char *tag, char *out, int32_t capacity);

// ---- Numbers, currencies and calendar names from CLDR (through ICU) ----
// Text crosses as UTF-8 (`char *`) unless a UTF-16 offset matters. Functions that write a
// string return its length in bytes (which may exceed `capacity`: retry with more room), or
// -1 on error.

/// Number symbols of a locale.
typedef enum {
    MK_SYMBOL_DECIMAL = 0,
    MK_SYMBOL_GROUPING = 1,
    MK_SYMBOL_PERCENT = 2,
    MK_SYMBOL_MINUS = 3
} mk_number_symbol;

int32_t mk_number_symbol_get(const char *locale, mk_number_symbol which, char *out, int32_t capacity);

/// Formats `value` with an ICU number skeleton ("compact-long currency/EUR",
/// "measure-unit/length-kilometer unit-width-full-name", "percent scale/100", …).
int32_t mk_format_skeleton(const char *locale, const char *skeleton, double value, char *out, int32_t capacity);

/// Spells `value` out in words (ICU's rule-based spell-out for the locale).
int32_t mk_spellout_format(const char *locale, double value, char *out, int32_t capacity);

/// Parses spelled-out words in UTF-16 with ICU's spell-out rules. Returns the value and sets
/// `*consumed` to the UTF-16 units ICU read (less than `length` means it read only a
/// prefix), or -1 when nothing parsed.
double mk_spellout_parse(const char *locale, const uint16_t *text, int32_t length, int32_t *consumed);

/// The ISO 4217 codes of the currencies in common, non-deprecated use, space-separated.
int32_t mk_currency_codes(char *out, int32_t capacity);

/// How a currency's name is asked for.
typedef enum {
    MK_CURRENCY_SYMBOL = 0,
    MK_CURRENCY_NARROW_SYMBOL = 1,
    MK_CURRENCY_LONG_NAME = 2,
    MK_CURRENCY_PLURAL_ONE = 3,
    MK_CURRENCY_PLURAL_OTHER = 4
} mk_currency_style;

/// A currency's name or symbol in a locale. Returns 0 (and writes nothing) when the locale
/// data has no name of its own for it (ICU then falls back to the code).
int32_t mk_currency_name(const char *code, const char *locale, mk_currency_style style, char *out, int32_t capacity);

/// Month names of a locale's Gregorian calendar. `style`: 0 wide, 1 abbreviated, 2
/// stand-alone wide, 3 stand-alone abbreviated. Writes month `month` (1–12).
int32_t mk_month_name(const char *locale, int32_t style, int32_t month, char *out, int32_t capacity);

/// ISO codes ICU knows, space-separated: 0 regions (ISO 3166-1 alpha-2), 1 languages (ISO 639),
/// 2 scripts (ISO 15924), 3 locales with data (language or language_Script, no region).
int32_t mk_iso_codes(int32_t which, char *out, int32_t capacity);

/// The names of many codes at once (space-separated in `codes`) in one display locale, one per
/// line in the same order, an empty line where CLDR has none. Returns the bytes written.
int32_t mk_display_names(int32_t which, const char *codes, const char *display_locale, int32_t length_short,
                         char *out, int32_t capacity);

/// The message ICU gives for an error code.
const char *mk_error_name(int32_t error);

#ifdef __cplusplus
}
#endif

#endif
