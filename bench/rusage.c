// rusage OUT CMD ARGS...: runs CMD, waits for it, and writes to OUT "wall_us user_us sys_us maxrss_kb status".
// GNU time prints CPU seconds with two decimals; a 60 ms start needs microseconds. Built by bench/run.mjs.
// CPU time counts every descendant: as a child subreaper this process also collects the ones CMD
// left behind (ote-cert's PKCS#11 worker ends on its own after ote-cert has exited), so their CPU
// time is not lost. Wall time ends when CMD exits; maxrss is CMD's (and what it waited for).
#include <stdio.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long us(struct timeval t) { return (long long)t.tv_sec * 1000000 + t.tv_usec; }

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: rusage OUT CMD [ARGS...]\n");
		return 127;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid = fork();
	if (pid < 0) return 127;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) return 127;
	clock_gettime(CLOCK_MONOTONIC, &end);
	struct rusage other;
	while (wait4(-1, NULL, 0, &other) > 0) {
	}
	struct rusage all;
	getrusage(RUSAGE_CHILDREN, &all);
	long long wall = (end.tv_sec - start.tv_sec) * 1000000LL + (end.tv_nsec - start.tv_nsec) / 1000;
	FILE *out = fopen(argv[1], "w");
	if (!out) return 127;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(out, "%lld %lld %lld %ld %d\n", wall, us(all.ru_utime), us(all.ru_stime), ru.ru_maxrss, code);
	fclose(out);
	return code;
}
