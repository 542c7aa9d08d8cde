/* check_app_rigs.c - unit tests for rigs in the front end's state: a rig's
 * row opening into a row per GPU (and the scroll and the mouse over
 * them), the runtime cycle, the device prompt adding a target (a rig, a
 * size, a catalog id; the refusals, with the query untouched), the labels
 * kept in the state, removing a target, and the command box's keys. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"
#include "app/actions.h"
#include "app/keyhelp.h"

/* Llama-3.1-70B at Q4_K_M, 8192 tokens, this machine's 32 GiB and the
 * targets named (rig specs or ids, parsed as --device parses them). */
static app_state rigs_state(const char *const *targets, size_t n, int cols, int rows)
{
    const qs_format *q4 = formats_find("Q4_K_M");
    app_state s;
    qs_query q;
    size_t i;

    ck_assert_ptr_nonnull(q4);
    query_for(&q, "llama-3.1-70b", q4->bits);
    query_set_weights(&q, q4, q4->bits);
    q.ctx = 8192;
    for (i = 0; i < n; i++) {
        qs_rig r;

        memset(&r, 0, sizeof r);
        ck_assert_int_eq(rig_parse(NULL, targets[i], &r, NULL, NULL), RIG_OK);
        ck_assert_int_eq(query_add_rig(&q, &r, 0), 0);
    }
    app_init(&s, &q, cols, rows);
    return s;
}

static void press_enter(app_state *s)
{
    key(s, IN_KEY_ENTER, 0);
}

/* ---- a rig's rows ------------------------------------------------------- */

START_TEST(test_rig_rows)
{
    static const char *const t[] = { "2xrtx-3090", "rtx-4090" };
    app_state s = rigs_state(t, 2, 120, 60);
    app_row rows[8];
    app_layout l;
    int blocks = 0, j;

    ck_assert_uint_eq(s.query.ndevices, 3);
    ck_assert_int_eq(s.plan.devices[1].rig, 1);
    ck_assert_int_eq(s.plan.devices[1].split.nslots, 2);
    /* the rig's one row: 2 x 24 GiB (the catalog's 24576 MiB each) */
    ck_assert(s.plan.devices[1].fit.usable_gib == 48.0);
    ck_assert_int_eq(app_rig_expandable(&s, 0), 0);     /* this machine's RAM */
    ck_assert_int_eq(app_rig_expandable(&s, 1), 1);
    ck_assert_int_eq(app_rig_expandable(&s, 2), 0);     /* one GPU */
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 3);
    /* e on the rig: a row per GPU under it */
    s.sel = 1;
    type(&s, "e");
    ck_assert_int_eq(s.rig_open[1], 1);
    ck_assert_uint_eq(app_rows(&s, rows, 8), 5);
    ck_assert_uint_eq(rows[0].dev, 0);
    ck_assert_int_eq(rows[0].slot, -1);
    ck_assert_uint_eq(rows[1].dev, 1);
    ck_assert_int_eq(rows[1].slot, -1);
    ck_assert_uint_eq(rows[2].dev, 1);
    ck_assert_int_eq(rows[2].slot, 0);
    ck_assert_uint_eq(rows[3].dev, 1);
    ck_assert_int_eq(rows[3].slot, 1);
    ck_assert_uint_eq(rows[4].dev, 2);
    ck_assert_int_eq(rows[4].slot, -1);
    ck_assert_int_eq(app_row_get(&s, 3, &rows[5]), 0);
    ck_assert_int_eq(rows[5].slot, 1);
    ck_assert_int_eq(app_row_get(&s, 5, &rows[5]), -1);
    /* the sub-rows are the rig's GPUs: every block of the model on one */
    for (j = 0; j < 2; j++)
        blocks += s.plan.devices[1].split.slot[j].layers;
    ck_assert_int_eq(blocks, 80);
    /* the layout has a row for each */
    app_layout_of(&s, &l);
    ck_assert_int_eq(l.fit_n, 5);
    ck_assert_int_eq(l.rt_y, l.detail_y + 1);
    /* Enter on the devices closes it again; elsewhere Enter does not */
    focus_on(&s, APP_FOCUS_DEVICES);
    press_enter(&s);
    ck_assert_int_eq(s.rig_open[1], 0);
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 3);
    press_enter(&s);
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 5);
    /* a lone GPU does not open: it says so */
    s.sel = 2;
    type(&s, "e");
    ck_assert_int_eq(s.rig_open[2], 0);
    ck_assert_str_eq(s.msg, "RTX 4090 is one device: it has no GPU rows to show");
    /* a runtime whose split has one slot per GPU still opens (vLLM: TP 2) */
    s.sel = 1;
    type(&s, "rrr");
    ck_assert_int_eq(s.query.runtime, RUNTIME_VLLM);
    ck_assert_int_eq(s.plan.devices[1].split.mode, SPLIT_MODE_TENSOR);
    ck_assert_int_eq(s.plan.devices[1].split.tp, 2);
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 5);
}
END_TEST

