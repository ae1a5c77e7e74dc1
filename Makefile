# Two commands do everything on a fresh machine:
#   make demo   — set up, then start the demo till (embedded SQLite, seeded coalition, simulated devices);
#                 without a display it prints the exact command that runs it in a virtual screen
#   make test   — set up (incl. PostgreSQL), then lint + the whole test suite
.PHONY: setup demo test lint bench screenshots

# uv installed by scripts/setup.sh with `pip --user` lives here
export PATH := $(HOME)/.local/bin:$(PATH)

setup:
	@scripts/setup.sh

demo:
	@scripts/setup.sh --demo
	uv run python main.py --role cashier --demo

test:
	@scripts/setup.sh --test
	uv run pytest -n 2

lint:
	uv run ruff check .
	uv run lint-imports

# The door-greeter replay needs the shared test data (../shared/testdata): skipped without it.
REPLAY_DATA := ../shared/testdata

bench: setup
	@for b in bench/bench_*.py; do uv run python $$b || exit 1; done
	@if [ -d $(REPLAY_DATA)/video ]; then uv run python -m bench.greeter_replay \
		--faces $(REPLAY_DATA)/faces --arrivals $(REPLAY_DATA)/video/arrivals.csv \
		--video $(REPLAY_DATA)/video/arrivals.mp4; \
	else echo "greeter_replay: $(REPLAY_DATA) not found, skipped"; fi

screenshots: setup
	uv run python scripts/screenshots.py
	uv run python scripts/screenshots_backoffice.py
	uv run python scripts/screenshots_kiosk.py
	uv run python scripts/screenshots_greeter.py
