"""floors/floors.toml and the SVG plans: what staff get told, with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk import paths
from kiosk.content.content import load_content
from kiosk.content.model import Problem
from tests.conftest import ContentBuilder
from tests.unit.floors.plans import LIFT, TOML, write_plan

Make = Callable[[str], ContentBuilder]


def folder(make_content: Make) -> ContentBuilder:
    c = make_content("plan")
    c.simple("hours", "Godziny", "Hours")
    return c


def problems_in(root: Path) -> list[str]:
    content = load_content(root)
    return [p.format(root) for p in content.problems if p.path.relative_to(root).parts[0] == "floors"]


def test_the_sample_plan_has_no_problems() -> None:
    content = load_content(paths.bundled_content_dir())
    assert content.floors is not None
    assert [f.id for f in content.floors.floors] == ["parter", "pietro-1", "pietro-2"]
    assert {"1", "2", "3", "4", "5", "6", "11", "12", "14", "16", "22"} <= set(content.floors.rooms)
    assert problems_in(paths.bundled_content_dir()) == []


def test_a_good_plan_loads(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    content = load_content(c.root)
    assert content.problems == []
    floors = content.floors
    assert floors is not None
    assert floors.rooms["1"].pages == ("hours",)
    assert floors.shapes["ground"] >= {"room-a", "room-b", "room-c"}
    assert floors.entrance() == "entrance"


def test_content_without_a_plan_has_an_empty_one(make_content: Make) -> None:
    c = folder(make_content)
    content = load_content(c.root)
    assert content.floors is not None and content.floors.is_empty
    assert content.problems == []


def test_unknown_floors_nodes_shapes_and_pages_are_errors_with_lines(make_content: Make) -> None:
    c = folder(make_content)
    rooms = """
[[rooms]]
id = "7"
floor = "cellar"
name = "Piwnica"
node = "g-c50"

[[rooms]]
id = "8"
floor = "ground"
name = "Osiem"
node = "nowhere"

[[rooms]]
id = "9"
floor = "ground"
name = "Dziewięć"
node = "g-c300"
shape = "room-z"
pages = ["no-such-page"]
"""
    paths_ = """
[[paths]]
from = "g-c50"
to = "ghost"
"""
    toml = write_plan(c.root, rooms=rooms, paths=paths_)
    lines = toml.read_text(encoding="utf-8").splitlines()
    found = problems_in(c.root)

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, start=1) if text in line)

    cellar = line_of('id = "7"') - 1
    assert f"floors/floors.toml:{cellar}: error: room '7': unknown floor 'cellar' " \
        "(known: first, ground)" in found
    eight = line_of('id = "8"') - 1
    assert f"floors/floors.toml:{eight}: error: room '8': unknown node 'nowhere' " \
        "(its door on the route graph)" in found
    nine = line_of('id = "9"') - 1
    assert f"floors/floors.toml:{nine}: error: room '9': unknown shape 'room-z' " \
        "(no element with that id in the plan)" in found
    assert f"floors/floors.toml:{nine}: error: room '9': link to missing page 'no-such-page'" in found
    assert any(p.endswith("error: path: unknown node 'ghost'") for p in found)


def test_a_room_that_cannot_be_reached_is_an_error(make_content: Make) -> None:
    c = folder(make_content)
    rooms = """
[[rooms]]
id = "99"
floor = "first"
name = "Zamknięty"
node = "island"
"""
    nodes = """