/* The scroll keeps the selected row, and its GPU rows where they fit, in
 * view; a click on a GPU row selects its rig. */
START_TEST(test_rig_scroll_mouse)
{
    static const char *const t[] = { "rtx-4090", "rtx-4090", "rtx-4090", "rtx-4090",
                                     "rtx-4090", "rtx-4090", "rtx-4090", "2xrtx-3090" };
    app_state s = rigs_state(t, 8, 80, 24);
    app_layout l;

    ck_assert_uint_eq(s.query.ndevices, 9);
    /* nine rows at 80x24: the screen as before, no room for the runtime line */
    app_layout_of(&s, &l);
    ck_assert_int_eq(l.fit_n, 9);
    ck_assert_int_eq(l.track_y, 4);
    ck_assert_int_eq(l.best_y, 7);
    ck_assert_int_eq(l.rt_y, -1);
    s.sel = 8;
    type(&s, "e");
    /* rows: this machine 0, the seven 4090s 1..7, the rig 8, its GPUs 9, 10 */
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 11);
    ck_assert_uint_eq(app_rows_top(&s, 5), 6);          /* 10 - 5 + 1 */
    ck_assert_uint_eq(app_rows_top(&s, 2), 8);          /* the rig's row first */
    ck_assert_uint_eq(app_rows_top(&s, 11), 0);
    s.sel = 3;
    ck_assert_uint_eq(app_rows_top(&s, 5), 0);
    s.sel = 7;
    ck_assert_uint_eq(app_rows_top(&s, 5), 3);
    /* the mouse, at 80x40 where every row shows: a GPU row selects its rig */
    s = rigs_state(t, 8, 80, 40);
    s.sel = 8;
    type(&s, "e");
    app_layout_of(&s, &l);
    ck_assert_int_eq(l.fit_n, 11);
    s.sel = 1;
    ck_assert_uint_eq(app_rows_top(&s, l.fit_n), 0);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.fit_y + 10);
    ck_assert_uint_eq(s.sel, 8);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.fit_y + 7);
    ck_assert_uint_eq(s.sel, 7);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.fit_y + 9);
    ck_assert_uint_eq(s.sel, 8);
}
END_TEST

/* ---- the runtime -------------------------------------------------------- */

