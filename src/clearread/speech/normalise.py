"""Text → what a speech engine should say: numbers, dates, money, abbreviations, symbols.

A speech engine reads "$40m" as "dollar forty m" and "Dr. Smith" as "Drive Smith"; listeners
notice. Normalisation is a fixed sequence of rules, each one compiled regex applied in one pass
over the text. Language-specific words come from ``tables``; the rules here only say
where things are. Order matters: URLs and phone numbers go before numbers, dates before years,
years before plain numbers, abbreviations before acronyms, and cleanup of punctuation last.

For languages without tables (anything but en, fr, de, es) only the language-neutral rules run
and numbers are left as digits, which espeak-ng already reads in its own language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from clearread.speech.numbers import cardinal, decimal, digits, ordinal, year
from clearread.speech.tables import LEXICONS, US_STATES, Lexicon, base_language

Replacement = str | Callable[[re.Match[str]], str]
Rule = tuple[re.Pattern[str], Replacement]
Step = tuple[re.Pattern[str], Replacement, str]
"""A rule plus the characters it needs: the pass is skipped when none of them is in the text."""

DIGITS = "0123456789"

_NEXT_IS_NEW_SENTENCE = re.compile(r"\s*$|\s+[\"'(]?[A-ZÀ-Ý]")
_NEXT_IS_NAME = re.compile(r"\s+[A-ZÀ-Ý]")
_CLAUSE_ENDS = re.compile(r"\s*(?:[,;:!?)]|$)")


_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'’]*)[-\s\u00a0]+$")
_NOT_A_NOUN = frozenset({"of", "in", "to", "and", "or", "from", "away", "long", "high", "wide",
                         "deep", "tall", "old", "a", "per", "each", "more", "less", "for",
                         "on", "at", "by", "with", "was", "is", "are", "were", "has", "had"})
_NOT_PLURAL = frozenset({"was", "has", "does", "goes", "always", "perhaps", "towards", "as",
                         "yes", "plus", "thus", "whereas", "besides", "afterwards", "news",
                         "series", "species", "means", "less", "unless", "across", "this",
                         "its", "his", "hers", "ours", "theirs", "us", "is", "sometimes",
                         "nevertheless", "nonetheless", "alas"})


def _next_word(m: re.Match[str]) -> str:
    """The word right after the match ("" when punctuation or the end comes first)."""
    found = _WORD_AFTER.match(m.string, m.end())
    return found.group(1) if found else ""


def _previous_word(m: re.Match[str]) -> str:
    """The word right before the match (across a space or a hyphen: "mid-2019")."""
    found = _WORD_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    return found.group(1) if found else ""


def _ends_sentence(m: re.Match[str]) -> bool:
    """True when the match is followed by the end of the text or a capitalised word."""
    return _NEXT_IS_NEW_SENTENCE.match(m.string, m.end()) is not None


def _alternation(words: object, flags: str = "") -> str:
    """Regex alternation of literal ``words``, longest first (so "Mrs." beats "Mr")."""
    keys = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    body = "|".join(re.escape(k) for k in keys) or "(?!)"
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


# --- language-neutral rules ----------------------------------------------------------------------

_EMOJI = (
    "[\U0001f000-\U0001faff\U0001f1e6-\U0001f1ff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff"
    "\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f]"
)

PREPARE: tuple[Rule, ...] = (
    (re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]"), ""),
    (re.compile(_EMOJI + "+"), " "),
    (re.compile("[\u2018\u2019\u02bc\u2032]"), "'"),
    (re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2033]"), '"'),
    (re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d+|…|\.\.\.)\]"), ""),
    (re.compile(r"([!?])[!?]+"), r"\1"),
    (re.compile("\u00bd"), " one half "),
    (re.compile("\u00bc"), " one quarter "),
    (re.compile("\u00be"), " three quarters "),
)


def _ellipsis(m: re.Match[str]) -> str:
    return ". " if _ends_sentence(m) else ", "


PAUSES: tuple[Rule, ...] = (
    (re.compile(r"\s*(?:\.\s?\.\s?\.|…)\.?"), _ellipsis),
    (re.compile(r"(?:-{2,3}|[—―])\s*|(?<=\s)[-–]\s+"), ", "),  # cleanup eats the space before
)

MARKUP: tuple[Rule, ...] = (
    (re.compile(r"[*#_|~^`\\<>{}\[\]]+"), " "),
    (re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])"), " "),
)

CLEANUP: tuple[Rule, ...] = (
    (re.compile(r"\(\s*\)"), ""),
    (re.compile(r"\s+"), " "),
    (re.compile(r" ([,.;:!?])"), r"\1"),
    (re.compile(r"([,;:])(?:\s*[,;:])+"), r"\1"),
    (re.compile(r"[,;:]\s*([.!?])"), r"\1"),
    (re.compile(r"([.!?])\s*[,;:]"), r"\1"),
    (re.compile(r"\.{2,}"), "."),
    (re.compile(r"^[\s,;:.]+"), ""),
)

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/:?#]+)", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|io|info|int|uk|fr|de|es|eu))"
    r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?(?![\w@/-])",
    re.IGNORECASE,
)


def _web_rules(lex: Lexicon | None) -> tuple[Rule, ...]:
    """Addresses read as their site ("example dot org"), never character by character."""
    dot = f" {lex.dot} " if lex else "."
    at = f" {lex.at} " if lex else "@"

    def host(m: re.Match[str]) -> str:
        found = _HOST.match(m.group(0))
        return found.group(1).replace(".", dot) if found else ""

    def email(m: re.Match[str]) -> str:
        return m.group(1).replace(".", dot) + at + m.group(2).replace(".", dot)

    def domain(m: re.Match[str]) -> str:
        return m.group(1).replace(".", dot)

    return ((_EMAIL, email), (_URL, host), (_BARE_DOMAIN, domain))


# --- numbers as written in each language ---------------------------------------------------------


def _number_pattern(lex: Lexicon) -> str:
    """A number as written: grouped thousands or plain digits, optional decimal part."""
    dec = r"\." if lex.decimal == "." else "[,.]"
    return rf"(?:\d{{1,3}}(?:{lex.group}\d{{3}})+|\d+)(?:{dec}\d+)?"


def _split(amount: str, lex: Lexicon) -> tuple[str, str]:
    """``"1,250.50"`` → ``("1250", "50")`` using the language's separators."""
    amount = amount.strip()
    whole, frac = amount, ""
    marks = "." if lex.decimal == "." else ",."
    for i in range(len(amount) - 1, -1, -1):
        ch = amount[i]
        if ch in marks:
            tail = amount[i + 1:]
            if lex.decimal == "." or ch == "," or len(tail) != 3:
                whole, frac = amount[:i], tail
            break
        if not ch.isdigit():
            break
    return re.sub(r"\D", "", whole) or "0", frac


