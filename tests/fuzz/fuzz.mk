# fuzz.mk: the libFuzzer targets (tests/fuzz/fuzz_NAME.c) and their corpus replays; included by
# the top Makefile, which sets the default goal.
#
#   make fuzz [FUZZ_SECONDS=60]   build every target with clang -fsanitize=fuzzer,address,
#                                 undefined into build/fuzz/ and run each for FUZZ_SECONDS
#                                 (tests/fuzz/fuzz.sh)
#   make build                    also links each target with tests/fuzz/replay.c into
#                                 BUILD/tests/test_fuzz_NAME, so tests/run.sh replays the committed
#                                 corpus and past crashers, plain and under ASan+UBSan
#
# See tests/fuzz/README.md for the layout and what each target checks.

FUZZ_NAMES   = csv survey expr response keyfile bundle receipt pack provision workbook
FUZZ_DEBS    = clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
# New finds join the committed corpus only when they are this few and this small (else they
# stay in build/fuzz/new/NAME for a person to look at).
FUZZ_MERGE_FILES ?= 100
FUZZ_MERGE_BYTES ?= 131072

FUZZ_DIR   = build/fuzz
FUZZ_CC    = clang
# libFuzzer's own instrumentation and sanitizers; every sanitizer finding stops the run.
# clang knows no -Wformat-truncation, which WARN turns off for gcc.
FUZZ_FLAGS = $(WARN) -Wno-unknown-warning-option -O1 -g -fno-omit-frame-pointer \
             -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_BINS  = $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_NAMES))
FUZZ_COMMON_OBJS = $(patsubst common/%.c,$(FUZZ_DIR)/common/%.o,$(COMMON_SRC))

# The replays, built and run with the rest of the tests. A static pattern rule, so that the
# generic $(BUILD)/tests/% rule (which links BUILD/tests/NAME.o) is not the one used.
FUZZ_REPLAYS = $(patsubst %,$(BUILD)/tests/test_fuzz_%,$(FUZZ_NAMES))
# Makes the binary seeds (tests/fuzz/make_seeds.sh); built with everything so it keeps compiling.
FUZZ_SEED_TOOL = $(BUILD)/tests/fuzz/seed_tool
EXTRA_BINS += $(FUZZ_REPLAYS) $(FUZZ_SEED_TOOL)

$(FUZZ_REPLAYS): $(BUILD)/tests/test_fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o \
                 $(BUILD)/tests/fuzz/replay.o $(LIBSYNC) $(LIBKIOSK) $(LIBCOMMON)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(SODIUM_LIBS) $(XLSXW_LIBS) -lm

.PHONY: fuzz

fuzz:
	@$(call need,$(FUZZ_DEBS))
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@FUZZ_MERGE_FILES=$(FUZZ_MERGE_FILES) FUZZ_MERGE_BYTES=$(FUZZ_MERGE_BYTES) \
	  sh tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_DIR) $(FUZZ_NAMES)

$(FUZZ_DIR)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) $(SODIUM_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_COMMON_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz $(FUZZ_FLAGS) $(SODIUM_CFLAGS) -o $@ $< \
	  $(FUZZ_COMMON_OBJS) $(SODIUM_LIBS) -lm
