/* check_gguf_bad.c - every file the GGUF reader refuses, one message each
 * (gguf_read.h, gguf_parse.h). The files are the writer's "tiny" preset
 * or a small hand-made one, broken in one field. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/files_model.h"
#include "files/gguf_read.h"
#include "gguf_writer.h"
#include "model/ggml.h"

/* Reads header h (file size: header + data unless size given) and checks
 * the message holds `want` and starts with the path. */
static void expect(unsigned char *h, size_t len, uint64_t size, uint64_t bound, const char *want)
{
    char err[FILES_ERR_MAX];
    files_model m;

    files_model_init(&m);
    err[0] = '\0';
    ck_assert_int_eq(gguf_read_buffer(h, len, size, bound, "bad.gguf", &m, err, sizeof err),
                     -1);
    ck_assert_msg(strncmp(err, "bad.gguf: ", strlen("bad.gguf: ")) == 0, "%s", err);
    ck_assert_msg(strstr(err, want) != NULL, "want '%s' in '%s'", want, err);
    ck_assert_ptr_null(strchr(err, '\n'));
    files_model_free(&m);
}

static unsigned char *tiny(size_t *len, int64_t *data)
{
    gguf_writer *w = gguf_writer_new(3);
    unsigned char *h;
    int64_t hb;

    ck_assert_int_eq(gguf_writer_preset(w, "tiny"), 0);
    ck_assert_int_eq(gguf_writer_bytes(w, &hb, data), 0);
    h = gguf_writer_header(w, len);
    ck_assert_ptr_nonnull(h);
    gguf_writer_free(w);
    return h;
}

