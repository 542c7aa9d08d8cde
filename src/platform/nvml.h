/* nvml.h - NVIDIA GPUs through NVML, loaded at run time.
 *
 * Layer 4 (platform). No build dependency: libnvidia-ml.so.1 is opened with
 * dlopen when present, and its absence is not an error. The few NVML calls
 * used sit in a struct of function pointers, so tests inject a fake NVML.
 * Types mirror nvml.h (NVML API reference): nvmlReturn_t is an int-sized
 * enum, 0 = NVML_SUCCESS; nvmlDevice_t an opaque pointer; nvmlMemory_t
 * three unsigned long long byte counts. */
#ifndef QS_NVML_H
#define QS_NVML_H

#include <stddef.h>

#include "platform/host.h"

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

/* Lists the GPUs api reports into info->gpus (after those already there,
 * up to HOST_MAX_GPUS): init, count, name and memory of each, shutdown.
 * Sets info->nvml_status; a GPU whose handle or memory cannot be read is
 * left out with a message. Returns the number added, or -1 when init or
 * the count fails (not a message: NVML without a driver is common). */
int nvml_list(const nvml_api *api, host_info *info);

#endif
