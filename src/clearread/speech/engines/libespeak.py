"""A small ctypes binding to libespeak-ng: just the calls the espeak engine makes.

The library and its voice data come from the ``espeakng-loader`` wheel. It is loaded privately
(``RTLD_LOCAL``), never into the global symbol scope: Piper's phonemiser links its own copy of
espeak-ng, and a global copy would take over its calls and crash it in the same process.
"""

from __future__ import annotations

import _ctypes
import ctypes
import os
from dataclasses import dataclass
from functools import cache

from clearread.errors import ClearreadError

SYNCHRONOUS = 2          # espeak_AUDIO_OUTPUT: espeak_Synth returns when the audio is complete
EE_OK = 0
CHARS_UTF8, PHONEMES = 0x1, 0x100
POS_CHARACTER = 1
RATE, VOLUME, PITCH = 1, 2, 3
BUFFER_MS = 1_000        # audio handed back per callback: few calls into Python, same samples

Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                            ctypes.c_void_p)


class _Voice(ctypes.Structure):
    _fields_ = (("name", ctypes.c_char_p), ("languages", ctypes.c_char_p),
                ("identifier", ctypes.c_char_p), ("gender", ctypes.c_ubyte),
                ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte), ("xx1", ctypes.c_ubyte),
                ("score", ctypes.c_int), ("spare", ctypes.c_void_p))


#: name → (result type, argument types), as declared in speak_lib.h
_SIGNATURES: dict[str, tuple[object, tuple[object, ...]]] = {
    "espeak_Initialize": (ctypes.c_int, (ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                         ctypes.c_int)),
    "espeak_SetSynthCallback": (None, (Callback,)),
    "espeak_SetVoiceByName": (ctypes.c_int, (ctypes.c_char_p,)),
    "espeak_SetParameter": (ctypes.c_int, (ctypes.c_int, ctypes.c_int, ctypes.c_int)),
    "espeak_Synth": (ctypes.c_int, (ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                    ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                    ctypes.c_void_p, ctypes.c_void_p)),
    "espeak_ListVoices": (ctypes.POINTER(ctypes.POINTER(_Voice)), (ctypes.c_void_p,)),
    "espeak_Terminate": (ctypes.c_int, ()),
    "espeak_TextToPhonemes": (ctypes.c_char_p, (ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                                ctypes.c_int)),
}


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    language: str


class Library:
    """The initialised library (one per process: espeak-ng keeps global state)."""

    def __init__(self, path: str, data: str) -> None:
        self._path, self._data = path, data
        self._chunks: list[bytes] = []
        self._open()

    def _open(self) -> None:
        lib = ctypes.CDLL(self._path, mode=ctypes.RTLD_LOCAL)
        for name, (restype, argtypes) in _SIGNATURES.items():
            func = getattr(lib, name)
            func.restype, func.argtypes = restype, argtypes
        self._lib = lib
        self._callback = Callback(self._collect)   # kept alive as long as the library
        data = os.path.dirname(self._data).encode()
        self.rate = lib.espeak_Initialize(SYNCHRONOUS, BUFFER_MS, data, 0)
        if self.rate <= 0:
            raise ClearreadError("could not start the espeak-ng speech engine")
        lib.espeak_SetSynthCallback(self._callback)

    def reload(self) -> None:
        """Unload and load the library again, the only way back to its initial state: espeak-ng
        keeps synthesis state in C statics that no call resets (pitch flutter and wave phase,
        sample counts), so a text spoken twice in one process came out different (~5 ms)."""
        self._lib.espeak_Terminate()
        _ctypes.dlclose(self._lib._handle)
        self._open()

    def _collect(self, wav: ctypes.Array, count: int, _events: object) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def set_voice(self, voice: str) -> bool:
        return self._lib.espeak_SetVoiceByName(voice.encode()) == EE_OK

    def set(self, parameter: int, value: int) -> None:
        self._lib.espeak_SetParameter(parameter, value, 0)

    def speak(self, text: str) -> bytes:
        """16-bit PCM for ``text`` (``[[...]]`` is read as espeak phonemes)."""
        data = text.replace("\0", " ").encode("utf-8")
        self._chunks = []
        status = self._lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0,
                                        CHARS_UTF8 | PHONEMES, None, None)
        if status != EE_OK:
            raise ClearreadError(f"espeak-ng could not speak a passage (status {status})")
        return b"".join(self._chunks)

    def phonemes(self, text: str) -> str:
        """espeak-ng's phoneme mnemonics for ``text`` in the current voice (one clause a call)."""
        buffer = ctypes.c_char_p(text.encode("utf-8"))
        out: list[str] = []
        while buffer.value:
            out.append((self._lib.espeak_TextToPhonemes(ctypes.byref(buffer), CHARS_UTF8, 0)
                        or b"").decode())
        return " ".join(" ".join(out).split())

    def voices(self) -> tuple[VoiceInfo, ...]:
        listed = self._lib.espeak_ListVoices(None)
        out = []
        for i in range(10_000):
            if not listed[i]:
                break
            v = listed[i][0]
            out.append(VoiceInfo(v.identifier.decode(), v.name.decode(),
                                 (v.languages or b"\0")[1:].decode("utf-8", "ignore")))
        return tuple(out)


@cache
def library() -> Library:
    try:
        import espeakng_loader
    except ImportError as exc:
        raise ClearreadError("speech needs the espeakng-loader package") from exc
    return Library(espeakng_loader.get_library_path(), espeakng_loader.get_data_path())