static void put64(unsigned char *p, uint64_t v)
{
    int i;

    for (i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

START_TEST(test_tiny_ok)
{
    size_t len;
    int64_t data;
    unsigned char *h = tiny(&len, &data);
    char err[FILES_ERR_MAX];
    files_model m;

    files_model_init(&m);
    ck_assert_msg(gguf_read_buffer(h, len, len + (uint64_t)data, 0, "t.gguf", &m, err,
                                   sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(m.ntensors, 12);
    files_model_free(&m);
    free(h);
}
END_TEST

START_TEST(test_header_fields)
{
    size_t len;
    int64_t data;
    unsigned char *h = tiny(&len, &data);
    uint64_t size = len + (uint64_t)data;

    h[0] = 'X';
    expect(h, len, size, 0, "not a GGUF file (magic 58 47 55 46");
    h[0] = 'G';
    h[4] = 1;
    expect(h, len, size, 0, "GGUF version 1 is not supported");
    h[4] = 0;
    h[7] = 3;
    expect(h, len, size, 0, "big-endian GGUF is not supported");
    h[7] = 0;
    h[4] = 3;
    expect(h, len / 2, len / 2, 0, "truncated or corrupt header");
    expect(h, len, size, 100, "bound of 100 bytes");
    expect(h, len, size, 100, "--max-header");
    put64(h + 8, (uint64_t)1 << 40);
    expect(h, len, size, 0, "claims 1099511627776 tensors");
    put64(h + 8, 12);
    put64(h + 16, (uint64_t)1 << 60);
    expect(h, len, size, 0, "metadata pairs");
    free(h);
}
END_TEST

/* A file with one raw pair. */
static void expect_raw(const unsigned char *raw, size_t n, const char *want)
{
    gguf_writer *w = gguf_writer_new(3);
    static const int64_t ne[] = { 32 };
    unsigned char *h;
    size_t len;

    ck_assert_int_eq(gguf_writer_kv_raw(w, raw, n), 0);
    ck_assert_int_eq(gguf_writer_tensor(w, "a.weight", GGML_TYPE_F32, 1, ne), 0);
    h = gguf_writer_header(w, &len);
    expect(h, len, len + 128, 0, want);
    free(h);
    gguf_writer_free(w);
}

START_TEST(test_values)
{
    /* key "k" (length 2^63) */
    unsigned char huge[] = { 0, 0, 0, 0, 0, 0, 0, 0x80 };
    /* key "k", type 13 */
    unsigned char type13[] = { 1, 0, 0, 0, 0, 0, 0, 0, 'k', 13, 0, 0, 0, 0 };
    /* key "k", array of arrays */
    unsigned char nested[] = { 1, 0, 0, 0, 0, 0, 0, 0, 'k', 9, 0, 0, 0, 9, 0, 0, 0,
                               1, 0, 0, 0, 0, 0, 0, 0 };
    /* key "k", a string of 2^40 bytes */
    unsigned char longstr[] = { 1, 0, 0, 0, 0, 0, 0, 0, 'k', 8, 0, 0, 0,
                                0, 0, 0, 0, 0, 1, 0, 0 };

    expect_raw(huge, sizeof huge, "a string of 9223372036854775808 bytes");
    expect_raw(type13, sizeof type13, "key 'k': unknown value type 13");
    expect_raw(nested, sizeof nested, "key 'k': nested arrays are not supported");
    expect_raw(longstr, sizeof longstr, "a string of 1099511627776 bytes");
}
END_TEST

/* A file of tensors (name, type, n_dims, ne) and optional kv. */
static void expect_tensors(int n, const char *const *names, const int *types, const int *dims,
                           const int64_t (*ne)[5], int align, const char *want)
{
    gguf_writer *w = gguf_writer_new(3);
    unsigned char *h;
    size_t len;
    int64_t hb, data;
    int i;

    if (align > 0)
        ck_assert_int_eq(gguf_writer_kv_u32(w, "general.alignment", (uint32_t)align), 0);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(gguf_writer_tensor(w, names[i], types[i], dims[i], ne[i]), 0);
    ck_assert_int_eq(gguf_writer_bytes(w, &hb, &data), 0);
    h = gguf_writer_header(w, &len);
    expect(h, len, len + (uint64_t)data, 0, want);
    free(h);
    gguf_writer_free(w);
}

START_TEST(test_tensors)
{
    const char *one[] = { "a.weight" }, *two[] = { "a.weight", "a.weight" };
    int f32[] = { GGML_TYPE_F32, GGML_TYPE_F32 }, t99[] = { 99 }, q4k[] = { GGML_TYPE_Q4_K };
    int d1[] = { 1, 1 }, d0[] = { 0 }, d5[] = { 5 }, d2[] = { 2 };
    const int64_t ok[2][5] = { { 32 }, { 32 } }, zero[1][5] = { { 0 } },
                  neg[1][5] = { { -5 } }, big[1][5] = { { (int64_t)1 << 32, (int64_t)1 << 32 } },
                  odd[1][5] = { { 100 } }, five[1][5] = { { 1, 1, 1, 1, 1 } };

    expect_tensors(1, one, t99, d1, ok, 0, "tensor 'a.weight': unknown ggml type 99");
    expect_tensors(1, one, f32, d0, zero, 0, "tensor 'a.weight': 0 dimensions");
    expect_tensors(1, one, f32, d5, five, 0, "tensor 'a.weight': 5 dimensions");
    expect_tensors(1, one, f32, d1, zero, 0, "dimension 0 is 0");
    expect_tensors(1, one, f32, d1, neg, 0, "dimension 0 is -5");
    expect_tensors(1, one, f32, d2, big, 0, "multiply past 2^63");
    expect_tensors(1, one, q4k, d1, odd, 0, "a row of 100 weights is not a whole number of Q4_K");
    expect_tensors(2, two, f32, d1, ok, 0, "duplicate tensor name 'a.weight'");
    expect_tensors(1, one, f32, d1, ok, 24, "general.alignment 24 is not a power of two");
}
END_TEST

START_TEST(test_offsets)
{
    gguf_writer *w = gguf_writer_new(3);
    static const int64_t ne[] = { 64 };
    unsigned char *h;
    size_t len;

    ck_assert_int_eq(gguf_writer_tensor(w, "a.weight", GGML_TYPE_F32, 1, ne), 0);
    ck_assert_int_eq(gguf_writer_tensor(w, "b.weight", GGML_TYPE_F32, 1, ne), 0);
    h = gguf_writer_header(w, &len);
    expect(h, len, len + 300, 0, "tensor 'b.weight': its 256 bytes at data offset 256 end past");
    free(h);
    ck_assert_int_eq(gguf_writer_set_offset(w, 1, 3), 0);
    h = gguf_writer_header(w, &len);
    expect(h, len, len + 512, 0, "data offset 3 is not a multiple of the alignment 32");
    free(h);
    ck_assert_int_eq(gguf_writer_set_offset(w, 1, 128), 0);
    h = gguf_writer_header(w, &len);
    expect(h, len, len + 512, 0, "tensors 'a.weight' and 'b.weight' overlap");
    free(h);
    gguf_writer_free(w);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gguf_bad");
    TCase *tc = tcase_create("bad");

    tcase_add_test(tc, test_tiny_ok);
    tcase_add_test(tc, test_header_fields);
    tcase_add_test(tc, test_values);
    tcase_add_test(tc, test_tensors);
    tcase_add_test(tc, test_offsets);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    int failed;

    srunner_run_all(r, CK_NORMAL);
    failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
