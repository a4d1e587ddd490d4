#!/usr/bin/env bash
# Installs a hexi-care wheel for the current user, without the .deb: a private virtual environment,
# the two commands in ~/.local/bin, the menu entry 儿童关爱服务 with its icon. Needs Python 3.11.
# Usage: installer/linux/install.sh dist/hexi_care-VERSION-py3-none-any.whl
set -euo pipefail
wheel=${1:?usage: install.sh dist/hexi_care-VERSION-py3-none-any.whl}
here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
app="$share/hexi-care-app"
bin="$HOME/.local/bin"
python3 -m venv "$app"
"$app/bin/python" -m pip install -q --upgrade pip
# The wheel carries its fonts and compiled translations: nothing is built here.
"$app/bin/python" -m pip install -q --upgrade "$wheel"
mkdir -p "$bin" "$share/applications" "$share/icons/hicolor/256x256/apps"
ln -sf "$app/bin/hexi-care" "$bin/hexi-care"
ln -sf "$app/bin/hexi-care-gui" "$bin/hexi-care-gui"
install -m 0644 "$here/../icons/hexi-care-256.png" "$share/icons/hicolor/256x256/apps/hexi-care.png"
sed "s|^Exec=.*|Exec=$app/bin/hexi-care-gui|" "$here/hexi-care.desktop" \
  > "$share/applications/hexi-care.desktop"
echo "hexi-care installed: run hexi-care-gui, or find 儿童关爱服务 in the menu."
echo "Your data stays in $share/hexi-care (kept when the program is reinstalled or removed)."
