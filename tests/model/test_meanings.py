"""Every attribute of every record type has a declared meaning, and every meaning an attribute."""

from __future__ import annotations

import attrs
import pytest

from defcoop.model import _meanings, registry
from defcoop.model.kinds import AgreementKind, EventKind

DECLARED = registry.record_types()


@pytest.mark.parametrize("declared", DECLARED, ids=lambda declared: declared.key)
def test_every_attribute_has_a_meaning(declared: registry.RecordType) -> None:
    """No attribute of a record type lacks a meaning, so no column goes undescribed."""
    for field in attrs.fields(declared.cls):
        assert _meanings.meaning(declared.key, field.name).strip(), field.name


@pytest.mark.parametrize("declared", DECLARED, ids=lambda declared: declared.key)
def test_no_meaning_names_a_missing_attribute(declared: registry.RecordType) -> None:
    """A meaning for an attribute a type does not have would describe nothing: refused."""
    names = {field.name for field in attrs.fields(declared.cls)}
    assert set(declared.meanings) <= names


@pytest.mark.parametrize("declared", DECLARED, ids=lambda declared: declared.key)
def test_every_type_declares_an_inclusion_rule(declared: registry.RecordType) -> None:
    """What qualifies a record is said for every type, as a sentence."""
    assert declared.inclusion.strip().endswith(".")


def test_every_kind_has_a_meaning() -> None:
    """Every agreement and event kind is said."""
    assert set(_meanings.VALUES) == {*AgreementKind, *EventKind}


def test_an_unknown_attribute_has_no_meaning() -> None:
    """Asking for an attribute nobody declared is an error, not an empty string."""
    with pytest.raises(KeyError, match=r"agreements\.nonsense"):
        _meanings.meaning("agreements", "nonsense")
