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
 * for XLSForm, where yes/no columns accept 1 and 0 as they accept TRUE and FALSE. */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "workbook.h"

static int put_all(int fd, const char *buf, size_t len)
{
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

static int read_sheet(WorkbookBuilder *b, const void *h, unsigned short s)
{
    if (freexl_select_active_worksheet(h, s) != FREEXL_OK)
        return workbook_fail(b, 0, 0, "broken .xls: cannot select the sheet");
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
        return workbook_fail(b, 0, 0, "broken .xls: the sheet's size cannot be read");
    for (unsigned int r = 0; r < rows; r++) {
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
                return workbook_fail(b, (int)r + 1, c + 1, "broken .xls: the cell cannot be read");
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
            if (t && workbook_set_cell(b, (int)r + 1, c + 1, t, strlen(t)) != 0)
                return -1;
        }
    }
    return 0;
}

int workbook_read_xls(WorkbookBuilder *b, const char *buf, size_t len)
{
    int rc = -1;
    const void *h = NULL;
    int fd = memfd_create("chorus-xls", MFD_CLOEXEC);
    if (fd < 0)
        return workbook_fail(b, 0, 0, "cannot read .xls here: memfd_create: %s",
                             strerror(errno));
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (put_all(fd, buf, len) != 0) {
        workbook_fail(b, 0, 0, "cannot read .xls here: %s", strerror(errno));
        goto done;
    }
    /* freexl sets aside every cell of each sheet's stated size when it opens a file, so the
     * sizes are read first (an open for metadata sets aside none) and a file whose sheets
     * claim more than WORKBOOK_XLS_CELLS_MAX cells is refused before any is set aside. */
    int e = freexl_open_info(path, &h);
    if (e != FREEXL_OK) {
        workbook_fail(b, 0, 0, "not a readable .xls workbook (truncated or damaged: freexl error %d)",
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
        workbook_fail(b, 0, 0,
                      "the .xls workbook's sheets claim %llu cells, more than %d "
                      "(WORKBOOK_XLS_CELLS_MAX): refused",
                      cells, WORKBOOK_XLS_CELLS_MAX);
        goto done;
    }
    e = freexl_open(path, &h);
    if (e != FREEXL_OK) {
        workbook_fail(b, 0, 0, "not a readable .xls workbook (truncated or damaged: freexl error %d)",
                      e);
        goto done;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        workbook_fail(b, 0, 0, "the .xls workbook is password-protected: save it without one");
        goto done;
    }
    unsigned int nsheets = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) {
        workbook_fail(b, 0, 0, "broken .xls: the sheets cannot be counted");
        goto done;
    }
    for (unsigned int s = 0; s < nsheets && s < 65535; s++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)s, &name) != FREEXL_OK || !name) {
            workbook_fail(b, 0, 0, "broken .xls: a sheet's name cannot be read");
            goto done;
        }
        int kept = workbook_open_sheet(b, name, (int)nsheets);
        if (kept < 0)
            goto done;
        if (kept && read_sheet(b, h, (unsigned short)s) != 0)
            goto done;
    }
    rc = 0;
done:
    if (h)
        freexl_close(h);
    close(fd);
    return rc;
}
