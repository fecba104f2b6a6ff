"""Words the script speaks around the text, per language, as data.

Each language maps a phrase key to its wording; the script never spells a phrase inline, so a
new language is one more table. Unknown languages fall back to English phrases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

PHRASES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "introduction": "Introduction",
        "by": "By",
        "and": "and",
        "published": "Published",
        "from": "From",
        "quote": "Quote.",
        "end_quote": "End quote.",
        "image": "Image",
        "table": "Table",
        "row": "Row",
        "code_omitted": "Code block omitted.",
    },
    "fr": {
        "introduction": "Introduction",
        "by": "Par",
        "and": "et",
        "published": "Publié le",
        "from": "Source :",
        "quote": "Citation.",
        "end_quote": "Fin de citation.",
        "image": "Image",
        "table": "Tableau",
        "row": "Ligne",
        "code_omitted": "Bloc de code omis.",
    },
    "de": {
        "introduction": "Einleitung",
        "by": "Von",
        "and": "und",
        "published": "Veröffentlicht am",
        "from": "Quelle:",
        "quote": "Zitat.",
        "end_quote": "Zitat Ende.",
        "image": "Bild",
        "table": "Tabelle",
        "row": "Zeile",
        "code_omitted": "Codeblock ausgelassen.",
    },
    "es": {
        "introduction": "Introducción",
        "by": "Por",
        "and": "y",
        "published": "Publicado el",
        "from": "Fuente:",
        "quote": "Cita.",
        "end_quote": "Fin de la cita.",
        "image": "Imagen",
        "table": "Tabla",
        "row": "Fila",
        "code_omitted": "Bloque de código omitido.",
    },
}


def base_language(language: str) -> str:
    """``"en-GB"`` → ``"en"``; empty or unknown tags keep their primary subtag, lower-cased."""
    return (language or "en").replace("_", "-").split("-")[0].strip().lower() or "en"


def phrases(language: str) -> dict[str, str]:
    return PHRASES.get(base_language(language), PHRASES["en"])


# --- normalisation tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the normaliser needs, as plain data.

    ``group``/``decimal`` describe how numbers are written; ``date_style`` and ``day_style`` how
    dates are said; ``roman_style`` how regnal numbers are said ("Henry VIII" → "Henry the
    Eighth", "Louis XIV" → "Louis quatorze"). Abbreviation tables come in three kinds:
    ``titles`` stand before a name and never end a sentence, ``enders`` may end one (their period
    is kept when a capital or the end follows), ``inline`` never do.
    """

    months: tuple[str, ...]
    month_abbr: dict[str, int]
    group: str                      # regex for a thousands separator
    decimal: str                    # the decimal mark
    point: str
    minus: str
    to: str
    and_: str
    percent: str
    at: str
    dot: str
    degree: tuple[str, str]         # singular, plural
    celsius: str
    fahrenheit: str
    currencies: dict[str, tuple[str, str, str, str]]  # symbol → one, many, minor one, minor many
    scales: dict[str, str]          # as written → as said ("bn" → "billion")
    scale_joiner: str               # "millions *de* dollars"
    cents_joiner: str               # "tres euros *con* cincuenta"
    units: dict[str, tuple[str, str]]
    date_style: str                 # "{month} {day}, {year}" etc.
    day_style: str                  # ordinal | first_ordinal | cardinal_first | ordinal_n
    time_style: str                 # clock | heures | uhr | y
    roman_style: str                # the_ordinal | cardinal | der_ordinal | ordinal_to_ten
    roman_cardinal_after: frozenset[str]
    year_cue: tuple[str, ...]       # words after which a 4-digit number is a year
    date_style_day_first: str = ""  # "3 March 2024" (defaults to date_style)
    one: str = ""                   # "one" before a noun where it differs ("ein Euro")
    before_number: dict[str, str] = field(default_factory=dict)  # "No. 5" → "number five"
    titles: dict[str, str] = field(default_factory=dict)
    contextual: dict[str, tuple[str, str]] = field(default_factory=dict)  # before/after a name
    enders: dict[str, str] = field(default_factory=dict)
    inline: dict[str, str] = field(default_factory=dict)
    spoken_words: frozenset[str] = frozenset()   # acronyms said as words
    spelled: frozenset[str] = frozenset()        # initialisms: spelled even with a vowel
    regnal_names: frozenset[str] = frozenset()   # "George V": a numeral after these is regnal
    count_words: frozenset[str] = frozenset()    # "about 2019 people": a count, not a year
    plural_nouns: frozenset[str] = frozenset()   # plurals without the usual ending ("people")
    fractions: dict[int, tuple[str, str]] = field(default_factory=dict)  # 4 → quarter(s)
    spoken_codes: frozenset[str] = frozenset()   # "911": read digit by digit
    code_cues: frozenset[str] = frozenset()      # "Boeing 737", "ZIP code 10001": digits
    glued: dict[str, str] = field(default_factory=dict)  # "50p" → pence, "5G" → G
    by: str = "by"                               # "2x4" → "two by four"
    times: str = "times"                         # "3x more" → "three times more"
    word_units: frozenset[str] = frozenset()     # units that are also words: need a stop
    time_units: tuple[str, str, str] = ("hours", "minutes", "seconds")


