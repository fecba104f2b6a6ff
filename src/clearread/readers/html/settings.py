"""Every knob and rule of the HTML reader in one place, as data (like trafilatura's settings.cfg).

Keeping rules here means tuning the reader never means hunting literals through the code, and
each rule has a name that shows up in ``Metadata.removed``.
"""

from __future__ import annotations

import re

# --- extraction ----------------------------------------------------------------------------------

#: Options passed to ``trafilatura.bare_extraction``. Precision mode measured better on the dev
#: corpus (F1 0.975 vs 0.967); comments are never article text. ``fast`` skips trafilatura's
#: own fallback extractors (readability, jusText): our evidence check (html/extract.py) asks for
#: them only on pages whose fast result looks truncated (4 of 62 dev pages), which keeps the
#: same F1 at about two thirds of the time.
TRAFILATURA_OPTIONS: dict[str, object] = {
    "include_comments": False,
    "fast": True,
    "favor_precision": True,
    "include_tables": True,
    "include_images": True,
    "include_links": True,
    "include_formatting": True,
    "with_metadata": False,  # our own metadata pass is ~20x cheaper than htmldate
}

# Choosing the extraction by evidence (html/extract.py). Precision mode sometimes keeps only part
# of a long article; the page's own text is measured to notice that and try a second extraction.

#: Options of the second extraction of the whole page: balanced mode prunes less than precision.
SECOND_OPTIONS: dict[str, object] = {**TRAFILATURA_OPTIONS, "favor_precision": False,
                                     "fast": False}
#: Options of precision mode with trafilatura's own fallbacks (readability, jusText).
FALLBACK_OPTIONS: dict[str, object] = {**TRAFILATURA_OPTIONS, "fast": False}
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
#: A page too deep for libxml2 is parsed again without the tags that open deeper than this...
FLATTEN_DEPTH = 200
#: ...except text tags (paragraphs, headings, emphasis), which keep this much more room.
TEXT_TAG_ROOM = 40
TEXT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "code",
                       "a", "b", "i", "u", "em", "strong", "small", "sub", "sup", "q", "cite",
                       "figure", "figcaption", "td", "th", "tr"})
#: Elements that never hold content (HTML's void elements): they open no level.
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
                       "link", "meta", "param", "source", "track", "wbr"})
#: Void elements libxml2 does not know as void: unclosed, they swallow the rest of the page.
UNKNOWN_VOID_TAGS = ("embed", "keygen", "source", "track", "wbr")
#: An opening tag of these ends an open one of the same name (``<p>one<p>two``).
SELF_ENDING_TAGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
#: Site structure around an article: a page without any is the article itself (a fragment).
CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
#: A fragment (no page around it) is an article from this many words: one short sentence.
MIN_FRAGMENT_WORDS = 2

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

# Title: every candidate (JSON-LD headline, og/twitter title, <title>, each <h1>) is scored by how
# many other kinds of candidate agree with it; a visible h1 inside the article starts ahead.

#: Two titles agree when this share of their words is shared (Dice coefficient on word sets).
TITLE_AGREEMENT = 0.5
#: An h1 in the article sharing at least this share of words with another candidate (or the
#: only candidate) is the headline the reader sees, even when the SEO titles word it otherwise.
TITLE_ROUGH_AGREEMENT = 0.2
#: Head start of such an ``<h1>`` inside ``<article>``/``<main>``.
ARTICLE_H1_BONUS = 1.5
#: Tie-break between equally supported candidates (higher wins); "h1" is an h1 outside the article.
TITLE_PRIOR = {"ld": 4, "article-h1": 3, "social": 2, "meta": 2, "title": 1, "h1": 0}
#: An h1 with at most this share of the words of the longest other candidate is a banner
#: ("V8" over "V8 release v7.9") unless it agrees with one besides ``<title>``.
BANNER_MAX_WORD_SHARE = 0.34
#: A "site name" longer than this (some pages put the headline in application-name) is ignored.
SITE_NAME_MAX_WORDS = 6
#: At most this many ``<h1>`` elements are weighed (some pages use h1 for every teaser).
MAX_H1_CANDIDATES = 12
#: Tags around an h1 that make it site chrome (a logo link, a menu), not the headline.
BANNER_TAGS = frozenset({"a", "nav", "button"})

# Authors: names only. A raw byline ("By JANE DOE, AP Staff Writer • 8h") is cut at the first
# date/time/handle/"Follow", stripped of "By" and roles, split into names, and each name checked.

