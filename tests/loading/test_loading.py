"""Loading users' files: formats, combination with the bundled data, and every error form."""

from __future__ import annotations

import gc
import json
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import defcoop
from _helpers import problems_of, write
from defcoop import DataError, Dataset, PartialDate
from defcoop.loading import _loader as loading


def minimal() -> dict[str, Any]:
    """A small valid dataset in the file schema."""
    return {
        "sources": [{"id": "src", "title": "A source", "language": "en", "paragraphs": 4}],
        "countries": [
            {"code": "VNM", "name": "Vietnam", "alpha2": "VN"},
            {"code": "LAO", "name": "Laos", "alpha2": "LA", "names": ["Lao PDR"]},
        ],
        "fields": [
            {"id": "defense", "label": "defense"},
            {"id": "training", "label": "training", "broader": "defense"},
        ],
        "events": [
            {
                "id": "visit",
                "title": "A visit",
                "kind": "visit",
                "when": "2019-03",
                "parties": ["VNM", "LAO"],
                "host": "LAO",
                "sources": ["src#2"],
            }
        ],
        "agreements": [
            {
                "id": "deal",
                "title": "A deal",
                "kind": "memorandum",
                "parties": ["VNM", "LAO"],
                "signed": "2019-03-02",
                "signed_during": "visit",
                "fields": ["training"],
                "sources": [{"source": "src", "paragraph": 3}],
            }
        ],
    }


def test_load_json_file(tmp_path: Path) -> None:
    """A JSON file in the schema loads, and its queries work."""
    db = defcoop.load(write(tmp_path / "data.json", minimal()))
    assert isinstance(db, Dataset)
    assert [a.id for a in db.agreements(field="defense", party="Lao PDR")] == ["deal"]
    assert db.get("deal").signed == PartialDate(2019, 3, 2)  # type: ignore[union-attr]


def test_load_toml_directory(tmp_path: Path) -> None:
    """Every .toml and .json file under a directory is read as one dataset."""
    write(
        tmp_path / "a.toml",
        '[[sources]]\nid = "src"\nlanguage = "en"\nparagraphs = 2\n'
        '[[countries]]\ncode = "VNM"\nname = "Vietnam"\nalpha2 = "VN"\n',
    )
    (tmp_path / "sub").mkdir()
    write(
        tmp_path / "sub" / "b.json",
        {
            "mechanisms": [
                {
                    "id": "m",
                    "name": "A dialogue",
                    "kind": "dialogue",
                    "parties": ["VNM"],
                    "sources": ["src#1"],
                }
            ]
        },
    )
    write(tmp_path / "ignored.txt", "not data")
    db = defcoop.load(tmp_path)
    assert [m.id for m in db.mechanisms(party="VN")] == ["m"]


def test_toml_dates_may_be_bare(tmp_path: Path) -> None:
    """A TOML date literal is read as a day-precise PartialDate."""
    text = '[[sources]]\nid = "s"\nlanguage = "en"\nparagraphs = 1\npublished = 2016-04-26\n'
    db = defcoop.load(write(tmp_path / "s.toml", text))
    assert db.sources[0].published == PartialDate(2016, 4, 26)


def test_combine_with_bundled(tmp_path: Path) -> None:
    """With bundled=True a user's records may refer to bundled countries, people and sources."""
    data = {
        "events": [
            {
                "id": "my-meeting",
                "title": "A meeting",
                "kind": "meeting",
                "when": "2018-06",  # inside the coverage of the source it cites
                "parties": ["VNM", "RUS"],
                "participants": ["sergei-shoigu"],
                "sources": ["pillar-and-highlight#3"],
            }
        ]
    }
    path = write(tmp_path / "mine.json", data)
    combined = defcoop.load(path, bundled=True)
    assert [e.id for e in combined.events(person="Shoigu", when="2018-06")] == ["my-meeting"]
    assert "my-meeting" not in defcoop.load()
    assert len(combined) == len(defcoop.load()) + 1
    problems = problems_of(path)
    assert any("no person has the id 'sergei-shoigu'" in p for p in problems)