START_TEST(test_runtime_cycle)
{
    static const char *const t[] = { "2xrtx-3090" };
    static const runtime_id order[] = { RUNTIME_LLAMACPP, RUNTIME_OLLAMA, RUNTIME_VLLM,
                                        RUNTIME_SGLANG, RUNTIME_MLX, RUNTIME_TRANSFORMERS,
                                        RUNTIME_AUTO };
    app_state s = rigs_state(t, 1, 80, 24);
    size_t i;

    app_layout l;

    /* two rows at 80x24: the runtime line under the details */
    app_layout_of(&s, &l);
    ck_assert_int_eq(l.rt_y, l.detail_y + 1);
    ck_assert_int_lt(l.rt_y, l.footer_y);
    ck_assert_int_eq(app_runtime_next(RUNTIME_AUTO), RUNTIME_LLAMACPP);
    ck_assert_int_eq(app_runtime_next(RUNTIME_TRANSFORMERS), RUNTIME_AUTO);
    ck_assert_int_eq(s.query.runtime, RUNTIME_AUTO);
    /* a GGUF file type on a consumer GPU: llama.cpp, chosen */
    ck_assert_ptr_eq(s.plan.devices[1].runtime, runtime_get(RUNTIME_LLAMACPP));
    ck_assert_int_eq(s.plan.devices[1].runtime_chosen, 1);
    for (i = 0; i < sizeof order / sizeof order[0]; i++) {
        ck_assert_int_eq(type(&s, "r"), APP_REDO_DRAW);
        ck_assert_int_eq(s.query.runtime, order[i]);
        ck_assert_int_eq(s.plan.devices[1].runtime_chosen, order[i] == RUNTIME_AUTO);
        if (order[i] != RUNTIME_AUTO)
            ck_assert_ptr_eq(s.plan.devices[1].runtime, runtime_get(order[i]));
    }
    ck_assert_ptr_eq(s.plan.devices[1].runtime, runtime_get(RUNTIME_LLAMACPP));
    /* the help names every runtime r goes through */
    {
        char buf[ACTIONS_TEXT_MAX];

        actions_help_text(ACT_RUNTIME, buf, sizeof buf);
        ck_assert_str_eq(buf, "runtime: auto, llama.cpp, ollama, vllm, sglang, mlx, transformers");
    }
}
END_TEST

/* Offload: its own verdict and the speed with both bandwidths. */
START_TEST(test_offload_row)
{
    static const char *const t[] = { "rtx-3090" };
    app_state s = rigs_state(t, 1, 80, 24);
    const plan_device *d = &s.plan.devices[1];

    ck_assert_int_eq(d->fit.verdict, FIT_OFFLOAD);
    ck_assert_str_eq(fit_verdict_word(d->fit.verdict), "offload");
    ck_assert_int_eq(d->split.ok, 1);
    ck_assert_int_gt(d->split.gpu_layers, 0);
    ck_assert_int_lt(d->split.gpu_layers, 80);
    ck_assert(d->tok_s > 0.0);
    ck_assert(d->tok_s == d->split.tok_s);
    ck_assert_int_eq(app_rig_expandable(&s, 1), 0);
}
END_TEST

/* ---- the device prompt -------------------------------------------------- */

