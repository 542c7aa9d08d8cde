/* theme.c - the front end's colour themes, by name (theme.h). */
#include <stddef.h>
#include <strings.h>

#include "app/theme.h"

static const char *const theme_names[APP_THEME_COUNT] = {
    "default", "projector", "light", "mono",
};

const char *app_theme_name(app_theme t)
{
    return (unsigned)t < (unsigned)APP_THEME_COUNT ? theme_names[t] : NULL;
}

int app_theme_find(const char *name, app_theme *out)
{
    int i;

    if (name == NULL)
        return -1;
    for (i = 0; i < (int)APP_THEME_COUNT; i++) {
        if (strcasecmp(name, theme_names[i]) == 0) {
            *out = (app_theme)i;
            return 0;
        }
    }
    return -1;
}

app_theme app_theme_next(app_theme t)
{
    return (app_theme)(((unsigned)t + 1u) % (unsigned)APP_THEME_COUNT);
}

const char *app_theme_names(void)
{
    return "default, projector, light, mono";
}
