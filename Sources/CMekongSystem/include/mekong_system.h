// Process spawning for external stages. glibc keeps pipe2 and
// posix_spawn_file_actions_addchdir_np behind _GNU_SOURCE, which Swift's Glibc module
// does not define, so this small C helper does the spawning.
#ifndef MEKONG_SYSTEM_H
#define MEKONG_SYSTEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <wchar.h>

/// Starts `argv[0]` (searched in PATH) in `directory` (NULL: the current one), in its own
/// process group, with pipes on its standard input, output and error. On success returns
/// the pid and stores the parent's ends (close-on-exec) in `fds`: [stdin write, stdout
/// read, stderr read]. On failure returns -1 and stores the errno in `*error`.
pid_t mk_spawn(char *const argv[], const char *directory, int fds[3], int *error);

/// Asks the kernel to kill this process when its parent dies (a worker must not outlive
/// the supervisor that reads its results). Returns 0, or -1 when the parent is already gone.
int mk_die_with_parent(void);

/// Takes an exclusive advisory lock on an open file without waiting. Returns 0 when taken,
/// 1 when another process holds it, -1 on any other error (errno set).
int mk_try_lock(int fd);

/// The number of CPUs this process may run on (its affinity mask, as `taskset` or a
/// container's cpuset sets it), or -1 when the kernel does not say. CPU_COUNT is a macro
/// behind _GNU_SOURCE, out of Swift's reach.
int mk_affinity_cpu_count(void);

/// Starts fetching the cache line at `address` for a read soon to come: the entity tagger
/// looks some thirty features up per syllable in a table larger than the cache, and asking
/// for them all first lets the loads overlap (Swift has no prefetch of its own).
static inline void mk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// The index of the first `value` in `count` 32-bit code points at `p`, or `count`: glibc's
/// vectorized wmemchr (a code point is a 32-bit wchar_t on Linux), which Swift's Glibc module
/// does not bring in. The source aligner skips a page's tags with it.
static inline size_t mk_find_u32(const uint32_t *p, size_t count, uint32_t value) {
    _Static_assert(sizeof(wchar_t) == sizeof(uint32_t), "wchar_t is 32 bits");
    const wchar_t *found = wmemchr((const wchar_t *)p, (wchar_t)value, count);
    return found ? (size_t)(found - (const wchar_t *)p) : count;
}

#endif
