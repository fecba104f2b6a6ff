"""Word lists and thresholds the plain-text reader uses to tell article prose from site chrome.

Kept as data, apart from the logic in ``text.py``, so a language or a threshold is added by
editing a table rather than a branch. Everything here is lower case; phrases match on word
boundaries inside a line.
"""

from __future__ import annotations

import re

# --- line shape ----------------------------------------------------------------------------------

#: A line with at least this many words, sentence-shaped, counts as prose.
PROSE_MIN_WORDS = 10
#: Shorter sentence-shaped lines still count as prose when they have this many words.
SHORT_SENTENCE_MIN_WORDS = 5
#: Share of function words a prose line has at least (headlines and menus have fewer).
PROSE_MIN_STOPWORD_RATIO = 0.12
#: Share of words starting with a lower-case letter a prose line has at least.
PROSE_MIN_LOWER_RATIO = 0.3
#: A line this rich in lower-case words is sentence-shaped even in a language without a
#: function-word list here.
PROSE_LOWER_RATIO_ALONE = 0.6
#: Lines longer than this are judged by their shape alone: a stray "share" in a long
#: paragraph does not make it chrome.
NAV_MAX_WORDS = 30
#: A line holding this many numbers is a row of data (a quote, a score), not navigation, even
#: when a word in it is a navigation word ("HOME DEPOT INC. 225.86 -12.99 -5.44%").
DATA_ROW_MIN_NUMBERS = 3
#: Bounds of a headline (title or sub-heading), in words.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
SUBHEADING_MAX_WORDS = 12
#: How far before the article core (in non-empty lines) the title, dek and byline are looked for.
HEADER_WINDOW = 14
#: How many characters of body text the language is guessed from (bounds the cost).
LANGUAGE_SAMPLE_CHARS = 400
#: Function-word language guess: at least this many hits, this many times the runner-up;
#: otherwise the statistical classifier decides.
LANGUAGE_MIN_HITS = 8
LANGUAGE_LEAD = 2.0

# --- scoring of the article core (a maximum-sum run of lines) ------------------------------------

#: Weight of a prose line is its word count, capped so one huge line cannot drag in chrome.
PROSE_WEIGHT_CAP = 80
#: Cost of a chrome line (navigation, repeated, link-like) when bridging it inside the core.
CHROME_COST = 20
#: Cost of any other short, non-sentence line.
SHORT_LINE_COST = 8

#: Lines numbered 1, 2, 3... (a ranking, a numbered list) count as content when at least this
#: many follow each other, at most LIST_MAX_GAP other lines apart; each item weighs this much.
LIST_MIN_ITEMS = 3
LIST_MAX_GAP = 1
LIST_ITEM_WEIGHT = 3

#: A run of at least this many non-prose lines, one of them navigation, is a footer break...
FOOTER_BREAK_LINES = 3
#: ...and the core ends there when the prose after it is less than this share of the prose before.
FOOTER_TAIL_RATIO = 0.5
#: A footer break holding one of COMMENT_WORDS opens a comment section: the core ends there
#: whatever the length of the comments, once the article before it has this many prose words.
COMMENTS_MIN_ARTICLE_WORDS = 100

# --- credits and legal lines --------------------------------------------------------------------