_SPACE_GROUP = r"[ \u00a0\u202f]"
_EURO = ("euro", "euros", "cent", "cents")

EN = Lexicon(
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    month_abbr={"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12},
    group=",", decimal=".", point="point", minus="minus", to="to", and_="and",
    percent="percent", at="at", dot="dot", degree=("degree", "degrees"),
    celsius="Celsius", fahrenheit="Fahrenheit",
    currencies={"$": ("dollar", "dollars", "cent", "cents"),
                "US$": ("US dollar", "US dollars", "cent", "cents"),
                "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
                "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
                "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
                "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
                "€": _EURO,
                "£": ("pound", "pounds", "penny", "pence"),
                "¥": ("yen", "yen", "sen", "sen")},
    scales={"thousand": "thousand", "million": "million", "billion": "billion",
            "trillion": "trillion", "k": "thousand", "K": "thousand", "m": "million",
            "M": "million", "mn": "million", "bn": "billion", "b": "billion", "B": "billion",
            "tn": "trillion"},
    scale_joiner="", cents_joiner="",
    units={"km": ("kilometre", "kilometres"), "cm": ("centimetre", "centimetres"),
           "mm": ("millimetre", "millimetres"), "kg": ("kilogram", "kilograms"),
           "mg": ("milligram", "milligrams"), "km/h": ("kilometre per hour", "kilometres per hour"),
           "mph": ("mile per hour", "miles per hour"), "kWh": ("kilowatt hour", "kilowatt hours"),
           "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
           "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"),
           "TB": ("terabyte", "terabytes"), "ft": ("foot", "feet"), "lb": ("pound", "pounds"),
           "lbs": ("pound", "pounds"), "oz": ("ounce", "ounces"), "m": ("metre", "metres"),
           "mi": ("mile", "miles"), "g": ("gram", "grams"), "in": ("inch", "inches"),
           "km²": ("square kilometre", "square kilometres"), "sq ft": ("square foot",
                                                                    "square feet"),
           "m²": ("square metre", "square metres"), "l": ("litre", "litres"),
           "ml": ("millilitre", "millilitres"), "kW": ("kilowatt", "kilowatts"),
           "kph": ("kilometre per hour", "kilometres per hour"), "hp": ("horsepower",
                                                                        "horsepower"),
           "yd": ("yard", "yards"), "mins": ("minute", "minutes"), "min": ("minute", "minutes"),
           "hrs": ("hour", "hours"), "sec": ("second", "seconds"), "t": ("tonne", "tonnes")},
    date_style="{month} {day}, {year}", day_style="ordinal", time_style="clock",
    date_style_day_first="the {day} of {month}, {year}",
    before_number={"No.": "number", "Nos.": "numbers", "no.": "number", "#": "number",
                   "No": "number"},
    roman_style="the_ordinal",
    roman_cardinal_after=frozenset({"War", "Part", "Chapter", "Volume", "Vol", "Act", "Phase",
                                    "Book", "Section", "Title", "Type", "Class", "Level",
                                    "Stage", "Grade", "Bowl", "Apollo", "Vatican", "Episode",
                                    "Round", "Season", "Article", "Schedule", "Tier"}),
    year_cue=("in", "since", "from", "until", "till", "by", "during", "before", "after", "year",
              "mid", "early", "late", "circa", "c.", "summer", "spring", "autumn", "winter",
              "fall", "of", "vintage", "born", "founded", "built", "elected", "season"),
    count_words=frozenset({"about", "nearly", "almost", "some", "over", "than", "only", "just",
                           "all", "roughly", "approximately", "another", "those", "these",
                           "total", "least", "most", "exactly", "around", "up"}),
    plural_nouns=frozenset({"people", "men", "women", "children", "police", "staff", "feet",
                            "teeth", "mice", "sheep", "fish", "cattle", "personnel", "geese",
                            "crew", "troops", "data", "media", "votes", "youth"}),
    regnal_names=frozenset({
        "George", "Henry", "Edward", "Elizabeth", "Charles", "William", "Richard", "James",
        "Louis", "Mary", "Anne", "John", "Paul", "Benedict", "Pius", "Leo", "Gregory",
        "Innocent", "Clement", "Urban", "Boniface", "Alexander", "Peter", "Catherine",
        "Frederick", "Philip", "Napoleon", "Ramses", "Rameses", "Nicholas", "Ivan", "Victor",
        "Emmanuel", "Constantine", "Alfonso", "Ferdinand", "Carl", "Gustav", "Harald", "Olav",
        "Haakon", "Christian", "Frederik", "Willem", "Felipe", "Juan", "Wilhelm", "Edmund",
        "Stephen", "Matilda", "Victoria", "Rama", "Akihito", "Francis", "Sixtus", "Hadrian",
        "Otto", "Ludwig", "Sancho", "Pedro", "Manuel", "Carol", "Michael", "Simeon", "Boris",
        "Tutankhamun", "Thutmose", "Amenhotep", "Darius", "Xerxes", "Cyrus", "Ptolemy",
        "Antiochus", "Herod", "Mehmed", "Suleiman", "Selim", "Murad", "Abdullah", "Hussein",
        "Rainier", "Albert", "Baudouin", "Leopold", "Franz", "Joseph", "Karl", "Eric", "Magnus",
        "Sigismund", "Casimir", "Stanislaus", "Augustus", "Henri", "Jean", "Hugh", "Robert",
        "David", "Malcolm", "Kenneth", "Duncan", "Donald", "Alfred", "Harold", "Canute",
        "Cnut", "Ethelred", "Athelstan", "Edgar", "Eadred", "Edwy", "Llywelyn", "Owain"}),
    fractions={2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
               5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 7: ("seventh", "sevenths"),
               8: ("eighth", "eighths"), 9: ("ninth", "ninths"), 10: ("tenth", "tenths"),
               12: ("twelfth", "twelfths"), 16: ("sixteenth", "sixteenths"),
               100: ("hundredth", "hundredths")},
    spoken_codes=frozenset({"911", "999", "112", "111", "101", "411", "311", "211"}),
    code_cues=frozenset({"Boeing", "ZIP", "zip code", "ZIP code", "postcode", "PIN", "Model",
                         "model", "extension", "ext.", "Route", "route", "Highway", "highway",
                         "Interstate", "I-", "code", "Flight", "flight", "Room", "room",
                         "platform", "Platform", "gate", "Gate", "bus", "Bus"}),
    word_units=frozenset({"in"}),
    glued={"p": "pence", "G": "G", "B": "B", "A": "A", "C": "C", "D": "D", "K": "K", "X": "X",
           "S": "S", "T": "T", "E": "E"},
    titles={"Mr.": "Mister", "Mr": "Mister", "Mrs.": "Missus", "Mrs": "Missus",
            "Ms.": "Miz", "Ms": "Miz", "Prof.": "Professor", "Gen.": "General",
            "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative",
            "Sgt.": "Sergeant", "Capt.": "Captain", "Lt.": "Lieutenant", "Col.": "Colonel",
            "Mt.": "Mount", "Ft.": "Fort", "Rev.": "Reverend", "Pres.": "President"},
    contextual={"St.": ("Saint", "Street"), "Dr.": ("Doctor", "Drive"),
                "St": ("Saint", "Street"), "Dr": ("Doctor", "Drive")},
    enders={"etc.": "et cetera", "Inc.": "Incorporated", "Ltd.": "Limited",
            "Corp.": "Corporation", "Co.": "Company", "Jr.": "Junior", "Sr.": "Senior",
            "Ave.": "Avenue", "Blvd.": "Boulevard", "Rd.": "Road", "Ph.D.": "P H D",
            "a.m.": "a m", "p.m.": "p m"},
    inline={"e.g.": "for example", "i.e.": "that is", "approx.": "approximately",
            "vs.": "versus", "vs": "versus", "v.": "versus", "a.k.a.": "also known as",
            "aka": "also known as", "OK": "okay",
            "w/": "with", "w/o": "without", "cf.": "compare", "et al.": "and others",
            "max.": "maximum"},
    spoken_words=frozenset({"NASA", "NATO", "UNESCO", "UNICEF", "COVID", "AIDS", "OPEC",
                            "FIFA", "UEFA", "IKEA", "SARS", "GIF", "PIN", "RAM", "ZIP",
                            "LASER", "RADAR", "SCUBA", "ISIS", "ASEAN", "NAFTA",
                            "DARPA", "FEMA", "WASP", "ASAP", "SIM"}),
    spelled=frozenset({"OECD", "USA", "UAE", "EU", "UK", "US", "UN", "AI", "IOU", "CEO",
                       "CIA", "FBI", "IBM", "IMF", "IRA", "SUV", "URL", "AU", "OAS",
                       "MEP", "IAEA", "IOC", "API", "AOL", "EA", "UCLA", "NAACP",
                       "IEEE", "AP", "AFP", "ABC", "NBA", "NFL", "NHS", "BBC", "CNN",
                       "ECB", "EPA", "FDA", "GOP", "ICU", "IPO", "IRS", "ISP", "MIT",
                       "NEA", "NYU", "PR", "RAF", "RIP", "TUC",
                       "UFO", "USB", "USDA", "USSR", "VIP", "ID", "IQ", "IVF", "OBE", "MBE",
                       "CBE", "QC", "KC", "DIY", "EV", "HIV", "HMRC", "IAF",
                       "IDF", "IEA", "ILO", "IOM", "MOT", "NGO", "ONS", "OSCE", "PLO", "PSG",
                       "RAC", "SEO", "TSA", "UAW", "UEA", "UNHCR", "USAID", "USPS", "USS",
                       "WTO", "WHO", "DNA", "NYC", "NYPD", "LAPD"}),
)

