#!/usr/bin/env bash
# The Linux installers as a user gets them: installs the .deb with dpkg, checks what it
# put where, starts the installed app (opens Help › About, closes the window) and the
# installed command line, removes the package and checks nothing is left in /usr; then
# reads the .rpm's file list and requirements. `./x test-package` builds both and runs
# this; it needs root (or sudo), a display, rpm, desktop-file-utils and python3-xlib.
#
#   tests/package/check-linux-packages.sh DEB RPM
#
# The package is removed whatever happens (trap), so a machine is never left with it.
set -uo pipefail

deb=$(realpath "${1:?usage: check-linux-packages.sh DEB RPM}")
rpm=$(realpath "${2:?usage: check-linux-packages.sh DEB RPM}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=newsflash-studio
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok      %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAILED  %s\n' "$1"; }
# check WHAT COMMAND...: one check, passed when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
installed() { dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed'; }

work=$(mktemp -d)
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null
  if installed; then
    echo "removing $name (cleanup)"
    "${sudo[@]}" dpkg -r "$name" >/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if installed; then
  # In CI a previous run may have died before its trap; on a person's machine this
  # would remove her own copy, so ask instead.
  [[ "${CI:-}" == true ]] || { echo "$name is installed already: remove it first (dpkg -r $name)." >&2; exit 1; }
  "${sudo[@]}" dpkg -r "$name" >/dev/null
fi

expected_commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
version=$(dpkg-deb -f "$deb" Version)
echo "== $deb ($(du -h "$deb" | cut -f1)), version $version, commit $expected_commit"

# --- What the .deb declares ---------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
depends_on() { grep -qE "(^|, )$1( |,|\$)" <<<"$depends"; }
check "the .deb depends on WebKitGTK 4.1" depends_on 'libwebkit2gtk-4\.1-0'
check "the .deb depends on GTK 3" depends_on 'libgtk-3-0'
# The system's SQLite and OpenSSL, which the binaries link instead of building them in.
check "the .deb depends on SQLite 3.37 or newer" grep -qE 'libsqlite3-0 \(>= 3\.(3[7-9]|[4-9][0-9])' <<<"$depends"
check "the .deb depends on OpenSSL 3" depends_on 'libssl3'

# Every shared library the two binaries load must come from a package that Depends
# brings in, directly or through its own dependencies.
dpkg-deb -x "$deb" "$work/deb"
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $(sed 's/([^)]*)//g; s/[,|]/ /g' <<<"$depends") 2>/dev/null | grep -v '^ ' | sort -u)
missing_libraries=()
for binary in "$work/deb/usr/bin/$name" "$work/deb/usr/bin/newsflash"; do
  for soname in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path=$(ldconfig -p | awk -v lib="$soname" '$1 == lib && /x86-64/ { print $NF; exit }')
    owner=$(dpkg -S "$(realpath "$path" 2>/dev/null || echo "$path")" 2>/dev/null | head -1 | cut -d: -f1)
    [[ -z "$owner" ]] && owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
    grep -qx "$owner" <<<"$closure" || missing_libraries+=("$soname ($owner)")
  done
done
if [[ ${#missing_libraries[@]} -eq 0 ]]; then
  pass "every library the binaries load comes with Depends"
else
  fail "libraries not brought in by Depends: ${missing_libraries[*]}"
fi

# --- Install -----------------------------------------------------------------------
started=$(date +%s)
if ! "${sudo[@]}" dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1; then
  cat "$work/dpkg-i.log"
  fail "dpkg -i installs the .deb"
  echo "$passed passed, $failed failed"
  exit 1
fi
pass "dpkg -i installs the .deb"
files=$(dpkg -L "$name")
listed() { grep -qx "$1" <<<"$files"; }
check "dpkg -L lists /usr/bin/$name" listed "/usr/bin/$name"
check "dpkg -L lists /usr/bin/newsflash (the command line)" listed /usr/bin/newsflash
desktop_file=$(grep -E '^/usr/share/applications/.*\.desktop$' <<<"$files" | head -1)
check "dpkg -L lists a desktop file" test -n "$desktop_file"
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  check "dpkg -L lists the $size icon" listed "/usr/share/icons/hicolor/$size/apps/$name.png"
done

# --- The desktop entry ---------------------------------------------------------------
if [[ -n "$desktop_file" ]]; then
  check "desktop-file-validate accepts $desktop_file" desktop-file-validate "$desktop_file"
  exec_line=$(sed -n 's/^Exec=//p' "$desktop_file" | head -1)
  icon_line=$(sed -n 's/^Icon=//p' "$desktop_file" | head -1)
  check "the desktop entry starts /usr/bin/${exec_line%% *}" test -x "/usr/bin/${exec_line%% *}"
  check "the desktop entry's icon ($icon_line) is installed" \
    test -f "/usr/share/icons/hicolor/128x128/apps/$icon_line.png"
fi

# --- The installed command line and app ---------------------------------------------
cli_version=$(/usr/bin/newsflash --version 2>&1)
check "newsflash --version says '$cli_version'" \
  test "$cli_version" = "newsflash ${version%%-*} (commit $expected_commit)"
app_version=$(/usr/bin/$name --version 2>&1)
check "$name --version says '$app_version'" \
  test "$app_version" = "$name ${version%%-*} (commit $expected_commit)"

# A temporary newsroom made by the installed command line, and a home folder of its
# own, so WebKit's caches do not land in the user's.
mkdir -p "$work/home"
newsroom=$work/newsroom.db
check "the installed newsflash makes a newsroom" \
  env -u NEWSFLASH_NEWSROOM /usr/bin/newsflash --newsroom "$newsroom" init
artifacts=$repo/tests/artifacts
mkdir -p "$artifacts"
# tao sometimes fails to start GTK under Xvfb while another process grabs the screen
# (exit 101, "Failed to initialize gtk backend"): such a start is tried again.
window_ok=false
for attempt in 1 2 3; do
  env -u NEWSFLASH_NEWSROOM HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
    XDG_CACHE_HOME="$work/home/cache" XDG_CONFIG_HOME="$work/home/config" \
    /usr/bin/$name --newsroom "$newsroom" >"$work/app.log" 2>&1 &
  app_pid=$!
  if /usr/bin/python3 "$here/app_window.py" "$app_pid" "$artifacts/installed-app-about.png"; then
    window_ok=true
  fi
  for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null
    exit_code="none: still running 10 s after its window was closed"
  else
    wait "$app_pid"
    exit_code=$?
  fi
  app_pid=""
  if [[ $exit_code == 101 ]] && grep -q "Failed to initialize gtk backend" "$work/app.log"; then
    echo "start $attempt: GTK did not start under Xvfb; trying again"
    continue
  fi
  break
done
if $window_ok; then pass "the installed app opens its window and Help › About"; else fail "the installed app opens its window and Help › About"; fi
check "the installed app ends when its window is closed (exit $exit_code)" test "$exit_code" = 0
if [[ $exit_code != 0 || $window_ok != true ]]; then
  echo "--- the app's log:"
  cat "$work/app.log"
fi

# --- Remove ------------------------------------------------------------------------
check "dpkg -r removes the package" "${sudo[@]}" dpkg -r "$name"
left=()
while IFS= read -r path; do
  [[ -f "$path" || -L "$path" ]] && left+=("$path")
done <<<"$files"
while IFS= read -r path; do left+=("$path"); done < <(find /usr -name "*newsflash*" 2>/dev/null)
if [[ ${#left[@]} -eq 0 ]]; then pass "nothing of the package is left in /usr"; else fail "left in /usr: ${left[*]}"; fi

# --- The .rpm ------------------------------------------------------------------------
echo "== $rpm ($(du -h "$rpm" | cut -f1))"
rpm_files=$(rpm -qpl "$rpm" 2>/dev/null)
deb_files=$(cd "$work/deb" && find . -type f -o -type l | sed 's/^\.//' | sort)
missing_in_rpm=$(comm -23 <(echo "$deb_files") <(sort <<<"$rpm_files"))
check "the .rpm holds every file of the .deb" test -z "$missing_in_rpm"
[[ -n "$missing_in_rpm" ]] && echo "not in the .rpm: $missing_in_rpm"
# rpm names a library by its soname: every one the binaries load must be required.
requires=$(rpm -qpR "$rpm" 2>/dev/null)
unrequired=()
for soname in $(readelf -d "$work/deb/usr/bin/$name" "$work/deb/usr/bin/newsflash" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
  grep -qxF "$soname()(64bit)" <<<"$requires" || unrequired+=("$soname")
done
if [[ ${#unrequired[@]} -eq 0 ]]; then
  pass "the .rpm requires every library the binaries load (WebKitGTK 4.1, GTK 3, ...)"
else
  fail "the .rpm does not require ${unrequired[*]}"
fi
check "rpm -qpi names the package $name" bash -c 'rpm -qpi "$1" 2>/dev/null | grep -qE "^Name +: $2$"' _ "$rpm" "$name"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
