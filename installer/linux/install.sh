#!/usr/bin/env bash
# Installs a hexi-care wheel for the current user: private venv, command, menu entry.
set -euo pipefail
wheel=${1:?usage: install.sh dist/hexi_care-VERSION-py3-none-any.whl}
app="${XDG_DATA_HOME:-$HOME/.local/share}/hexi-care/app"
bin="$HOME/.local/bin"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
python3 -m venv "$app"
"$app/bin/python" -m pip install -q --upgrade pip
"$app/bin/python" -m pip install -q "$wheel"
mkdir -p "$bin" "$apps"
ln -sf "$app/bin/hexi-care" "$bin/hexi-care"
ln -sf "$app/bin/hexi-care-gui" "$bin/hexi-care-gui"
sed "s|@EXEC@|$app/bin/hexi-care-gui|" "$(dirname "$0")/hexi-care.desktop.in" > "$apps/hexi-care.desktop"
echo "hexi-care installed: run hexi-care-gui, or find it in the menu."
