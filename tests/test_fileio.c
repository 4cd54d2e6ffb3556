/* test_fileio.c: folder listing and all-or-nothing writes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "test.h"

static char dir[64];

static void put(const char *name)
{
    char path[128], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(file_write_atomic(path, "x", 1, 0600, err) == 0);
}

static void test_list(void)
{
    put("b.csv");
    put("a.csv");
    put(".hidden.csv");
    put("notes.txt");
    put("c.csv");
    char *names[8], err[ERR_LEN];
    int n = file_list(dir, ".csv", names, 8, err);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(names[0], "a.csv");
        CHECK_STR(names[1], "b.csv");
        CHECK_STR(names[2], "c.csv");
    }
    file_list_free(names, n);
    /* more files than room: an error naming the folder, never a silent cut */
    CHECK_INT(file_list(dir, ".csv", names, 2, err), -1);
    CHECK(strstr(err, dir) != NULL && strstr(err, "more than 2") != NULL);
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nope", dir);
    CHECK_INT(file_list(missing, ".csv", names, 8, err), -1);
    CHECK(strstr(err, "nope") != NULL);
}

static void test_atomic_write(void)
{
    char path[128], tmp[140], err[ERR_LEN], *buf = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/out.bin", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(file_write_atomic(path, "hello", 5, 0600, err) == 0);
    CHECK(file_write_atomic(path, "bye", 3, 0600, err) == 0);
    CHECK(access(tmp, F_OK) != 0);
    CHECK(file_read_all(path, 100, &buf, &len, err) == 0);
    CHECK(len == 3 && buf && memcmp(buf, "bye", 3) == 0);
    free(buf);
    CHECK(file_read_all(path, 2, &buf, &len, err) != 0); /* over the limit */
    CHECK(strstr(err, "too large") != NULL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/chorus-fileio-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    RUN(test_list);
    RUN(test_atomic_write);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("fileio");
}