START_TEST(test_device_prompt)
{
    app_state s = rigs_state(NULL, 0, 80, 24);
    qs_query before;
    size_t n = s.query.ndevices, last;

    ck_assert_uint_eq(s.query.nhost, 1);
    ck_assert_uint_eq(query_targets(&s.query), 8);     /* the default targets */
    /* full: the defaults are QUERY_TARGETS_MAX */
    type(&s, "a");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_DEVICE);
    ck_assert_int_eq(actions_mode(&s), APP_MODE_DEVICE);
    type(&s, "rtx-3090");
    press_enter(&s);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_uint_eq(s.query.ndevices, n);
    ck_assert_str_eq(s.msg, "8 targets at most: x removes the selected one");
    /* remove the last one: room for one */
    s.sel = n - 1;
    type(&s, "x");
    ck_assert_uint_eq(s.query.ndevices, n - 1);
    ck_assert_uint_eq(s.sel, n - 2);
    ck_assert_str_eq(s.msg, "removed Apple M3 Max 64GB (a adds a device)");
    /* the text stayed: Enter again adds it */
    type(&s, "a");
    ck_assert_str_eq(s.device_text, "rtx-3090");
    press_enter(&s);
    last = s.query.ndevices - 1;
    ck_assert_uint_eq(s.query.ndevices, n);
    ck_assert_str_eq(s.query.devices[last].id, "rtx-3090");
    ck_assert_ptr_eq(s.query.devices[last].id, devices_find("rtx-3090")->id);  /* the catalog's */
    ck_assert_str_eq(s.device_text, "");
    ck_assert_uint_eq(s.sel, last);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    ck_assert_uint_eq(s.plan.ndevices, n);
    ck_assert_int_eq(s.plan.devices[last].fit.verdict, FIT_OFFLOAD);
    /* a rig, with a typo first: refused, the query as it was */
    type(&s, "x");
    memcpy(&before, &s.query, sizeof before);
    type(&s, "a");
    type(&s, "2xrtx-309");
    press_enter(&s);
    ck_assert_str_eq(s.msg, "'2xrtx-309': no device 'rtx-309'; did you mean rtx-3090, rtx-3060?");
    ck_assert_int_eq(memcmp(&before, &s.query, sizeof before), 0);
    /* mended: Backspace, 90, Enter */
    type(&s, "a");
    key(&s, IN_KEY_BACKSPACE, 0);
    type(&s, "90");
    press_enter(&s);
    last = s.query.ndevices - 1;
    ck_assert_uint_eq(s.query.ndevices, n);
    ck_assert_int_eq(s.query.rigs[last].ngpu, 2);
    ck_assert_int_eq(s.query.rigs[last].nodes, 1);
    ck_assert_str_eq(s.query.rigs[last].label, "2xrtx-3090");
    ck_assert_str_eq(s.query.devices[last].name, "2xrtx-3090");
    ck_assert_ptr_eq(s.query.devices[last].name, s.query.rigs[last].label);
    ck_assert_int_eq(s.plan.devices[last].rig, 1);
    ck_assert(s.plan.devices[last].fit.usable_gib == 48.0);
    /* the label is the state's, not the prompt's */
    ck_assert(s.query.rigs[last].label != s.device_text);
    ck_assert_str_eq(s.device_text, "");
}
END_TEST

START_TEST(test_device_prompt_keys)
{
    static const char *const t[] = { "rtx-4090" };
    app_state s = rigs_state(t, 1, 80, 24);
    size_t n = s.query.ndevices;

    /* q and letters are text in the prompt; Esc drops it */
    type(&s, "a");
    type(&s, "qxe");
    ck_assert_int_eq(s.quit, 0);
    ck_assert_str_eq(s.device_text, "qxe");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_str_eq(s.device_text, "");
    ck_assert_uint_eq(s.query.ndevices, n);
    /* a paste lands in the prompt */
    type(&s, "a");
    paste(&s, "24GiB");
    ck_assert_str_eq(s.device_text, "24GiB");
    press_enter(&s);
    ck_assert_uint_eq(s.query.ndevices, n + 1);
    ck_assert(s.query.devices[n].capacity_gib == 24.0);
    ck_assert_str_eq(s.query.devices[n].name, "24GiB");
    ck_assert_int_eq(s.query.devices[n].kind, DEV_KIND_CUSTOM);
    /* the refusals: empty, no GPU in a rig, a count too high, an empty term */
    type(&s, "a");
    press_enter(&s);
    ck_assert_str_eq(s.msg, "type a device: an id (rtx-4090), a size (24GiB) or a rig (2xrtx-3090)");
    type(&s, "a");
    type(&s, "2xlaptop-8gb");
    press_enter(&s);
    ck_assert_ptr_nonnull(strstr(s.msg, "'2xlaptop-8gb': 'laptop-8gb' cannot be part of a rig"));
    type(&s, "a");
    key(&s, IN_KEY_ESC, 0);
    type(&s, "a");
    type(&s, "17xrtx-4090");
    press_enter(&s);
    ck_assert_str_eq(s.msg, "'17xrtx-4090': '17xrtx-4090': count must be 1 to 16");
    type(&s, "a");
    key(&s, IN_KEY_ESC, 0);
    type(&s, "a");
    type(&s, "rtx-4090+");
    press_enter(&s);
    ck_assert_str_eq(s.msg, "'rtx-4090+': empty part between '+'");
    type(&s, "a");
    key(&s, IN_KEY_ESC, 0);
    type(&s, "a");
    type(&s, "quux");
    press_enter(&s);
    ck_assert_str_eq(s.msg, "no device 'quux' in the catalog, nor a size (24GiB)");
    ck_assert_uint_eq(s.query.ndevices, n + 1);
    /* the prompt holds APP_DEVICE_TEXT_MAX - 1 characters */
    type(&s, "a");
    key(&s, IN_KEY_ESC, 0);
    type(&s, "a");
    {
        int i;

        for (i = 0; i < APP_DEVICE_TEXT_MAX + 3; i++)
            type(&s, "9");
    }
    ck_assert_uint_eq(strlen(s.device_text), APP_DEVICE_TEXT_MAX - 1);
    ck_assert_str_eq(s.msg, "that is as long as a device gets: Backspace edits");
}
END_TEST

