# make bench: optimised builds, then every figure beside its floor or peer, measured in the same
# run by tests/bench/run.sh, which prints one table and writes it as CSV (build/bench/bench.csv).
# Not a test: a missed target never fails it. Included by the top Makefile.
#
#   make bench          the whole thing: about 12 minutes on two cores, and 10 more the first
#                       time (the report's database of a million responses is made once)
#   make bench BENCH_RUNS=3 BENCH_IDLE_SECONDS=5 BENCH_REPORT_ROWS=20000   a quick look
#
# The benchmark programs are built under BENCH_BUILD/tests/bench/ and are not named test_*, so
# tests/run.sh never runs them.

BENCH_BUILD  ?= build/bench
BENCH_CFLAGS ?= -O2 -g -DNDEBUG
BENCH_DIR     = $(BUILD)/tests/bench
BENCH_BINS    = $(BENCH_DIR)/measure $(BENCH_DIR)/redraw $(BENCH_DIR)/keystroke $(BENCH_DIR)/floor_draw \
                $(BENCH_DIR)/send $(BENCH_DIR)/floor_send $(BENCH_DIR)/floor_open
# Built by `make build` too, so that a change can't break them unnoticed until the next bench.
EXTRA_BINS   += $(BENCH_BINS)
# Besides the Debian packages of the build: the browser peer and an X server for the idle row.
BENCH_DEBS    = chromium xvfb

.PHONY: bench bench-build

bench:
	@$(call need,$(DEBS))
	@( $(call need,$(BENCH_DEBS)) ) || \
	  echo "bench: could not install $(BENCH_DEBS); the rows that need them will say so"
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) CFLAGS="$(BENCH_CFLAGS)" bench-build
	@BENCH_RUNS="$(BENCH_RUNS)" BENCH_IDLE_SECONDS="$(BENCH_IDLE_SECONDS)" \
	  BENCH_IDLE_RUNS="$(BENCH_IDLE_RUNS)" BENCH_REPORT_ROWS="$(BENCH_REPORT_ROWS)" \
	  BENCH_IMPORT_COUNT="$(BENCH_IMPORT_COUNT)" BENCH_SENDS="$(BENCH_SENDS)" \
	  BENCH_ONLY="$(BENCH_ONLY)" sh tests/bench/run.sh $(BENCH_BUILD)

bench-build: $(KIOSK_BIN) $(SYNC_BIN) $(TOOL_BINS) $(BENCH_BINS)

$(BENCH_DIR)/measure: tests/bench/measure.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

# The kiosk's side of the redraw: its own render.c and text.c over the kiosk core.
$(BENCH_DIR)/redraw: tests/bench/redraw.c tests/bench/bench_app.h \
                     $(call obj,kiosk/render.c kiosk/text.c) $(LIBKIOSK) $(LIBCOMMON)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) $(SDL_CFLAGS) -o $@ $< \
	  $(filter %.o %.a,$^) $(SDL_LIBS) $(SODIUM_LIBS) -lm

# A keystroke and its frame, with a long answer and an empty one: the same parts as redraw.
$(BENCH_DIR)/keystroke: tests/bench/keystroke.c tests/bench/bench_app.h \
                     $(call obj,kiosk/render.c kiosk/text.c) $(LIBKIOSK) $(LIBCOMMON)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) $(SDL_CFLAGS) -o $@ $< \
	  $(filter %.o %.a,$^) $(SDL_LIBS) $(SODIUM_LIBS) -lm

# The floor of the redraw knows nothing of the kiosk: SDL and SDL_ttf only.
$(BENCH_DIR)/floor_draw: tests/bench/floor_draw.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SDL_CFLAGS) -o $@ $< $(SDL_LIBS)

$(BENCH_DIR)/send: tests/bench/send.c tests/bench/bench_app.h $(LIBKIOSK) $(LIBCOMMON)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) -o $@ $< $(filter %.a,$^) \
	  $(SODIUM_LIBS) -lm

# The floors of Send and import: libsodium and SQLite only.
$(BENCH_DIR)/floor_send $(BENCH_DIR)/floor_open: $(BENCH_DIR)/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SODIUM_CFLAGS) -o $@ $< $(SODIUM_LIBS)