FR = Lexicon(
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"),
    month_abbr={"janv": 1, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
                "déc": 12},
    group=_SPACE_GROUP, decimal=",", point="virgule", minus="moins", to="à", and_="et",
    percent="pour cent", at="arobase", dot="point", degree=("degré", "degrés"),
    celsius="Celsius", fahrenheit="Fahrenheit",
    currencies={"$": ("dollar", "dollars", "cent", "cents"), "€": _EURO,
                "£": ("livre", "livres", "penny", "pence"), "¥": ("yen", "yens", "sen", "sen")},
    scales={"mille": "mille", "million": "million", "millions": "millions",
            "milliard": "milliard", "milliards": "milliards", "Md": "milliards",
            "Mds": "milliards", "M": "millions"},
    scale_joiner="de", cents_joiner="",
    units={"km": ("kilomètre", "kilomètres"), "cm": ("centimètre", "centimètres"),
           "mm": ("millimètre", "millimètres"), "kg": ("kilo", "kilos"),
           "mg": ("milligramme", "milligrammes"), "km/h": ("kilomètre heure", "kilomètres heure"),
           "kWh": ("kilowattheure", "kilowattheures"), "MW": ("mégawatt", "mégawatts"),
           "Go": ("gigaoctet", "gigaoctets"), "Mo": ("mégaoctet", "mégaoctets"),
           "m": ("mètre", "mètres"), "g": ("gramme", "grammes"), "l": ("litre", "litres"),
           "t": ("tonne", "tonnes"), "m²": ("mètre carré", "mètres carrés"),
           "km²": ("kilomètre carré", "kilomètres carrés"), "ha": ("hectare", "hectares")},
    date_style="{day} {month} {year}", day_style="cardinal_first", time_style="heures",
    roman_style="cardinal",
    roman_cardinal_after=frozenset(),
    year_cue=("en", "depuis", "de", "à", "vers"),
    regnal_names=frozenset({"Louis", "Henri", "Charles", "François", "Philippe", "Napoléon",
                            "Jean", "Benoît", "Pie", "Léon", "Grégoire", "Innocent",
                            "Clément", "Paul", "Élisabeth", "Édouard", "George", "Guillaume",
                            "Jacques", "Pierre", "Catherine", "Frédéric", "Alexandre",
                            "Nicolas", "Richard", "Victoria", "Urbain", "Boniface",
                            "Ramsès", "Albert", "Rainier", "Léopold", "Baudouin", "Felipe",
                            "Juan", "Charles-Quint"}),
    fractions={2: ("demi", "demis"), 3: ("tiers", "tiers"), 4: ("quart", "quarts"),
               5: ("cinquième", "cinquièmes"), 6: ("sixième", "sixièmes"),
               8: ("huitième", "huitièmes"), 10: ("dixième", "dixièmes")},
    spoken_codes=frozenset({"112", "115", "119", "114", "3919"}),
    by="sur", times="fois",
    time_units=("heures", "minutes", "secondes"),
    titles={"M.": "Monsieur", "MM.": "Messieurs", "Mme": "Madame", "Mmes": "Mesdames",
            "Mlle": "Mademoiselle", "Dr": "Docteur", "Dr.": "Docteur", "Pr": "Professeur",
            "Me": "Maître", "St": "Saint", "Ste": "Sainte", "Mgr": "Monseigneur"},
    enders={"etc.": "et cetera", "av.": "avenue", "bd": "boulevard"},
    one="un",
    before_number={"n°": "numéro", "N°": "numéro", "no": "numéro", "nº": "numéro"},
    inline={"p. ex.": "par exemple", "c.-à-d.": "c'est-à-dire", "env.": "environ",
            "cf.": "voir", "vs": "contre", "vs.": "contre",
            "apr. J.-C.": "après Jésus-Christ", "av. J.-C.": "avant Jésus-Christ"},
    spoken_words=frozenset({"UNESCO", "UNICEF", "OTAN", "ONU", "NASA", "OPEP", "COVID",
                            "SIDA", "FIFA", "UEFA", "INSEE", "ENA", "CAC"}),
    spelled=frozenset({"UE", "USA", "SNCF", "PDG", "RATP", "OCDE", "FMI", "OMS"}),
)

