#!/usr/bin/env bash
# Renders the app's icons from icon.svg with the Tauri CLI (`tauri icon`, from
# ui/node_modules: run `./x setup` first). Run it after changing icon.svg and commit
# what it writes:
#
#   16…512 px PNGs  Linux packages install them in the hicolor theme
#   icon.ico        Windows installers and the .exe
#   icon.icns       the macOS app
#
# The mobile and Windows Store sizes `tauri icon` also makes are not kept: this app
# ships on neither. The first PNG in tauri.conf.json's bundle.icon (128x128.png) is
# also the window icon and the About box's.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tauri="$here/../../../ui/node_modules/.bin/tauri"
[[ -x "$tauri" ]] || { echo "generate.sh: the Tauri CLI is missing: run ./x setup first." >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The default set has the .ico, the .icns and 32, 64, 128 and 512 (icon.png) px. Its
# 128x128@2x.png is left out: the bundler would install it as 256x256@2, a slot for 512 px.
"$tauri" icon "$here/icon.svg" --output "$work/default" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
# The hicolor sizes it leaves out.
"$tauri" icon "$here/icon.svg" --output "$work/extra" --png 16,24,48,256 >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }

rm -f "$here"/*.png "$here/icon.ico" "$here/icon.icns"
cp "$work"/default/{32x32,64x64,128x128,icon}.png "$work"/default/icon.{ico,icns} "$here/"
cp "$work"/extra/{16x16,24x24,48x48,256x256}.png "$here/"
ls "$here"
