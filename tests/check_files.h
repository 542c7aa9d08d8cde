/* check_files.h - the fixture directory shared by check_files_load.c and
 * check_scan.c: a fresh mkdtemp folder under $TMPDIR (default /tmp) with
 * the good tree (good/) and the bad inputs (bad/) of mkstore.h, and a
 * home/ with nothing in it, so that the known stores of the machine
 * running the tests are never read. */
#ifndef QS_CHECK_FILES_H
#define QS_CHECK_FILES_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkstore.h"

#define CHECK_FILES_PATH 4096

static char check_files_dir[256];

/* dir/rel in out. */
static inline const char *check_files_at(char *out, const char *rel)
{
    (void)snprintf(out, CHECK_FILES_PATH, "%s/%s", check_files_dir, rel);
    return out;
}

static inline void check_files_setup(void)
{
    const char *t = getenv("TMPDIR");
    char p[CHECK_FILES_PATH];

    (void)snprintf(check_files_dir, sizeof check_files_dir, "%s/check_files_XXXXXX",
                   t != NULL ? t : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(check_files_dir));
    ck_assert_int_eq(mkstore_tree(check_files_at(p, "good")), 0);
    ck_assert_int_eq(mkstore_bad(check_files_at(p, "bad")), 0);
    ck_assert_int_eq(mkdir(check_files_at(p, "home"), 0755), 0);
    /* Only the fixture's stores: HOME empty, the variables unset or ours. */
    ck_assert_int_eq(setenv("HOME", check_files_at(p, "home"), 1), 0);
    ck_assert_int_eq(unsetenv("XDG_CACHE_HOME"), 0);
    ck_assert_int_eq(unsetenv("HF_HOME"), 0);
    ck_assert_int_eq(unsetenv("HF_HUB_CACHE"), 0);
    ck_assert_int_eq(unsetenv("HUGGINGFACE_HUB_CACHE"), 0);
    ck_assert_int_eq(unsetenv("OLLAMA_MODELS"), 0);
    ck_assert_int_eq(unsetenv("LLAMA_CACHE"), 0);
}

static inline void check_files_teardown(void)
{
    char cmd[CHECK_FILES_PATH + 32];

    (void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", check_files_dir);
    ck_assert_int_eq(system(cmd), 0);
}

#endif
