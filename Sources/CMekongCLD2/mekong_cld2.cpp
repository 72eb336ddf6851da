// CLD2's public header uses FILE without including <cstdio>.
#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "mekong_cld2.h"

extern "C" int mk_detect_language(const char *text, int length, const char *content_language_hint,
                                  const char *tld_hint, mk_language_guess *out) {
    CLD2::CLDHints hints = {content_language_hint, tld_hint, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language3[3];
    int percent3[3] = {0, 0, 0};
    double scores3[3] = {0, 0, 0};
    // Every out-pointer gets real storage: CLD2 crashes on some null optional arguments.
    CLD2::ResultChunkVector chunks;
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    CLD2::ExtDetectLanguageSummaryCheckUTF8(text, length, true, &hints, 0, language3, percent3, scores3,
                                            &chunks, &text_bytes, &reliable, &valid_prefix);
    std::memset(out, 0, sizeof(*out));
    if (valid_prefix < length) return -1;
    for (int i = 0; i < 3; i++) {
        const char *code = language3[i] == CLD2::UNKNOWN_LANGUAGE ? "" : CLD2::LanguageCode(language3[i]);
        std::strncpy(out->code[i], code ? code : "", sizeof(out->code[i]) - 1);
        out->percent[i] = percent3[i];
        out->normalized_score[i] = scores3[i];
    }
    out->reliable = reliable ? 1 : 0;
    out->text_bytes = text_bytes;
    return 0;
}

extern "C" const char *mk_cld2_version(void) {
    return CLD2::DetectLanguageVersion();
}