#: A photo credit, alone or closing a caption ("(AP Photo/…)", "Photo: … / Reuters", "(Image:
#: GETTY)", "Credit: ESA"): searched in the last CREDIT_TAIL_CHARS of a line, where captions
#: carry it, so a credit named early in a real paragraph does not count. The notice patterns
#: match lower-cased text, and no branch opens with ``\b``, which keeps the scan fast.
CREDIT = re.compile(
    r"\((?:[a-z]+ )?photo\b|\(image(?: credit)?:|credits?\s*(?::|\.\.\.|…)|getty images"
    r"|shutterstock|image copyright|photo(?:graph)?s?:|photo library\)|reuters/"
    r"|(?:[/|]\s*|via )(?:ap|afp|reuters|epa|getty|associated press)\b"
)
CREDIT_TAIL_CHARS = 80
#: A caption announced as such at the start of its line.
CAPTION_START = re.compile(r"(?:image |photo )?caption\b|file photo\b")
#: Every match of the three notice patterns holds one of these: lines without any skip them.
NOTICE_HINTS: tuple[str, ...] = (
    "photo", "image", "credit", "getty", "shutterstock", "reuters", "caption", "via ", "/", "|",
    "©", "ⓒ", "(c)", "copyright", "issn", "reserv", "réserv", "rechte",
)
#: Copyright, rights and ISSN notices: chrome when short, and dropped from the edges of the
#: article at any length ("This document is subject to copyright. Apart from...").
COPYRIGHT = re.compile(
    r"[©ⓒ]|copyright|issn\b|rights? reserved|\(c\)\s*\d{4}|droits réservés"
    r"|derechos reservados|direitos reservados|rechte vorbehalten"
)

# --- vocabulary ----------------------------------------------------------------------------------



def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated word list, so long vocabularies stay readable as blocks of text."""
    return tuple(text.split())


#: Function words of common Latin-script languages: prose is full of them, menus and headlines
#: are not; which language's words a text uses also tells its language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_words("""
a an the and or but if of to in on at by for with from as into about than then that this these
those is are was were be been being has have had do does did will would can could should may
might must not no it its he she they we you i his her their our your my me him them us who
whom which what when where why how there here also just so very more most all any some such
""")),
    "fr": frozenset(_words("""
le la les un une des du de et ou mais si à au aux en dans sur par pour avec sans que qui quoi
dont où ce cet cette ces est sont était été être avoir a ont il elle ils elles nous vous je
on ne pas plus se sa son ses leur leurs lui y
""")),
    "de": frozenset(_words("""
der die das den dem des ein eine einer eines einem einen und oder aber wenn von zu im in am
an auf mit für aus bei nach über unter vor dass ist sind war waren wird werden hat haben
nicht kein keine sich er sie es wir ihr ich auch noch nur so wie als um
""")),
    "es": frozenset(_words("""
el la los las un una unos unas y o pero si de del a al en con por para sin que quien cual
es son fue era ser estar está están ha han no se su sus lo le les nos muy más como también
""")),
    "pt": frozenset(_words("""
o os as um uma uns umas e ou mas se de do da dos das em no na nos nas por para com sem que
é são foi era ser ter tem não seu sua seus suas ele ela eles elas mais como também
""")),
    "it": frozenset(_words("""
il lo gli un uno una e o ma se di del della dei delle da in nel nella su per con che chi è
sono era essere avere ha non suo sua loro lui lei anche più come
""")),
    "nl": frozenset(_words("""
de het een en of maar als van te in op aan met voor uit bij naar over dat die dit is zijn
was waren wordt worden heeft hebben niet geen zich hij zij ze wij we ook nog wel
""")),
    "id": frozenset(_words("""
