/* nvml.h - NVIDIA GPUs through NVML, loaded at run time.
 *
 * Layer 4 (platform). No build dependency: libnvidia-ml.so.1 is opened with
 * dlopen when present, and its absence is not an error. The few NVML calls
 * used sit in a struct of function pointers, so tests inject a fake NVML.
 * Types mirror nvml.h (NVML API reference): nvmlReturn_t is an int-sized
 * enum, 0 = NVML_SUCCESS; nvmlDevice_t an opaque pointer; nvmlMemory_t
 * three unsigned long long byte counts.
 *
 * nvml_probe runs the calls in a child process with a time bound, so that
 * a wedged driver cannot hang the program; nvml_list is the enumeration
 * itself. Both fill an nvml_report, which host.c folds into host_info. */
#ifndef QS_NVML_H
#define QS_NVML_H

#include <stddef.h>

#include "platform/host_types.h"

#define NVML_LIBRARY "libnvidia-ml.so.1"
#define NVML_SUCCESS 0

typedef struct nvml_device_st *nvml_device;   /* nvmlDevice_t */

typedef struct {                              /* nvmlMemory_t */
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvml_memory;

typedef struct nvml_api {
    int (*init)(void);                                      /* nvmlInit_v2 */
    int (*get_count)(unsigned int *count);                  /* nvmlDeviceGetCount_v2 */
    int (*get_handle)(unsigned int index, nvml_device *dev); /* nvmlDeviceGetHandleByIndex_v2 */
    int (*get_name)(nvml_device dev, char *name, unsigned int length); /* nvmlDeviceGetName */
    int (*get_memory)(nvml_device dev, nvml_memory *mem);   /* nvmlDeviceGetMemoryInfo */
    int (*shutdown)(void);                                  /* nvmlShutdown */
    const char *(*error_string)(int result);                /* nvmlErrorString; may be NULL */
    void *library;                                          /* dlopen handle; NULL in a fake */
} nvml_api;

/* Opens library (NULL: NVML_LIBRARY) and fills api. Returns 0, or -1 with
 * the reason in err ("libnvidia-ml.so.1 not found", a missing symbol, or
 * "not built with dlopen"); api is then all NULL. */
int nvml_load(nvml_api *api, const char *library, char *err, size_t err_size);

/* Closes what nvml_load opened and clears api. */
void nvml_unload(nvml_api *api);

/* What one NVML enumeration found. Plain data of fixed size, so that a
 * child process hands it back whole through a pipe. */
typedef struct {
    host_gpu gpus[HOST_MAX_GPUS];
    int n_gpus;
    char status[HOST_MSG_LEN];      /* for host_info.nvml_status: "2 GPUs
                                       reported", "nvmlInit_v2 failed: ..." */
    char messages[HOST_MAX_MESSAGES][HOST_MSG_LEN]; /* problems, one a line */
    int n_messages;
    int messages_dropped;           /* messages past HOST_MAX_MESSAGES */
} nvml_report;

/* Appends a message to r (formatted like printf, one line); past
 * HOST_MAX_MESSAGES it is counted in messages_dropped. */
void nvml_report_add(nvml_report *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Lists the GPUs api reports into out (cleared first; at most
 * HOST_MAX_GPUS): init, count, name and memory of each, shutdown. Sets
 * out->status; a GPU whose handle or memory cannot be read is left out
 * with a message. Runs in the calling process, unbounded: see nvml_probe.
 * Returns the number listed, or -1 when init or the count fails (not a
 * message: NVML without a driver is common). */
int nvml_list(const nvml_api *api, nvml_report *out);

/* Like nvml_list, in a child process (nvml_probe.c) that must answer within timeout_ms
 * (<= 0: no answer is waited for). api NULL: the child loads the real
 * NVML (nvml_load, NVML_LIBRARY) itself, so the library never enters this
 * process. A child that does not answer in time is killed (SIGKILL) and
 * reaped, one that dies is reaped; either way out->status says so and a
 * message is added, and -1 is returned. */
int nvml_probe(const nvml_api *api, int timeout_ms, nvml_report *out);

#endif