def test_combine_refuses_a_reused_id(tmp_path: Path) -> None:
    """An id used both in the bundled data and in the user's file is an error."""
    data = {"countries": [{"code": "VNM", "name": "Vietnam again", "alpha2": "VN"}]}
    problems = problems_of(write(tmp_path / "dup.json", data), bundled=True)
    assert any("'VNM' is used twice" in p and "dup.json" in p for p in problems)


def test_every_structural_problem_is_listed(tmp_path: Path) -> None:
    """Structural problems in every record of every file are reported together."""
    bad = minimal()
    bad["agreements"][0]["kind"] = "memorandom"
    bad["agreements"][0]["signd"] = "2019"
    bad["events"][0]["when"] = "2019-02-30"
    bad["fields"][0]["label"] = 7
    write(tmp_path / "one.json", bad)
    write(tmp_path / "two.toml", '[[sources]]\nid = "x"\nlanguage = "en"\n')
    problems = problems_of(tmp_path)
    text = "\n".join(problems)
    assert "did you mean 'memorandum'?" in text
    assert "unknown key 'signd' (did you mean 'signed'?)" in text
    assert "@ $.events[0].when [visit.when]: 2019-02 has no day 30" in text
    assert "@ $.fields[0].label [defense.label]: expected str, got int 7" in text
    assert "two.toml @ $.sources[0].paragraphs [x.paragraphs]: required key missing" in text
    assert len(problems) == 5


def test_every_reference_problem_is_listed(tmp_path: Path) -> None:
    """Dangling references, wrong targets, citations past the end and bad dates come at once."""
    bad = minimal()
    bad["agreements"][0]["parties"] = ["VNM", "LOA"]
    bad["agreements"][0]["fields"] = ["trainig"]
    bad["agreements"][0]["signatories"] = ["visit"]
    bad["agreements"][0]["signed"] = "2019-04"
    bad["agreements"][0]["sources"] = ["src#9", "nosuch#1"]
    bad["fields"][0]["broader"] = "training"
    problems = problems_of(write(tmp_path / "refs.json", bad))
    text = "\n".join(problems)
    assert "[deal.parties]: no country has the id 'LOA'; did you mean 'LAO'?" in text
    assert "no field has the id 'trainig'; did you mean 'training'?" in text
    assert "[deal.signatories]: 'visit' is an event, not an organization" in text
    assert "paragraph 9 is past the end of source 'src', which has 4 paragraphs" in text
    assert "no source has the id 'nosuch'" in text
    assert "signed 2019-04 lies outside 'visit'" in text
    assert "refers back to itself" in text
    assert len(problems) == 7


def test_duplicate_ids_within_a_file(tmp_path: Path) -> None:
    """Two records with one id are reported with both places."""
    data = minimal()
    data["agreements"].append(dict(data["agreements"][0]))
    problems = problems_of(write(tmp_path / "dup.json", data))
    assert problems == [
        f"{tmp_path / 'dup.json'} @ $.agreements[1].id [deal.id]: id 'deal' is used twice: "
        f"first by the agreement at {tmp_path / 'dup.json'} @ $.agreements[0]"
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.toml", "", "is empty"),
        ("blank.json", "  \n", "is empty"),
        ("broken.toml", "[[sources]\nid = 1", "is not valid TOML"),
        ("broken.json", '{"sources": [', "is not valid JSON"),
        ("latin1.toml", b'[[sources]]\nid = "caf\xe9"\n', "is not UTF-8 text: byte 0xe9"),
        ("nan.json", '{"sources": [{"paragraphs": NaN}]}', "NaN is not a number"),
        ("list.json", "[1, 2]", "expected a table of record lists, got a list"),
        ("nothing.json", "{}", "holds no records"),
        (
            "wrongkey.json",
            '{"agreement": []}',
            "unknown key 'agreement'; did you mean 'agreements'?",
        ),
        ("notlist.json", '{"agreements": {}}', "expected a list of agreements, got a table"),
        ("notable.json", '{"agreements": [3]}', "expected a table, got a number"),
        ("deep.json", "[" * 100000 + "]" * 100000, "nested too deeply"),
        ("twice.json", '{"sources": [], "sources": []}', "the key 'sources' appears twice"),
        (
            "surrogate.json",
            '{"sources": [{"id": "s", "language": "\\ud800", "paragraphs": 1}]}',
            "lone surrogate '\\ud800'",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str | bytes, expected: str) -> None:
    """Files that cannot be read as data give one problem naming the file and the cause."""
    path = write(tmp_path / name, content)
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].startswith(str(path))
    assert expected in problems[0]


