# Chorus: the kiosk (kiosk/), the council tool (sync/) and what both share (common/).
#
#   make        build only (the programs, the tests, the tools and the benchmarks)
#   make run    install what is missing, build, make development keys under var/, open the kiosk
#   make test   install what is missing, build plain and under ASan+UBSan, run the whole suite on
#               both at once (TEST_JOBS tests at a time, default 2)
#   make test-quick  the plain build's unit tests and every scenario not marked slow (~20 s)
#   tests/run.sh BUILD NAME...   just the named unit tests or scenarios (see tests/run.sh)
#   make demo   the whole journey headless: kiosk, export, import, receipt, report, plan
#   make check  clang-tidy and cppcheck over the sources;  make format  clang-format them
#   make long   the long kill harnesses (thousands of SIGKILLs of the kiosk and of an import)
#   make fuzz   every libFuzzer target (clang) for FUZZ_SECONDS each, growing the corpora
#   make bench  optimised builds, each figure beside its floor or peer measured in the same run
#   make install / make uninstall   the programs, their assets and the systemd units under
#               DESTDIR PREFIX (default /usr/local); built apart, in build/installed/PREFIX
#   make deb    the Debian packages (dpkg-buildpackage), checked by lintian, into build/deb/;
#               make deb-check installs, uses, upgrades and purges them here (root; not in test)
#   make cross  an arm64 build (Debian's cross compiler, multiarch) and its unit tests in qemu
#
# Builds go to build/ (plain) and build/asan/ (sanitizers). Nothing is read from system font paths.

BUILD   ?= build
SAN     ?= 0
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

# Debian packages the build and the tests need; `make deps` installs the missing ones as root.
DEBS = gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfribidi-dev \
       libsqlite3-dev libsodium-dev sqlite3 libespeak-ng-dev espeak-ng-data valgrind libgfshare-dev \
       libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev xvfb xdotool x11-apps \
       libmicrohttpd-dev libcurl4-gnutls-dev openssl curl \
       strace systemd cage xwayland postgresql libpq-dev

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Werror
# Error messages are cut to ERR_LEN on purpose (a long path must not hide the reason), so
# snprintf truncation of messages is not a warning here; data is never cut silently.
WARN += -Wno-format-truncation
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

CPPFLAGS += -D_DEFAULT_SOURCE -Icommon -Ikiosk -MMD -MP
# The installed places, compiled in (common/defaults.h): only a build for `make install` has
# them; every other build finds assets/ and var/ where it is started, as `make run` wants.
PREFIX        ?= /usr/local
DESTDIR       ?=
LOCALSTATEDIR ?= /var
BINDIR         = $(PREFIX)/bin
SHAREDIR       = $(PREFIX)/share/chorus
KIOSK_DIR     ?= $(LOCALSTATEDIR)/lib/chorus
COUNCIL_DIR   ?= $(LOCALSTATEDIR)/lib/chorus-council
INSTALL_PATHS  = -DCHORUS_SHARE_DIR='"$(SHAREDIR)"' -DCHORUS_KIOSK_DIR='"$(KIOSK_DIR)"' \
                 -DCHORUS_COUNCIL_DIR='"$(COUNCIL_DIR)"'
ifeq ($(INSTALLED),1)
CPPFLAGS += $(INSTALL_PATHS)
endif
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread

SODIUM_CFLAGS = $(shell $(PKG_CONFIG) --cflags libsodium sqlite3 libzip expat freexl xlsxwriter 2>/dev/null)
SODIUM_LIBS   = $(shell $(PKG_CONFIG) --libs libsodium sqlite3 libzip expat freexl 2>/dev/null)
# The council database on PostgreSQL (sync/store_pg.c): libpq. Only sync/ and its tests use it.
PQ_CFLAGS     = $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PQ_LIBS       = $(shell $(PKG_CONFIG) --libs libpq 2>/dev/null || echo -lpq)
# Shamir's secret sharing of the council key (libgfshare has no .pc file).
GFSHARE_LIBS  = -lgfshare
# Workbooks out (sync/sheet.c): the council tool and the tests link it, the kiosk does not.
XLSXW_LIBS    = $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)
SDL_CFLAGS    = $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf SDL2_image fribidi 2>/dev/null)
SDL_LIBS      = $(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf SDL2_image fribidi 2>/dev/null)
# Read-aloud (kiosk/speech.c); Debian 12 ships espeak-ng.pc, older systems may not.
ESPEAK_LIBS   = $(shell $(PKG_CONFIG) --libs espeak-ng 2>/dev/null || echo -lespeak-ng)
# The network: the council's server (sync/serve.c) on libmicrohttpd, the kiosk's `sync`
# (kiosk/netsync.c) on libcurl; both do TLS through GnuTLS.
MHD_LIBS      = $(shell $(PKG_CONFIG) --libs libmicrohttpd 2>/dev/null || echo -lmicrohttpd)
CURL_LIBS     = $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null || echo -lcurl)

