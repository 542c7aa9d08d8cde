/* state.c - what the front end derives from its state: the layout and the
 * table's extent. */
#include "app/state.h"

void app_layout_of(const app_state *s, app_layout *l)
{
    layout_compute_for(s->cols, s->rows, (int)s->query.ndevices, l);
}

size_t app_table_rows(void)
{
    size_t n = formats_count();

    return n < APP_TABLE_ROWS_MAX ? n : APP_TABLE_ROWS_MAX;
}

size_t app_table_top_max(const app_state *s)
{
    app_layout l;
    size_t n = app_table_rows(), v;

    app_layout_of(s, &l);
    v = l.table_list_n > 0 ? (size_t)l.table_list_n : 1;
    return n > v ? n - v : 0;
}
