"""Whether input is text at all is decided from its bytes: random, compressed and unknown binary
data is refused with one line, while text in any common encoding still reads."""

from __future__ import annotations

import bz2
import lzma
import random
import zlib
from pathlib import Path

import pytest
from cli_run import FORMATS, assert_clean_failure, clearread

from clearread.errors import InputError
from clearread.pipeline import read_bytes
from clearread.readers.binary import looks_binary
from clearread.readers.decode import decode_bytes

REASON = "binary file, not an HTML page or text"

SENTENCES = {
    "en": "The ferry to the island runs again from Monday, the harbour office said today.",
    "fr": "Le bac vers l’île reprend lundi, a indiqué aujourd’hui la capitainerie du port.",
    "de": "Die Fähre zur Insel fährt ab Montag wieder, teilte das Hafenamt heute mit.",
    "ru": "Паром на остров снова ходит с понедельника, сообщили сегодня в порту.",
    "el": "Το πλοίο για το νησί ξεκινά ξανά από τη Δευτέρα, ανακοίνωσε σήμερα το λιμάνι.",
    "ja": "島へのフェリーは月曜日から再び運航すると、港湾事務所が今日発表した。",
    "zh": "港务处今天表示，前往岛上的渡轮将从星期一起恢复运行。",
    "zh-hant": "港務處今天表示，前往島上的渡輪將從星期一起恢復運行。",
    "ko": "섬으로 가는 여객선이 월요일부터 다시 운항한다고 항만 사무소가 오늘 밝혔다.",
}
#: (language, encoding) pairs a saved page or text file really comes in.
ENCODED = [("en", "utf-8"), ("fr", "cp1252"), ("de", "iso8859-1"), ("ru", "cp1251"),
           ("ru", "koi8-r"), ("el", "iso8859-7"), ("ja", "shift_jis"), ("ja", "euc_jp"),
           ("zh", "gbk"), ("zh-hant", "big5"), ("ko", "euc_kr"), ("en", "utf-16-le"),
           ("en", "utf-16-be"), ("fr", "utf-16"), ("de", "utf-32"), ("ja", "utf-8-sig")]


def article(language: str) -> str:
    return "\n\n".join(SENTENCES[language] for _ in range(12))


def blobs() -> dict[str, bytes]:
    """Binary data with no signature a magic-number check would know."""
    rng = random.Random(12)
    text = article("en").encode()
    found = {f"random-{i}": rng.randbytes(3000) for i in range(40)}
    found |= {f"random-printable-{i}": bytes(rng.randrange(0x20, 0x100) for _ in range(3000))
              for i in range(10)}
    found |= {f"random-high-{i}": bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
              for i in range(10)}
    found["zlib"] = zlib.compress(text * 4)
    found["bz2-body"] = bz2.compress(text * 4)[10:]
    found["xz-raw"] = lzma.compress(text * 4, format=lzma.FORMAT_RAW,
                                    filters=[{"id": lzma.FILTER_LZMA2}])
    found["text-header-then-binary"] = b"Report 2024\n" + rng.randbytes(200_000)
    found["text-then-binary-tail"] = text * 20 + rng.randbytes(100_000)
    return found


@pytest.mark.parametrize("name", sorted(blobs()))
@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_binary_data_is_refused(name: str, suffix: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(blobs()[name], name + suffix)
    assert caught.value.reason == REASON


@pytest.mark.parametrize(("language", "encoding"), ENCODED)
def test_text_in_any_common_encoding_reads(language: str, encoding: str) -> None:
    data = article(language).encode(encoding)
    assert not looks_binary(data)
    text, _ = decode_bytes(data)
    assert SENTENCES[language] in text


def test_stray_control_characters_do_not_make_text_binary() -> None:
    text = article("en").replace("harbour", "harb\x00our", 3).replace("office", "off\x1bice", 2)
    assert not looks_binary(text.encode())


def test_mostly_utf8_with_a_few_bad_bytes_is_text() -> None:
    data = article("fr").encode() + "Café".encode("cp1252") + article("en").encode()
    assert not looks_binary(data)


def test_random_bytes_through_the_cli(tmp_path: Path) -> None:
    """One line naming the input and the reason, exit 1, nothing written."""
    out = tmp_path / "out"
    for suffix in (".html", ".txt"):
        source = tmp_path / f"noise{suffix}"
        source.write_bytes(random.Random(suffix).randbytes(3000))
        proc = clearread("convert", str(source), "-o", str(out), "-f", FORMATS)
        assert_clean_failure(proc, str(source), REASON, out)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_random_bytes_on_stdin(tmp_path: Path) -> None:
    proc = clearread("convert", "-", "-o", str(tmp_path / "out"), "-f", "txt",
                     stdin=random.Random(7).randbytes(3000))
    assert_clean_failure(proc, "-", REASON, tmp_path / "out")
