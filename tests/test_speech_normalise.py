"""Each normalisation rule: written text → what the listener should hear."""

from __future__ import annotations

import pytest

from clearread.speech.normalise import normalise

ENGLISH = [
    # numbers
    ("1,250 people", "one thousand two hundred and fifty people"),
    ("3.5 times", "three point five times"),
    ("pi is 3.14", "pi is three point one four"),
    ("It fell to -7.", "It fell to minus seven."),
    ("pages 10-20", "pages ten to twenty"),
    ("from 1990–2000", "from nineteen ninety to two thousand"),
    ("agent 007", "agent zero zero seven"),
    # ordinals
    ("the 12th day", "the twelfth day"),
    ("on the 24th", "on the twenty-fourth"),
    ("1st, 2nd and 3rd", "first, second and third"),
    # years
    ("in 1998", "in nineteen ninety-eight"),
    ("in 2024", "in twenty twenty-four"),
    ("in 2005", "in two thousand five"),
    ("in 1908", "in nineteen oh eight"),
    ("since 1920", "since nineteen twenty"),
    ("the 1990s", "the nineteen nineties"),
    ("the '80s", "the eighties"),
    ("1500 km", "one thousand five hundred kilometres"),
    ("2010 was", "twenty ten was"),
    # percentages and degrees
    ("42% of them", "forty-two percent of them"),
    ("up 3.5 %", "up three point five percent"),
    ("20°C today", "twenty degrees Celsius today"),
    ("1 °F", "one degree Fahrenheit"),
    # money
    ("$40 million", "forty million dollars"),
    ("$1 million", "one million dollars"),
    ("$3.50", "three dollars fifty"),
    ("$500", "five hundred dollars"),
    ("$1", "one dollar"),
    ("$0.99", "ninety-nine cents"),
    ("€2.5 billion", "two point five billion euros"),
    ("€39.99", "thirty-nine euros ninety-nine"),
    ("£300", "three hundred pounds"),
    ("£3.50", "three pounds fifty"),
    ("$5bn", "five billion dollars"),
    # dates
    ("Published March 3, 2024", "Published March third, twenty twenty-four"),
    ("on 3 March 2024", "on the third of March, twenty twenty-four"),
    ("on 2024-03-03", "on March third, twenty twenty-four"),
    ("on Jan. 5", "on January fifth"),
    ("in March 2024", "in March twenty twenty-four"),
    # times
    ("at 7:30 p.m. sharp", "at seven thirty p m sharp"),
    ("at 7:30 p.m.", "at seven thirty p m."),
    ("at 7:30 p.m. Then", "at seven thirty p m. Then"),
    ("at 14:05", "at fourteen oh five"),
    ("at 9 am", "at nine a m"),
    ("at 6:00", "at six o'clock"),
    # abbreviations
    ("Dr. Smith", "Doctor Smith"),
    ("said Dr. Smith", "said Doctor Smith"),
    ("on Elm Dr. near", "on Elm Drive near"),
    ("St. Paul", "Saint Paul"),
    ("on Main St. near", "on Main Street near"),
    ("on Main St. He left.", "on Main Street. He left."),
    ("Mr. Jones and Mrs. Brown met Ms. Green", "Mister Jones and Missus Brown met Miz Green"),
    ("fruit, e.g. apples", "fruit, for example apples"),
    ("one, i.e. two", "one, that is two"),
    ("apples, pears, etc.", "apples, pears, et cetera."),
    ("approx. 30 vs. 40", "approximately thirty versus forty"),
    ("No. 5", "number five"),
    ("the U.S. and the U.K.", "the U S and the U K."),
    ("Acme Inc. Its", "Acme Incorporated. Its"),
    # an abbreviation never fires inside a longer or accented word
    ("Drst. and éSt. and vs.x", "Drst. and éSt. and vs.x"),
    ("Mrsa", "Mrsa"),
    # acronyms
    ("NASA and UNESCO", "NASA and UNESCO"),
    ("the BBC", "the B B C"),
    ("the FBI", "the F B I"),
    ("CEOs and NASA's", "C E O's and NASA's"),
    # roman numerals
    ("World War II", "World War Two"),
    ("World War I ended", "World War One ended"),
    ("Henry VIII", "Henry the Eighth"),
    ("Apollo XI", "Apollo Eleven"),
    ("Then I left", "Then I left"),
    # pauses, symbols, markup
    ("yes -- no", "yes, no"),
    ("yes—no", "yes, no"),
    ("yes – no", "yes, no"),
    ("wait... and", "wait, and"),
    ("wait… Then", "wait. Then"),
    ("Tom & Jerry", "Tom and Jerry"),
    ("R&D", "R and D"),
    ("*bold* #tag | _x_", "bold tag x"),
    ("and/or", "and or"),
    ("Wow!!! Really???", "Wow! Really?"),
    ("a fact.[12] Next", "a fact. Next"),
    ("don’t", "don't"),
    ("great 😀👍 news 🇫🇷", "great news"),
    # addresses and codes
    ("see https://www.example.org/path?q=1.", "see example dot org."),
    ("see www.example.co.uk/x", "see example dot co dot uk"),
    ("mail news@example.org now", "mail news at example dot org now"),
    ("on example.com", "on example dot com"),
    ("call (555) 123-4567", "call five five five, one two three, four five six seven"),
    ("call +44 20 7946 0958",
     "call plus four four, two zero, seven nine four six, zero nine five eight"),
    ("Beverly Hills, CA 90210", "Beverly Hills, C A nine zero two one zero"),
]


