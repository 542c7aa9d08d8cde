/* options_help.c - the fixed parts of --help (see options_help.h).
 *
 * fprintf/fputs results are ignored: a failed write sets fp's error flag,
 * which main checks before exiting. */
#include <stdio.h>

#include "cli/options_help.h"
#include "cli/optval.h"
#include "model/query.h"

/* Room for the default size printed. */
#define OPTIONS_HELP_NUM_SIZE 32

void options_help_intro(FILE *fp)
{
    char p[OPTIONS_HELP_NUM_SIZE];

    (void)fprintf(fp, "Usage: quantscope [OPTION]... [MODEL]\n"
                  "       quantscope --scan [FOLDER]...\n"
                  "What does a model cost in memory at a given precision, and where does it fit?\n"
                  "\n"
                  "With no report option on a terminal, the interactive front end starts;\n"
                  "otherwise the footprint table of a %sB model is printed.\n",
                  optval_num(p, sizeof p, QUERY_DEFAULT_PARAMS / OPTVAL_PARAMS_PER_B));
}

void options_help_outro(FILE *fp)
{
    (void)fputs("\n"
                "Each option applies only where it means something (e.g. --json not with -i);\n"
                "a value option is given once, --device up to the limit above.\n"
                "A rig's answer is given per GPU, with the command that reproduces it.\n"
                "Footprint in GiB = params x bits / 8 / 1024^3 (weights only).\n"
                "Exit status: 0 success; 1 output could not be written, the terminal failed,\n"
                "or (with --check) it does not fit; 2 usage error; 128+N after signal N in\n"
                "the front end.\n"
                "\n"
                "Examples:\n"
                "  quantscope --table -p 70B\n"
                "  quantscope -p llama-3.1-8b -f q4_k_m\n"
                "  quantscope -p 7B --from fp16 --to 4 --json\n"
                "  quantscope -p llama-3.1-70b -f q4_k_m --device rtx-4090 --device h100-sxm\n"
                "  quantscope -p llama-3.1-8b -f q4_k_m --ctx 32k --check --device 8GB\n"
                "  quantscope -p llama-3.1-70b -f q4_k_m --device 2xrtx-3090 --ctx 8k\n"
                "  quantscope -p deepseek-v3 -f fp8 --device 8xh100-sxm --nodes 2\n"
                "  quantscope ~/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf --json\n"
                "  quantscope --scan ~/models\n",
                fp);
}
