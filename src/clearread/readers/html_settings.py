"""Every knob and rule of the HTML reader in one place, as data (like trafilatura's settings.cfg).

Keeping rules here means tuning the reader never means hunting literals through the code, and
each rule has a name that shows up in ``Metadata.removed``.
"""

from __future__ import annotations

import re

# --- extraction ----------------------------------------------------------------------------------

#: Options passed to ``trafilatura.bare_extraction``. Precision mode measured better on the dev
#: corpus (F1 0.975 vs 0.967) and is also faster; comments are never article text.
TRAFILATURA_OPTIONS: dict[str, object] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": True,
    "include_links": True,
    "include_formatting": True,
    "with_metadata": False,  # our own metadata pass is ~20x cheaper than htmldate
}

# Choosing the extraction by evidence (html_extract.py). Precision mode sometimes keeps only part
# of a long article; the page's own text is measured to notice that and try a second extraction.

#: Options of the second extraction of the whole page: balanced mode prunes less than precision.
SECOND_OPTIONS: dict[str, object] = {**TRAFILATURA_OPTIONS, "favor_precision": False}
#: Text under these tags is never read, so it is not part of the page's measured text.
NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select",
                           "option", "textarea"})
#: Inline tags: their text belongs to the block around them when measuring text containers.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data",
                         "dfn", "em", "font", "i", "img", "kbd", "mark", "q", "s", "samp",
                         "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
                         "var", "wbr"})
#: Paragraph tags: a container of paragraphs (not each paragraph) is the unit whose text is
#: measured, so an article body outweighs any one long teaser or footer paragraph.
PARAGRAPH_TAGS = frozenset({"p"})
#: Text in these tags, or under class/id names of this kind, is chrome: never the main text.
NOT_MAIN_TEXT_TAGS = frozenset({"aside", "footer", "nav", "header", "form", "menu"})
NOT_MAIN_TEXT_NAMES = re.compile(r"comment|related|sidebar|footer|promo|newsletter|recommend"
                                 r"|teaser|more-stories|most-(popular|read)|trending|widget"
                                 r"|share|social", re.IGNORECASE)
#: The largest containers looked at, biggest first, for one outside chrome.
LARGEST_CANDIDATES = 5
#: Same tag-and-class containers within this many levels of the largest one are parts of the
#: same article (split around adverts or pull quotes); farther away they are other stories.
TWIN_SCOPE_LEVELS = 4
#: A twin holds at least this many characters of unlinked text (a one-line stub is not part of
#: the text). Text is measured in characters: cheap, and fair to languages without spaces.
TWIN_MIN_CHARS = 120
#: Below this many measured characters (~150 words) the page is too small to judge:
#: precision mode is trusted.
CHECK_MIN_CHARS = 800
#: Precision output keeping less than this share of the measured main text (unlinked text)
#: looks truncated, and only then is a second extraction run.
TRUNCATED_SHARE = 0.7
#: A second extraction replaces the first only when at least this many times longer...
ACCEPT_GAIN = 1.2
#: ...holding this share of the first's word 4-grams (the same article, not another region)...
ACCEPT_OVERLAP = 0.6
#: ...adding text that is mostly (this share of its new 4-grams) the measured main text...
ACCEPT_ADDED_FROM_MAIN = 0.5
#: ...and with at most this share of its text inside links (not a menu or teaser list).
ACCEPT_MAX_LINK_SHARE = 0.3

#: Below this many words of body text the page is not treated as an article.
MIN_ARTICLE_WORDS = 20
#: Share of body words inside links above which the "article" is an index or menu page.
MAX_LINK_WORD_SHARE = 0.6
#: A short page holding one of these is a login or paywall screen, not an article.
WALL_MAX_WORDS = 120
WALL_PATTERNS = re.compile(
    r"\b(log ?in|sign ?in|sign up|subscribe|register)\b.{0,60}\b(to (continue|read|view|access)"
    r"|for (full )?access)|\b(subscribers? only|members? only|already a (subscriber|member)"
    r"|create an account|enter your password|forgot (your )?password)\b",
    re.IGNORECASE,
)


#: libxml2 stops building the tree this many levels down (the rest of the page is lost).
PARSER_MAX_DEPTH = 255
#: Pages larger than this are read in one streaming pass (html_stream.py): full extraction
#: holds the page tree several times over and takes seconds per megabyte.
STREAM_ABOVE_BYTES = 8 * 1024 * 1024
#: Layout-only tags removed when a page nests too deeply to parse whole.
WRAPPER_TAGS = re.compile(r"</?(div|span|section|font|center|b|i|u|em|strong)\b[^>]*>",
                          re.IGNORECASE)