DE = Lexicon(
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"),
    month_abbr={"Jan": 1, "Feb": 2, "Apr": 4, "Aug": 8, "Sept": 9, "Sep": 9, "Okt": 10,
                "Nov": 11, "Dez": 12},
    group=r"[.\u00a0\u202f ]", decimal=",", point="Komma", minus="minus", to="bis",
    and_="und", percent="Prozent", at="at", dot="Punkt", degree=("Grad", "Grad"),
    celsius="Celsius", fahrenheit="Fahrenheit",
    currencies={"$": ("Dollar", "Dollar", "Cent", "Cent"), "€": ("Euro", "Euro", "Cent", "Cent"),
                "£": ("Pfund", "Pfund", "Penny", "Pence"), "¥": ("Yen", "Yen", "Sen", "Sen")},
    scales={"Tausend": "Tausend", "Million": "Million", "Millionen": "Millionen",
            "Milliarde": "Milliarde", "Milliarden": "Milliarden", "Mio.": "Millionen",
            "Mrd.": "Milliarden", "Mio": "Millionen", "Mrd": "Milliarden"},
    scale_joiner="", cents_joiner="",
    units={"km": ("Kilometer", "Kilometer"), "cm": ("Zentimeter", "Zentimeter"),
           "mm": ("Millimeter", "Millimeter"), "kg": ("Kilogramm", "Kilogramm"),
           "mg": ("Milligramm", "Milligramm"), "km/h": ("Kilometer pro Stunde",
                                                        "Kilometer pro Stunde"),
           "kWh": ("Kilowattstunde", "Kilowattstunden"), "MW": ("Megawatt", "Megawatt"),
           "GB": ("Gigabyte", "Gigabyte"), "MB": ("Megabyte", "Megabyte"),
           "m": ("Meter", "Meter"), "g": ("Gramm", "Gramm"), "l": ("Liter", "Liter"),
           "t": ("Tonne", "Tonnen"), "m²": ("Quadratmeter", "Quadratmeter"),
           "km²": ("Quadratkilometer", "Quadratkilometer"), "ha": ("Hektar", "Hektar")},
    date_style="{day} {month} {year}", day_style="ordinal_n", time_style="uhr",
    one="ein", before_number={"Nr.": "Nummer"},
    roman_style="der_ordinal",
    roman_cardinal_after=frozenset({"Teil", "Band", "Kapitel", "Akt", "Phase", "Stufe",
                                    "Weltkrieg"}),
    year_cue=("im", "seit", "von", "bis", "Jahr", "Jahre", "ab", "Anfang", "Ende", "Mitte",
              "Sommer", "Winter", "Frühjahr", "Herbst", "vor", "nach"),
    count_words=frozenset({"etwa", "rund", "fast", "knapp", "über", "mehr", "als", "nur",
                           "insgesamt", "genau", "ungefähr", "alle", "circa"}),
    regnal_names=frozenset({"Wilhelm", "Friedrich", "Ludwig", "Karl", "Heinrich", "Otto",
                            "Franz", "Joseph", "Leopold", "Maximilian", "Rudolf", "Albrecht",
                            "Johannes", "Paul", "Benedikt", "Pius", "Leo", "Gregor",
                            "Elisabeth", "Georg", "Eduard", "Richard", "Konrad",
                            "August", "Ernst", "Philipp", "Katharina", "Peter", "Alexander",
                            "Nikolaus", "Iwan", "Gustav", "Christian", "Friedrich-Wilhelm",
                            "Napoleon", "Elizabeth", "Charles", "George", "Henry", "Louis"}),
    fractions={2: ("halb", "halbe"), 3: ("Drittel", "Drittel"), 4: ("Viertel", "Viertel"),
               5: ("Fünftel", "Fünftel"), 8: ("Achtel", "Achtel"), 10: ("Zehntel", "Zehntel")},
    spoken_codes=frozenset({"110", "112", "116"}),
    by="mal", times="mal",
    time_units=("Stunden", "Minuten", "Sekunden"),
    titles={"Hr.": "Herr", "Hrn.": "Herrn", "Fr.": "Frau", "Dr.": "Doktor",
            "Prof.": "Professor", "St.": "Sankt"},
    enders={"usw.": "und so weiter", "bzw.": "beziehungsweise", "Str.": "Straße",
            "u. a.": "unter anderem", "u.a.": "unter anderem", "etc.": "et cetera"},
    inline={"z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "d. h.": "das heißt",
            "d.h.": "das heißt", "ca.": "circa", "vgl.": "vergleiche",
            "evtl.": "eventuell", "ggf.": "gegebenenfalls", "inkl.": "inklusive",
            "Mio.": "Millionen", "Mrd.": "Milliarden", "v. Chr.": "vor Christus",
            "n. Chr.": "nach Christus"},
    spoken_words=frozenset({"NASA", "NATO", "UNESCO", "UNICEF", "COVID", "AIDS", "FIFA",
                            "UEFA", "DAX", "BAföG", "TÜV", "ADAC"}),
    spelled=frozenset({"EU", "USA", "SPD", "CDU", "CSU", "FDP", "AfD", "ARD", "ZDF", "BGH"}),
)

