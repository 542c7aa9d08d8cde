/* theme.c - the front end's colour themes, by name (theme.h). */
#include <stddef.h>
#include <strings.h>

#include "model/theme.h"

static const char *const theme_table[THEME_COUNT] = {
    "default", "projector", "light", "mono",
};

const char *theme_name(qs_theme t)
{
    return (unsigned)t < (unsigned)THEME_COUNT ? theme_table[t] : NULL;
}

int theme_find(const char *name, qs_theme *out)
{
    int i;

    if (name == NULL)
        return -1;
    for (i = 0; i < (int)THEME_COUNT; i++) {
        if (strcasecmp(name, theme_table[i]) == 0) {
            *out = (qs_theme)i;
            return 0;
        }
    }
    return -1;
}

qs_theme theme_next(qs_theme t)
{
    return (qs_theme)(((unsigned)t + 1u) % (unsigned)THEME_COUNT);
}

const char *theme_names(void)
{
    return "default, projector, light, mono";
}