COMMON_SRC = $(wildcard common/*.c)
# The kiosk core knows no SDL: screens, views, store, PIN. Only the files listed in KIOSK_SDL do.
KIOSK_SDL  = kiosk/main.c kiosk/render.c kiosk/script.c kiosk/text.c kiosk/speech.c kiosk/keys.c
KIOSK_CORE = $(filter-out $(KIOSK_SDL),$(wildcard kiosk/*.c))
SYNC_SRC   = $(wildcard sync/*.c)
# Everything of sync/ but main.c is a library, so the tests can link it.
SYNC_LIB_SRC = $(filter-out sync/main.c,$(SYNC_SRC))
TEST_SRC   = $(wildcard tests/test_*.c)
# Programs the scenarios and benchmarks use to make inputs (e.g. a signed bundle of N responses).
TOOL_SRC   = $(wildcard tests/tools/*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

LIBCOMMON = $(BUILD)/libchorus-common.a
LIBKIOSK  = $(BUILD)/libchorus-kiosk.a
LIBSYNC   = $(BUILD)/libchorus-sync.a
KIOSK_BIN = $(BUILD)/chorus-kiosk
SYNC_BIN  = $(BUILD)/chorus-sync
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TOOL_BINS = $(patsubst tests/tools/%.c,$(BUILD)/tests/tools/%,$(TOOL_SRC))
# More binaries `build` makes, added by the included makefiles (e.g. the fuzz corpus replays).
EXTRA_BINS =
.DEFAULT_GOAL := all
# The fuzz targets and their corpus replays (make fuzz), the benchmarks (make bench).
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk

.PHONY: run-kiosk demo-run long-run
.PHONY: all build deps run test test-quick test-plain test-asan build-asan check format clean \
        demo long programs install uninstall install-build deb deb-check cross deps-cross \
        build-cross
# Keep object files of tests between runs (they are intermediate files to make).
.SECONDARY:

# Installing packages stays with run, test and deps: `make` only builds.
all: build

build: $(KIOSK_BIN) $(SYNC_BIN) $(TEST_BINS) $(TOOL_BINS) $(EXTRA_BINS)

programs: $(KIOSK_BIN) $(SYNC_BIN)

# need LIST: installs the Debian packages of LIST that are missing (as root), or says which.
need = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; echo "run as root: apt-get install$$missing"; exit 1; \
	  fi; \
	fi

deps:
	@$(call need,$(DEBS))

$(BUILD)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) -c $< -o $@

# The kiosk core is compiled without SDL's include paths, so "the core knows no SDL" is the
# compiler's to enforce: an #include <SDL.h> there does not build.
$(BUILD)/kiosk/%.o: kiosk/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) -c $< -o $@

$(call obj,$(KIOSK_SDL)): $(BUILD)/kiosk/%.o: kiosk/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) $(SDL_CFLAGS) -c $< -o $@

$(BUILD)/sync/%.o: sync/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) $(PQ_CFLAGS) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests $(ALL_CFLAGS) $(SODIUM_CFLAGS) -c $< -o $@

$(LIBCOMMON): $(call obj,$(COMMON_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBKIOSK): $(call obj,$(KIOSK_CORE))
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBSYNC): $(call obj,$(SYNC_LIB_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

$(KIOSK_BIN): $(call obj,$(KIOSK_SDL)) $(LIBKIOSK) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(SDL_LIBS) $(ESPEAK_LIBS) $(SODIUM_LIBS) $(CURL_LIBS) -lm

$(SYNC_BIN): $(call obj,sync/main.c) $(LIBSYNC) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(SODIUM_LIBS) $(PQ_LIBS) $(XLSXW_LIBS) $(MHD_LIBS) $(GFSHARE_LIBS) -lm

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBSYNC) $(LIBKIOSK) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(SODIUM_LIBS) $(PQ_LIBS) $(XLSXW_LIBS) $(MHD_LIBS) $(CURL_LIBS) $(GFSHARE_LIBS) -lm

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIBSYNC) $(LIBKIOSK) $(LIBCOMMON)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests $(ALL_CFLAGS) $(SODIUM_CFLAGS) -o $@ $(filter %.c %.a,$^) $(SODIUM_LIBS) $(PQ_LIBS) $(XLSXW_LIBS) $(CURL_LIBS) -lm

# The fault-injection test: every write, fsync and allocation our own objects make goes
# through the counters of tests/fault.c (SQLite's go through its VFS and allocator there).
FAULT_WRAP = -Wl,--wrap=write,--wrap=fsync,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
$(BUILD)/tests/test_faults: $(BUILD)/tests/test_faults.o $(BUILD)/tests/fault.o $(LIBSYNC) \
                            $(LIBKIOSK) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) $(FAULT_WRAP) -o $@ $^ $(SODIUM_LIBS) $(PQ_LIBS) $(XLSXW_LIBS) $(CURL_LIBS) -lm

# Tests that draw (tests/test_sdl_*.c) are built with SDL and linked with the drawing objects.
$(BUILD)/tests/test_sdl_%.o: tests/test_sdl_%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests $(ALL_CFLAGS) $(SODIUM_CFLAGS) $(SDL_CFLAGS) -c $< -o $@

$(BUILD)/tests/test_sdl_%: $(BUILD)/tests/test_sdl_%.o $(call obj,kiosk/render.c kiosk/text.c) \
                           $(LIBKIOSK) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(SDL_LIBS) $(SODIUM_LIBS) $(CURL_LIBS) -lm

# The whole suite: every unit test and headless scenario, in the plain build and under
# AddressSanitizer and UndefinedBehaviorSanitizer, both builds' tests in one pool of TEST_JOBS
# (the slow scenarios first), both builds compiled TEST_JOBS files at a time. The heavy harnesses
# run small here; `make long` runs thousands.
TEST_JOBS ?= 2
ASAN_BUILD = build/asan
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

test: deps
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) build
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) build-asan
	@$(SAN_ENV) tests/run.sh -j $(TEST_JOBS) $(BUILD) $(ASAN_BUILD)

test-quick: build
	@tests/run.sh -j $(TEST_JOBS) --quick $(BUILD)

test-plain: build
	@tests/run.sh -j $(TEST_JOBS) $(BUILD)

build-asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) SAN=1 CFLAGS="-O1 -g" build

test-asan: build-asan
	@$(SAN_ENV) tests/run.sh -j $(TEST_JOBS) $(ASAN_BUILD)

# Development keys and a kiosk data folder, made once. The council's secret keys live apart from
# the kiosk's folder, as they would on separate machines; the kiosk gets only the public key.
var/council/council-box.pub: | $(SYNC_BIN)
	$(SYNC_BIN) keygen --dir var/council --plain

run: deps
	@$(MAKE) --no-print-directory build var/council/council-box.pub
	@$(MAKE) --no-print-directory run-kiosk

run-kiosk:
	$(KIOSK_BIN) --data var/kiosk --council-key var/council/council-box.pub \
	  --council-sign-key var/council/council-sign.pub --surveys assets/surveys

# The whole journey headless: kiosk sessions over two quarters, export, import, receipt, report
# and plan. Everything under var/demo; prints where the report is.
demo: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory demo-run

demo-run:
	@sh tests/demo.sh $(BUILD) var/demo

# The long modes of the kill harnesses (tests/long.sh says how many rounds).
long: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory long-run

long-run:
	@sh tests/long.sh $(BUILD)

# ---- make cross: arm64 (Raspberry Pi 4 and 5) ----
# Debian's cross compiler, qemu-user and the arm64 packages (multiarch) of every library the
# build links, installed when missing as deps does (the arm64 architecture added first); then
# the plain build into CROSS_BUILD with the cross compiler and the arm64 .pc files, and every
# unit test there run under qemu-aarch64 (tests/cross.sh). Not part of `make test`.
# libpq-dev and libgfshare-dev are Multi-Arch: none (one copy of their headers in /usr/include),
# so their arm64 packages cannot be installed beside the amd64 ones the plain build needs: only
# the arm64 libraries are (libpq5, libgfshare2); the headers are the amd64 packages' (the ones
# the sources include are the same files in both; dpkg keeps the versions equal) and the link
# names the library file.
CROSS_BUILD    = build/arm64
CROSS_HOST     = aarch64-linux-gnu
CROSS_DEV_NONE = libpq-dev libgfshare-dev
CROSS_DEBS     = gcc-$(CROSS_HOST) qemu-user file $(CROSS_DEV_NONE) libpq5:arm64 \
                 libgfshare2:arm64 \
                 $(addsuffix :arm64,$(filter-out $(CROSS_DEV_NONE),$(filter lib%-dev,$(DEBS))))
# pkgconf's aarch64-linux-gnu-pkg-config when there is one, else pkg-config kept to the arm64
# .pc files.
CROSS_PKG_CONFIG = $(or $(shell command -v $(CROSS_HOST)-pkg-config 2>/dev/null),env \
                   PKG_CONFIG_LIBDIR=/usr/lib/$(CROSS_HOST)/pkgconfig:/usr/share/pkgconfig pkg-config)

deps-cross:
	@if ! dpkg --print-foreign-architectures | grep -qx arm64; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "adding the arm64 architecture"; dpkg --add-architecture arm64; \
	  else echo "run as root: dpkg --add-architecture arm64"; exit 1; fi; \
	fi
	@$(call need,$(CROSS_DEBS))

build-cross:
	@$(MAKE) --no-print-directory BUILD=$(CROSS_BUILD) CC=$(CROSS_HOST)-gcc AR=$(CROSS_HOST)-ar \
	  PKG_CONFIG="$(CROSS_PKG_CONFIG)" PQ_LIBS=-l:libpq.so.5 GFSHARE_LIBS=-l:libgfshare.so.2 build

cross: deps-cross
	@$(MAKE) --no-print-directory build-cross
	@sh tests/cross.sh $(CROSS_BUILD)

check: deps
	clang-tidy --quiet $(COMMON_SRC) $(KIOSK_CORE) $(SYNC_SRC) -- $(CPPFLAGS) -std=c11 $(SODIUM_CFLAGS)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
	  -Icommon -Ikiosk common kiosk sync

format:
	clang-format -i common/*.[ch] kiosk/*.[ch] sync/*.[ch] tests/*.[ch]

clean:
	rm -rf build

# ---- make install, make uninstall ----
# The FHS as Debian reads it: programs in PREFIX/bin, what they only read in PREFIX/share/chorus,
# the kiosk's data in /var/lib/chorus and the council's in /var/lib/chorus-council (made by the
# package or by systemd's StateDirectory=, not here: DESTDIR is a staging folder). The programs
# are compiled apart with those places in them (INSTALL_BUILD); `make run` keeps build/.
# The units name the programs by BINDIR, so they are written from dist/systemd/*.in.
INSTALL_BUILD ?= build/installed$(PREFIX)
INSTALL       ?= install
SHARE_PARTS    = fonts images audio surveys plan
SYSCONFDIR    ?= /etc
SYSTEMDDIR    ?= $(PREFIX)/lib/systemd
UNITS          = $(patsubst dist/systemd/%.in,%,$(wildcard dist/systemd/*.service.in))
JOURNALD_CONF  = journald@chorus.conf
# The folder a build was compiled for is written beside it: another PREFIX, KIOSK_DIR or
# COUNCIL_DIR into the same folder builds afresh rather than installing stale paths.
install-build:
	@mkdir -p $(dir $(INSTALL_BUILD))
	@echo "$(subst ",,$(INSTALL_PATHS)) $(CFLAGS) $(SAN)" >$(INSTALL_BUILD).paths.new
	@cmp -s $(INSTALL_BUILD).paths.new $(INSTALL_BUILD)/paths || \
	  { rm -rf $(INSTALL_BUILD) && mkdir -p $(INSTALL_BUILD) && \
	    mv $(INSTALL_BUILD).paths.new $(INSTALL_BUILD)/paths; }
	@rm -f $(INSTALL_BUILD).paths.new
	@$(MAKE) --no-print-directory BUILD=$(INSTALL_BUILD) INSTALLED=1 programs

# dist/systemd/NAME.in -> NAME, with @BINDIR@, @SHAREDIR@, @KIOSK_DIR@ and @COUNCIL_DIR@ filled in.
UNITDIR        = $(SYSTEMDDIR)/system
$(INSTALL_BUILD)/systemd/%: dist/systemd/%.in
	@mkdir -p $(@D)
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SHAREDIR@|$(SHAREDIR)|g' \
	  -e 's|@KIOSK_DIR@|$(KIOSK_DIR)|g' -e 's|@COUNCIL_DIR@|$(COUNCIL_DIR)|g' $< >$@

install: install-build $(addprefix $(INSTALL_BUILD)/systemd/,$(UNITS) $(JOURNALD_CONF))
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(UNITDIR) \
	  $(DESTDIR)$(SYSCONFDIR)/pam.d
	$(INSTALL) -m 0755 $(INSTALL_BUILD)/chorus-kiosk $(INSTALL_BUILD)/chorus-sync $(DESTDIR)$(BINDIR)
	for d in $(SHARE_PARTS); do \
	  $(INSTALL) -d $(DESTDIR)$(SHAREDIR)/$$d && \
	  $(INSTALL) -m 0644 assets/$$d/* $(DESTDIR)$(SHAREDIR)/$$d || exit 1; \
	done
	$(INSTALL) -m 0644 $(addprefix $(INSTALL_BUILD)/systemd/,$(UNITS)) $(DESTDIR)$(UNITDIR)
	$(INSTALL) -m 0644 $(INSTALL_BUILD)/systemd/$(JOURNALD_CONF) $(DESTDIR)$(SYSTEMDDIR)
	$(INSTALL) -m 0644 dist/pam/chorus-kiosk $(DESTDIR)$(SYSCONFDIR)/pam.d/chorus-kiosk

# Removes exactly what install put there, and the folders when they are left empty; never the
# data folders.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/chorus-kiosk $(DESTDIR)$(BINDIR)/chorus-sync
	for d in $(SHARE_PARTS); do \
	  for f in assets/$$d/*; do rm -f $(DESTDIR)$(SHAREDIR)/$$d/$${f##*/}; done; \
	  rmdir $(DESTDIR)$(SHAREDIR)/$$d 2>/dev/null || true; \
	done
	rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null || true
	rm -f $(addprefix $(DESTDIR)$(UNITDIR)/,$(UNITS)) $(DESTDIR)$(SYSTEMDDIR)/$(JOURNALD_CONF) \
	  $(DESTDIR)$(SYSCONFDIR)/pam.d/chorus-kiosk