/* Labels live in the state: removing one frees its buffer for the next
 * device, and no other device's text changes. */
START_TEST(test_device_labels)
{
    static const char *const sizes[] = { "1GiB", "2GiB", "3GiB", "4GiB", "5GiB", "6GiB",
                                         "7GiB", "8GiB" };
    app_state s = rigs_state(NULL, 0, 80, 24);
    size_t i;

    /* no defaults past what the state was made with: empty the targets */
    while (s.query.ndevices > s.query.nhost) {
        s.sel = s.query.ndevices - 1;
        ck_assert_int_eq(app_device_remove(&s), 0);
    }
    for (i = 0; i < 8; i++)
        ck_assert_int_eq(app_device_add(&s, sizes[i]), 0);
    ck_assert_int_eq(app_device_add(&s, "9GiB"), -1);
    for (i = 0; i < 8; i++) {
        ck_assert_str_eq(s.query.devices[1 + i].name, sizes[i]);
        ck_assert(s.query.devices[1 + i].capacity_gib == (double)(i + 1));
    }
    /* remove 3GiB: the rest move up, 9GiB takes the freed text */
    s.sel = 3;
    ck_assert_int_eq(app_device_remove(&s), 0);
    ck_assert_int_eq(app_device_add(&s, "  2x9GiB "), 0);
    ck_assert_str_eq(s.query.devices[1].name, "1GiB");
    ck_assert_str_eq(s.query.devices[2].name, "2GiB");
    for (i = 3; i < 8; i++)
        ck_assert_str_eq(s.query.devices[i].name, sizes[i]);
    ck_assert_str_eq(s.query.devices[8].name, "2x9GiB");
    ck_assert_int_eq(s.query.rigs[8].ngpu, 2);
    ck_assert(s.query.devices[8].capacity_gib == 18.0);
    ck_assert_ptr_eq(s.query.devices[8].name, s.labels[2]);  /* 3GiB's buffer */
    /* this machine's row stays */
    s.sel = 0;
    ck_assert_int_eq(app_device_remove(&s), -1);
    ck_assert_str_eq(s.msg, "this machine's rows stay: x removes a target (a row below them)");
    ck_assert_uint_eq(s.query.ndevices, 9);
}
END_TEST

/* Removing a target moves the open rigs after it; this machine's rows
 * found after start-up move them down. */
START_TEST(test_open_rigs_move)
{
    static const char *const t[] = { "rtx-4090", "2xrtx-3090" };
    app_state s = rigs_state(t, 2, 80, 40);
    qs_query q;
    qs_device gpu;

    s.sel = 2;
    type(&s, "e");
    ck_assert_int_eq(s.rig_open[2], 1);
    s.sel = 1;
    type(&s, "x");
    ck_assert_uint_eq(s.query.ndevices, 2);
    ck_assert_int_eq(s.rig_open[1], 1);
    ck_assert_int_eq(s.rig_open[2], 0);
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 4);
    /* a GPU of this machine found: in front of the targets */
    memcpy(&q, &s.query, sizeof q);
    memset(&gpu, 0, sizeof gpu);
    gpu = *devices_find("rtx-4090");
    ck_assert_int_eq(query_add_device(&q, &gpu, 1), 0);
    app_requery(&s, &q);
    ck_assert_uint_eq(s.query.nhost, 2);
    ck_assert_int_eq(s.rig_open[1], 0);
    ck_assert_int_eq(s.rig_open[2], 1);
    ck_assert_str_eq(s.query.devices[2].name, "2xrtx-3090");
    ck_assert_uint_eq(app_rows(&s, NULL, 0), 5);
}
END_TEST

