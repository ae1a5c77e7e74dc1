#!/usr/bin/env bash
# Install Patron for the current user on a store device: the locked environment, a menu entry,
# and (with --autostart) start the till at login. Run from a checkout or an unpacked release.
#   packaging/install.sh [--autostart]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/setup.sh"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
sed "s|PATRON_DIR|$here|g" "$here/packaging/patron-cashier.desktop" > "$apps/patron-cashier.desktop"
echo "installed $apps/patron-cashier.desktop"
if [ "${1:-}" = "--autostart" ]; then
    autostart="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
    mkdir -p "$autostart"
    cp "$apps/patron-cashier.desktop" "$autostart/"
    echo "the till starts at login ($autostart/patron-cashier.desktop)"
fi
"$here/.venv/bin/python" "$here/main.py" --role cashier --self-test \
    || echo "install: the self-test is not healthy yet: check the config ($here/README.md)"
