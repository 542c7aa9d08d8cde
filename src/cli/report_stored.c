/* report_stored.c - a model read from files, in the reports (report_stored.h).
 *
 * fprintf results are ignored: a failed write sets fp's error flag, which
 * out_finish checks at the end of each report. */
#include <stdio.h>
#include <string.h>

#include "cli/out.h"
#include "cli/report_stored.h"
#include "model/memory.h"
#include "model/stored.h"

/* The column the lines of the block continue at. */
#define REPORT_STORED_INDENT 2
/* Room for the list of sources, "key: source; ..." */
#define REPORT_STORED_SOURCES_SIZE 4096
/* Room for the agreement's words. */
#define REPORT_STORED_LINE 128
/* A difference is shown as a percentage of the file's bytes. */
#define REPORT_STORED_PERCENT 100.0

static double report_stored_gib(int64_t bytes)
{
    return (double)bytes / MEMORY_BYTES_PER_GIB;
}

/* "key source; key source; ..." of every provenance line, into buf. */
static void report_stored_sources(const qs_stored *s, char *buf, size_t size)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < s->nsources && len + 1 < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%s:\t%s", i > 0 ? "; " : "",
                         s->sources[i].key, s->sources[i].source);

        if (n < 0)
            return;
        len += (size_t)n < size - len ? (size_t)n : size - len - 1;
    }
}

void report_stored_text(FILE *fp, const qs_query *q)
{
    const qs_model *m = q->model;
    const qs_stored *s;
    char line[REPORT_STORED_SOURCES_SIZE];

    if (m == NULL || m->stored == NULL)
        return;
    s = m->stored;
    (void)fprintf(fp, "file: %s\n", s->path);
    (void)fprintf(fp, "  %s, architecture %s, type %s, %zu tensors", s->container,
                  s->arch_name[0] != '\0' ? s->arch_name : "unknown",
                  s->type_name[0] != '\0' ? s->type_name : "unknown", s->ntensors);
    if (s->nfiles > 1)
        (void)fprintf(fp, " in %d files", s->nfiles);
    (void)fprintf(fp, "\n  weights %lld bytes (%.2f GiB): the sum of the tensors' data\n",
                  (long long)s->weights_bytes, report_stored_gib(s->weights_bytes));
    (void)fprintf(fp, "  on disk %lld bytes (%.2f GiB), %lld of them header\n",
                  (long long)s->file_bytes, report_stored_gib(s->file_bytes),
                  (long long)s->header_bytes);
    if (s->mmproj_path != NULL) {
        (void)snprintf(line, sizeof line, "vision projector %s: %lld bytes (%.2f GiB), %zu "
                       "tensors, counted with the weights", s->mmproj_path,
                       (long long)s->mmproj_bytes, report_stored_gib(s->mmproj_bytes),
                       s->mmproj_tensors);
        (void)fputs("  ", fp);
        out_wrap(fp, line, REPORT_STORED_INDENT, REPORT_STORED_INDENT * 2, OUT_WIDTH);
    }
    if (!s->arch_known)
        (void)fprintf(fp, "  architecture: not read from the file; the KV cache is unknown\n");
    report_stored_sources(s, line, sizeof line);
    if (line[0] != '\0') {
        (void)fputs("  read from: ", fp);
        out_wrap(fp, line, (int)strlen("  read from: "), REPORT_STORED_INDENT * 2, OUT_WIDTH);
    }
    if (q->stored_match != NULL && q->stored_predicted_bytes > 0 && s->format != NULL) {
        long long diff = (long long)(s->weights_bytes - q->stored_predicted_bytes);
        char agree[REPORT_STORED_LINE];

        if (diff == 0)
            (void)snprintf(agree, sizeof agree, "the file agrees exactly");
        else
            (void)snprintf(agree, sizeof agree, "the file holds %lld %s (%+.3f%%)",
                           diff > 0 ? diff : -diff, diff > 0 ? "more" : "fewer",
                           (double)diff * REPORT_STORED_PERCENT / (double)s->weights_bytes);
        (void)snprintf(line, sizeof line, "catalog: %s in %s predicts %lld bytes of weights; %s",
                       q->stored_match->name, s->format->name,
                       (long long)q->stored_predicted_bytes, agree);
        (void)fputs("  ", fp);
        out_wrap(fp, line, REPORT_STORED_INDENT, REPORT_STORED_INDENT * 2, OUT_WIDTH);
    }
    (void)fputc('\n', fp);
}

void report_stored_json(json_writer *w, const qs_query *q)
{
    const qs_model *m = q->model;
    const qs_stored *s;
    size_t i;

    if (m == NULL || m->stored == NULL) {
        json_null(w, "file");
        return;
    }
    s = m->stored;
    json_begin_object(w, "file");
    json_string(w, "path", s->path);
    json_string(w, "container", s->container);
    json_string(w, "architecture", s->arch_name[0] != '\0' ? s->arch_name : NULL);
    json_string(w, "type", s->type_name[0] != '\0' ? s->type_name : NULL);
    json_string(w, "format", s->format != NULL ? s->format->name : NULL);
    json_int(w, "tensors", (long long)s->ntensors);
    json_int(w, "files", s->nfiles);
    json_int(w, "weights_bytes", (long long)s->weights_bytes);
    json_int(w, "file_bytes", (long long)s->file_bytes);
    json_int(w, "header_bytes", (long long)s->header_bytes);
    json_int(w, "elements", (long long)s->elements);
    json_bool(w, "weights_as_stored", q->stored);
    json_bool(w, "architecture_known", s->arch_known);
    if (s->mmproj_path != NULL) {
        json_begin_object(w, "mmproj");
        json_string(w, "path", s->mmproj_path);
        json_int(w, "bytes", (long long)s->mmproj_bytes);
        json_int(w, "tensors", (long long)s->mmproj_tensors);
        json_end_object(w);
    } else {
        json_null(w, "mmproj");
    }
    json_begin_object(w, "sources");
    for (i = 0; i < s->nsources; i++)
        json_string(w, s->sources[i].key, s->sources[i].source);
    json_end_object(w);
    if (q->stored_match != NULL && q->stored_predicted_bytes > 0) {
        json_begin_object(w, "catalog");
        json_string(w, "id", q->stored_match->id);
        json_int(w, "predicted_weights_bytes", (long long)q->stored_predicted_bytes);
        json_int(w, "difference_bytes", (long long)(s->weights_bytes - q->stored_predicted_bytes));
        json_end_object(w);
    } else {
        json_null(w, "catalog");
    }
    json_end_object(w);
}
