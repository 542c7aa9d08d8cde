/* prices.c - the dated table of GPU-hour prices (prices.h).
 *
 * Source of every row: shared/reference/devices-serving-2026.md section 2
 * ("Cloud GPU prices, on-demand, USD per GPU-hour"). The rule for which
 * figure a row takes, so that the rows compare: the on-demand price of
 * RunPod's Secure Cloud (its data-centre tier) as tgarg01/silybench-data
 * derived/csv/gpu_prices.csv @045df3b recorded it from runpod.io/pricing
 * on 2026-09-25; where RunPod has no such row, the first-hand source the
 * reference names. Neocloud prices run 2-4x below the hyperscalers'
 * (AWS p5 6.88/GPU, Azure ND H100 v5 12.29/GPU for an H100 on
 * 2026-11-09), so a user on a hyperscaler should give --gpu-price. */
#include "model/prices.h"

#include <strings.h>

#define PRICES_RUNPOD "RunPod Secure Cloud"
#define PRICES_SILYBENCH "tgarg01/silybench-data derived/csv/gpu_prices.csv @045df3b " \
                         "(runpod.io/pricing)"

static const price_row prices_table[] = {
    { "h100-sxm", 3.49, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "h100-pcie", 2.89, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "h100-nvl", 3.19, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "h200", 4.59, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "b200", 6.79, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "b300", 7.89, PRICES_RUNPOD, "2026-08-19", 0,
      "HF dataset privum/ai-compute-prices (secondary), 2026-08-19" },
    { "a100-80gb", 1.59, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH " (SXM)" },
    { "a100-80gb-pcie", 1.59, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH " (PCIe)" },
    { "a100-40gb", 1.99, "Lambda", "2026-09-25", 1,
      "tgarg01/silybench-data derived/csv/gpu_prices.csv @045df3b (lambda.ai/pricing)" },
    { "l40s", 1.09, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    { "rtx-4090", 0.74, PRICES_RUNPOD, "2026-09-25", 1, PRICES_SILYBENCH },
    /* The weakest row: no first-party price page; GKE g2-standard-4 (one
     * L4, 4 vCPU, 16 GB) on demand in us-central1, from a code comment. */
    { "l4", 0.70, "Google Cloud g2-standard-4 (us-central1)", "undated", 0,
      "code comment (code index id 69399267488), no first-party page; AWS g6.xlarge ~0.81" },
    { "rtx-5090", 0.865, "Vast.ai (low end of 0.865-1.141)", "2026-06", 0,
      "usagepricing.com/blueprint/vast-ai, live Vast rates captured June 2026 (secondary)" },
    { "rtx-pro-6000", 2.04, "Akash (Server Edition, \"starting at\")", "2026-09-20", 0,
      "api-evangelist/akash, 2026-09-20 (a starting price)" },
};

size_t prices_count(void)
{
    return sizeof prices_table / sizeof prices_table[0];
}

const price_row *prices_get(size_t i)
{
    return i < prices_count() ? &prices_table[i] : NULL;
}

const price_row *prices_find(const char *device)
{
    if (device == NULL)
        return NULL;
    for (size_t i = 0; i < prices_count(); i++)
        if (strcasecmp(prices_table[i].device, device) == 0)
            return &prices_table[i];
    return NULL;
}