# ---- make deb ----
# The Debian packages chorus-kiosk, chorus-sync and chorus-data (dist/debian/), built by
# dpkg-buildpackage from a copy of the sources in build/deb/ (the source tree gets no debian/
# folder and no build output), then checked by lintian: any error fails. The .deb files are
# left in build/deb/.
DEB_TOOLS   = debhelper dpkg-dev fakeroot lintian
DEB_DIR     = build/deb
DEB_VERSION = $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' dist/debian/changelog)
DEB_SRC     = $(DEB_DIR)/chorus-$(DEB_VERSION)
DEB_PARTS   = Makefile README.md FORMATS.md TRANSLATIONS.md common kiosk sync assets dist

deb: deps
	@$(call need,$(DEB_TOOLS))
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_SRC)
	cp -R $(DEB_PARTS) $(DEB_SRC)/
	cp -R dist/debian $(DEB_SRC)/debian
	cd $(DEB_SRC) && dpkg-buildpackage --build=binary --no-sign
	lintian --fail-on error $(DEB_DIR)/chorus_$(DEB_VERSION)_*.changes
	@ls $(DEB_DIR)/*.deb

# The packages installed, used, upgraded and purged on this machine (as root; it changes the
# system, so it is not part of make test): tests/deb_check.sh.
deb-check: deb build
	sh tests/deb_check.sh $(BUILD)

# Dependency files of the objects (never under a package's staging folder, build/deb, whose
# etc/pam.d is a folder named like one).
-include $(shell find $(BUILD) -path $(BUILD)/deb -prune -o -name '*.d' -type f -print 2>/dev/null)
