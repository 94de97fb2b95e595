"""The same external eye and finger for every application under test: the X
server's DAMAGE extension says when anything is drawn on the screen, XGetImage
reads what is shown, and XTest taps. Through ctypes, so the bench needs no
extra Python package."""
import ctypes
import ctypes.util
import hashlib
import select
import time

_x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
_xdamage = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")

_ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)
_Z_PIXMAP = 2
_DAMAGE_REPORT_RAW_RECTANGLES = 0
_DAMAGE_NOTIFY = 0
_STRIP = 100  # rows per XGetImage: one request for the whole screen is far slower


class _XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XDefaultRootWindow.restype = ctypes.c_ulong
_x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_x11.XGetImage.restype = ctypes.POINTER(_XImage)
_x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                           ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
_x11.XFree.argtypes = [ctypes.c_void_p]
_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
_x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_x11.XPending.argtypes = [ctypes.c_void_p]
_x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
_x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
_xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
_xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
_xdamage.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                           ctypes.POINTER(ctypes.c_int)]
_xdamage.XDamageCreate.restype = ctypes.c_ulong
_xdamage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]


class Screen:
    """One connection to the display named `display` (":N")."""

    def __init__(self, display, width, height):
        deadline = time.monotonic() + 20
        self._display = _x11.XOpenDisplay(display.encode())
        while not self._display and time.monotonic() < deadline:
            time.sleep(0.1)  # a loaded machine may take a while to accept the first client
            self._display = _x11.XOpenDisplay(display.encode())
        if not self._display:
            raise SystemExit(f"cannot open X display {display}")
        self._root = _x11.XDefaultRootWindow(self._display)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not _xdamage.XDamageQueryExtension(self._display, ctypes.byref(event_base), ctypes.byref(error_base)):
            raise SystemExit("the X server has no DAMAGE extension")
        self._damage_event = event_base.value + _DAMAGE_NOTIFY
        # Damage on the root window reports drawing in every window on it.
        _xdamage.XDamageCreate(self._display, self._root, _DAMAGE_REPORT_RAW_RECTANGLES)
        _x11.XSync(self._display, 0)
        self._fd = _x11.XConnectionNumber(self._display)
        self.width = width
        self.height = height

    def close(self):
        _x11.XCloseDisplay(self._display)

    def frame(self):
        """A digest of what the screen shows now."""
        digest = hashlib.blake2b(digest_size=16)
        for top in range(0, self.height, _STRIP):
            rows = min(_STRIP, self.height - top)
            image = _x11.XGetImage(self._display, self._root, 0, top, self.width, rows, _ALL_PLANES, _Z_PIXMAP)
            if not image:
                raise SystemExit("XGetImage failed")
            digest.update(ctypes.string_at(image.contents.data, image.contents.bytes_per_line * rows))
            _x11.XFree(image.contents.data)
            _x11.XFree(image)
        return digest.digest()

    def drawn(self, timeout):
        """The monotonic time of the next drawing on the screen, or None if
        nothing is drawn within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        event = _XEvent()
        while True:
            while _x11.XPending(self._display):
                _x11.XNextEvent(self._display, ctypes.byref(event))
                if event.type == self._damage_event:
                    return time.monotonic()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            select.select([self._fd], [], [], left)

    def settle(self, quiet, timeout=30.0):
        """Waits until nothing has been drawn for `quiet` seconds; returns the
        time of the last drawing seen (None if there was none)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            at = self.drawn(quiet)
            if at is None:
                return last
            last = at
        return last

    def press(self, x, y):
        _xtst.XTestFakeMotionEvent(self._display, -1, int(x), int(y), 0)
        _xtst.XTestFakeButtonEvent(self._display, 1, 1, 0)
        _x11.XSync(self._display, 0)

    def release(self):
        """Releases the left button; returns the monotonic time it reached
        the X server, which is when both applications act on a tap."""
        _xtst.XTestFakeButtonEvent(self._display, 1, 0, 0)
        _x11.XSync(self._display, 0)
        return time.monotonic()