def test_a_key_given_twice_is_never_dropped(tmp_path: Path) -> None:
    """A JSON key repeated inside a record is an error, not a silent choice of the last value."""
    text = json.dumps(minimal()).replace('"title": "A deal"', '"title": "A deal", "title": "B"')
    problems = problems_of(write(tmp_path / "twice.json", text))
    assert problems == [
        f"{tmp_path / 'twice.json'}: " + "is not a valid data file: the key "
        "'title' appears twice in one table"
    ]


def test_large_values_are_shown_short(tmp_path: Path) -> None:
    """Huge or deeply nested wrong values are cut short in messages; 64-bit ints at most."""
    data = minimal()
    data["sources"][0]["title"] = ["x" * 1000] * 1000
    data["agreements"][0]["notes"] = [[[[[[["deep"]]]]]]]
    data["agreements"][0]["sources"] = ["src#" + "9" * 400]
    path = write(tmp_path / "huge.json", data)
    problems = problems_of(path)
    assert len(problems) == 3
    # Short whatever the folder: the file's name (a temporary path) is not the value's.
    assert all(len(problem.removeprefix(str(path))) < 240 for problem in problems)
    assert "[src.title]: expected str, got list ['xxxx" in problems[0]
    assert problems[1].endswith("paragraph number of at most 18 digits, got one of 400 digits")
    assert problems[2].endswith("[deal.notes]: expected str, got list [[[[...]]]]")
    hexed = '[[sources]]\nid = "s"\nlanguage = "en"\nparagraphs = 0x' + "f" * 5000 + "\n"
    (problem,) = problems_of(write(tmp_path / "hex.toml", hexed))
    assert problem.endswith("expected a number below 2**63, got a number of 20000 bits")


def test_a_nested_record_must_be_a_table(tmp_path: Path) -> None:
    """A role or evidence that is not a table says so, at its own path."""
    data = minimal()
    data["people"] = [{"id": "p", "name": "P", "roles": [["Minister"]], "sources": ["src#1"]}]
    (problem,) = problems_of(write(tmp_path / "role.json", data))
    assert problem.endswith(
        "@ $.people[0].roles[0] [p.roles]: expected a table, got list ['Minister']"
    )


