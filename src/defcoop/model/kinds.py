"""Closed vocabularies of the model: a misspelt kind is an error, never an empty answer.

Each member's value is the plain word used in data files and in queries
(``db.events(kind="exchange year")``).
"""

from __future__ import annotations

import enum

__all__ = [
    "AgreementEnding",
    "AgreementKind",
    "AgreementScope",
    "EventKind",
    "EventStatus",
    "MechanismKind",
    "MechanismLevel",
    "OrganizationKind",
    "StateSystem",
    "TransferCategory",
    "TransferStatus",
]


class AgreementKind(enum.StrEnum):
    """What sort of document an :class:`~defcoop.model.records.Agreement` is.

    A *framework agreement* sets up defense cooperation as a whole, to be filled in by later
    agreements and plans (DCAD's general defense cooperation agreements); an *agreement*
    is any other, often on one sector. A *contract* is an arms contract (a sale, purchase or
    licence of arms), not a defense cooperation agreement: panels count it apart from the
    agreements, and an arms transfer's ``contract`` names it.
    """

    AGREEMENT = "agreement"
    FRAMEWORK = "framework agreement"
    PLAN = "plan"
    MEMORANDUM = "memorandum"
    PROTOCOL = "protocol"
    TREATY = "treaty"
    CONTRACT = "contract"


class AgreementScope(enum.StrEnum):
    """DCAD's distinction between a *general* defense cooperation agreement, which sets up
    cooperation across the whole relationship, and a *sector* one, on one field (training,
    industry, peacekeeping)."""

    GENERAL = "general"
    SECTOR = "sector"


class AgreementEnding(enum.StrEnum):
    """How an agreement stopped being in force: a party's *termination*, or *expiry* at the
    end of its term (without renewal)."""

    TERMINATION = "termination"
    EXPIRY = "expiry"


class EventKind(enum.StrEnum):
    """What sort of happening an :class:`~defcoop.model.records.Event` is."""

    VISIT = "visit"
    MEETING = "meeting"
    CONFERENCE = "conference"
    SIGNING = "signing"
    EXCHANGE_YEAR = "exchange year"
    COMPETITION = "competition"
    DELEGATION_EXCHANGE = "delegation exchange"
    MULTILATERAL_ACTIVITY = "multilateral activity"
    EXERCISE = "exercise"
    PORT_CALL = "port call"


class EventStatus(enum.StrEnum):
    """Whether an event happened or was, when the source was written, still to come."""

    OCCURRED = "occurred"
    PLANNED = "planned"


class OrganizationKind(enum.StrEnum):
    """What sort of body an :class:`~defcoop.model.records.Organization` is."""

    GOVERNMENT = "government"
    MINISTRY = "ministry"
    ARMED_FORCES = "armed forces"
    DEPARTMENT = "department"
    FORUM = "forum"
    EVENT_SERIES = "event series"
    INTERNATIONAL_ORGANIZATION = "international organization"


class MechanismKind(enum.StrEnum):
    """What sort of standing arrangement a :class:`~defcoop.Mechanism` is."""

    COMMITTEE = "committee"
    DIALOGUE = "dialogue"
    CONSULTATION = "consultation"


class MechanismLevel(enum.StrEnum):
    """At what level a mechanism meets."""

    HEAD_OF_STATE = "head of state"
    INTERGOVERNMENTAL = "intergovernmental"
    MINISTERIAL = "ministerial"
    DEPUTY_MINISTERIAL = "deputy ministerial"
    WORKING = "working"


class StateSystem(enum.StrEnum):
    """A list of the states of the international system, and its numeric state codes.

    ``cow`` is the Correlates of War State System Membership list; ``gw`` is Gleditsch and
    Ward's list of independent states. Their codes mostly agree; where they differ, a
    country's ``Country.memberships`` say which code holds when.
    """

    COW = "cow"
    GW = "gw"


class TransferCategory(enum.StrEnum):
    """What sort of weapon a :class:`~defcoop.Transfer` is, in the categories of
    the SIPRI Arms Transfers Database, so that records compare with SIPRI's.

    SIPRI counts major conventional weapons: aircraft (with unmanned ones), air defence
    systems, anti-submarine warfare weapons, armoured vehicles, artillery, engines, missiles,
    naval weapons (ship guns and launchers), satellites, sensors (radars, sonars) and ships;
    *other* holds what fits none of them.
    """

    AIRCRAFT = "aircraft"
    AIR_DEFENCE_SYSTEMS = "air defence systems"
    ANTI_SUBMARINE_WARFARE = "anti-submarine warfare"
    ARMOURED_VEHICLES = "armoured vehicles"
    ARTILLERY = "artillery"
    ENGINES = "engines"
    MISSILES = "missiles"
    NAVAL_WEAPONS = "naval weapons"
    SATELLITES = "satellites"
    SENSORS = "sensors"
    SHIPS = "ships"
    OTHER = "other"


class TransferStatus(enum.StrEnum):
    """How far an arms transfer had gone by the latest source: planned (talks or an intent,
    no order), ordered (a contract, nothing delivered), in delivery, delivered, or
    cancelled."""

    PLANNED = "planned"
    ORDERED = "ordered"
    IN_DELIVERY = "in delivery"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