@pytest.mark.parametrize(("text", "spoken"), ENGLISH)
def test_english(text: str, spoken: str) -> None:
    assert normalise(text, "en") == spoken


FRENCH = [
    ("1 200 personnes", "mille deux cents personnes"),
    ("1\u202f200 euros", "mille deux cents euros"),
    ("3,5 fois", "trois virgule cinq fois"),
    ("42 %", "quarante-deux pour cent"),
    ("3,50 €", "trois euros cinquante"),
    ("2,5 milliards €", "deux virgule cinq milliards d'euros"),
    ("le 3 mars 2024", "le trois mars deux mille vingt-quatre"),
    ("le 1er mai", "le premier mai"),
    ("la 2e fois", "la deuxième fois"),
    ("à 14h05", "à quatorze heures cinq"),
    ("Louis XIV", "Louis quatorze"),
    ("M. Dupont", "Monsieur Dupont"),
    ("p. ex. ici", "par exemple ici"),
    ("écrire à info@exemple.fr", "écrire à info arobase exemple point fr"),
]

GERMAN = [
    ("1.250 Menschen", "eintausendzweihundertfünfzig Menschen"),
    ("3,5 Prozent", "drei Komma fünf Prozent"),
    ("42 %", "zweiundvierzig Prozent"),
    ("am 3. März 2024", "am dritten März zweitausendvierundzwanzig"),
    ("im Jahr 1998", "im Jahr neunzehnhundertachtundneunzig"),
    ("um 14:05 Uhr", "um vierzehn Uhr fünf"),
    ("1 €", "ein Euro"),
    ("z. B. hier", "zum Beispiel hier"),
    ("Dr. Müller", "Doktor Müller"),
    ("Heinrich VIII", "Heinrich der Achte"),
    ("Nr. 5", "Nummer fünf"),
]

SPANISH = [
    ("1.250 personas", "mil doscientos cincuenta personas"),
    ("40 €", "cuarenta euros"),
    ("$3,50", "tres dólares con cincuenta"),
    ("el 3 de marzo de 2024", "el tres de marzo de dos mil veinticuatro"),
    ("Felipe II", "Felipe segundo"),
    ("p. ej. aquí", "por ejemplo aquí"),
    ("el 2º puesto", "el segundo puesto"),
    ("42 %", "cuarenta y dos por ciento"),
]


@pytest.mark.parametrize(
    ("language", "text", "spoken"),
    [("fr", *c) for c in FRENCH] + [("de", *c) for c in GERMAN] + [("es", *c) for c in SPANISH],
)
def test_other_languages(language: str, text: str, spoken: str) -> None:
    assert normalise(text, language) == spoken


def test_region_subtags_use_the_base_language() -> None:
    assert normalise("42 %", "fr-CA") == "quarante-deux pour cent"


def test_unsupported_language_keeps_digits_but_cleans_symbols() -> None:
    assert normalise("Ha 42 *anni* 😀 -- sì", "it") == "Ha 42 anni, sì"


def test_whitespace_collapses() -> None:
    assert normalise("  a \n\t b  ") == "a b"
