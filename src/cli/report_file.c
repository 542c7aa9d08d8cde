/* report_file.c - a named format's quality line and GGUF file in the
 * footprint report (report_file.h).
 *
 * fprintf results are ignored: a failed write sets fp's error flag, which
 * out_finish checks at the end of each report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "cli/out.h"
#include "cli/report_file.h"
#include "model/ggml.h"
#include "model/gguf_header.h"
#include "model/memory.h"

/* Where the perplexity line's text starts ("perplexity: ") and the indent
 * of its continuation lines. */
#define REPORT_FILE_PPL_COL 12
#define REPORT_FILE_INDENT 2
/* Bytes in a decimal megabyte, for the header's size. */
#define REPORT_FILE_MB 1e6

/* 1: q's perplexity was measured on the model named `model`. */
static int report_file_on_model(const qs_format *q, const char *model)
{
    return model != NULL && q->ppl_ref != NULL && strcasecmp(q->ppl_ref, model) == 0;
}

void report_file_quality_text(FILE *fp, const qs_format *q, int near, const char *model)
{
    char line[FORMATS_QUALITY_LINE_MAX];

    if (q == NULL)
        return;
    if (near)
        (void)fprintf(fp, "quality (nearest named precision, %s): %s\n", q->name, q->quality);
    else
        (void)fprintf(fp, "quality: %s\n", q->quality);
    if (formats_quality_line(q, line, sizeof line) == 0) {
        (void)fputs("perplexity: ", fp);
        out_wrap(fp, line, REPORT_FILE_PPL_COL, REPORT_FILE_INDENT, OUT_WIDTH);
    }
    if (!isnan(q->ppl_delta) && model != NULL && !report_file_on_model(q, model)) {
        (void)snprintf(line, sizeof line, "(measured on %s, not on %s: no figure for this model "
                       "is published)", q->ppl_ref != NULL ? q->ppl_ref : "another model", model);
        (void)fprintf(fp, "%*s", REPORT_FILE_INDENT, "");
        out_wrap(fp, line, REPORT_FILE_INDENT, REPORT_FILE_INDENT + 1, OUT_WIDTH);
    }
}

void report_file_quality_json(json_writer *w, const qs_format *q, const char *model)
{
    char line[FORMATS_QUALITY_LINE_MAX];

    json_string(w, "quality", q->quality);
    if (isnan(q->ppl_delta))
        json_null(w, "ppl_delta");
    else
        json_number(w, "ppl_delta", q->ppl_delta);
    json_string(w, "quality_line", formats_quality_line(q, line, sizeof line) == 0 ? line : NULL);
    json_string(w, "ppl_measured_on", isnan(q->ppl_delta) ? NULL : q->ppl_ref);
    if (model == NULL || isnan(q->ppl_delta))
        json_null(w, "ppl_on_this_model");
    else
        json_bool(w, "ppl_on_this_model", report_file_on_model(q, model));
}

/* The predicted file of m in f and its rules: 0, or -1 when not a GGUF
 * file type on a catalog model or when it cannot be predicted. */
static int report_file_sizes(const qs_model *m, const qs_format *f, int64_t *file,
                             gguf_rules_ctx *c)
{
    const gguf_tokenizer *tok;

    if (m == NULL || f == NULL || f->gguf == FORMATS_NO_GGUF)
        return -1;
    tok = gguf_header_tokenizer_find(m->id, m->family, m->arch.vocab);
    gguf_header_rules_ctx(c, &m->arch, m->family);
    *file = gguf_header_file_bytes((gguf_ftype)f->gguf, &m->arch, m->family, tok, c);
    return *file > 0 ? 0 : -1;
}

/* The groups of the predicted file, allocated (NULL on failure). */
static gguf_header_group *report_file_groups(const qs_model *m, const qs_format *f,
                                             const gguf_rules_ctx *c, int *n)
{
    gguf_header_group *g = calloc(REPORT_FILE_GROUPS_MAX, sizeof *g);

    if (g == NULL)
        return NULL;
    *n = gguf_header_file_groups((gguf_ftype)f->gguf, &m->arch, c, g, REPORT_FILE_GROUPS_MAX);
    if (*n < 0) {
        free(g);
        return NULL;
    }
    return g;
}

/* The tensor data of the groups, all together. */
static int64_t report_file_data(const gguf_header_group *g, int n)
{
    int64_t sum = 0;
    int i;

    for (i = 0; i < n; i++)
        sum += g[i].bytes;
    return sum;
}

void report_file_gguf_text(FILE *fp, const qs_model *m, const qs_format *f, int tensors)
{
    gguf_rules_ctx c;
    gguf_header_group *g;
    int64_t file, data;
    int n = 0, i;

    if (report_file_sizes(m, f, &file, &c) != 0)
        return;
    g = report_file_groups(m, f, &c, &n);
    data = g != NULL ? report_file_data(g, n) : -1;
    (void)fprintf(fp, "GGUF file: %lld bytes predicted (%.2f GiB, %.2f GB)", (long long)file,
                  (double)file / MEMORY_BYTES_PER_GIB, (double)file / MEMORY_BYTES_PER_GB);
    if (data > 0)
        (void)fprintf(fp, ":\n  %lld bytes of tensors in llama.cpp's per-tensor types\n"
                          "  + a %.1f MB header (metadata, tokenizer, tensor infos)\n",
                      (long long)data, (double)(file - data) / REPORT_FILE_MB);
    else
        (void)fputc('\n', fp);
    if (tensors && g != NULL) {
        (void)fprintf(fp, "\n%-40s %-8s %7s %14s\n", "tensors", "type", "count", "bytes");
        for (i = 0; i < n; i++)
            (void)fprintf(fp, "%-40s %-8s %7d %14lld\n", g[i].pattern, ggml_type_name(g[i].type),
                          g[i].count, (long long)g[i].bytes);
    }
    free(g);
}

void report_file_gguf_json(json_writer *w, const qs_model *m, const qs_format *f, int tensors)
{
    gguf_rules_ctx c;
    gguf_header_group *g;
    int64_t file, data;
    int n = 0, i;

    if (report_file_sizes(m, f, &file, &c) != 0) {
        json_null(w, "gguf_file");
        return;
    }
    g = report_file_groups(m, f, &c, &n);
    data = g != NULL ? report_file_data(g, n) : -1;
    json_begin_object(w, "gguf_file");
    json_number(w, "bytes", (double)file);
    if (data > 0) {
        json_number(w, "tensor_bytes", (double)data);
        json_number(w, "header_bytes", (double)(file - data));
    } else {
        json_null(w, "tensor_bytes");
        json_null(w, "header_bytes");
    }
    if (tensors && g != NULL) {
        json_begin_array(w, "groups");
        for (i = 0; i < n; i++) {
            json_begin_object(w, NULL);
            json_string(w, "tensors", g[i].pattern);
            json_string(w, "type", ggml_type_name(g[i].type));
            json_int(w, "count", g[i].count);
            json_number(w, "bytes", (double)g[i].bytes);
            json_end_object(w);
        }
        json_end_array(w);
    }
    json_end_object(w);
    free(g);
}