/* ---- the command box and the keys --------------------------------------- */

START_TEST(test_command_box)
{
    static const char *const t[] = { "2xrtx-3090" };
    app_state s = rigs_state(t, 1, 80, 24);

    ck_assert_int_eq(type(&s, "C"), APP_REDO_DRAW);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_COMMAND);
    ck_assert_int_eq(actions_mode(&s), APP_MODE_COMMAND);
    type(&s, "C");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    type(&s, "C");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    /* r changes the runtime under the box; a click closes it; q quits */
    type(&s, "C");
    type(&s, "r");
    ck_assert_int_eq(s.query.runtime, RUNTIME_LLAMACPP);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_COMMAND);
    mouse(&s, IN_MOUSE_PRESS, 0, 1, 1);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    type(&s, "C");
    type(&s, "k");                                      /* not a key of the box */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_COMMAND);
    type(&s, "q");
    ck_assert_int_eq(s.quit, 1);
}
END_TEST

START_TEST(test_rig_keys_help)
{
    char keys[ACTIONS_TEXT_MAX], text[ACTIONS_TEXT_MAX], buf[ACTIONS_TEXT_MAX * 2];
    size_t i, n = keyhelp_count(APP_MODE_MAIN);
    int found = 0;

    for (i = 0; i < n; i++) {
        ck_assert_int_eq(keyhelp_line(APP_MODE_MAIN, i, keys, sizeof keys, text, sizeof text), 0);
        if (strcmp(keys, "a x") == 0) {
            ck_assert_str_eq(text, "add a device (rtx-4090, 24GiB, 2xrtx-3090); remove the selected");
            found++;
        } else if (strcmp(keys, "e") == 0 || strcmp(keys, "r") == 0 || strcmp(keys, "c") == 0) {
            found++;
        }
    }
    ck_assert_int_eq(found, 4);
    ck_assert_str_eq(actions_mode_name(APP_MODE_DEVICE), "typing a device");
    ck_assert_str_eq(actions_mode_name(APP_MODE_COMMAND), "command box");
    ck_assert_str_eq(keyhelp_footer(APP_MODE_DEVICE, APP_FOCUS_SLIDER, buf, sizeof buf),
                     "Enter add  Esc cancel  Backspace edit");
    ck_assert_str_eq(keyhelp_footer(APP_MODE_COMMAND, APP_FOCUS_SLIDER, buf, sizeof buf),
                     "Esc close  r runtime  q quit");
    ck_assert_str_eq(keyhelp_footer(APP_MODE_MAIN, APP_FOCUS_DEVICES, buf, sizeof buf),
                     "Up/Down device  e GPUs  a/x add/remove  r runtime  C command  Tab focus  "
                     "? help");
    ck_assert_uint_le(strlen(buf), 80);
}
END_TEST

static Suite *app_rigs_suite(void)
{
    Suite *s = suite_create("app_rigs");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_rig_rows);
    tcase_add_test(tc, test_rig_scroll_mouse);
    tcase_add_test(tc, test_runtime_cycle);
    tcase_add_test(tc, test_offload_row);
    tcase_add_test(tc, test_device_prompt);
    tcase_add_test(tc, test_device_prompt_keys);
    tcase_add_test(tc, test_device_labels);
    tcase_add_test(tc, test_open_rigs_move);
    tcase_add_test(tc, test_command_box);
    tcase_add_test(tc, test_rig_keys_help);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_rigs_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
