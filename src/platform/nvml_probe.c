/* nvml_probe.c - the NVML enumeration in a child process, bounded in time.
 *
 * nvmlInit_v2 can hang for good in a wedged driver, and nothing inside this
 * process could stop it. So nvml_list runs in a forked child that writes
 * its answer (one fixed-size record) to a pipe and ends with _exit; the
 * parent waits for the record with poll until the deadline, then kills the
 * child (SIGKILL) and reaps it, a bounded wait too. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#if defined(__unix__) || defined(__APPLE__)
#define NVML_HAVE_FORK 1
#endif
#else
#define _POSIX_C_SOURCE 200809L
#if defined(__unix__) || defined(__APPLE__)
#define NVML_HAVE_FORK 1
#endif
#endif

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifdef NVML_HAVE_FORK
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#endif

#include "platform/nvml.h"

#ifdef NVML_HAVE_FORK
/* Time units. */
#define NVML_MS_PER_S 1000
#define NVML_NS_PER_MS 1000000L
#define NVML_NS_PER_S 1000000000L
/* How long a probe child is waited for once it has answered, died or been
 * sent SIGKILL (ms). Such a child ends within milliseconds, unless it is in
 * an uninterruptible sleep in a wedged driver, where SIGKILL waits for the
 * kernel; past this it is left behind (with a message) rather than wait. */
#define NVML_PROBE_REAP_MS 500
/* Between two looks at whether the child has ended (ms): a reap costs at
 * most this much more than the child takes to end. */
#define NVML_PROBE_POLL_MS 2
/* The probe child's exit statuses. */
#define NVML_CHILD_ANSWERED 0
#define NVML_CHILD_WRITE_FAILED 1

/* What the probe child writes to its pipe: nvml_list's result and report,
 * as one fixed-size record (parent and child are the same program). */
typedef struct {
    int listed;
    nvml_report report;
} nvml_answer;

/* Signals whose handlers the child resets to the default: the program's
 * own (a TUI's terminal restore, say) must not run in the child. */
static const int nvml_child_signals[] = {
    SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGALRM, SIGCHLD,
    SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT,
};
#define NVML_CHILD_SIGNALS (sizeof nvml_child_signals / sizeof nvml_child_signals[0])

/* Closes a pipe end. Its result is not needed: the parent only reads
 * through the pipe, and the child's writes were checked one by one. */
static void nvml_close(int fd)
{
    (void)close(fd);
}

static int nvml_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    return (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) ? -1 : 0;
}