#: Visible byline elements (after JSON-LD and meta tags): rel/itemprop author, byline or
#: author-name classes, links to an author page.
BYLINE_XPATH = ('//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
                ' or contains(@class, "author") or contains(@href, "/author/")]'
                '[not(self::meta or self::link or self::script or self::style)]')
#: A byline element inside these tags, or under class/id names of this kind, is not the
#: article's byline (comment forms, sidebars, photo credits, teaser lists of other stories).
BYLINE_CHROME_TAGS = frozenset({"aside", "nav", "form", "figure", "figcaption"})
BYLINE_CHROME_NAMES = re.compile(r"comment|sidebar|widget|related|recommend|promo"
                                 r"|follow|list-of|more-stories|teaser|gallery|trending"
                                 r"|popular|most-read", re.IGNORECASE)
#: How much of a byline element's text is read (a longer one is a container, not a byline).
BYLINE_MAX_CHARS = 300
#: How many byline elements are read at most before giving up.
MAX_BYLINE_ELEMENTS = 30
#: What a byline starts with before the names ("Written by", "Text:").
BYLINE_PREFIX = re.compile(r"^.*?\bby\b[\s:]+|^(?:von|par|por|door)\s+"
                           r"|^(?:text|texte|texto|testo|текст|author|autor|auteur|reporter)\s*:\s*",
                           re.IGNORECASE)
#: Where a byline's names end: an e-mail, handle or URL, a digit (dates, times, "• 8h"), a bullet,
#: pipe or bracket, a sentence's period, "Updated"/"Follow"/"About"..., a relative time.
BYLINE_END = re.compile(
    r"(?:^|(?<=\s))\S+@[\w-]+\.\w+|@\w+|https?://\S*|www\.\S*|\d|[|•·(\[]"
    r"|(?<=[a-z]{2})\.(?:\s|$)"
    r"|\b(?:updated|published|posted|last modified|follow|view|about|read|share|email|e-mail"
    r"|comments?|and more|yesterday|today|just now)\b"
    r"|\b(?:an?|one|a few|several)\s+\w+\s+ago\b", re.IGNORECASE)
#: Where one name ends: a role, with the words that qualify it ("Senior Staff Writer"), a dash
#: before one ("Jane Doe - Staff Writer"), an outlet or place ("for Daily Mail", "in Kyiv").
NAME_END = re.compile(
    r"\s[-–—]\s|\s(?:for|from|in)\s|\b(?:(?:senior|chief|staff|news|sports?|political|national|international"
    r"|foreign|deputy|managing|executive|associate|assistant|contributing|guest|special|opinion|science|tech"
    r"|technology|health|business|entertainment|investigative|freelance|data|digital|auto"
    r"|security|white house|ap|afp|ips)\s+)*"
    r"(?:writer|editor|reporter|correspondent|contributor|columnist|journalist|producer|critic"
    r"|analyst|photographer|intern|editor-in-chief|author|redakteur(?:in)?|journaliste"
    r"|periodista|giornalista)s?\b|\s(?:기자|칼럼니스트|記者)", re.IGNORECASE)
#: Words between names ("Jane Doe and John Roe", "A; B").
NAME_SPLIT = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
#: A byline holding one of these words names no person ("IGN Staff", "News Nation Bureau").
NOT_A_PERSON = re.compile(r"\b(?:staff|bureau|desk|team|newsroom|editors|editorial|admin"
                          r"|administrator|webmaster|guest|гость|anonymous|redaktion|redacción"
                          r"|rédaction|redazione|unknown)\b", re.IGNORECASE)
#: Degrees and post-nominals dropped from a name ("Jane Doe, MA").
DEGREES = frozenset({"ma", "ms", "msc", "mba", "mph", "md", "phd", "dphil", "rn", "rd", "do",
                     "dds", "jd", "ba", "bsc", "bs", "llm", "cpa", "cfp", "esq", "lcsw", "mft"})
#: Lower-case words allowed inside a name ("Ludwig van Beethoven", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den",
                            "van", "von", "ter", "ten", "la", "le", "du", "bin", "ibn", "al",
                            "el", "zu", "y", "e"})
#: Date words left at the end of a name once a byline is cut at its first digit ("Jeff Foust
#: Monday, November 18, 2019").
DATE_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday",
    "thu", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "on", "at"})
