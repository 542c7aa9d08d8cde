/* rig.c - STUB (being written): see rig.h. */
#include <string.h>

#include "model/rig.h"

int rig_is_spec(const char *arg)
{
    (void)arg;
    return 0;
}

rig_error rig_parse(const devices_catalog *c, const char *arg, qs_rig *out, size_t *bad_at,
                    size_t *bad_len)
{
    (void)c; (void)arg; (void)out; (void)bad_at; (void)bad_len;
    return RIG_ERR_DEVICE;
}

int rig_of_device(const qs_device *d, qs_rig *out)
{
    if (d == NULL || out == NULL)
        return -1;
    memset(out, 0, sizeof *out);
    out->label = d->id;
    out->gpu[0] = *d;
    out->ngpu = 1;
    out->nodes = 1;
    return 0;
}

int rig_gpu_count(const qs_rig *r)
{
    return r->ngpu * r->nodes;
}

int rig_uniform(const qs_rig *r)
{
    (void)r;
    return 1;
}

int rig_as_device(const qs_rig *r, qs_device *out)
{
    if (r == NULL || out == NULL || r->ngpu < 1)
        return -1;
    *out = r->gpu[0];
    out->id = out->name = r->label;
    return 0;
}

const char *rig_error_text(rig_error e)
{
    (void)e;
    return "";
}