[[nodes]]
id = "island"
floor = "first"
at = [390, 10]
"""
    write_plan(c.root, rooms=rooms, nodes=nodes)
    found = problems_in(c.root)
    assert any("error: room '99': its door 'island' cannot be reached from 'entrance'" in p for p in found)


def test_a_room_reached_only_by_stairs_is_a_warning(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root, has_lift=False)
    content = load_content(c.root)
    assert content.error_count == 0
    warnings = [p.message for p in content.problems if p.severity == "warning"]
    assert sorted(w.split("'")[1] for w in warnings if "without stairs" in w) == ["11", "12", "14"]


def test_a_missing_plan_is_an_error(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    (c.root / "floors" / "first.svg").unlink()
    found = problems_in(c.root)
    assert "floors/first.svg: error: plan file is missing" in found
    # Everything on that floor is then unknown, and said so.
    assert any("room '14': unknown floor 'first'" in p for p in found)


def test_a_plan_that_is_not_svg_names_the_line(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    (c.root / "floors" / "first.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>\n')
    assert "floors/first.svg:3: error: plan is not valid SVG: mismatched tag" in problems_in(c.root)
    (c.root / "floors" / "first.svg").write_text("<html><body/></html>\n")
    assert any("first element is not <svg>" in p for p in problems_in(c.root))


def test_scripts_and_references_outside_the_folder_are_errors(make_content: Make) -> None:
    c = folder(make_content)
    (c.root / "floors").mkdir()
    (c.root / "floors" / "logo.png").write_bytes(b"\x89PNG")
    extra = """<script>alert(1)</script>
  <rect id="x" onclick="steal()" width="1" height="1"/>
  <image href="https://example.com/track.png" width="1" height="1"/>
  <image href="../../secret.png" width="1" height="1"/>
  <image href="logo.png" width="1" height="1"/>
  <rect style="fill: url(file:///etc/passwd)" width="1" height="1"/>
  <use href="#room-a"/>"""
    write_plan(c.root, svg_extra=extra)
    found = [p for p in problems_in(c.root) if p.startswith("floors/ground.svg")]
    assert found == [
        "floors/ground.svg:6: error: plan carries a script; remove it",
        "floors/ground.svg:7: error: plan carries a script in the attribute 'onclick'; remove it",
        "floors/ground.svg:8: error: plan refers to 'https://example.com/track.png' outside the floors "
        "folder; only files in the folder are allowed",
        "floors/ground.svg:9: error: plan refers to '../../secret.png' outside the floors folder",
        "floors/ground.svg:11: error: plan refers to 'file:///etc/passwd' outside the floors folder; "
        "only files in the folder are allowed",
    ]


def test_entities_are_refused(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    (c.root / "floors" / "first.svg").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>\n'
    )
    assert any(
        p.startswith("floors/first.svg:2: error: plan has a DOCTYPE or entities") for p in problems_in(c.root)
    )


def test_malformed_toml_names_its_line(make_content: Make) -> None:
    c = folder(make_content)
    good = TOML.format(rooms="", nodes="", paths="", lift="")
    write_plan(c.root, toml=good.replace("level = 1", "level = = 1", 1))
    found = problems_in(c.root)
    text = (c.root / "floors/floors.toml").read_text(encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), start=1) if "= =" in x)
    assert len(found) == 1 and found[0].startswith(f"floors/floors.toml:{line}: error: malformed TOML")


def test_paths_changing_floor_must_be_stairs_or_lift(make_content: Make) -> None:
    c = folder(make_content)
    extra = """
[[paths]]
from = "g-c50"
to = "f-c50"
kind = "corridor"

[[paths]]
from = "g-c50"
to = "f-c150"
kind = "escalator"
"""
    write_plan(c.root, paths=extra)
    found = problems_in(c.root)
    assert any("path g-c50 → f-c50 changes floor, so its kind must be stairs or lift" in p for p in found)
    assert any("path kind 'escalator' is not one of corridor, door, stairs, lift, ramp" in p for p in found)


def test_room_links_in_pages_must_name_a_room(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    c.page("where", "pl", "---\ntitle: Gdzie\nsection: office\n---\nIdź do [pokoju 77](room:77).\n")
    content = load_content(c.root)
    assert Problem(c.root / "pages/where/pl.md", 5, "error", "link to unknown room '77'") in content.problems


def test_kiosk_check_reports_the_plan(make_content: Make, capsys: object) -> None:
    from kiosk.commands import check

    c = folder(make_content)
    write_plan(c.root, has_lift=False)
    import argparse

    assert check.run(argparse.Namespace(folder=c.root)) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "floors/floors.toml:" in out and "cannot be reached without stairs" in out


def test_a_room_link_stays_a_link_in_the_page(make_content: Make) -> None:
    c = folder(make_content)
    write_plan(c.root)
    c.page("where", "pl", "---\ntitle: Gdzie\nsection: office\n---\nIdź do [pokoju 14](room:14).\n")
    content = load_content(c.root)
    assert content.error_count == 0, content.problems
    assert '<a href="room:14">pokoju 14</a>' in content.rendered[("where", "pl")].html


def test_a_floors_online_plan_must_be_an_http_address(make_content: Make) -> None:
    """The QR code of the online plan leads a visitor's phone there: web addresses only."""
    c = folder(make_content)
    text = TOML.format(rooms="", nodes="", paths="", lift=LIFT)
    text = text.replace('plan = "ground.svg"\n', 'plan = "ground.svg"\nurl = "https://bip.mszczonow.pl/plan"\n')
    text = text.replace('plan = "first.svg"\n', 'plan = "first.svg"\nurl = "javascript:alert(1)"\n')
    write_plan(c.root, toml=text)
    content = load_content(c.root)
    assert content.floors is not None
    assert content.floors.floor("ground").url == "https://bip.mszczonow.pl/plan"  # type: ignore[union-attr]
    assert content.floors.floor("first").url == ""  # type: ignore[union-attr]  # kept, without the address
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines, start=1) if line == 'id = "first"') - 1
    assert problems_in(c.root) == [
        f"floors/floors.toml:{first}: error: floor 'first': url must be an http(s):// address"
    ]