def test_wrong_paths(tmp_path: Path) -> None:
    """A missing path, a file of another kind and a folder without data files are errors."""
    assert "no such file" in problems_of(tmp_path / "missing.toml")[0]
    assert "expected a .toml or .json file" in problems_of(write(tmp_path / "x.csv", "a,b"))[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no .toml or .json files" in problems_of(empty)[0]


def test_input_files_are_left_unchanged(tmp_path: Path) -> None:
    """A failed load changes neither the input file nor the bundled dataset."""
    bundled = defcoop.load()
    bad = minimal()
    bad["agreements"][0]["parties"] = ["XXX"]
    path = write(tmp_path / "bad.json", bad)
    before = path.read_bytes()
    problems_of(path, bundled=True)
    assert path.read_bytes() == before
    assert defcoop.load() is bundled
    assert "deal" not in bundled


def test_one_dataset_table_only(tmp_path: Path) -> None:
    """A [dataset] table gives the dataset's name and version; two of them are an error."""
    data = minimal()
    data["dataset"] = {"name": "mine", "version": "1", "released": "2020-01"}
    db = defcoop.load(write(tmp_path / "a.json", data))
    assert db.info is not None
    assert (db.info.name, db.info.version, str(db.info.released)) == ("mine", "1", "2020-01")
    write(tmp_path / "b.json", {"dataset": {"name": "other", "version": "2"}})
    assert "has one [dataset] table" in problems_of(tmp_path)[0]


@pytest.mark.parametrize("attempt", range(3))
def test_bundled_is_loaded_once_and_shared(monkeypatch: pytest.MonkeyPatch, attempt: int) -> None:
    """Threads calling load() at once for the first time get one object, each file read once."""
    read: list[str] = []
    parse = loading._parse

    def slow_counting_parse(name: str, file: Any, problems: list[defcoop.Problem]) -> Any:
        read.append(name)
        time.sleep(0.01)  # a wide window for any other thread to start reading too
        return parse(name, file, problems)

    monkeypatch.setattr(loading, "_parse", slow_counting_parse)
    defcoop.clear_cache()
    results: list[Dataset] = []
    barrier = threading.Barrier(16)

    def worker() -> None:
        barrier.wait()
        results.append(defcoop.load())

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16
    assert all(r is results[0] for r in results)
    assert defcoop.load() is results[0]
    files = resources.files("defcoop").joinpath("data").iterdir()
    assert sorted(read) == sorted(
        f"defcoop/data/{f.name}" for f in files if f.name.endswith((".toml", ".json"))
    )


def test_bundled_needs_a_path() -> None:
    """bundled=True without a path is a usage error."""
    with pytest.raises(TypeError, match="needs a path"):
        defcoop.load(bundled=True)


def test_from_records_validates() -> None:
    """Datasets built in code are checked like loaded ones."""
    db = defcoop.load()
    records = [r for r in db if not isinstance(r, defcoop.Source)]
    with pytest.raises(DataError, match="no source has the id"):
        Dataset.from_records(records)
    assert len(Dataset.from_records(db)) == len(db)


def test_load_refuses_a_non_path() -> None:
    """A value that is not a path is an ArgumentError, not an obscure TypeError."""
    with pytest.raises(defcoop.ArgumentError, match="expects a path"):
        defcoop.load(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_is_restored(tmp_path: Path, enabled: bool) -> None:
    """A load pauses the garbage collector and restores its state, even when it fails."""
    good = write(tmp_path / "good.json", minimal())
    bad = write(tmp_path / "bad.json", {"agreements": [{"id": "x"}]})
    was = gc.isenabled()
    # Python 3.12 starts with objects of its own in the permanent generation: compare with
    # the count before, not with zero.
    frozen = gc.get_freeze_count()
    try:
        if not enabled:
            gc.disable()
        defcoop.load(good)
        assert gc.isenabled() is enabled
        problems_of(bad)
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == frozen
    finally:
        if was:
            gc.enable()


def test_one_bad_record_among_many(tmp_path: Path) -> None:
    """Among many sound agreements, the one unsound agreement is reported at its index."""
    data = minimal()
    deal = data["agreements"][0]
    data["agreements"] = [dict(deal, id=f"deal-{i}") for i in range(50)]
    data["agreements"][37]["parties"] = "VNM"
    problems = problems_of(write(tmp_path / "many.json", data))
    assert len(problems) == 1
    assert "$.agreements[37].parties [deal-37.parties]: expected a list" in problems[0]
    data["agreements"][37]["parties"] = ["VNM", "LAO"]
    assert len(defcoop.load(write(tmp_path / "many.json", data)).agreements()) == 50
