# The README's two commands are `make demo` (set up, run the main job on the built-in example) and
# `make test` (every test; .ci/run runs it with CI=true). `make bench` prints the benchmark report.
SHELL := /bin/bash
.DEFAULT_GOAL := demo

# node_modules is (re)installed when missing or older than the lock file.
NPM_STAMP := node_modules/.package-lock.json
EXAMPLE   := test-fixtures/examples/systolic4x4

.PHONY: demo test bench build deps tools

$(NPM_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

deps: $(NPM_STAMP)

build: deps
	npm run --silent build

tools:
	scripts/install-test-tools.sh

# The main job: area, timing with the critical path, die, yield and cost of the built-in example
# under the default process model (duv-7nm-mp), compared with EUV.
demo: build
	node dist/cli.js estimate --compare euv-7nm $(EXAMPLE)

test: deps tools build
	npx tsc -b
	PPA_SKIP_BUILD=1 npx vitest run $(VITEST_ARGS)

bench: deps tools build
	node scripts/bench/run.mjs --no-build
