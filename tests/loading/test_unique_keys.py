"""Keys that lookups accept find one record: ids, and names of every record type, in users'
data alike and against the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

import defcoop


def _write(folder: Path, text: str) -> Path:
    path = folder / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


_BASE = """
[[sources]]
id = "my-report"
language = "en"
paragraphs = 3
"""


def test_a_mechanism_alias_that_is_an_event_id_names_both(tmp_path: Path) -> None:
    """A mechanism's alias equal to an event's id is a DataError naming both and the key."""
    path = _write(
        tmp_path,
        _BASE
        + """
[[events]]
id = "naval-talks-2019"
title = "Naval talks"
kind = "meeting"
when = "2019-05"
parties = ["VNM", "RUS"]
sources = ["my-report#1"]

[[mechanisms]]
id = "naval-dialogue"
name = "Naval dialogue"
aliases = ["Naval-Talks-2019"]
kind = "dialogue"
parties = ["VNM", "RUS"]
sources = ["my-report#2"]
""",
    )
    with pytest.raises(defcoop.DataError) as raised:
        defcoop.load(path, bundled=True)
    (problem,) = [p for p in raised.value.problems if p.record == "naval-dialogue"]
    assert problem.attribute == "aliases"
    assert "'Naval-Talks-2019'" in problem.message
    assert "event 'naval-talks-2019'" in problem.message
    assert "mine.toml" in problem.message


def test_two_people_with_one_alias_are_refused(tmp_path: Path) -> None:
    """Within a record type a name finds one record: two people sharing an alias clash."""
    path = _write(
        tmp_path,
        _BASE
        + """
[[people]]
id = "a-person"
name = "A Person"
aliases = ["The Minister"]
sources = ["my-report#1"]

[[people]]
id = "b-person"
name = "B Person"
aliases = ["the  minister"]
sources = ["my-report#2"]
""",
    )
    with pytest.raises(defcoop.DataError) as raised:
        defcoop.load(path, bundled=False)
    (problem,) = raised.value.problems
    assert (problem.record, problem.attribute) == ("b-person", "aliases")
    assert "person 'a-person'" in problem.message


def test_a_user_alias_of_a_bundled_name_is_refused(tmp_path: Path) -> None:
    """With bundled=True, a user's person aliased as a bundled person is refused at load,
    naming the bundled record and its file, instead of taking the bundled lookups over."""
    path = _write(
        tmp_path,
        _BASE
        + """
[[people]]
id = "my-general"
name = "My General"
aliases = ["Шойгу"]
sources = ["my-report#1"]
""",
    )
    with pytest.raises(defcoop.DataError) as raised:
        defcoop.load(path, bundled=True)
    (problem,) = raised.value.problems
    assert problem.record == "my-general"
    assert "person 'sergei-shoigu'" in problem.message
    assert "people.toml" in problem.message


def test_a_user_field_with_a_bundled_label_is_refused_at_load(tmp_path: Path) -> None:
    """A user field labelled like a bundled field fails at load, not at query time."""
    path = _write(
        tmp_path,
        """
[[fields]]
id = "my-cooperation"
label = "Defence Cooperation"
""",
    )
    with pytest.raises(defcoop.DataError) as raised:
        defcoop.load(path, bundled=True)
    assert any(p.record == "my-cooperation" for p in raised.value.problems)


def test_names_of_different_record_types_may_coincide(tmp_path: Path) -> None:
    """No lookup takes a field and a person alike, so a field label may be a person's name."""
    path = _write(
        tmp_path,
        _BASE
        + """
[[fields]]
id = "field-logistics"
label = "Logistics"

[[people]]
id = "mr-logistics"
name = "Logistics"
sources = ["my-report#1"]
""",
    )
    db = defcoop.load(path, bundled=False)
    assert db.person("Logistics").id == "mr-logistics"
    assert db.field("Logistics").id == "field-logistics"


_TWO_AGREEMENTS = """
[[agreements]]
id = "first-mou"
title = "A first memorandum"
kind = "memorandum"
parties = ["VNM", "RUS"]
identifiers = ["dcad:1201"]
sources = ["my-report#1"]

[[agreements]]
id = "second-mou"
title = "A second memorandum"
kind = "memorandum"
parties = ["VNM", "RUS"]
identifiers = [{second}]
sources = ["my-report#2"]
"""


def test_two_agreements_with_one_dcad_id_are_refused(tmp_path: Path) -> None:
    """An id in another dataset (``dcad:1201``) names one agreement: a second agreement with
    it would count one treaty twice, so it is a DataError naming both."""
    path = _write(tmp_path, _BASE + _TWO_AGREEMENTS.format(second='"dcad:1201"'))
    with pytest.raises(defcoop.DataError) as error:
        defcoop.load(path, bundled=True)
    message = str(error.value)
    assert "'dcad:1201'" in message
    assert "first-mou" in message
    assert "second-mou" in message


def test_an_agreement_is_found_by_its_id_in_another_dataset(tmp_path: Path) -> None:
    """``db.get("dcad:1201")`` is the agreement holding it; an id nobody holds is an
    UnknownNameError that says so."""
    path = _write(tmp_path, _BASE + _TWO_AGREEMENTS.format(second='"unts:33521"'))
    db = defcoop.load(path, bundled=True)
    assert db.get("dcad:1201").id == "first-mou"
    assert db.get("unts:33521").id == "second-mou"
    with pytest.raises(defcoop.UnknownNameError, match="unknown identifier 'dcad:9'"):
        db.get("dcad:9")
