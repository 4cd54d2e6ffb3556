/* netpoke: bad network clients for tests/scripts/network.sh, on loopback only.
 *
 *   netpoke headers PORT KEYHEX LENGTH
 *       sends only the headers of a POST of a bundle of LENGTH bytes from kiosk key KEYHEX,
 *       and prints the status line the server answers with before any body is sent (within
 *       5 s); exit 1 when none comes
 *   netpoke trickle PORT KEYHEX SECONDS
 *       a POST of 100000 bytes whose body comes one byte a second; prints "closed after N s"
 *       when the server drops it, or "open after N s" after SECONDS (exit 1)
 *   netpoke crawl PORT KEYHEX SECONDS
 *       the headers of such a POST one byte a second, so the connection is never silent for
 *       long and its request never whole: as trickle
 *   netpoke silent PORT SECONDS
 *       half a request line, then nothing: as trickle
 *   netpoke cut PORTFILE TARGET_PORT COUNT
 *       a proxy on 127.0.0.1 (its port written to PORTFILE) that passes each of COUNT
 *       requests to 127.0.0.1:TARGET_PORT whole, reads the server's whole answer, and then
 *       closes the client's connection without passing a byte of it on: the council has
 *       stored the bundle, and the kiosk never reads its receipt */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int die(const char *what)
{
    fprintf(stderr, "netpoke: %s: %s\n", what, strerror(errno));
    return 2;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
        return -1;
    return fd;
}

static int send_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* 1 if the peer closed (or reset) fd within ms milliseconds; what it sent is read and dropped. */
static int closed_within(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    char buf[4096];
    long long end = (long long)time(NULL) * 1000 + ms;
    for (;;) {
        long long left = end - (long long)time(NULL) * 1000;
        if (left <= 0)
            return 0;
        int r = poll(&p, 1, (int)left);
        if (r <= 0)
            return 0;
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return 1;
    }
}

/* silent: half a request line, then nothing; crawl: the headers a byte a second; else the
 * headers at once and the body a byte a second. */
static int slow(int port, const char *key, int seconds, int silent, int crawl)
{
    int fd = connect_to(port);
    if (fd < 0)
        return die("connect");
    char head[512];
    if (silent)
        snprintf(head, sizeof head, "POST /v1/bun");
    else
        snprintf(head, sizeof head,
                 "POST /v1/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Chorus-Kiosk: %s\r\n"
                 "Content-Length: 100000\r\n\r\n",
                 key);
    size_t sent = crawl ? 1 : strlen(head);
    if (send_all(fd, head, sent) != 0)
        return die("send");
    time_t start = time(NULL);
    for (int s = 0; s < seconds; s++) {
        if (closed_within(fd, 1000)) {
            printf("closed after %ld s\n", (long)(time(NULL) - start));
            return 0;
        }
        const char *next = crawl && sent < strlen(head) ? head + sent++ : "x";
        if (!silent && send_all(fd, next, 1) != 0) {
            printf("closed after %ld s\n", (long)(time(NULL) - start));
            return 0;
        }
    }
    printf("open after %ld s\n", (long)(time(NULL) - start));
    return 1;
}

static int headers(int port, const char *key, const char *length)
{
    int fd = connect_to(port);
    if (fd < 0)
        return die("connect");
    char head[512], got[512];
    snprintf(head, sizeof head,
             "POST /v1/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Chorus-Kiosk: %s\r\n"
             "Content-Length: %s\r\n\r\n",
             key, length);
    if (send_all(fd, head, strlen(head)) != 0)
        return die("send");
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 5000) <= 0)
        return 1;
    ssize_t n = recv(fd, got, sizeof got - 1, 0);
    if (n <= 0)
        return 1;
    got[n] = '\0';
    got[strcspn(got, "\r\n")] = '\0';
    printf("%s\n", got);
    return 0;
}

/* Reads one whole HTTP message (headers, then Content-Length bytes) from fd into buf. Returns
 * its length, or -1. */
static ssize_t read_message(int fd, char *buf, size_t cap)
{
    size_t len = 0, need = 0;
    for (;;) {
        if (len == cap)
            return -1;
        ssize_t n = recv(fd, buf + len, cap - len, 0);
        if (n <= 0)
            return need && len >= need ? (ssize_t)len : -1;
        len += (size_t)n;
        if (!need) {
            buf[len < cap ? len : cap - 1] = '\0';
            char *end = strstr(buf, "\r\n\r\n");
            if (end) {
                const char *cl = strcasestr(buf, "\r\nContent-Length:");
                size_t body = cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0;
                need = (size_t)(end + 4 - buf) + body;
            }
        }
        if (need && len >= need)
            return (ssize_t)len;
    }
}

static int cut(const char *portfile, int target, int count)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 8) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &alen) != 0)
        return die("listen");
    FILE *f = fopen(portfile, "w");
    if (!f)
        return die(portfile);
    fprintf(f, "%d\n", ntohs(a.sin_port));
    fclose(f);
    size_t cap = 64u << 20;
    char *buf = malloc(cap);
    if (!buf)
        return die("malloc");
    for (int i = 0; i < count; i++) {
        int c = accept(ls, NULL, NULL);
        if (c < 0)
            return die("accept");
        ssize_t n = read_message(c, buf, cap);
        int s = n > 0 ? connect_to(target) : -1;
        if (s >= 0 && send_all(s, buf, (size_t)n) == 0) {
            ssize_t m = read_message(s, buf, cap);
            buf[m > 0 ? (m < 40 ? m : 40) : 0] = '\0';
            buf[strcspn(buf, "\r\n")] = '\0';
            printf("passed a request on, dropped the answer \"%s\"\n", buf);
        }
        if (s >= 0)
            close(s);
        close(c); /* the answer never reaches the client */
    }
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 5 && strcmp(argv[1], "headers") == 0)
        return headers(atoi(argv[2]), argv[3], argv[4]);
    if (argc == 5 && strcmp(argv[1], "trickle") == 0)
        return slow(atoi(argv[2]), argv[3], atoi(argv[4]), 0, 0);
    if (argc == 5 && strcmp(argv[1], "crawl") == 0)
        return slow(atoi(argv[2]), argv[3], atoi(argv[4]), 0, 1);
    if (argc == 4 && strcmp(argv[1], "silent") == 0)
        return slow(atoi(argv[2]), "", atoi(argv[3]), 1, 0);
    if (argc == 5 && strcmp(argv[1], "cut") == 0)
        return cut(argv[2], atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: netpoke headers PORT KEYHEX LENGTH | trickle PORT KEYHEX SECONDS | "
                    "crawl PORT KEYHEX SECONDS\n       | silent PORT SECONDS | cut PORTFILE "
                    "TARGET_PORT COUNT\n");
    return 2;
}
