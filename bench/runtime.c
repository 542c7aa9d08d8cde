/* runtime.c - make bench: a whole process's time and memory.
 *
 * Usage: runtime RUNS PROGRAM [ARGS...]
 * Runs PROGRAM RUNS times with stdin and stdout on /dev/null and prints
 * one line: "MEDIAN_MS MIN_MS MAX_RSS_KIB EXIT_STATUS" - the median and
 * fastest wall-clock time from fork to exit (CLOCK_MONOTONIC), the largest
 * peak resident memory (wait4's ru_maxrss) and the last exit status. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNTIME_RUNS_MAX 1000
#define RUNTIME_NS_PER_MS 1e6
#define RUNTIME_NS_PER_S 1e9

static double runtime_now_ms(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((double)ts.tv_sec * RUNTIME_NS_PER_S + (double)ts.tv_nsec) / RUNTIME_NS_PER_MS;
}

static int runtime_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    static double ms[RUNTIME_RUNS_MAX];
    long rss = 0;
    int runs, i, status = 0;

    if (argc < 3 || (runs = atoi(argv[1])) < 1 || runs > RUNTIME_RUNS_MAX) {
        (void)fprintf(stderr, "usage: runtime RUNS(1-%d) PROGRAM [ARGS...]\n", RUNTIME_RUNS_MAX);
        return 2;
    }
    for (i = 0; i < runs; i++) {
        struct rusage ru;
        double t0 = runtime_now_ms();
        pid_t pid = fork();

        if (pid < 0) {
            perror("runtime: fork");
            return 1;
        }
        if (pid == 0) {
            int fd = open("/dev/null", O_RDWR);

            if (fd < 0 || dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
                _exit(127);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        if (wait4(pid, &status, 0, &ru) < 0) {
            perror("runtime: wait4");
            return 1;
        }
        ms[i] = runtime_now_ms() - t0;
        if (ru.ru_maxrss > rss)
            rss = ru.ru_maxrss;
    }
    qsort(ms, (size_t)runs, sizeof ms[0], runtime_cmp);
    (void)printf("%.2f %.2f %ld %d\n", ms[runs / 2], ms[0], rss,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
