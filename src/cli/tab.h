/* tab.h - a table report as cells, printed as text, Markdown or CSV.
 *
 * Layer: cli. A report that is a table builds a tab (a header row and
 * rows of cells, each already formatted by fmt.h) and prints it once in
 * the style the user asked: aligned text columns (as the reports always
 * printed), a GitHub-flavoured Markdown table (--markdown: '|' in a cell
 * escaped), or RFC 4180 CSV (--csv: a cell with a comma, quote or line
 * break quoted, quotes doubled; lines end with CRLF as the RFC says).
 * Cells are copied into the tab; a tab is a plain value with fixed room
 * (TAB_COLS_MAX x TAB_ROWS_MAX cells of TAB_CELL_MAX bytes), so nothing
 * is allocated; a cell that does not fit is cut and the tab marked
 * truncated, a row past TAB_ROWS_MAX is dropped and counted. */
#ifndef QS_TAB_H
#define QS_TAB_H

#include <stddef.h>
#include <stdio.h>

#define TAB_COLS_MAX 16
#define TAB_ROWS_MAX 256
#define TAB_CELL_MAX 256

typedef enum {
    TAB_STYLE_TEXT = 0,        /* aligned columns, two spaces apart */
    TAB_STYLE_MARKDOWN,        /* --markdown */
    TAB_STYLE_CSV              /* --csv */
} tab_style;

typedef enum {
    TAB_LEFT = 0,
    TAB_RIGHT
} tab_align;

/* A column as a report declares it, in a table of its columns. */
typedef struct {
    const char *head;
    tab_align align;
} tab_column;

/* The number of columns of a static table of them. */
#define TAB_NCOLS(cols) (sizeof (cols) / sizeof (cols)[0])

typedef struct {
    size_t ncols, nrows;
    size_t dropped;            /* rows past TAB_ROWS_MAX */
    int truncated;             /* some cell was cut to TAB_CELL_MAX - 1 bytes */
    tab_align align[TAB_COLS_MAX];
    char head[TAB_COLS_MAX][TAB_CELL_MAX];
    char cell[TAB_ROWS_MAX][TAB_COLS_MAX][TAB_CELL_MAX];
    size_t cur;                /* cells given to the row being built */
} tab;

/* Starts t with no columns and no rows. */
void tab_init(tab *t);

/* Adds a column (at most TAB_COLS_MAX): its header and alignment in the
 * text style. Returns 0, or -1 when full. */
int tab_col(tab *t, const char *head, tab_align align);

/* Starts t (tab_init) with the n columns `cols`. Returns 0, or -1 when
 * they are more than TAB_COLS_MAX (the first TAB_COLS_MAX are added). */
int tab_init_cols(tab *t, const tab_column *cols, size_t n);

/* Starts a new row; its cells are then given in column order by tab_cell
 * (missing ones are empty). Returns 0, or -1 when the row is dropped. */
int tab_row(tab *t);
/* The next cell of the current row (printf-style). Returns 0, or -1 when
 * there is no row or no column left. */
int tab_cell(tab *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints t to fp in `style`, text lines indented by `indent` spaces
 * (ignored in Markdown and CSV). Write errors show in ferror(fp). */
void tab_print(const tab *t, tab_style style, int indent, FILE *fp);

/* The style the options asked for: markdown 1 -> MARKDOWN, csv 1 -> CSV,
 * else TEXT. */
tab_style tab_style_of(int markdown, int csv);

#endif
