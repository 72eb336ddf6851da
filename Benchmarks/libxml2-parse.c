/*
 * libxml2's HTML parser alone over a folder's pages, the ceiling for any extractor built on it:
 * (1) the tree parse (htmlReadMemory, the options Mekong uses, the encoding given), (2) the
 * push-free SAX parse with callbacks that do nothing. Pages are read into memory first; the
 * fastest of three runs is printed as seconds. Built and run by Benchmarks/extraction.sh.
 *
 *   libxml2-parse FILE...   ->   "<tree seconds> <sax seconds>"
 */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long elements;
static void onStart(void *ctx, const xmlChar *name, const xmlChar **attributes) { (void)ctx; (void)name; (void)attributes; elements++; }
static void onEnd(void *ctx, const xmlChar *name) { (void)ctx; (void)name; }
static void onCharacters(void *ctx, const xmlChar *text, int length) { (void)ctx; (void)text; (void)length; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int count = argc - 1;
    char **pages = calloc((size_t)count, sizeof *pages);
    int *lengths = calloc((size_t)count, sizeof *lengths);
    for (int i = 0; i < count; i++) {
        FILE *f = fopen(argv[i + 1], "rb");
        if (!f) { perror(argv[i + 1]); return 1; }
        fseek(f, 0, SEEK_END);
        long length = ftell(f);
        fseek(f, 0, SEEK_SET);
        pages[i] = malloc((size_t)length + 1);
        if (fread(pages[i], 1, (size_t)length, f) != (size_t)length) { perror(argv[i + 1]); return 1; }
        fclose(f);
        lengths[i] = (int)length;
    }
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    double tree = 1e30, sax = 1e30;
    for (int run = 0; run < 3; run++) {
        double t0 = now();
        for (int i = 0; i < count; i++) xmlFreeDoc(htmlReadMemory(pages[i], lengths[i], NULL, "UTF-8", options));
        double t1 = now();
        for (int i = 0; i < count; i++) {
            htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(pages[i], lengths[i]);
            if (!context) continue;
            memset(context->sax, 0, sizeof(htmlSAXHandler));
            context->sax->startElement = onStart;
            context->sax->endElement = onEnd;
            context->sax->characters = onCharacters;
            htmlCtxtUseOptions(context, options);
            xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8);
            htmlParseDocument(context);
            htmlFreeParserCtxt(context);
        }
        double t2 = now();
        if (t1 - t0 < tree) tree = t1 - t0;
        if (t2 - t1 < sax) sax = t2 - t1;
    }
    printf("%.4f %.4f\n", tree, sax);
    return elements == 0 && count > 0;
}
