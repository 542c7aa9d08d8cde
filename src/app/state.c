/* state.c - what the front end derives from its state: the layout (the
 * device list with the open rigs' sub-rows) and the table's extent. */
#include "app/state.h"

void app_layout_of(const app_state *s, app_layout *l)
{
    layout_compute_rows(s->cols, s->rows, (int)s->query.ndevices, (int)app_rows(s, NULL, 0), l);
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
