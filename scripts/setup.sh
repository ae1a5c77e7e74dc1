#!/usr/bin/env bash
# Set up a fresh machine for Patron: uv, the Python environment, translations, the system
# libraries the app loads (CJK fonts: Noto for the screen, WenQuanYi Micro Hei embedded in
# PDFs; libzbar for the camera's second decoding pass);
# with --test also what the test suite uses (PostgreSQL server, poppler, a virtual X screen);
# with --demo what the demo till needs to open a window (Qt's xcb libraries; xvfb when there
# is no display). Installs with apt-get as root, otherwise says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_demo=0
case "${1:-}" in
    --test) want_test=1 ;;
    --demo) want_demo=1 ;;
esac

# A virtual X screen Qt's xcb plugin can open (same list as ui/virtual_display.py).
XVFB_PACKAGES=(xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0)

have_lib() {  # is a shared library (by soname) known to the dynamic linker?
    { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -qF "$1 "
}
# The library each package brings, to look for it on any distribution.
declare -A SONAME=(
    [libxcb-cursor0]=libxcb-cursor.so.0 [libxcb-icccm4]=libxcb-icccm.so.4
    [libxcb-keysyms1]=libxcb-keysyms.so.1 [libxcb-image0]=libxcb-image.so.0
    [libxcb-render-util0]=libxcb-render-util.so.0 [libxcb-xkb1]=libxcb-xkb.so.1
    [libxkbcommon-x11-0]=libxkbcommon-x11.so.0 [libxcb-shape0]=libxcb-shape.so.0
)

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
# PDF receipts and reports embed a TrueType CJK font (reportlab refuses Noto's CFF outlines).
compgen -G "/usr/share/fonts/*/wqy/wqy-microhei.ttc" >/dev/null \
    || compgen -G "/usr/share/fonts/*wqy-microhei*/wqy-microhei.ttc" >/dev/null \
    || missing+=(fonts-wqy-microhei)
have_lib libzbar.so.0 || missing+=(libzbar0)  # without it cameras decode with zxing-cpp only
if [ "$want_test" = 1 ] || [ "$want_demo" = 1 ]; then
    for pkg in "${XVFB_PACKAGES[@]}"; do
        if [ "$pkg" = xvfb ]; then
            # a desktop needs no virtual screen for the demo; the tests use one either way
            if [ "$want_test" = 1 ] || [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
                command -v xvfb-run >/dev/null || missing+=(xvfb)
            fi
        else
            have_lib "${SONAME[$pkg]}" || missing+=("$pkg")
        fi
    done
fi
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing ${missing[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: please install: ${missing[*]} (e.g. sudo apt-get install -y ${missing[*]})" >&2
    fi
fi

uv sync --frozen --quiet
if [ -f scripts/build_translations.py ]; then
    uv run --frozen python scripts/build_translations.py --release-only
fi
