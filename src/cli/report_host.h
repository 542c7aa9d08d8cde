/* report_host.h - what host detection found on this machine, and from where.
 *
 * Layer: cli. Prints a host_info (platform/host.h) for `quantscope
 * --host`: RAM, cgroup limit, usable RAM, each GPU on its own line with the
 * file or "NVML" it came from, NVML's status and any problems. Byte counts
 * are shown in GiB: 2 decimals in text, full precision in JSON (where the
 * exact byte counts are given too; unknown values are null). Both return 0,
 * or -1 when the stream reports an error (ferror). */
#ifndef QS_REPORT_HOST_H
#define QS_REPORT_HOST_H

#include <stdio.h>

#include "platform/host.h"

int report_host_text(FILE *fp, const host_info *info);
int report_host_json(FILE *fp, const host_info *info);

#endif
