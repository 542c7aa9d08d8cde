/* nvml.c - NVIDIA GPUs through NVML opened with dlopen. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#ifdef HAVE_DLFCN_H
#define NVML_HAVE_DLOPEN 1
#endif
#else
#define _POSIX_C_SOURCE 200809L
#if defined(__unix__) || defined(__APPLE__)
#define NVML_HAVE_DLOPEN 1
#endif
#endif

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifdef NVML_HAVE_DLOPEN
#include <dlfcn.h>
#endif

#include "platform/host_parse.h"
#include "platform/nvml.h"

#ifdef NVML_HAVE_DLOPEN
/* The NVML functions nvml_load looks up, in the order it copies them into
 * the api (init, count, handle, name, memory info, shutdown). */
static const char *const nvml_symbol_names[] = {
    "nvmlInit_v2", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2",
    "nvmlDeviceGetName", "nvmlDeviceGetMemoryInfo", "nvmlShutdown",
};
#define NVML_SYMBOLS (sizeof nvml_symbol_names / sizeof nvml_symbol_names[0])
#endif

static void nvml_say(char *err, size_t err_size, const char *a, const char *b)
{
    if (!err || err_size == 0)
        return;
    if (snprintf(err, err_size, "%s%s", a, b) < 0)
        err[0] = '\0';
}