def _say_number(amount: str, lang: str, lex: Lexicon) -> str:
    whole, frac = _split(amount, lex)
    if len(whole) > 15:
        return digits(whole, lang)
    if frac:
        return decimal(whole, frac, lang, lex.point)
    return cardinal(int(whole), lang)


def _counted(amount: str, lang: str, lex: Lexicon, one: str, many: str) -> str:
    """A number and its noun: "one kilometre", "3.5 kilometres", "ein Euro"."""
    whole, frac = _split(amount, lex)
    if whole == "1" and not frac:
        return f"{lex.one or cardinal(1, lang)} {one}"
    return f"{_say_number(amount, lang, lex)} {many}"


class _LanguageRules:
    """The rules for one language, built once from its Lexicon (see ``rules``)."""

    def __init__(self, lang: str, lex: Lexicon) -> None:
        self.lang, self.lex = lang, lex
        self.num = _number_pattern(lex)
        self.month_index = {m.casefold(): i for i, m in enumerate(lex.months, start=1)}
        self.month_index.update({k.casefold(): v for k, v in lex.month_abbr.items()})
        months = _alternation([*lex.months, *lex.month_abbr], "" if lang in {"en", "de"} else "i")
        self.months = rf"{months}\b\.?"

    def is_plural_noun(self, word: str) -> bool:
        """"people", "employees", "Menschen": the number before it counts things."""
        if not word or word in self.month_index or word.casefold() in self.month_index:
            return False
        if self.lang == "de":
            return word[0].isupper() and word not in self.lex.year_cue
        folded = word.casefold()
        if not word[0].islower():
            return False
        if folded in self.lex.plural_nouns:
            return True
        if self.lang != "en":
            return folded.endswith(("s", "x"))
        return (len(folded) > 3 and folded.endswith("s") and folded not in _NOT_PLURAL
                and not folded.endswith(("ss", "us", "is", "'s")))

    def attributive(self, m: re.Match[str]) -> bool:
        """"a 10 km walk", "a $500 fine": before a noun the unit stays singular (English)."""
        if self.lang != "en" or _previous_word(m).casefold() not in {"a", "an", "the"}:
            return False
        after = _next_word(m)
        return bool(after) and after[0].islower() and after.casefold() not in _NOT_A_NOUN

    def all(self) -> tuple[Step, ...]:
        minus: Rule = (re.compile(r"(?<![^\s(])[-−](?=\d)"), f"{self.lex.minus} ")
        groups: tuple[tuple[str, tuple[Rule, ...]], ...] = (
            ("@.", _web_rules(self.lex)),
            (DIGITS, self.codes()),
            (DIGITS, self.dates()),
            (DIGITS, self.versions()),
            ("/", self.fractions()),
            (DIGITS, self.ranges()),
            ("-—―–.…", PAUSES),
            ("-−", (minus,)),
            (DIGITS, self.times()),
            (DIGITS, self.money()),
            (DIGITS, self.measures()),
            (DIGITS, self.ordinals()),
            (DIGITS, self.years()),
            ("IVXLCDM", self.roman()),
            ("", self.abbreviations()),
            (DIGITS, self.plain_numbers()),
            ("", self.acronyms()),
            ("&%°@+", self.symbols()),
        )
        return tuple((p, r, needs) for needs, group in groups for p, r in group)

    # -- codes: phone numbers, ZIP codes --------------------------------------------------------

    def codes(self) -> tuple[Rule, ...]:
        lang = self.lang

        def grouped(m: re.Match[str]) -> str:
            groups = ", ".join(digits(g, lang) for g in re.findall(r"\d+", m.group(0)))
            return f"plus {groups}" if m.group(0).startswith("+") else groups

        def zip_code(m: re.Match[str]) -> str:
            tail = f", {digits(m.group(3), lang)}" if m.group(3) else ""
            return f"{' '.join(m.group(1))} {digits(m.group(2), lang)}{tail}"

        def code(m: re.Match[str]) -> str:
            if self.is_plural_noun(_next_word(m)):
                return m.group(0)
            return digits(m.group(0), lang)

        def cued(m: re.Match[str]) -> str:
            tail = f" {cardinal(int(m.group(3)), lang)}" if m.group(3) else ""
            return f"{m.group(1)} {digits(m.group(2), lang)}{tail}"

        def series(m: re.Match[str]) -> str:
            return f"{digits(m.group(1), lang)} {cardinal(int(m.group(2)), lang)}"

        codes = _alternation(self.lex.spoken_codes)
        cues = _alternation(self.lex.code_cues)
        return (
            (re.compile(rf"\b({cues})\s+(\d{{3,6}})(?:-(\d{{3}}))?\b(?![.,]\d)"), cued),
            (re.compile(r"\b(7[0-8]7)-(\d00)\b"), series),
            (re.compile(rf"(?<![\w.,$£€/-]){codes}(?![\w/-]|[.,]\d)"), code),
            (re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,5}(?![\d])"), grouped),
            (re.compile(r"(?<![\w+])0\d{3,4} \d{3} ?\d{3,4}(?!\d)"), grouped),
            (re.compile(r"(?<![\w+])\(?\d{3}\)?[ .-]\d{3}[.-]\d{4}(?!\d)"), grouped),
            (re.compile(r"(?<![\w+])\(\d{3}\)\s?\d{3}[ .-]\d{4}(?!\d)"), grouped),
            (re.compile(r"\b0\d(?:[ .]\d\d){4}\b"), grouped),
            (re.compile(rf"\b({_alternation(US_STATES)})\s(\d{{5}})(?:-(\d{{4}}))?\b"),
             zip_code),
            (re.compile(r"(?<![\w+.-])\d{3}-\d{4}(?![\w-])"), grouped),
        )

    # -- dates --------------------------------------------------------------------------------

    def say_date(self, day: int | None, month: int, yr: int | None, day_first: bool) -> str:
        lex, lang = self.lex, self.lang
        style = (lex.date_style_day_first or lex.date_style) if day_first else lex.date_style
        if day is None:
            style = "{month} {year}"
        if yr is None:
            style = re.sub(r"[\s,]*(?:de\s*)?\{year\}", "", style)
        day_words = ""
        if day is not None:
            day_words = {
                "ordinal": lambda d: ordinal(d, lang),
                "cardinal_first": lambda d: ordinal(d, lang) if d == 1 else cardinal(d, lang),
                "ordinal_n": lambda d: ordinal(d, lang) + "n",
            }[lex.day_style](day)
        words = year(yr, lang) if yr is not None else ""
        return style.format(month=lex.months[month - 1], day=day_words, year=words)

    def dates(self) -> tuple[Rule, ...]:
        month_of = self.month_index

        def iso(m: re.Match[str]) -> str:
            yr, mo, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= mo <= 12 and 1 <= day <= 31):
                return m.group(0)
            return self.say_date(day, mo, yr, day_first=False)

        def numeric(m: re.Match[str]) -> str:
            day, mo, yr = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= mo <= 12 and 1 <= day <= 31):
                return m.group(0)
            return self.say_date(day, mo, yr, day_first=True)

        def month_first(m: re.Match[str]) -> str:
            mo = month_of[m.group("mon").rstrip(".").casefold()]
            if not m.group("year") and self.is_plural_noun(_next_word(m)):
                return f"{self.lex.months[mo - 1]} {m.group('day')}"  # "In March 20 people"
            return self.say_date(int(m.group("day")), mo, year_of(m), day_first=False)

        def day_first(m: re.Match[str]) -> str:
            mo = month_of[m.group("mon").rstrip(".").casefold()]
            said = self.say_date(int(m.group("day")), mo, year_of(m), day_first=True)
            if m.group("the"):   # "the 4th of July": the article is already there
                said = m.group("the") + said.removeprefix("the")
            return said + self._kept_stop(m)

        def year_of(m: re.Match[str]) -> int | None:
            return int(m.group("year")) if m.group("year") else None

        mon = f"(?P<mon>{self.months})"
        year_part = r"(?:,?\s+(?P<year>\d{4})\b(?![.,]?\d))?"
        day_suffix = {
            "en": r"(?:st|nd|rd|th)?", "fr": r"(?:er|re|ᵉʳ)?", "de": r"\.", "es": "",
        }[self.lang]
        joiner = {"en": r"\s+(?:of\s+)?", "es": r"\s+de\s+"}.get(self.lang, r"\s*")
        es_year = r"(?:\s+de\s+(?P<year>\d{4})\b)?" if self.lang == "es" else year_part
        the = r"(?:\b(?P<the>[Tt]he)\s+)?" if self.lang == "en" else "(?P<the>)"
        rules: list[Rule] = [
            (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\b"), iso),
            (re.compile(rf"{the}\b(?P<day>\d{{1,2}}){day_suffix}{joiner}{mon}{es_year}"),
             day_first),
        ]
        if self.lang == "en":
            rules.append((re.compile(
                rf"\b{mon}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.,]\d){year_part}"),
                month_first))
        else:
            rules.append((re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), numeric))
        return tuple(rules)

    def _kept_stop(self, m: re.Match[str]) -> str:
        """The full stop a date swallowed with its month ("on 3 March. Then"), given back."""
        month = m.group("mon")
        if month.endswith(".") and not m.group("year") and (
                month[:-1].casefold() in {n.casefold() for n in self.lex.months}
                or _ends_sentence(m)):
            return "."
        return ""

    # -- versions, fractions ------------------------------------------------------------------

    def versions(self) -> tuple[Rule, ...]:
        """"2.1.3" → "two point one point three" (only where "." is the decimal mark)."""
        if self.lex.decimal != ".":
            return ()
        lang, point = self.lang, f" {self.lex.point} "

        def say(m: re.Match[str]) -> str:
            return point.join(cardinal(int(part), lang) for part in m.group(0).split("."))

        return ((re.compile(r"(?<![\w.,])\d{1,4}(?:\.\d{1,4}){2,3}(?![\w]|\.\d)"), say),)

    def fraction(self, top: int, bottom: int) -> str | None:
        """"3/4" → "three quarters"; None when ``bottom`` is no denominator people say."""
        if bottom not in self.lex.fractions or not 0 < top < bottom:
            return None
        one, many = self.lex.fractions[bottom]
        count = self.lex.one or cardinal(1, self.lang) if top == 1 else cardinal(top, self.lang)
        return f"{count} {one if top == 1 else many}"

    def fractions(self) -> tuple[Rule, ...]:
        lang = self.lang

        def say(m: re.Match[str]) -> str:
            top, bottom = int(m.group("top")), int(m.group("bottom"))
            words = self.fraction(top, bottom)
            if words is None:   # "24/7", "9/11": said as two numbers
                return f"{cardinal(top, lang)} {cardinal(bottom, lang)}"
            if m.group("whole"):
                if lang == "en" and top == 1:
                    words = "a " + words.split(" ", 1)[1]   # "two and a half"
                return f"{cardinal(int(m.group('whole')), lang)} {self.lex.and_} {words}"
            return words

        return ((re.compile(r"(?<![\w/.,])(?:(?P<whole>\d{1,3}) )?(?P<top>\d{1,2})/"
                            r"(?P<bottom>\d{1,3})(?![\w/]|[.,]\d)"), say),)

    # -- ranges, times -------------------------------------------------------------------------

    def ranges(self) -> tuple[Rule, ...]:
        to = f" {self.lex.to} "
        return (
            (re.compile(r"(?<=\d)\s?[–—]\s?(?=\d)"), to),
            (re.compile(r"\b(\d{1,4})-(\d{1,4})\b(?!-)"), rf"\1{to}\2"),
        )

    def say_time(self, hour: int, minute: int, suffix: str) -> str:
        lang, style = self.lang, self.lex.time_style
        h = cardinal(hour, lang)
        m = cardinal(minute, lang)
        if style == "heures":
            h = "une" if hour == 1 else h
            unit = "heure" if hour <= 1 else "heures"
            return f"{h} {unit} {m}" if minute else f"{h} {unit}"
        if style == "uhr":
            h = "ein" if hour == 1 else h
            return f"{h} Uhr {m}" if minute else f"{h} Uhr"
        if style == "y":
            h = "una" if hour == 1 else h
            return f"{h} y {m}" if minute else f"{h} en punto"
        if minute == 0:
            spoken = h if suffix else (f"{h} hundred" if hour > 12 else f"{h} o'clock")
        elif minute < 10:
            spoken = f"{h} oh {m}"
        else:
            spoken = f"{h} {m}"
        return f"{spoken} {suffix}" if suffix else spoken

    def times(self) -> tuple[Rule, ...]:
        def clock(m: re.Match[str]) -> str:
            suffix = f"{m.group(3).lower()} m" if m.group(3) else ""
            words = self.say_time(int(m.group(1)), int(m.group(2) or 0), suffix)
            return words + "." if m.group(0).endswith(".") and _ends_sentence(m) else words

        def duration(m: re.Match[str]) -> str:
            parts = [(int(n), unit) for n, unit in zip(m.groups(), self.lex.time_units,
                                                        strict=True) if int(n)]
            said = [f"{cardinal(n, self.lang)} {unit[:-1] if n == 1 else unit}"
                    for n, unit in parts]
            if len(said) > 1:
                said[-1] = f"{self.lex.and_} {said[-1]}"
            return " ".join(said)

        ampm = r"(?:\s?([aApP])\.?\s?[mM]\b\.?)"
        rules: list[Rule] = [
            (re.compile(r"\b(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d.:])"), duration),
            (re.compile(rf"\b([01]?\d|2[0-3]):([0-5]\d)(?!\d){ampm}?"), clock),
            (re.compile(rf"\b(1[0-2]|0?[1-9])(){ampm}"), clock),
        ]
        if self.lang == "fr":
            rules.append((re.compile(r"\b([01]?\d|2[0-3]) ?h ?([0-5]\d)?\b()"), clock))
        if self.lang == "de":
            rules.insert(0, (re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d) ?Uhr\b()"), clock))
        return tuple(rules)

    # -- money, percentages, degrees, units ---------------------------------------------------

    def money(self) -> tuple[Rule, ...]:
        lex, lang = self.lex, self.lang
        symbols = _alternation(lex.currencies)
        scale = rf"(?:\s?({_alternation(lex.scales)})(?![\w]))?"

        def say(symbol: str, amount: str, scale_word: str | None, before_noun: bool) -> str:
            one, many, minor_one, minor_many = lex.currencies[symbol]
            if before_noun:   # "a $500 fine" → "a five hundred dollar fine"
                many = minor_many = one
            if scale_word:
                said = lex.scales[scale_word]
                joiner = f" {lex.scale_joiner} " if lex.scale_joiner else " "
                if lang == "fr" and many[0] in "aeiouéh":
                    joiner = " d'"  # "milliards d'euros"
                return f"{_say_number(amount, lang, lex)} {said}{joiner}{many}"
            whole, frac = _split(amount, lex)
            cents = int((frac + "00")[:2]) if frac else 0
            if whole == "0" and cents:
                return _counted(str(cents), lang, lex, minor_one, minor_many)
            money = _counted(whole, lang, lex, one, many)
            if cents:
                joiner = f" {lex.cents_joiner}" if lex.cents_joiner else ""
                money += f"{joiner} {cardinal(cents, lang)}"
            return money

        def before(m: re.Match[str]) -> str:
            return say(m.group(1), m.group(2), m.group(3), self.attributive(m))

        def after(m: re.Match[str]) -> str:
            return say(m.group(3), m.group(1), m.group(2), self.attributive(m))

        return (
            (re.compile(rf"({symbols})\s?({self.num}){scale}"), before),
            (re.compile(rf"(?<![\w.,])({self.num}){scale}\s?({symbols})"), after),
        )

    def measures(self) -> tuple[Rule, ...]:
        lex, lang, num = self.lex, self.lang, self.num
        units = _alternation(lex.units)

        def percent(m: re.Match[str]) -> str:
            return f"{_say_number(m.group(1), lang, lex)} {lex.percent}"

        def degrees(m: re.Match[str]) -> str:
            scale = {"C": f" {lex.celsius}", "F": f" {lex.fahrenheit}"}.get(m.group(2) or "", "")
            return _counted(m.group(1), lang, lex, *lex.degree) + scale

        def unit(m: re.Match[str]) -> str:
            one, many = lex.units[m.group(2)]
            if self.attributive(m):
                return f"{_say_number(m.group(1), lang, lex)} {one}"
            return _counted(m.group(1), lang, lex, one, many)

        def word_unit(m: re.Match[str]) -> str:
            """"5 in." or "100m": a unit that is also a word needs a stop or no space."""
            glued = not m.group(0)[len(m.group(1)):].startswith((" ", "\u00a0"))
            if not (glued or m.group(0).endswith(".") or _CLAUSE_ENDS.match(m.string, m.end())):
                return m.group(0)   # "12 in the morning", "3 in 10"
            return unit(m) + ("." if m.group(0).endswith(".") and _ends_sentence(m) else "")

        def compound(m: re.Match[str]) -> str:
            """"a 10-km race": the unit stays singular, as it does in speech."""
            return f"{_say_number(m.group(1), lang, lex)} {lex.units[m.group(2)][0]}"

        def by(m: re.Match[str]) -> str:
            """"2x4", "4 x 4" → "two by four"."""
            first, second = (_say_number(m.group(i), lang, lex) for i in (1, 2))
            return f"{first} {lex.by} {second}"

        word_units = _alternation(u for u in lex.units if u in lex.word_units)
        other_units = _alternation(u for u in lex.units if u not in lex.word_units)
        return (
            (re.compile(rf"(?<![\w.,])({num})\s?%"), percent),
            (re.compile(rf"(?<![\w.,])({num})\s?°\s?([CF]\b)?"), degrees),
            (re.compile(r"(?<![\w.,])(-?\d{1,3}(?:[.,]\d)?)([CF])\b(?!['’\w])"), degrees),
            (re.compile(rf"(?<![\w.,])({num})\s?[x×]\s?({num})\b"), by),
            (re.compile(rf"(?<![\w.,])({num})[x×](?=\s+[^\W\d_])"),
             lambda m: f"{_say_number(m.group(1), lang, lex)} {lex.times}"),
            *self.glued(),
            (re.compile(rf"(?<![\w.,])({num})-({units})\b(?!-?\d)"), compound),
            (re.compile(rf"(?<![\w.,])({num})\s?({other_units})(?![\w/])"), unit),
            (re.compile(rf"(?<![\w.,])({num})\s?({word_units})\b(?![\w/'’-])\.?"), word_unit),
            *self.heights(),
        )

    def glued(self) -> tuple[Rule, ...]:
        """Letters stuck to a number: "3.5m people", "$5bn" (done by money), "50p", "5G"."""
        lex, lang, num = self.lex, self.lang, self.num
        scales = {k: v for k, v in lex.scales.items() if re.fullmatch(r"[a-zA-Z]{1,2}", k)}

        def scaled(m: re.Match[str]) -> str:
            said, mark = lex.scales[m.group(2)], m.group(2)
            if mark not in {"bn", "tn", "mn"} and not self.is_plural_noun(_next_word(m)) \
                    and _next_word(m).casefold() != "of":
                return m.group(0)   # "a 100m sprint", "a 10k run": units, done below
            return f"{_say_number(m.group(1), lang, lex)} {said}"

        def letter(m: re.Match[str]) -> str:
            return f"{_say_number(m.group(1), lang, lex)} {lex.glued[m.group(2)]}"

        def plural(m: re.Match[str]) -> str:
            words = cardinal(int(m.group(1)), lang).removeprefix("one ")
            return words[:-1] + "ies" if words.endswith("y") else words + "s"

        rules: list[Rule] = [
            (re.compile(rf"(?<![\w.,])({num})({_alternation(scales)})\b(?!['’])"), scaled),
        ]
        if lex.glued:
            rules.append((re.compile(
                rf"(?<![\w.,])(\d{{1,4}})({_alternation(lex.glued)})\b(?!['’.]\w)"), letter))
        if lang == "en":
            rules.append((re.compile(r"(?<![\w.,'])((?:[1-9]0)|100|1000)s\b"), plural))
        return tuple(rules)

    def heights(self) -> tuple[Rule, ...]:
        """6'2" → "six foot two" (English only: feet and inches)."""
        if self.lang != "en":
            return ()
        lang = self.lang

        def say(m: re.Match[str]) -> str:
            inches = f" {cardinal(int(m.group(2)), lang)}" if m.group(2) else ""
            foot = "foot" if inches else ("foot" if m.group(1) == "1" else "feet")
            return f"{cardinal(int(m.group(1)), lang)} {foot}{inches}"

        return ((re.compile(r"(?<![\w.,])(\d)'(?:(\d{1,2})\"?)?(?![\w'])"), say),)

    # -- ordinals, years, regnal numbers ------------------------------------------------------

    def ordinals(self) -> tuple[Rule, ...]:
        lang = self.lang

        def say(m: re.Match[str]) -> str:
            n, suffix = int(m.group(1)), m.group(2)
            words = ordinal(n, lang)
            if lang == "fr" and n == 1 and suffix in {"re", "ère"}:
                return "première"
            if lang == "es" and suffix == "ª":
                return words[:-1] + "a" if words.endswith("o") else words
            return words

        def german(m: re.Match[str]) -> str:
            """"der 2. Weltkrieg" → "der zweite Weltkrieg", "im 19." → "im neunzehnten"."""
            article = m.group(1)
            ending = "" if article.casefold() in {"der", "die", "das", "ein", "eine"} else "n"
            return f"{article} {ordinal(int(m.group(2)), lang)}{ending} "

        suffix = {
            "en": r"(st|nd|rd|th)\b", "fr": r"(ère|ème|eme|er|re|e|ᵉʳ|ᵉ)\b",
            "es": r"\.?([ºª])", "de": r"(?!)",
        }[lang]
        rules: list[Rule] = [(re.compile(rf"\b(\d+){suffix}"), say)]
        if lang == "de":
            articles = _alternation(_GERMAN_ARTICLES)
            rules.insert(0, (re.compile(rf"\b({articles})\s+(\d{{1,3}})\.\s+(?=[A-ZÄÖÜ])"),
                             german))
        return tuple(rules)

    def years(self) -> tuple[Rule, ...]:
        lex, lang = self.lex, self.lang
        not_a_quantity = _alternation([*lex.units, *lex.scales, *lex.currencies, "%", "°"])

        def decade(m: re.Match[str]) -> str:
            words = year(int(m.group(1)), lang)
            return words[:-1] + "ies" if words.endswith("y") else words + "s"

        def short_decade(m: re.Match[str]) -> str:
            words = cardinal(int(m.group(1)), lang)
            return words[:-1] + "ies" if words.endswith("y") else words + "s"

        cues = {w.casefold() for w in (*lex.year_cue, *lex.months)}
        counts = {w.casefold() for w in lex.count_words}

        def year_or_count(m: re.Match[str]) -> str:
            """A year unless the context says it counts things: "2019 employees"."""
            before = _previous_word(m).casefold().rstrip(".")
            if before in cues:
                return year(int(m.group(1)), lang)
            if before in counts or self.is_plural_noun(_next_word(m)):
                return cardinal(int(m.group(1)), lang)
            return year(int(m.group(1)), lang)

        rules: list[Rule] = [(
            re.compile(rf"(?<![\d.,:/−])(?<!\d-)\b(1[1-9]\d\d|20\d\d)\b(?![.,]?\d|\s?"
                       rf"{not_a_quantity}(?![^\W\d_]))"),
            year_or_count,
        )]
        if lang == "en":
            rules.insert(0, (re.compile(r"\b(1[1-9]\d0|20\d0)'?s\b"), decade))
            rules.insert(0, (re.compile(r"(?<!\w)'(\d0)s\b"), short_decade))
        return tuple(rules)

    def roman(self) -> tuple[Rule, ...]:
        lex, lang = self.lex, self.lang
        cardinal_after = {w.casefold() for w in lex.roman_cardinal_after}
        regnal = lex.regnal_names

        def say(m: re.Match[str]) -> str:
            word, numeral, stop = m.group(1), m.group(2), m.group(3) or ""
            n = _roman_value(numeral)
            if stop and not _ends_sentence(m):
                stop = ""   # German "Wilhelm II. kam": the stop marks the ordinal
            if word.casefold() in cardinal_after:
                number = cardinal(n, lang)
                return f"{word} {number.capitalize() if lang == 'en' else number}{stop}"
            if word not in regnal:   # "The IV drip", "Apollo LVII": not a king's number
                return m.group(0)
            spoken = {
                "the_ordinal": lambda: f"the {ordinal(n, lang).capitalize()}",
                "cardinal": lambda: ordinal(n, lang) if n == 1 else cardinal(n, lang),
                "der_ordinal": lambda: f"der {ordinal(n, lang).capitalize()}",
                "ordinal_to_ten": lambda: ordinal(n, lang) if n <= 10 else cardinal(n, lang),
            }[lex.roman_style]()
            return f"{word} {spoken}{stop}"

        def century(m: re.Match[str]) -> str:
            """French "XIXe siècle" → "dix-neuvième siècle", "Ier" → "premier"."""
            n = _roman_value(m.group(1))
            if n == 1:
                return "première" if m.group(2) in {"re", "ère"} else "premier"
            return ordinal(n, lang)

        rules: list[Rule] = [(
            re.compile(rf"\b([^\W\d_]+)\s+{_ROMAN}\b(\.)?(?!['’\w-])"), say)]
        if lang == "fr":
            rules.insert(0, (re.compile(rf"\b{_ROMAN}(e|er|re|ère|ème|ᵉ|ᵉʳ)\b"), century))
        return tuple(rules)

    # -- abbreviations --------------------------------------------------------------------------

    def abbreviations(self) -> tuple[Rule, ...]:
        lex = self.lex
        before_number = (
            re.compile(rf"(?<![\w.]){_alternation(lex.before_number)}\s?(?=\d)"),
            lambda m: lex.before_number[m.group(0).strip()] + " ",
        )
        def expand(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in lex.contextual:
                return self._contextual(m)
            if key in lex.titles:  # only before a name: "Me" is a word, "Me Dupont" a title
                return lex.titles[key] if _NEXT_IS_NAME.match(m.string, m.end()) else key
            if key in lex.enders:
                words = lex.enders[key]
                return words + "." if key.endswith(".") and _ends_sentence(m) else words
            if key in lex.inline:
                return lex.inline[key]
            return _capitalised(lex.inline[_uncapitalised(key)])   # "Approx." at the start

        capitals = [_capitalised(k) for k in lex.inline if k[0].islower()]
        keys = _alternation([*lex.contextual, *lex.titles, *lex.enders, *lex.inline, *capitals])
        abbreviation = (re.compile(rf"(?<![\w.])({keys})(?!\.?\w)"), expand)

        def month(m: re.Match[str]) -> str:
            """"Jan." with no day after it: the month's name."""
            name = lex.months[self.month_index[m.group(1).casefold()] - 1]
            return name + "." if _ends_sentence(m) else name

        short_months = _alternation(k for k in lex.month_abbr if k[0].isupper())
        month_abbr = (re.compile(rf"(?<![\w.])({short_months})\.(?!\w)"), month)

        def initials(m: re.Match[str]) -> str:
            letters = " ".join(m.group(1).replace(".", ""))
            return letters + "." if m.end() == len(m.string) else letters

        dotted = (re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?!\w)"), initials)
        return (before_number, abbreviation, month_abbr, dotted)

    _PREVIOUS_WORD = re.compile(r"(?:^|([.!?:])|[^.!?:])\s*([\w'’-]+)[ \t]*$")

    def _contextual(self, m: re.Match[str]) -> str:
        """"Dr. Smith" → Doctor, "Elm Dr." → Drive: a capitalised word before means the place,
        and so does a lower-case word after ("Main St. is closed", even at the start)."""
        before_name, after_name = self.lex.contextual[m.group(1)]
        window = m.string[max(0, m.start() - 60):m.start()]
        prev = self._PREVIOUS_WORD.search(window)
        word = prev.group(2) if prev else ""
        starts_sentence = prev is not None and (
            prev.group(1) is not None or (prev.start(2) == 0 and m.start() <= 60)
        )
        place_before = bool(word) and (word[0].isupper() or word[0].isdigit())
        if place_before and (not starts_sentence or not _NEXT_IS_NAME.match(m.string, m.end())):
            words = after_name
            if m.group(1).endswith(".") and _ends_sentence(m):
                words += "."
            return words
        return before_name

    # -- plain numbers, acronyms, symbols ------------------------------------------------------

    def plain_numbers(self) -> tuple[Rule, ...]:
        lex, lang = self.lex, self.lang


        return (
            (re.compile(r"(?<![\w.,])0\d+(?![.,]?\d)"), lambda m: digits(m.group(0), lang)),
            (re.compile(rf"(?<![\w.,]){self.num}"), lambda m: _say_number(m.group(0), lang, lex)),
        )

    def acronyms(self) -> tuple[Rule, ...]:
        lex = self.lex

        def say(m: re.Match[str]) -> str:
            """Known initialisms and words without a vowel are spelled ("BBC", "NHS"); any
            other capitals are left to the engine, which reads "NEWS" and "CERN" as words."""
            word, suffix = m.group(1), m.group(2) or ""
            if word in lex.spoken_words or (word not in lex.spelled and _has_vowel(word)):
                return m.group(0)
            return " ".join(word) + ("'s" if suffix else "")

        return ((re.compile(r"\b([A-Z]{2,6})(s|'s)?\b"), say),)

    def symbols(self) -> tuple[Rule, ...]:
        lex = self.lex
        return (
            (re.compile(r"\s*&\s*"), f" {lex.and_} "),
            (re.compile(r"\s*%"), f" {lex.percent}"),
            (re.compile(r"\s*°\s*C\b"), f" {lex.degree[1]} {lex.celsius}"),
            (re.compile(r"\s*°"), f" {lex.degree[1]}"),
            (re.compile(r"\s*@\s*"), f" {lex.at} "),
            (re.compile(r"(?<=\s)\+(?=\s)"), " plus " if self.lang == "en" else " + "),
        )


_ROMAN = r"(?=[IVXLCDM])(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(numeral: str) -> int:
    """"XIV" → 14 (a smaller digit before a larger one subtracts)."""
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        v = _ROMAN_VALUES[ch]
        total += -v if nxt and _ROMAN_VALUES[nxt] > v else v
    return total


_GERMAN_ARTICLES = ("der", "die", "das", "dem", "den", "des", "am", "im", "zum", "zur", "vom",
                    "beim", "ein", "eine", "einem", "einen", "Der", "Die", "Das", "Im", "Am",
                    "Zum", "Zur", "Vom", "Beim", "seit", "ihr", "ihrem", "seinem", "seinen")

_VOWELS = frozenset("AEIOUYÄÖÜÉÈÁÍÓÚ")


def _has_vowel(word: str) -> bool:
    return any(ch in _VOWELS for ch in word)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncapitalised(text: str) -> str:
    return text[:1].lower() + text[1:]


def _always(group: tuple[Rule, ...]) -> tuple[Step, ...]:
    return tuple((p, r, "") for p, r in group)


@lru_cache(maxsize=16)
def rules(language: str) -> tuple[Step, ...]:
    """The ordered rules for ``language`` (its primary subtag), compiled once."""
    lang = base_language(language)
    lex = LEXICONS.get(lang)
    middle = _LanguageRules(lang, lex).all() if lex else _always((*_web_rules(None), *PAUSES))
    return (*_always(PREPARE), *middle, *_always(MARKUP), *_always(CLEANUP))


def normalise(text: str, language: str = "en") -> str:
    """The spoken form of ``text`` in ``language`` (BCP 47; en, fr, de, es fully supported)."""
    for pattern, replacement, needs in rules(language):
        if not needs or any(ch in text for ch in needs):
            text = pattern.sub(replacement, text)
    return text.rstrip(" ,;:")
