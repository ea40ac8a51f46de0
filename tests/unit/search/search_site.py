"""The small town-hall site the search tests run on, written to a folder on demand."""

from __future__ import annotations

from pathlib import Path

SITE_TOML = """\
default_language = "pl"
languages = ["pl", "en"]

[office]
name = { pl = "Urząd Miejski", en = "Town Hall" }

[[sections]]
id = "podatki"
title = { pl = "Podatki i opłaty", en = "Taxes and fees" }
order = 1

[[sections]]
id = "sprawy"
title = { pl = "Sprawy urzędowe", en = "Official matters" }
order = 2

[[sections]]
id = "miasto"
title = { pl = "Miasto", en = "Town" }
order = 3
"""

# page id → language → (title, section, summary, keywords, body)
PAGES: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "podatek-od-nieruchomosci": {
        "pl": (
            "Podatek od nieruchomości", "podatki", "Kto płaci i do kiedy.", "grunty, budynki",
            "Płacą go właściciele domów, mieszkań i działek. Termin zapłaty pierwszej raty "
            "mija 15 marca. Stawki uchwala rada miasta.",
        ),
        "en": (
            "Property tax", "podatki", "Who pays and by when.", "land, buildings",
            "Owners of houses, flats and plots pay it. The first instalment is due on "
            "15 March. The town council sets the rates.",
        ),
    },
    "oplata-skarbowa": {
        "pl": (
            "Opłata skarbowa", "podatki", "Ile kosztują dokumenty.", "opłaty",
            "Opłatę skarbową wnosisz przelewem lub w kasie. Za pełnomocnictwo płacisz "
            "17 zł. Wysokość podatków lokalnych opisuje osobna strona.",
        ),
        "en": (
            "Stamp duty", "podatki", "What documents cost.", "fees",
            "Pay stamp duty by transfer or at the cash desk. A power of attorney "
            "costs 17 zł. Local taxes are described on another page.",
        ),
    },
    "dowod-osobisty": {
        "pl": (
            "Dowód osobisty", "sprawy", "Jak wyrobić dokument tożsamości.", "dokument, ID",
            "Wniosek składasz osobiście w urzędzie, pokój 12. Potrzebne jest jedno aktualne "
            "zdjęcie. Dokument odbierzesz po 30 dniach.",
        ),
        "en": (
            "Identity card", "sprawy", "How to get an ID card.", "document, ID",
            "Apply in person at the town hall, room 12. Bring one recent photo. "
            "The card is ready after 30 days.",
        ),
    },
    "zameldowanie": {
        "pl": (
            "Zaświadczenie o zameldowaniu", "sprawy", "Potwierdzenie adresu.", "meldunek",
            "Zaświadczenia wydajemy od ręki. Opłata skarbowa wynosi 17 zł. Możesz też "
            "złożyć wniosek przez internet.",
        ),
        "en": (
            "Certificate of residence", "sprawy", "Proof of your address.", "residence",
            "Certificates are issued while you wait. The stamp duty is 17 zł.",
        ),
    },
    "parking": {
        "pl": (
            "Parking przy urzędzie", "miasto", "Miejsca dla interesantów.", "samochód",
            "Bezpłatny parking dla klientów urzędu jest czynny w godzinach pracy.",
        ),
        "en": (
            "Parking at the town hall", "miasto", "Spaces for visitors.", "car",
            "Free parking for visitors is open during office hours.",
        ),
    },
    "autobusy": {
        "pl": (
            "Autobusy do Łodzi", "miasto", "Dojazd komunikacją.", "komunikacja",
            "Autobus do Łodzi odjeżdża co godzinę z dworca. Łódź Kaliska to ostatni "
            "przystanek. Bilety kupisz u kierowcy.",
        ),
        "en": (
            "Buses to Łódź", "miasto", "Getting there by bus.", "transport",
            "A bus to Łódź leaves the station every hour.",
        ),
    },
    "koncesje": {
        "pl": (
            "Sprzedaż napojów", "sprawy", "Zezwolenia dla sklepów.", "koncesja, alkohol",
            "Sklep potrzebuje zezwolenia na sprzedaż. Wniosek rozpatrujemy w 30 dni.",
        ),
        "en": (
            "Selling drinks", "sprawy", "Permits for shops.", "licence, alcohol",
            "A shop needs a permit to sell. We decide within 30 days.",
        ),
    },
    "dzialalnosc": {
        "pl": (
            "Działalność gospodarcza", "sprawy", "Jak założyć firmę.", "firma, CEIDG",
            "Firmę rejestrujesz w CEIDG. Dla niektórych branż potrzebna jest koncesja albo "
            "zezwolenie. Pomagamy wypełnić formularz i doradzamy w sprawach podatkowych "
            "oraz w sprawie wyboru formy opodatkowania.",
        ),
        "en": (
            "Running a business", "sprawy", "How to start a company.", "company, CEIDG",
            "Register your business in CEIDG. Some trades need a licence or a permit. "
            "We help with the form and give advice on the choice of taxation.",
        ),
    },
    "rejestracja-pojazdu": {
        "pl": (
            "Rejestracja pojazdu", "sprawy", "Nowy lub używany samochód.", "auto, samochód",
            "Samochód rejestrujesz w starostwie w ciągu 30 dni od zakupu.",
        ),
        "en": (
            "Car registration", "sprawy", "A new or used car.", "vehicle",
            "Register your car at the county office within 30 days of buying it.",
        ),
    },
    "usc": {
        "pl": (
            "Urząd Stanu Cywilnego", "sprawy", "Akty urodzenia, małżeństwa i zgonu.", "USC, ślub",
            "Odpis aktu wydajemy w pokoju 3. Ślub cywilny ustalamy z miesięcznym wyprzedzeniem.",
        ),
        "en": (
            "Civil Registry Office", "sprawy", "Birth, marriage and death records.", "USC",
            "Copies of records are issued in room 3. The registry also arranges civil "
            "weddings; registry staff speak English.",
        ),
    },
    "odpady": {
        "pl": (
            "Wywóz śmieci", "miasto", "Harmonogram odbioru.", "odpady, segregacja",
            "Śmieci odbieramy co dwa tygodnie. Koszt < 30 zł & zależy od liczby osób.",
        ),
        "en": (
            "Waste collection", "miasto", "Collection timetable.", "rubbish, bins",
            "Rubbish is collected every two weeks. The cost < 30 zł & depends on "
            "the size of your household.",
        ),
    },
    "sesja-rady": {  # Polish only: English visitors see the Polish page
        "pl": (
            "Sesja Rady Miejskiej", "miasto", "Obrady radnych.", "rada, uchwały",
            "Sesje rady odbywają się w sali konferencyjnej. Porządek obrad publikujemy "
            "tydzień wcześniej.",
        ),
    },
}


def write_page(
    root: Path, page_id: str, lang: str, page: tuple[str, str, str, str, str]
) -> None:
    title, section, summary, keywords, body = page
    folder = root / "pages" / page_id
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        f"---\ntitle: {title}\nsection: {section}\nsummary: {summary}\n"
        f"keywords: [{keywords}]\n---\n{body}\n"
    )
    (folder / f"{lang}.md").write_text(text, encoding="utf-8")


def write_site(root: Path, pages: dict[str, dict[str, tuple[str, str, str, str, str]]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    for page_id, variants in pages.items():
        for lang, page in variants.items():
            write_page(root, page_id, lang, page)
    return root
