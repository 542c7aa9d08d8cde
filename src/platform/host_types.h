/* host_types.h - the records host detection and its NVML probe share.
 *
 * Layer 4 (platform). host.h (host_detect and host_info) and nvml.h (the
 * NVML probe) both include this header and neither includes the other:
 * a GPU record, the sizes of the fixed buffers, and the opaque NVML API
 * type that host_options points to (defined in nvml.h, needed only there
 * and by code that builds a fake one). */
#ifndef QS_HOST_TYPES_H
#define QS_HOST_TYPES_H

#define HOST_MAX_GPUS 16
#define HOST_MAX_MESSAGES 16
#define HOST_PATH_LEN 512
#define HOST_NAME_LEN 96        /* NVML_DEVICE_NAME_V2_BUFFER_SIZE */
#define HOST_MSG_LEN 768        /* a message quoting a full path */
#define HOST_UNKNOWN (-1.0)     /* a byte count that was not found */

/* The NVML functions host detection calls (nvml.h); opaque elsewhere. */
struct nvml_api;

typedef enum { HOST_GPU_NVIDIA, HOST_GPU_AMD } host_gpu_vendor;

typedef struct {
    host_gpu_vendor vendor;
    int index;                      /* NVML index, or N of DRM cardN */
    char name[HOST_NAME_LEN];       /* product name, or a generic label */
    double total_bytes;             /* memory the GPU reports */
    double free_bytes;              /* HOST_UNKNOWN when not reported */
    char source[HOST_PATH_LEN];     /* "NVML" or the file read */
} host_gpu;

#endif