static int nvml_write_all(int fd, const void *buf, size_t size)
{
    const char *p = buf;
    ssize_t n;

    while (size > 0) {
        n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The child: enumerate, write the answer, _exit (no atexit handlers, no
 * flush of stdio buffers copied from the parent). Never returns. */
static _Noreturn void nvml_child(const nvml_api *api, int fd)
{
    struct sigaction dfl;
    nvml_answer a;
    size_t i;

    /* A reset that fails leaves the parent's handler, no worse than not
     * trying; the child goes on and is bounded by the parent either way. */
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    (void)sigemptyset(&dfl.sa_mask);
    for (i = 0; i < NVML_CHILD_SIGNALS; i++)
        (void)sigaction(nvml_child_signals[i], &dfl, NULL);
    memset(&a, 0, sizeof a);
    /* api was loaded by the parent (or is a test's fake); it is not
     * unloaded here: the process ends now, and dlclose would only run the
     * library's destructors, one more thing that could hang. */
    a.listed = nvml_list(api, &a.report);
    _exit(nvml_write_all(fd, &a, sizeof a) == 0 ? NVML_CHILD_ANSWERED : NVML_CHILD_WRITE_FAILED);
}

static void nvml_now(struct timespec *ts)
{
    if (clock_gettime(CLOCK_MONOTONIC, ts) != 0) {
        ts->tv_sec = 0;         /* no clock: every deadline has passed */
        ts->tv_nsec = 0;
    }
}

/* The time timeout_ms from now. */
static void nvml_deadline(struct timespec *deadline, int timeout_ms)
{
    nvml_now(deadline);
    if (timeout_ms < 0)
        timeout_ms = 0;
    deadline->tv_sec += timeout_ms / NVML_MS_PER_S;
    deadline->tv_nsec += (long)(timeout_ms % NVML_MS_PER_S) * NVML_NS_PER_MS;
    if (deadline->tv_nsec >= NVML_NS_PER_S) {
        deadline->tv_sec++;
        deadline->tv_nsec -= NVML_NS_PER_S;
    }
}

/* Milliseconds left until deadline, rounded up; 0 when it has passed. */
static int nvml_ms_left(const struct timespec *deadline)
{
    struct timespec now;
    long long ns;

    nvml_now(&now);
    ns = (long long)(deadline->tv_sec - now.tv_sec) * NVML_NS_PER_S
         + (deadline->tv_nsec - now.tv_nsec);
    if (ns <= 0)
        return 0;
    ns = (ns + NVML_NS_PER_MS - 1) / NVML_NS_PER_MS;
    return ns > INT_MAX ? INT_MAX : (int)ns;
}

/* Reads size bytes from fd by deadline. Returns 1 when all came, 0 when
 * the deadline passed first, -1 on end of file before that (errno 0) or a
 * read error (errno set). */
static int nvml_read_by(int fd, void *buf, size_t size, const struct timespec *deadline)
{
    struct pollfd pfd;
    char *p = buf;
    size_t have = 0;
    ssize_t n;
    int left, r;

    while (have < size) {
        left = nvml_ms_left(deadline);
        if (left == 0)
            return 0;
        pfd.fd = fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        r = poll(&pfd, 1, left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            continue;           /* the deadline check above ends it */
        n = read(fd, p + have, size - have);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = 0;
            return -1;
        }
        have += (size_t)n;
    }
    return 1;
}

/* Waits up to ms for pid to end. Returns 1 when it was reaped (*status
 * set), 0 when it has not ended, -1 when it cannot be waited for (ECHILD:
 * SIGCHLD ignored, it reaped itself; *status = 0). */
static int nvml_wait(pid_t pid, int *status, int ms)
{
    struct timespec deadline, nap;
    pid_t got;

    nvml_deadline(&deadline, ms);
    nap.tv_sec = 0;
    nap.tv_nsec = NVML_PROBE_POLL_MS * NVML_NS_PER_MS;
    for (;;) {
        got = waitpid(pid, status, WNOHANG);
        if (got == pid)
            return 1;
        if (got < 0 && errno != EINTR) {
            *status = 0;
            return -1;
        }
        if (nvml_ms_left(&deadline) == 0)
            return 0;
        if (nanosleep(&nap, NULL) != 0 && errno != EINTR)
            return 0;
    }
}

/* Reaps the child, killing it first when killed is 0 and it does not end
 * by itself in NVML_PROBE_REAP_MS. Returns nvml_wait's result. */
static int nvml_reap(pid_t pid, int *status, int killed)
{
    int r = nvml_wait(pid, status, NVML_PROBE_REAP_MS);

    if (r == 0 && !killed) {
        if (kill(pid, SIGKILL) != 0)
            return 0;
        r = nvml_wait(pid, status, NVML_PROBE_REAP_MS);
    }
    return r;
}

/* "3 s" or "200 ms". */
static void nvml_duration(int ms, char *buf, size_t size)
{
    int n;

    if (ms > 0 && ms % NVML_MS_PER_S == 0)
        n = snprintf(buf, size, "%d s", ms / NVML_MS_PER_S);
    else
        n = snprintf(buf, size, "%d ms", ms);
    if (n < 0)
        buf[0] = '\0';
}

/* The child's answer is data from another process: keep it in bounds. */
static void nvml_answer_check(nvml_report *r)
{
    int i;

    if (r->n_gpus < 0 || r->n_gpus > HOST_MAX_GPUS)
        r->n_gpus = r->n_gpus < 0 ? 0 : HOST_MAX_GPUS;
    if (r->n_messages < 0 || r->n_messages > HOST_MAX_MESSAGES)
        r->n_messages = r->n_messages < 0 ? 0 : HOST_MAX_MESSAGES;
    if (r->messages_dropped < 0)
        r->messages_dropped = 0;
    r->status[sizeof r->status - 1] = '\0';
    for (i = 0; i < r->n_messages; i++)
        r->messages[i][sizeof r->messages[i] - 1] = '\0';
    for (i = 0; i < r->n_gpus; i++) {
        r->gpus[i].vendor = HOST_GPU_NVIDIA;
        r->gpus[i].name[sizeof r->gpus[i].name - 1] = '\0';
        r->gpus[i].source[sizeof r->gpus[i].source - 1] = '\0';
    }
}

/* Clears out and says why there are no GPUs, as the status and a message. */
static void nvml_probe_failed(nvml_report *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void nvml_probe_failed(nvml_report *out, const char *fmt, ...)
{
    va_list ap;
    int n;

    memset(out, 0, sizeof *out);
    va_start(ap, fmt);
    n = vsnprintf(out->status, sizeof out->status, fmt, ap);
    va_end(ap);
    if (n < 0)
        out->status[0] = '\0';
    nvml_report_add(out, "%s", out->status);
}

int nvml_probe(const nvml_api *api, int timeout_ms, nvml_report *out)
{
    struct timespec deadline;
    nvml_api real;
    int loaded = 0;
    nvml_answer a;
    char took[32];
    int fds[2], status = 0, got, reaped, err;
    pid_t pid;

    memset(out, 0, sizeof *out);
    /* The library is looked for here: dlopen runs none of the driver's code,
     * and where there is no NVIDIA driver (most machines) no child is
     * started at all. Only the enumeration, which can hang, runs in one. */
    if (api == NULL) {
        if (nvml_load(&real, NULL, out->status, sizeof out->status) != 0)
            return -1;
        api = &real;
        loaded = 1;
    }
    if (pipe(fds) != 0) {
        nvml_probe_failed(out, "cannot start the NVML probe: pipe: %s; GPUs not listed",
                          strerror(errno));
        if (loaded)
            nvml_unload(&real);
        return -1;
    }
    pid = (nvml_cloexec(fds[0]) == 0 && nvml_cloexec(fds[1]) == 0) ? fork() : -1;
    if (pid < 0) {
        err = errno;
        nvml_close(fds[0]);
        nvml_close(fds[1]);
        nvml_probe_failed(out, "cannot start the NVML probe: %s; GPUs not listed",
                          strerror(err));
        if (loaded)
            nvml_unload(&real);
        return -1;
    }
    if (pid == 0) {
        nvml_close(fds[0]);
        nvml_child(api, fds[1]);
    }
    nvml_close(fds[1]);
    nvml_deadline(&deadline, timeout_ms);
    memset(&a, 0, sizeof a);
    got = nvml_read_by(fds[0], &a, sizeof a, &deadline);
    err = errno;
    nvml_close(fds[0]);
    /* A kill that fails (ESRCH: the child has just ended) changes nothing:
     * the reap below sees the child either way. */
    if (got == 0)
        (void)kill(pid, SIGKILL);
    reaped = nvml_reap(pid, &status, got == 0);
    if (got == 0) {
        nvml_duration(timeout_ms, took, sizeof took);
        nvml_probe_failed(out, "NVML did not answer within %s; GPUs not listed", took);
    } else if (got < 0 && reaped == 1 && WIFSIGNALED(status)) {
        nvml_probe_failed(out, "NVML probe crashed (signal %d: %s); GPUs not listed",
                          WTERMSIG(status), strsignal(WTERMSIG(status)));
    } else if (got < 0 && reaped == 1 && WIFEXITED(status) && err == 0) {
        nvml_probe_failed(out, "NVML probe ended without an answer (exit status %d); "
                          "GPUs not listed", WEXITSTATUS(status));
    } else if (got < 0) {
        nvml_probe_failed(out, "NVML probe ended without an answer: %s; GPUs not listed",
                          err ? strerror(err) : "end of file");
    } else {
        *out = a.report;
        nvml_answer_check(out);
    }
    if (reaped == 0)
        nvml_report_add(out, "NVML probe (process %ld) did not end; left behind", (long)pid);
    if (loaded)
        nvml_unload(&real);
    return got == 1 ? a.listed : -1;
}
#else
/* Without fork the probe runs in this process, unbounded. */
int nvml_probe(const nvml_api *api, int timeout_ms, nvml_report *out)
{
    nvml_api real;
    int n;

    (void)timeout_ms;
    if (api)
        return nvml_list(api, out);
    memset(out, 0, sizeof *out);
    if (nvml_load(&real, NULL, out->status, sizeof out->status) != 0)
        return -1;
    n = nvml_list(&real, out);
    nvml_unload(&real);
    return n;
}
#endif
