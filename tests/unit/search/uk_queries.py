"""Ukrainian search queries as residents type them, and the pages they want.

Shared by the Ukrainian search tests and by ``benchmarks/eval_uk_morphology.py``,
which measured the morphological libraries on them. Each query uses inflected forms
(a case, a plural, a verb form) and lists the pages a resident would accept in the
first three results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# (query, acceptable pages)
QUERIES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (query, frozenset(pages.split()))
    for query, pages in (
        ("реєстрації", "residence-registration"),
        ("паспорта", "id-card"),
        ("прописатися", "residence-registration"),
        ("податку", "local-taxes"),
        ("шлюбу", "civil-registry"),
        ("посвідченням особи", "id-card"),
        ("заяви на посвідчення", "id-card"),
        ("загубила посвідчення", "id-card"),
        ("фотографії на посвідчення", "id-card"),
        ("відбитків пальців", "id-card"),
        ("довідки про реєстрацію", "residence-registration"),
        ("договору оренди", "residence-registration"),
        ("свідоцтва про народження", "civil-registry"),
        ("реєстрація смерті", "civil-registry"),
        ("свідків на шлюб", "civil-registry"),
        ("копії акта", "civil-registry"),
        ("графіку вивезення сміття", "waste-collection"),
        ("сміттям", "waste-collection"),
        ("відходами", "waste-collection"),
        ("сортуванню", "waste-collection"),
        ("меблів", "waste-collection"),
        ("батарейок", "waste-collection"),
        ("податків на нерухомість", "local-taxes"),
        ("нерухомістю", "local-taxes"),
        ("внесків", "local-taxes"),
        ("переказом", "payments local-taxes"),
        ("номером рахунку", "payments"),
        ("гербового збору", "payments"),
        ("парковки", "getting-here"),
        ("автобусів", "getting-here"),
        ("зупинки", "getting-here"),
        ("графіка роботи каси", "opening-hours payments"),
        ("скаргою", "complaints"),
        ("петицій", "complaints sesje-rady"),
        ("довіреного профілю", "epuap"),
        ("електронним підписом", "epuap"),
        ("перекладача жестової мови", "accessibility"),
        ("людей з інвалідністю", "accessibility floor-plan getting-here"),
        ("туалету", "floor-plan accessibility"),
        ("відділів", "departments"),
        ("дозволу на будівництво", "building-planning departments"),
        ("умов забудови", "building-planning"),
        ("номера будинку", "building-planning"),
        ("сертифікатом якості", "iso-9001"),
        ("засідань ради", "sesje-rady"),
        ("радних", "sesje-rady"),
        ("басейнів", "about-town"),
        ("історії міста", "about-town"),
        ("збільшити літери", "kiosk-help accessibility"),
        ("електронною поштою", "contact complaints accessibility"),
        ("зареєструвати народження дитини", "civil-registry"),
        ("плати за сміття", "waste-collection"),
        ("вивозять меблі", "waste-collection"),
        ("прострочених ліків", "waste-collection"),
        ("пральну машину", "waste-collection"),
        ("пандусом для візків", "getting-here accessibility"),
    )
)

# One word written with each apostrophe a visitor's keyboard may give, and without one.
APOSTROPHE_QUERIES: tuple[str, ...] = ("п'ятниця", "п’ятниця", "пʼятниця", "п‘ятниця", "пятниця")
APOSTROPHE_PAGE = "opening-hours"  # its table has "П’ятниця"


def ukrainian_sample(root: Path) -> Path:
    """A copy of the bundled sample at ``root`` with uk added to its languages."""
    from kiosk import paths

    shutil.copytree(paths.bundled_content_dir(), root)
    site = root / "site.toml"
    text = site.read_text(encoding="utf-8")
    listed = 'languages = ["pl", "en"]'
    if listed in text:
        site.write_text(text.replace(listed, 'languages = ["pl", "en", "uk"]'), encoding="utf-8")
    return root
