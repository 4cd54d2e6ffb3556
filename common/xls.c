/* xls.c: the .xls (Excel 97-2003, BIFF) reader behind workbook.h, on freexl.
 *
 * Start reading at workbook_read_xls(). freexl opens files by path only, and a survey arrives
 * as bytes already read (and size-checked, CSV_FILE_MAX) from a file that was refused if it was
 * a link: the bytes are put in an anonymous memory file (memfd) and freexl opens that through
 * /proc/self/fd, so nothing is written to disk and the file freexl reads is the one checked.
 *
 * freexl gives dates as text ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "HH:MM:SS"); a date alone is
 * given a midnight, as pyxform's str(datetime) prints it. freexl reads a boolean cell as the
 * integer 0 or 1, where pyxform prints FALSE / TRUE: the one difference from pyxform, harmless
 * for XLSForm, where yes/no columns accept 1 and 0 as they accept TRUE and FALSE.
 *
 * freexl runs in a child process. Fuzzing Debian's freexl 1.0.6 with hostile .xls files found
 * it reading past a buffer of its own (a string's length taken from the file, in its iconv
 * conversion), so a crash or an overread there must not take the kiosk or the council's tool
 * with it: the child reads the file and sends each sheet and cell down a pipe, the parent
 * builds the table from those (checking every length, at most WORKBOOK_UNZIPPED_MAX bytes), and
 * a child that dies is a refused file, never a dead program. */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "workbook.h"

static int put_all(int fd, const void *data, size_t len)
{
    const char *buf = data;
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* ---- the child: freexl, and what it finds sent down the pipe ----
 *
 * Each event is a byte ('S' a sheet, 'C' a cell, 'E' the error that ends the file), then three
 * uint32 (for S: the workbook's sheet count, 0, 0; else the row and column, 1-based) and a
 * uint32 length, then that many bytes (the sheet's name, the cell's text, the reason). */

static int emit(int fd, char kind, uint32_t a, uint32_t c, const char *text)
{
    size_t n = strlen(text);
    if (n > CSV_FIELD_MAX + 1) /* the parent refuses it by CSV_FIELD_MAX: no need for more */
        n = CSV_FIELD_MAX + 1;
    uint32_t head[4] = {a, c, 0, (uint32_t)n};
    return put_all(fd, &kind, 1) || put_all(fd, head, sizeof head) || put_all(fd, text, n) ? -1
                                                                                            : 0;
}

static int child_fail(int fd, unsigned row, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int child_fail(int fd, unsigned row, unsigned col, const char *fmt, ...)
{
    char reason[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    emit(fd, 'E', row, col, reason);
    return -1;
}

static int read_sheet(int fd, const void *h, unsigned short s)
{
    if (freexl_select_active_worksheet(h, s) != FREEXL_OK)
        return child_fail(fd, 0, 0, "broken .xls: cannot select the sheet");
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
        return child_fail(fd, 0, 0, "broken .xls: the sheet's size cannot be read");
    for (unsigned int r = 0; r < rows; r++) {
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
                return child_fail(fd, r + 1, c + 1u, "broken .xls: the cell cannot be read");
            char num[40];
            const char *t = NULL;
            switch (v.type) {
            case FREEXL_CELL_INT:
                snprintf(num, sizeof num, "%d", v.value.int_value);
                t = num;
                break;
            case FREEXL_CELL_DOUBLE:
                workbook_number_text(v.value.double_value, num);
                t = num;
                break;
            case FREEXL_CELL_DATE:
                snprintf(num, sizeof num, "%.10s 00:00:00",
                         v.value.text_value ? v.value.text_value : "");
                t = num;
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                t = v.value.text_value;
                break;
            default:
                break;
            }
            if (t && *t && emit(fd, 'C', r + 1, c + 1u, t) != 0)
                return -1;
        }
    }
    return 0;
}

/* Reads the .xls at path (the memfd) and sends what it holds down fd. */
static void child_read(const char *path, int fd)
{
    const void *h = NULL;
    /* freexl sets aside every cell of each sheet's stated size when it opens a file, so the
     * sizes are read first (an open for metadata sets aside none) and a file whose sheets
     * claim more than WORKBOOK_XLS_CELLS_MAX cells is refused before any is set aside. */
    int e = freexl_open_info(path, &h);
    if (e != FREEXL_OK) {
        child_fail(fd, 0, 0, "not a readable .xls workbook (truncated or damaged: freexl error %d)",
                   e);
        goto done;
    }
    unsigned int count = 0;
    unsigned long long cells = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        count = 0;
    for (unsigned int s = 0; s < count && s < 65535; s++) {
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_select_active_worksheet(h, (unsigned short)s) == FREEXL_OK &&
            freexl_worksheet_dimensions(h, &rows, &cols) == FREEXL_OK)
            cells += (unsigned long long)rows * cols;
    }
    freexl_close(h);
    h = NULL;
    if (cells > WORKBOOK_XLS_CELLS_MAX) {
        child_fail(fd, 0, 0,
                   "the .xls workbook's sheets claim %llu cells, more than %d "
                   "(WORKBOOK_XLS_CELLS_MAX): refused",
                   cells, WORKBOOK_XLS_CELLS_MAX);
        goto done;
    }
    e = freexl_open(path, &h);
    if (e != FREEXL_OK) {
        child_fail(fd, 0, 0, "not a readable .xls workbook (truncated or damaged: freexl error %d)",
                   e);
        goto done;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        child_fail(fd, 0, 0, "the .xls workbook is password-protected: save it without one");
        goto done;
    }
    unsigned int nsheets = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) {
        child_fail(fd, 0, 0, "broken .xls: the sheets cannot be counted");
        goto done;
    }
    for (unsigned int s = 0; s < nsheets && s < 65535; s++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)s, &name) != FREEXL_OK || !name) {
            child_fail(fd, 0, 0, "broken .xls: a sheet's name cannot be read");
            goto done;
        }
        if (emit(fd, 'S', nsheets, 0, name) != 0 || read_sheet(fd, h, (unsigned short)s) != 0)
            goto done;
    }
