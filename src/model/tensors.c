/* tensors.c - tensor lists. */
#include <stdio.h>
#include <string.h>

#include "model/tensors.h"

int64_t tensors_elements(const qs_tensor *t)
{
    int64_t n = 1;
    int i;

    for (i = 0; i < t->n_dims && i < TENSORS_MAX_DIMS; i++)
        n *= t->ne[i];
    return n;
}

int tensors_add(tensor_list *l, const char *name, tensor_role role, int layer, int n_dims,
                int64_t ne0, int64_t ne1, int64_t ne2)
{
    qs_tensor *t;

    if (l->n >= l->cap) {
        l->overflow = 1;
        return -1;
    }
    t = &l->t[l->n++];
    memset(t, 0, sizeof *t);
    (void)snprintf(t->name, sizeof t->name, "%s", name);
    t->role = role;
    t->layer = layer;
    t->n_dims = n_dims < 1 ? 1 : (n_dims > TENSORS_MAX_DIMS ? TENSORS_MAX_DIMS : n_dims);
    t->ne[0] = ne0;
    t->ne[1] = t->n_dims > 1 ? ne1 : 1;
    t->ne[2] = t->n_dims > 2 ? ne2 : 1;
    t->ne[3] = 1;
    return 0;
}

int64_t tensors_total(const tensor_list *l)
{
    int64_t sum = 0;
    size_t i;

    for (i = 0; i < l->n; i++)
        sum += tensors_elements(&l->t[i]);
    return sum;
}
