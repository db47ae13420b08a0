"""Drives the installed app's window on the X display as a person would: waits for
the window of process PID, opens Help › About from the keyboard (F10, Down, Enter),
sees the About box, saves a screenshot of the screen, closes the About box and then
the window the way a window manager's close button does (WM_DELETE_WINDOW).

Usage: app_window.py PID SCREENSHOT.png
Exits 0 when all of that happened, 1 with one sentence on stderr otherwise.
Debian's python3-xlib; no window manager needed (Xvfb alone).
"""

import struct
import sys
import time
import zlib

from Xlib import X, XK, display, error, protocol
from Xlib.ext import xtest

TITLE = "Newsflash Studio"
ABOUT_TITLE = "About Newsflash Studio"
TIMEOUT = 30.0


def fail(sentence):
    print(f"app_window.py: {sentence}", file=sys.stderr)
    sys.exit(1)


def windows(disp, window=None):
    """Every window on the display, depth first."""
    window = window or disp.screen().root
    for child in window.query_tree().children:
        yield child
        yield from windows(disp, child)


def title(disp, window):
    try:
        name = window.get_full_property(disp.intern_atom("_NET_WM_NAME"), X.AnyPropertyType)
        if name:
            value = name.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        return window.get_wm_name() or ""
    except error.XError:
        return ""


def pid_of(disp, window):
    try:
        prop = window.get_full_property(disp.intern_atom("_NET_WM_PID"), X.AnyPropertyType)
        return prop.value[0] if prop else None
    except error.XError:
        return None


def mapped(window):
    try:
        return window.get_attributes().map_state == X.IsViewable
    except error.XError:
        return False


def alive(pid):
    """Whether the process runs (a zombie has ended; its parent reaps it later)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(what, find, pid, timeout=TIMEOUT, required=True):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        if not alive(pid):
            fail(f"the app ended before {what}.")
        time.sleep(0.1)
    if required:
        fail(f"{what} did not happen within {timeout:.0f} s.")
    return None


def window_titled(disp, pid, wanted):
    """The process's mapped window titled `wanted`, or `… — wanted` (the main window
    names the open issue first)."""
    for window in windows(disp):
        name = title(disp, window) or ""
        titled = name == wanted or name.endswith(f" \u2014 {wanted}")
        if titled and pid_of(disp, window) == pid and mapped(window):
            return window
    return None


def press(disp, keysym):
    code = disp.keysym_to_keycode(keysym)
    xtest.fake_input(disp, X.KeyPress, code)
    xtest.fake_input(disp, X.KeyRelease, code)
    disp.sync()
    time.sleep(0.3)


def close(disp, window):
    """Asks the window to close, as a window manager's close button does."""
    protocols = disp.intern_atom("WM_PROTOCOLS")
    delete = disp.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(
        window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    window.send_event(event)
    disp.sync()


def save_png(disp, path):
    """The whole screen as an RGB PNG (zlib and struct only)."""
    screen = disp.screen()
    width, height = screen.width_in_pixels, screen.height_in_pixels
    image = screen.root.get_image(0, 0, width, height, X.ZPixmap, 0xFFFFFFFF)
    data = image.data if isinstance(image.data, bytes) else image.data.encode("latin-1")
    rows = bytearray()
    stride = len(data) // height
    for y in range(height):
        row = data[y * stride : y * stride + width * 4]
        rows.append(0)
        # 24-bit Xvfb: pixels are B, G, R, unused.
        for x in range(0, width * 4, 4):
            rows += bytes((row[x + 2], row[x + 1], row[x]))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        out.write(chunk(b"IDAT", zlib.compress(bytes(rows), 6)))
        out.write(chunk(b"IEND", b""))


def main():
    if len(sys.argv) != 3:
        fail("usage: app_window.py PID SCREENSHOT.png")
    pid, screenshot = int(sys.argv[1]), sys.argv[2]
    disp = display.Display()
    if not disp.has_extension("XTEST"):
        fail("the X server has no XTEST extension, so no keys can be typed.")

    main_window = wait_for(
        f"a mapped window titled {TITLE!r}", lambda: window_titled(disp, pid, TITLE), pid
    )
    geometry = main_window.get_geometry()
    if geometry.width < 600 or geometry.height < 400:
        fail(f"the window is {geometry.width}x{geometry.height}, too small to be the app.")
    # Let the page load, then type into the window (no window manager gives it focus).
    # Keys typed while GTK is still busy can be lost: close any half-open menu and try
    # again, three times.
    time.sleep(2)
    about = None
    for _ in range(3):
        main_window.set_input_focus(X.RevertToParent, X.CurrentTime)
        disp.sync()
        # F10 opens the first menu (File); Left wraps round to the last, Help, whose
        # one item is About.
        for key in (XK.XK_Escape, XK.XK_Escape, XK.XK_F10, XK.XK_Left, XK.XK_Down, XK.XK_Return):
            press(disp, key)
        about = wait_for(
            "the About box",
            lambda: window_titled(disp, pid, ABOUT_TITLE),
            pid,
            timeout=5,
            required=False,
        )
        if about:
            break
    if not about:
        fail(f"Help › About (F10, Left, Down, Enter) did not open a window titled {ABOUT_TITLE!r}.")
    time.sleep(0.5)
    save_png(disp, screenshot)
    close(disp, about)
    wait_for("the About box closing", lambda: not mapped(about), pid, timeout=10)
    close(disp, main_window)
    print(f"window {geometry.width}x{geometry.height}, About box seen and closed, window closed")


if __name__ == "__main__":
    main()