# --- decoding ------------------------------------------------------------------------------------

#: Labels that browsers read as windows-1252 (WHATWG encoding standard).
CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii",
                           "us-ascii", "windows-1252", "cp1252", "iso_8859-1", "x-cp1252"})
#: A meta tag may not switch to these: the bytes we are scanning are clearly ASCII-compatible.
META_IGNORED = frozenset({"utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be"})
#: Detected encodings trusted over the windows-1252 default (distinct byte patterns, unlikely
#: to be guessed by accident); anything else undeclared and not UTF-8 is read as windows-1252.
TRUSTED_DETECTIONS = frozenset({
    "shift_jis", "cp932", "euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp", "gb2312",
    "gbk", "gb18030", "big5",
    "big5hkscs", "euc_kr", "cp949", "cp1251", "koi8_r", "koi8_u", "cp1256", "cp1253", "cp1255",
    "iso8859_7", "iso8859_5", "tis_620", "cp874",
})
#: How much of the page to scan for ``<meta charset>`` (HTML says 1024 bytes; be generous).
META_SCAN_BYTES = 4096

# --- links ---------------------------------------------------------------------------------------

SAFE_LINK_SCHEMES = ("http", "https", "mailto")

# --- metadata ------------------------------------------------------------------------------------

#: Class/id fragments of elements that hold a dek (standfirst) under the headline.
DEK_HINTS = re.compile(r"(^|[-_ ])(dek|deck|standfirst|subtitle|sub-?head(line)?|strapline"
                       r"|summary|chapeau|chapo|vorspann|entradilla|bajada)([-_ ]|$)",
                       re.IGNORECASE)
#: A kicker (section label such as "Culture") opening the body is at most this many words.
KICKER_MAX_WORDS = 3
#: A description this long or longer, or ending in an ellipsis, is a teaser, not a dek.
DEK_MAX_CHARS = 400
#: Separators between the headline and the site name in ``<title>``.
TITLE_SEPARATORS = re.compile(r"\s+[|–—•·:»-]\s+")

# --- body cleaning -------------------------------------------------------------------------------

#: How many leading blocks may hold a repeated title, dek, byline or dateline.
HEAD_ZONE_BLOCKS = 6
#: Blocks shorter than this (in words) may repeat (e.g. a source named twice).
REPEAT_MIN_WORDS = 4
#: Page elements whose text is an image caption (besides ``<figcaption>``).
CAPTION_XPATH = ("//figcaption | //*[contains(@class, 'caption') or contains(@class, 'credit')]"
                 "[not(self::body or self::html or self::article or self::main)]")
#: Caption fragments shorter than this (in words) are not matched against body paragraphs.
CAPTION_MIN_WORDS = 2
#: At most this many removed blocks are kept as samples in ``Metadata.removed`` (a huge page of
#: repeated blocks must not turn into a huge model).
MAX_REMOVED_SAMPLES = 200
#: Lines no longer than this (in words) are candidates for byline/dateline/chrome rules.
SHORT_LINE_WORDS = 14
BYLINE = re.compile(r"^\s*(by|von|par|por|door|di)\s+\S", re.IGNORECASE)
DATELINE = re.compile(
    r"^\s*((published|updated|posted|last (updated|modified))\b[\s:]*|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?"
    r"(,?\s+\d{4})?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"([\s,]*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
#: Short lines that are site chrome, whatever the page: (rule name, pattern).
CHROME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("share", re.compile(r"^\s*(share|tweet|email|print|pin|copy link|comments?)"
                         r"(\s+(this|on|via|the)\b.*)?[\s:!.]*$", re.IGNORECASE)),
    ("subscribe", re.compile(r"^\s*(subscribe|sign up|join)\b.{0,80}"
                             r"\b(newsletter|updates|inbox|today|now|free)\b", re.IGNORECASE)),
    ("related", re.compile(r"^\s*(related|read more|more from|recommended|you may also like"
                           r"|most (popular|read)|also read|see also|trending)\b[\s:\w]{0,40}$",
                           re.IGNORECASE)),
    ("gallery", re.compile(r"^\s*(\.\.\.|…)?\s*(more|less|next|previous|prev|expand|close"
                           r"|view (gallery|all)|show (more|less))\s*$", re.IGNORECASE)),
    ("advert", re.compile(r"^\s*(advertisement|sponsored( content)?|ad)\s*$", re.IGNORECASE)),
)
