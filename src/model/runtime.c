/* runtime.c - STUB (being written): see runtime.h. */
#include <stddef.h>

#include "model/runtime.h"

static const qs_runtime runtime_stub = { RUNTIME_LLAMACPP, "llama.cpp", "llamacpp", "llama-server",
                                         RUNTIME_SPLIT_LAYER, ~0u, 1, 1.0, 1.0, 0.0, 1, 0, 0, "stub" };

const qs_runtime *runtime_get(runtime_id id)
{
    return id == RUNTIME_LLAMACPP ? &runtime_stub : NULL;
}

const qs_runtime *runtime_find(const char *name)
{
    (void)name;
    return NULL;
}

const char *runtime_names(void)
{
    return "llama.cpp";
}

int runtime_loads(const qs_runtime *r, const qs_format *f)
{
    (void)r; (void)f;
    return 1;
}

const qs_runtime *runtime_default(const qs_device *d, const qs_format *f)
{
    (void)d; (void)f;
    return &runtime_stub;
}

const char *runtime_default_reason(const qs_device *d, const qs_format *f)
{
    (void)d; (void)f;
    return "";
}
