// Language identification with Google's Compact Language Detector 2, behind plain C types
// (CLD2 is C++).
#ifndef MEKONG_CLD2_H
#define MEKONG_CLD2_H

#ifdef __cplusplus
extern "C" {
#endif

/// The top three languages CLD2 finds in a text.
typedef struct {
    /// BCP 47-style codes ("vi", "en", "zh-Hant"); empty when unknown.
    char code[3][16];
    /// The share of the text's letters in each language, 0–100.
    int percent[3];
    /// CLD2's score relative to normal text in that language (near 1 for normal text).
    double normalized_score[3];
    /// Whether the first language is clearly ahead of the second.
    int reliable;
    /// Letters CLD2 looked at.
    int text_bytes;
} mk_language_guess;

/// Detects the language of UTF-8 `text`. `content_language_hint` ("vi,en") and `tld_hint`
/// ("vn") may be NULL. Returns 0, or -1 when the bytes are not valid UTF-8.
int mk_detect_language(const char *text, int length, const char *content_language_hint,
                       const char *tld_hint, mk_language_guess *out);

/// CLD2's version string.
const char *mk_cld2_version(void);

#ifdef __cplusplus
}
#endif

#endif
