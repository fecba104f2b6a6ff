"""Documents built straight from the model for the large-print page tests.

They cover every block and inline kind, odd heading levels, an embedded photo, a figure without
bytes, a wide table, long unbreakable words and a non-English page.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from clearread.model import (
    Break,
    Cell,
    Code,
    Document,
    Emphasis,
    Figure,
    Heading,
    LineBreak,
    Link,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Preformatted,
    Quote,
    Resource,
    Strong,
    Table,
    Text,
)


def photo_png(width: int = 2400, height: int = 1200) -> bytes:
    """A wide synthetic picture, larger than the page may embed."""
    image = Image.new("RGB", (width, height), "#4a7ab5")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 80):
        draw.rectangle((x, height // 2, x + 40, height), fill="#e8c547")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def p(*parts: object) -> Paragraph:
    return Paragraph(tuple(Text(x) if isinstance(x, str) else x for x in parts))


LOREM = ("Community gardens change how a street feels. Neighbours who never spoke now trade "
         "seedlings, and the corner lot that gathered rubbish grows beans and sunflowers. ")

FEATURE = Document(
    meta=Metadata(
        title="How a Street Learned to Grow Food",
        subtitle="Three years, forty raised beds and one very stubborn fig tree",
        authors=("Ada Moreno", "Jun Park", "Lea Novak"),
        published="2024-03-12T08:30:00+00:00",
        source_url="https://news.example.org/features/street-garden-2024?ref=home",
        site_name="Example News",
        language="en",
    ),
    blocks=(
        Heading(1, (Text("How a Street Learned to Grow Food"),)),
        p(LOREM * 2),
        p("It started with ", Emphasis((Text("one"),)), " bed --- and a ",
          Strong((Text("very"),)), " patient council officer. See the ",
          Link("https://example.org/plan", (Text("original plan"),)), " and the ",
          Code("beds.csv"), " file."),
        Heading(3, (Text("The first season"),)),
        p(Emphasis((Text(LOREM * 2),))),
        List(False, (
            ListItem((p("Compost from twelve kitchens"),)),
            ListItem((p("Rain barrels on", LineBreak(), "four roofs"),)),
            ListItem((
                p("A rota nobody followed"),
                List(True, (
                    ListItem((p("Mondays: watering"),)),
                    ListItem((p("Fridays: ", Emphasis((Strong((Text("harvest"),)),))),)),
                )),
            )),
        )),
        Heading(5, (Text("Numbers"),)),
        Table(
            rows=(
                (Cell((Text("Year"),), True), Cell((Text("Beds"),), True),
                 Cell((Text("Volunteers"),), True), Cell((Text("Harvest (kg)"),), True)),
                (Cell((Text("2021"),)), Cell((Text("8"),)), Cell((Text("14"),)),
                 Cell((Text("120"),))),
                (Cell((Text("2023"),)), Cell((Text("40"),)), Cell((Text("63"),)),
                 Cell((Text("1,450"),))),
            ),
            caption=(Text("Growth of the garden, 2021-2023"),),
        ),
        Figure("https://news.example.org/img/beds.png", "Raised beds along a brick wall",
               (Text("The beds in June. "), Emphasis((Text("Photo: J. Park"),)))),
        Figure("https://news.example.org/img/missing.jpg", "A fig tree in a large pot",
               (Text("The stubborn fig tree."),)),
        Heading(2, (Text("What the neighbours say"),)),
        Quote((p("We used to wave. Now we argue about tomatoes, which is better."),)),
        Preformatted("bed  crop      sown\n 1   beans     2023-04-02\n 2   kale      2023-04-09"),
        Break(),
        p("Read the full survey at https://news.example.org/reports/"
          "community-garden-survey-2024-final-version-with-appendices.pdf for details."),
        p("Supercalifragilisticexpialidociousgardeningenthusiasm is not a word."),
    ),
    resources=(Resource("https://news.example.org/img/beds.png", "image/png", photo_png()),),
)

FRENCH = Document(
    meta=Metadata(title="Le jardin partagé de la rue Haute", authors=("Camille Roux",),
                  published="2023-11-05", language="fr-FR", site_name="Journal d’exemple",
                  source_url="https://journal.example.fr/jardin"),
    blocks=(
        p("Au début, personne n’y croyait. Aujourd’hui, le jardin nourrit une douzaine de "
          "familles et accueille les écoliers du quartier chaque mercredi."),
        Heading(2, (Text("Une idée simple"),)),
        p("Les voisins ont apporté des graines, des outils et beaucoup de patience. "
          "« C’est devenu notre salon », dit Camille."),
    ),
)

MINIMAL = Document(blocks=(p("Just one short paragraph of text with no metadata at all."),))

SAMPLES = {"feature": FEATURE, "french": FRENCH, "minimal": MINIMAL}
