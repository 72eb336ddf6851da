#include "mekong_icu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

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
};

mk_breaker *mk_break_open(mk_break_kind kind, const char *locale,
                          const uint16_t *text, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
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
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t mk_detect_charset(const char *bytes, int32_t length, const char *declared_hint,
                          char *name, int32_t name_capacity) {
    UErrorCode status = U_ZERO_ERROR;
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

int32_t mk_script_code(uint32_t code_point, char *code, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)code_point, &status);
    if (U_FAILURE(status)) return 0;
    const char *name = uscript_getShortName(script);
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
