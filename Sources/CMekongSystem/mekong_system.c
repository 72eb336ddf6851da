#define _GNU_SOURCE
#include "mekong_system.h"

#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/prctl.h>

extern char **environ;

pid_t mk_spawn(char *const argv[], const char *directory, int fds[3], int *error) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0) { *error = errno; return -1; }
    if (pipe2(out, O_CLOEXEC) != 0) { *error = errno; close(in[0]); close(in[1]); return -1; }
    if (pipe2(err, O_CLOEXEC) != 0) {
        *error = errno;
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    if (directory) posix_spawn_file_actions_addchdir_np(&actions, directory);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(in[0]); close(out[1]); close(err[1]);
    if (rc != 0) {
        *error = rc;
        close(in[1]); close(out[0]); close(err[0]);
        return -1;
    }
    fds[0] = in[1];
    fds[1] = out[0];
    fds[2] = err[0];
    for (int i = 0; i < 3; i++) fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    return pid;
}

int mk_die_with_parent(void) {
    pid_t parent = getppid();
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
    // The parent may have died before the request was made.
    return getppid() == parent ? 0 : -1;
}

int mk_try_lock(int fd) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
    return errno == EWOULDBLOCK ? 1 : -1;
}

int mk_affinity_cpu_count(void) {
    // A fixed cpu_set_t holds 1024 CPUs; larger machines need a bigger mask.
    for (int cpus = 1024; cpus <= (1 << 16); cpus *= 2) {
        cpu_set_t *set = CPU_ALLOC(cpus);
        if (set == NULL) return -1;
        size_t size = CPU_ALLOC_SIZE(cpus);
        CPU_ZERO_S(size, set);
        if (sched_getaffinity(0, size, set) == 0) {
            int count = CPU_COUNT_S(size, set);
            CPU_FREE(set);
            return count;
        }
        CPU_FREE(set);
        if (errno != EINVAL) return -1;
    }
    return -1;
}