ES = Lexicon(
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    month_abbr={"ene": 1, "feb": 2, "abr": 4, "ago": 8, "sept": 9, "oct": 10, "nov": 11,
                "dic": 12},
    group=r"[.\u00a0\u202f ]", decimal=",", point="coma", minus="menos", to="a", and_="y",
    percent="por ciento", at="arroba", dot="punto", degree=("grado", "grados"),
    celsius="Celsius", fahrenheit="Fahrenheit",
    currencies={"$": ("dólar", "dólares", "centavo", "centavos"),
                "€": ("euro", "euros", "céntimo", "céntimos"),
                "£": ("libra", "libras", "penique", "peniques"),
                "¥": ("yen", "yenes", "sen", "sen")},
    scales={"mil": "mil", "millón": "millón", "millones": "millones", "mil millones":
            "mil millones", "M": "millones"},
    scale_joiner="de", cents_joiner="con",
    units={"km": ("kilómetro", "kilómetros"), "cm": ("centímetro", "centímetros"),
           "mm": ("milímetro", "milímetros"), "kg": ("kilo", "kilos"),
           "mg": ("miligramo", "miligramos"), "km/h": ("kilómetro por hora",
                                                       "kilómetros por hora"),
           "kWh": ("kilovatio hora", "kilovatios hora"), "MW": ("megavatio", "megavatios"),
           "GB": ("gigabyte", "gigabytes"), "m": ("metro", "metros"), "g": ("gramo", "gramos"),
           "l": ("litro", "litros"), "t": ("tonelada", "toneladas"),
           "m²": ("metro cuadrado", "metros cuadrados"),
           "km²": ("kilómetro cuadrado", "kilómetros cuadrados"),
           "ha": ("hectárea", "hectáreas")},
    date_style="{day} de {month} de {year}", day_style="cardinal_first", time_style="y",
    roman_style="ordinal_to_ten",
    roman_cardinal_after=frozenset({"Guerra", "Parte", "Capítulo", "Tomo", "Fase", "siglo",
                                    "siglos"}),
    year_cue=("en", "desde", "de", "hasta", "año"),
    regnal_names=frozenset({"Felipe", "Carlos", "Alfonso", "Fernando", "Isabel", "Juan",
                            "Pablo", "Benedicto", "Pío", "León", "Gregorio", "Enrique",
                            "Luis", "Jorge", "Pedro", "Sancho", "Jaime", "Ramiro", "García",
                            "Inocencio", "Clemente", "Urbano", "Francisco", "Napoleón",
                            "Carlomagno", "Guillermo", "Eduardo", "Ricardo", "Federico"}),
    fractions={2: ("medio", "medios"), 3: ("tercio", "tercios"), 4: ("cuarto", "cuartos"),
               5: ("quinto", "quintos"), 8: ("octavo", "octavos"), 10: ("décimo", "décimos")},
    spoken_codes=frozenset({"112", "091", "062", "016"}),
    by="por", times="veces",
    time_units=("horas", "minutos", "segundos"),
    titles={"Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor",
            "Dra.": "doctora", "Ud.": "usted", "Uds.": "ustedes", "Sto.": "santo",
            "Sta.": "santa"},
    enders={"etc.": "etcétera", "EE. UU.": "Estados Unidos", "EE.UU.": "Estados Unidos",
            "Avda.": "avenida", "S.A.": "sociedad anónima"},
    one="un", before_number={"núm.": "número", "n.º": "número", "nº": "número"},
    inline={"p. ej.": "por ejemplo", "aprox.": "aproximadamente",
            "vs.": "contra", "a. C.": "antes de Cristo",
            "d. C.": "después de Cristo"},
    spoken_words=frozenset({"NASA", "OTAN", "ONU", "UNESCO", "UNICEF", "COVID", "SIDA",
                            "FIFA", "UEFA", "OPEP"}),
    spelled=frozenset({"UE", "EEUU", "PP", "PSOE", "FMI", "OMS"}),
)

LEXICONS: Final[dict[str, Lexicon]] = {"en": EN, "fr": FR, "de": DE, "es": ES}

US_STATES: Final = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC",
})
"""Two-letter codes before which a five-digit number is a ZIP code, read digit by digit."""