done:
    if (h)
        freexl_close(h);
}

/* ---- the parent: the events into the builder ---- */

static int replay(WorkbookBuilder *b, const char *ev, size_t len)
{
    size_t at = 0;
    while (at < len) {
        uint32_t head[4];
        if (len - at < 1 + sizeof head)
            return workbook_fail(b, 0, 0, "the .xls reader stopped part way: refused");
        char kind = ev[at];
        memcpy(head, ev + at + 1, sizeof head);
        at += 1 + sizeof head;
        if (head[3] > len - at)
            return workbook_fail(b, 0, 0, "the .xls reader stopped part way: refused");
        const char *text = ev + at;
        at += head[3];
        if (head[0] > 1048576 || head[1] > 65536)
            return workbook_fail(b, 0, 0, "the .xls reader sent a cell outside a sheet");
        int row = (int)head[0], col = (int)head[1];
        if (kind == 'S') {
            char name[WORKBOOK_SHEET_NAME_MAX];
            snprintf(name, sizeof name, "%.*s", (int)head[3], text);
            if (workbook_open_sheet(b, name, row) < 0)
                return -1;
        } else if (kind == 'C') {
            if (memchr(text, 0, head[3]))
                return workbook_fail(b, row, col, "a NUL byte in a cell");
            if (workbook_set_cell(b, row, col, text, head[3]) != 0)
                return -1;
        } else if (kind == 'E') {
            return workbook_fail(b, row, col, "%.*s", (int)head[3], text);
        } else {
            return workbook_fail(b, 0, 0, "the .xls reader sent nonsense: refused");
        }
    }
    return 0;
}

int workbook_read_xls(WorkbookBuilder *b, const char *buf, size_t len)
{
    int rc = -1, fds[2] = {-1, -1};
    pid_t pid = -1;
    char *ev = NULL;
    size_t evlen = 0, evcap = 0;
    int fd = memfd_create("chorus-xls", MFD_CLOEXEC);
    if (fd < 0)
        return workbook_fail(b, 0, 0, "cannot read .xls here: memfd_create: %s",
                             strerror(errno));
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (put_all(fd, buf, len) != 0 || pipe2(fds, O_CLOEXEC) != 0) {
        workbook_fail(b, 0, 0, "cannot read .xls here: %s", strerror(errno));
        goto done;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        workbook_fail(b, 0, 0, "cannot read .xls here: fork: %s", strerror(errno));
        goto done;
    }
    if (pid == 0) {
        close(fds[0]);
        child_read(path, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    fds[1] = -1;
    for (;;) {
        if (evlen == evcap) {
            if (evcap >= WORKBOOK_UNZIPPED_MAX) {
                workbook_fail(b, 0, 0, "the .xls workbook holds more than %d bytes of cells "
                                       "(WORKBOOK_UNZIPPED_MAX): refused",
                              WORKBOOK_UNZIPPED_MAX);
                kill(pid, SIGKILL);
                goto done;
            }
            size_t cap = evcap ? evcap * 2 : 65536;
            char *n = realloc(ev, cap);
            if (!n) {
                workbook_fail(b, 0, 0, "out of memory");
                kill(pid, SIGKILL);
                goto done;
            }
            ev = n;
            evcap = cap;
        }
        ssize_t n = read(fds[0], ev + evlen, evcap - evlen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            workbook_fail(b, 0, 0, "cannot read .xls here: %s", strerror(errno));
            kill(pid, SIGKILL);
            goto done;
        }
        if (n == 0)
            break;
        evlen += (size_t)n;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    pid = -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        workbook_fail(b, 0, 0,
                      "the .xls reader (freexl) failed on this file (%s %d): damaged or "
                      "hostile, refused",
                      WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status)
                                                                  ? WTERMSIG(status)
                                                                  : WEXITSTATUS(status));
        goto done;
    }
    rc = replay(b, ev, evlen);
done:
    if (pid > 0)
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    free(ev);
    close(fd);
    return rc;
}