yang dan di ke dari untuk dengan pada ini itu adalah tidak akan juga atau karena oleh dalam
bahwa sudah ada saat jadi
""")),
}
STOPWORDS: frozenset[str] = frozenset().union(*FUNCTION_WORDS.values())

#: Function words above that are also common first names, so a byline may still hold them.
NAME_LIKE_STOPWORDS: frozenset[str] = frozenset(_words("ada dan will may don jean art eli"))

#: Navigation, call-to-action and legal phrases (en, fr, de, es). A short line holding one of
#: them is site chrome, not article text.
NAVIGATION_PHRASES: tuple[str, ...] = (
    # English
    "subscribe", "subscription", "sign in", "sign up", "log in", "login", "log out", "register",
    "newsletter", "newsletters", "share", "shares", "sharing", "tweet", "advertisement",
    "advertising", "sponsored", "from our sponsors", "cookie", "cookies", "privacy",
    "privacy policy", "terms of use", "terms of service", "all rights reserved", "copyright",
    "read more", "read next", "continue reading", "related", "related stories", "related articles",
    "most popular", "most read", "trending", "latest stories", "latest news", "top stories",
    "recommended", "you may also like", "more from", "scroll to top", "back to top",
    "skip to content", "skip to main content", "site index", "sections", "search", "menu",
    "home page", "homepage", "follow us", "comments", "leave a comment", "reply", "print",
    "email", "e-mail", "facebook", "twitter", "instagram", "pinterest", "linkedin", "whatsapp",
    "reddit", "youtube", "support our journalism", "support the", "donate", "become a member",
    "join us", "click here", "clicking here", "download the app", "watch live", "show more",
    "load more", "previous post", "next post", "previous article", "next article", "tags", "topics",
    "editor's picks", "editors' picks", "photo", "image", "video", "credit", "getty images",
    "contact us", "about us", "accessibility", "manage preferences", "accept", "home",
    "back to", "copy link", "copy this link", "advertise", "supported by", "presented by",
    # French
    "s'abonner", "abonnez-vous", "abonnement", "se connecter", "connexion", "s'inscrire",
    "inscrivez-vous", "partager", "publicité", "lire aussi", "lire la suite", "à lire aussi",
    "les plus lus", "articles liés", "mentions légales", "tous droits réservés",
    "politique de confidentialité", "suivez-nous", "retour en haut", "commentaires",
    # German
    "abonnieren", "abo", "anmelden", "einloggen", "registrieren", "teilen", "werbung",
    "anzeige", "mehr zum thema", "weiterlesen", "meistgelesen", "datenschutz", "impressum",
    "alle rechte vorbehalten", "nach oben", "kommentare", "folgen sie uns",
    # Spanish
    "suscríbete", "suscribirse", "suscripción", "iniciar sesión", "regístrate", "compartir",
    "publicidad", "leer más", "lee también", "relacionado", "lo más leído", "más leídas",
    "todos los derechos reservados", "política de privacidad", "síguenos", "volver arriba",
    "comentarios",
)

#: Words of a heading that opens a comment section ("Leave a reply", "167 comments").
COMMENT_WORDS: frozenset[str] = frozenset(_words("""
comment comments reply replies responses kommentar kommentare commentaire commentaires
comentario comentarios comentário comentários commento commenti komentar
"""))

#: First word of an author-box heading ("About Jane Harlow", "Über ...", "Sobre ..."): the bio
#: under it is not the article.
AUTHOR_BOX_WORDS: frozenset[str] = frozenset(_words("about über sobre acerca over"))

#: First words of a line that states when the article was posted or updated.
DATELINE_WORDS: frozenset[str] = frozenset(_words("""
posted published updated modified aktualisiert veröffentlicht publié publiée actualisé
actualizado publicado
"""))

#: Words that open a byline, followed by the author names.
#: A byline or date at most this many lines after the first prose line marks that line as a dek.
DEK_BYLINE_GAP = 3
BYLINE_PREFIXES: tuple[str, ...] = ("by", "von", "par", "por", "door", "di", "written by",
                                    "story by", "words by", "texte de", "texto de", "text von")
#: Words joining several author names in a byline.
NAME_JOINERS: tuple[str, ...] = ("and", "&", "und", "et", "y", "e", "with")

#: Month names (and common abbreviations) of the supported languages → month number.
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
)
MONTHS: dict[str, int] = {
    **{name: number for names in _MONTH_NAMES for number, name in enumerate(_words(names), 1)},
    "sept": 9,
    "jänner": 1,
}


def _phrase_starts(phrases: tuple[str, ...]) -> dict[str, int]:
    """First word of each phrase → the longest phrase it opens, in words (a one-level trie:
    matching skips every word that opens no phrase)."""
    starts: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


#: Navigation phrases by their first word (see ``_phrase_starts``).
NAVIGATION_STARTS: dict[str, int] = _phrase_starts(NAVIGATION_PHRASES)
