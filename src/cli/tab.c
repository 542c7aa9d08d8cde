/* tab.c - a table report as cells, printed as text, Markdown or CSV (tab.h). */
#include "cli/tab.h"

#include <stdarg.h>
#include <string.h>

/* Spaces between two text columns. */
#define TAB_GAP 2

void tab_init(tab *t)
{
    memset(t, 0, sizeof *t);
}

static void tab_copy(tab *t, char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n >= TAB_CELL_MAX) {
        n = TAB_CELL_MAX - 1;
        t->truncated = 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int tab_col(tab *t, const char *head, tab_align align)
{
    if (t->ncols >= TAB_COLS_MAX)
        return -1;
    tab_copy(t, t->head[t->ncols], head ? head : "");
    t->align[t->ncols] = align;
    t->ncols++;
    return 0;
}

int tab_init_cols(tab *t, const tab_column *cols, size_t n)
{
    int rc = 0;

    tab_init(t);
    for (size_t i = 0; i < n; i++)
        if (tab_col(t, cols[i].head, cols[i].align) != 0)
            rc = -1;
    return rc;
}

int tab_row(tab *t)
{
    if (t->nrows >= TAB_ROWS_MAX) {
        t->dropped++;
        t->cur = TAB_COLS_MAX;   /* cells of a dropped row go nowhere */
        return -1;
    }
    t->nrows++;
    t->cur = 0;
    return 0;
}

int tab_cell(tab *t, const char *fmt, ...)
{
    if (t->nrows == 0 || t->cur >= t->ncols)
        return -1;
    char *dst = t->cell[t->nrows - 1][t->cur];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, TAB_CELL_MAX, fmt, ap);
    va_end(ap);
    if (n < 0) {
        dst[0] = '\0';
        return -1;
    }
    if (n >= TAB_CELL_MAX)
        t->truncated = 1;
    t->cur++;
    return 0;
}

tab_style tab_style_of(int markdown, int csv)
{
    if (markdown)
        return TAB_STYLE_MARKDOWN;
    if (csv)
        return TAB_STYLE_CSV;
    return TAB_STYLE_TEXT;
}

static const char *tab_at(const tab *t, size_t r, size_t c)
{
    return r == 0 ? t->head[c] : t->cell[r - 1][c];
}

static void tab_print_text(const tab *t, int indent, FILE *fp)
{
    size_t width[TAB_COLS_MAX] = {0};
    for (size_t r = 0; r <= t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t n = strlen(tab_at(t, r, c));
            if (n > width[c])
                width[c] = n;
        }
    for (size_t r = 0; r <= t->nrows; r++) {
        /* The last column's trailing spaces are left off. */
        size_t last = t->ncols;
        while (last > 0 && tab_at(t, r, last - 1)[0] == '\0')
            last--;
        fprintf(fp, "%*s", indent, "");
        for (size_t c = 0; c < last; c++) {
            const char *s = tab_at(t, r, c);
            int w = (int)width[c];
            if (c > 0)
                fprintf(fp, "%*s", TAB_GAP, "");
            if (t->align[c] == TAB_RIGHT)
                fprintf(fp, "%*s", w, s);
            else if (c + 1 == last)
                fputs(s, fp);
            else
                fprintf(fp, "%-*s", w, s);
        }
        fputc('\n', fp);
    }
}

static void tab_md_cell(const char *s, FILE *fp)
{
    fputc(' ', fp);
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', fp);
        fputc(*s, fp);
    }
    fputs(" |", fp);
}

static void tab_print_markdown(const tab *t, FILE *fp)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        fputc('|', fp);
        for (size_t c = 0; c < t->ncols; c++)
            tab_md_cell(tab_at(t, r, c), fp);
        fputc('\n', fp);
        if (r == 0) {
            fputc('|', fp);
            for (size_t c = 0; c < t->ncols; c++)
                fputs(t->align[c] == TAB_RIGHT ? " ---: |" : " --- |", fp);
            fputc('\n', fp);
        }
    }
}

static void tab_csv_cell(const char *s, FILE *fp)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void tab_print_csv(const tab *t, FILE *fp)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c > 0)
                fputc(',', fp);
            tab_csv_cell(tab_at(t, r, c), fp);
        }
        fputs("\r\n", fp);
    }
}

void tab_print(const tab *t, tab_style style, int indent, FILE *fp)
{
    if (t->ncols == 0)
        return;
    switch (style) {
    case TAB_STYLE_MARKDOWN:
        tab_print_markdown(t, fp);
        break;
    case TAB_STYLE_CSV:
        tab_print_csv(t, fp);
        break;
    case TAB_STYLE_TEXT:
    default:
        tab_print_text(t, indent < 0 ? 0 : indent, fp);
        break;
    }
}