void nvml_report_add(nvml_report *r, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (r->n_messages >= HOST_MAX_MESSAGES) {
        if (r->messages_dropped < INT_MAX)
            r->messages_dropped++;
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(r->messages[r->n_messages], sizeof r->messages[0], fmt, ap);
    va_end(ap);
    if (n < 0)
        r->messages[r->n_messages][0] = '\0';
    r->n_messages++;
}

#ifdef NVML_HAVE_DLOPEN
_Static_assert(sizeof(void *) == sizeof(int (*)(void)),
               "dlsym results are copied into function pointers");

/* Looks up one symbol; returns NULL (and says which) when it is missing. */
static void *nvml_symbol(void *lib, const char *name, char *err, size_t err_size)
{
    void *sym = dlsym(lib, name);

    if (!sym)
        nvml_say(err, err_size, "missing symbol ", name);
    return sym;
}
#endif

int nvml_load(nvml_api *api, const char *library, char *err, size_t err_size)
{
    memset(api, 0, sizeof *api);
    if (err && err_size > 0)
        err[0] = '\0';
    if (!library)
        library = NVML_LIBRARY;
#ifdef NVML_HAVE_DLOPEN
    {
        void *lib = dlopen(library, RTLD_NOW | RTLD_LOCAL);
        void *s[NVML_SYMBOLS];
        const char *why;
        size_t i;

        if (!lib) {
            why = dlerror();
            nvml_say(err, err_size, "not found: ", why ? why : library);
            return -1;
        }
        for (i = 0; i < NVML_SYMBOLS; i++) {
            s[i] = nvml_symbol(lib, nvml_symbol_names[i], err, err_size);
            if (!s[i]) {
                (void)dlclose(lib);
                return -1;
            }
        }
        /* POSIX dlsym returns a function's address as a void *; copying
         * the representation avoids ISO C's object-to-function cast. */
        memcpy(&api->init, &s[0], sizeof api->init);
        memcpy(&api->get_count, &s[1], sizeof api->get_count);
        memcpy(&api->get_handle, &s[2], sizeof api->get_handle);
        memcpy(&api->get_name, &s[3], sizeof api->get_name);
        memcpy(&api->get_memory, &s[4], sizeof api->get_memory);
        memcpy(&api->shutdown, &s[5], sizeof api->shutdown);
        s[0] = dlsym(lib, "nvmlErrorString");
        if (s[0])
            memcpy(&api->error_string, &s[0], sizeof api->error_string);
        api->library = lib;
        return 0;
    }
#else
    nvml_say(err, err_size, "not built with dlopen", "");
    return -1;
#endif
}

void nvml_unload(nvml_api *api)
{
    if (!api)
        return;
#ifdef NVML_HAVE_DLOPEN
    if (api->library)
        (void)dlclose(api->library);
#endif
    memset(api, 0, sizeof *api);
}

/* The text for an NVML result code. */
static void nvml_result_text(const nvml_api *api, int rc, char *buf, size_t size)
{
    const char *s = api->error_string ? api->error_string(rc) : NULL;
    int n;

    if (s)
        n = snprintf(buf, size, "%.100s (%d)", s, rc);
    else
        n = snprintf(buf, size, "error %d", rc);
    if (n < 0)
        buf[0] = '\0';
}

/* Sets r->status to "WHAT failed: RESULT". */
static void nvml_status_failed(const nvml_api *api, nvml_report *r, const char *what, int rc)
{
    char why[128];

    nvml_result_text(api, rc, why, sizeof why);
    if (snprintf(r->status, sizeof r->status, "%s failed: %s", what, why) < 0)
        r->status[0] = '\0';
}

int nvml_list(const nvml_api *api, nvml_report *r)
{
    unsigned int count = 0, i;
    char why[128];
    int added = 0;
    int rc;

    memset(r, 0, sizeof *r);
    if (!api || !api->init || !api->get_count || !api->get_handle || !api->get_name
        || !api->get_memory || !api->shutdown) {
        nvml_say(r->status, sizeof r->status, "not available", "");
        return -1;
    }
    rc = api->init();
    if (rc != NVML_SUCCESS) {
        nvml_status_failed(api, r, "nvmlInit_v2", rc);
        return -1;
    }
    rc = api->get_count(&count);
    if (rc != NVML_SUCCESS) {
        nvml_status_failed(api, r, "nvmlDeviceGetCount_v2", rc);
        rc = api->shutdown();
        if (rc != NVML_SUCCESS) {
            nvml_result_text(api, rc, why, sizeof why);
            nvml_report_add(r, "NVML: nvmlShutdown failed: %s", why);
        }
        return -1;
    }
    for (i = 0; i < count; i++) {
        char raw[HOST_NAME_LEN];
        nvml_device dev = NULL;
        nvml_memory mem;
        host_gpu *g;
        const char *end;

        if (r->n_gpus >= HOST_MAX_GPUS) {
            nvml_report_add(r, "NVML: %u GPUs reported, only %d GPUs are listed",
                            count, HOST_MAX_GPUS);
            break;
        }
        rc = api->get_handle(i, &dev);
        if (rc != NVML_SUCCESS) {
            nvml_result_text(api, rc, why, sizeof why);
            nvml_report_add(r, "NVML GPU %u: nvmlDeviceGetHandleByIndex_v2 failed: %s",
                            i, why);
            continue;
        }
        memset(&mem, 0, sizeof mem);
        rc = api->get_memory(dev, &mem);
        if (rc != NVML_SUCCESS) {
            nvml_result_text(api, rc, why, sizeof why);
            nvml_report_add(r, "NVML GPU %u: nvmlDeviceGetMemoryInfo failed: %s", i, why);
            continue;
        }
        g = &r->gpus[r->n_gpus];
        memset(g, 0, sizeof *g);
        g->vendor = HOST_GPU_NVIDIA;
        g->index = (int)i;
        g->total_bytes = (double)mem.total;
        g->free_bytes = mem.free <= mem.total ? (double)mem.free : HOST_UNKNOWN;
        nvml_say(g->source, sizeof g->source, "NVML", "");
        memset(raw, 0, sizeof raw);
        rc = api->get_name(dev, raw, (unsigned int)sizeof raw);
        end = memchr(raw, '\0', sizeof raw);
        if (rc == NVML_SUCCESS)
            host_parse_name(raw, end ? (size_t)(end - raw) : sizeof raw, g->name, sizeof g->name);
        if (rc != NVML_SUCCESS || !g->name[0]) {
            if (rc != NVML_SUCCESS) {
                nvml_result_text(api, rc, why, sizeof why);
                nvml_report_add(r, "NVML GPU %u: nvmlDeviceGetName failed: %s", i, why);
            }
            if (snprintf(g->name, sizeof g->name, "NVIDIA GPU %u", i) < 0)
                g->name[0] = '\0';
        }
        r->n_gpus++;
        added++;
    }
    rc = api->shutdown();
    if (rc != NVML_SUCCESS) {
        nvml_result_text(api, rc, why, sizeof why);
        nvml_report_add(r, "NVML: nvmlShutdown failed: %s", why);
    }
    if (snprintf(r->status, sizeof r->status, "%u GPU%s reported",
                 count, count == 1 ? "" : "s") < 0)
        r->status[0] = '\0';
    return added;
}