#: A name has at most this many words.
NAME_MAX_WORDS = 6
#: News agencies: kept as the author only when the byline names no person ("PTI").
NEWS_AGENCIES = frozenset({"associated press", "the associated press", "ap", "reuters", "afp",
                           "agence france-presse", "agence france presse", "dpa", "pti", "ians",
                           "ani", "efe", "ansa", "xinhua", "upi", "press association", "pa",
                           "kyodo", "yonhap", "tass", "interfax", "bloomberg", "anp", "belga",
                           "apa", "sda", "tt", "ntb", "aap", "cp", "the canadian press"})

# --- body cleaning -------------------------------------------------------------------------------

#: How many leading blocks may hold a repeated title, dek, byline or dateline.
HEAD_ZONE_BLOCKS = 6
#: Blocks shorter than this (in words) may repeat (e.g. a source named twice).
REPEAT_MIN_WORDS = 4
#: Page elements whose text is an image caption (besides ``<figcaption>``).
#: (An element holding both pictures and paragraphs is a layout wrapper, not a caption,
#: whatever its class says.)
CAPTION_XPATH = ("//figcaption | //*[contains(@class, 'caption') or contains(@class, 'credit')]"
                 "[not(self::body or self::html or self::article or self::main)]"
                 "[not(.//p and (.//img or .//figure))]")
#: An image named (class, id, file name) like these, or with such alt text, is a logo or an
#: icon; before the article's prose it is dropped. ("header" is not one: lead pictures are
#: often called so; a print header's logo is named "logo" or "print".)
LOGO_NAMES = re.compile(r"(^|[\W_])(logo|icon|favicon|masthead|sprite|print|avatar|badge)s?"
                        r"($|[\W_])", re.IGNORECASE)
LOGO_ALT = re.compile(r"\b(logo|icon|favicon)s?\b", re.IGNORECASE)
#: An image declared this small (width or height, in pixels) is an icon or a tracking pixel.
ICON_MAX_PIXELS = 48
#: A paragraph that is nothing but a web address (the page's own, a shortened link).
BARE_URL = re.compile(r"^\s*<?(https?://|www\.)\S+>?\s*$", re.IGNORECASE)
#: Notices about the page rather than the article: dropped from lines of up to this many words.
NOTICE_MAX_WORDS = 40
NOTICE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright", re.compile(r"^\W*(©|\(c\)\s|copyright\s*(©|\(c\)|\d{4}|:)|image copyright\b)"
                             r"|\ball rights reserved\b", re.IGNORECASE)),
    ("issn", re.compile(r"\b(e-?)?ISSN\b[\s:]*\d{4}-?\d{3}[\dXx]", re.IGNORECASE)),
)
#: Caption fragments shorter than this (in words) are not matched against body paragraphs.
CAPTION_MIN_WORDS = 2
#: A "caption" longer than this (in words) is a wrapper around text, not a caption.
CAPTION_MAX_WORDS = 150
#: A paragraph made of captions' pieces with at most this many other letters is a caption.
CAPTION_LEFTOVER_CHARS = 3
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
    ("credit", re.compile(
        r"^\W*((photo(graph)?|image|picture|pic|illustration|foto|bild)s?"
        r"(\s+credits?)?\s*(:|/|by\b|via\b|courtesy\b)|credits?\s*:)"
        r"|^\W*(AP|AFP|EPA|PA|Reuters|Getty( Images)?|Shutterstock|iStock(photo)?|Alamy"
        r"|(the )?Associated Press)( photo)?(\s*/\s*[^/]{0,60})?\W*$"
        r"|^[^/]{0,80}/\s*(AP|AFP|EPA|Reuters|Getty( Images)?|Shutterstock"
        r"|(the )?Associated Press)\W*$",
        re.IGNORECASE)),
)
#: Rules that empty a figure's caption when the caption is nothing but that line.
CAPTION_ONLY_RULES = frozenset({"credit", "copyright"})
#: A photo credit at the end of a caption ("… in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
#: "… on Monday. Photo: Jane Doe/Reuters"): cut off, the description kept.
CAPTION_CREDIT_TAIL = re.compile(
    r"\s*[(\[][^()\[\]]*\b(photo|image|picture|credit|getty|reuters|shutterstock|afp|epa"
    r"|associated press)\b[^()\[\]]*[)\]]\W*$"
    r"|(?<=[.!?])\s+(photo(graph)?|image|picture|credit)s?(\s+credits?)?\s*:\s*[^.!?]{1,80}$",
    re.IGNORECASE)
#: A paragraph of at least this many links, each on a line of its own, that is mostly link text
#: is a box of other stories ("Don't miss", "Read more") set inside the article.
LINK_BOX_MIN_LINKS = 2
LINK_BOX_MIN_LINK_SHARE = 0.6
