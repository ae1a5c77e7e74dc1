#!/usr/bin/env bash
# Set up a fresh machine for Patron: uv, the Python environment, translations; with --test
# also the system packages the test suite uses (PostgreSQL server, CJK fonts, poppler).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

export PATH="$HOME/.local/bin:$PATH"  # where a --user install puts uv (the Makefile looks there too)
if ! command -v uv >/dev/null 2>&1; then
    echo "setup: installing uv" >&2
    python3 -m pip install --quiet uv 2>/dev/null \
        || python3 -m pip install --quiet --user uv 2>/dev/null \
        || {  # a system Python that refuses pip installs (PEP 668): give uv a venv of its own
            python3 -m venv "$HOME/.local/share/patron-uv"
            "$HOME/.local/share/patron-uv/bin/pip" install --quiet uv
            mkdir -p "$HOME/.local/bin"
            ln -sf "$HOME/.local/share/patron-uv/bin/uv" "$HOME/.local/bin/uv"
        }
fi

missing=()
if [ "$want_test" = 1 ]; then
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
fi
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing ${missing[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
    fi
fi

uv sync --frozen --quiet
if [ -f scripts/build_translations.py ]; then
    uv run --frozen python scripts/build_translations.py --release-only
fi
