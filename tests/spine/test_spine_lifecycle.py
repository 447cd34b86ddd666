"""StagedLifecycle: phase invariants and gates for onboarding/offboarding (docs/spine.md#9-track-long-work)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lamina.spine import AuthorityDecision, GateRejected, InvalidTransitionError, Stage, StagedLifecycle


@dataclass(frozen=True)
class Account:
    verified: bool
    balance: int


def verified(subject: object) -> AuthorityDecision:
    ok = isinstance(subject, Account) and subject.verified
    return AuthorityDecision(ok, "verified" if ok else "identity not verified")


def settled(subject: object) -> AuthorityDecision:
    ok = isinstance(subject, Account) and subject.balance == 0
    return AuthorityDecision(ok, "settled" if ok else "balance outstanding")


LIFECYCLE = StagedLifecycle(
    [
        Stage("register", "NEW", "PENDING"),
        Stage("activate", "PENDING", "ACTIVE", gate=verified),
        Stage("offboard", "ACTIVE", "CLOSED", gate=settled),
    ]
)


def test_onboarding_then_offboarding() -> None:
    account = Account(verified=True, balance=0)
    state = LIFECYCLE.initial_state
    for stage in ("register", "activate", "offboard"):
        state = LIFECYCLE.advance(state, stage, account)
    assert state == "CLOSED"


def test_stage_from_the_wrong_phase_is_an_invalid_transition() -> None:
    with pytest.raises(InvalidTransitionError, match="^stage 'offboard' starts from 'ACTIVE', not 'PENDING'$"):
        LIFECYCLE.advance("PENDING", "offboard", Account(True, 0))
    with pytest.raises(InvalidTransitionError, match="unknown stage 'archive'"):
        LIFECYCLE.advance("ACTIVE", "archive", Account(True, 0))


def test_gate_rejection_names_the_stage_and_reason() -> None:
    with pytest.raises(GateRejected) as caught:
        LIFECYCLE.advance("ACTIVE", "offboard", Account(True, 500))
    assert (caught.value.stage, caught.value.reason) == ("offboard", "balance outstanding")


def test_broken_gate_fails_closed() -> None:
    def broken(subject: object) -> AuthorityDecision:
        raise KeyError("kyc")

    lifecycle = StagedLifecycle([Stage("activate", "PENDING", "ACTIVE", gate=broken)])
    with pytest.raises(GateRejected, match="KeyError"):
        lifecycle.advance("PENDING", "activate", object())


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ([], "at least one stage"),
        ([Stage("a", "X", "Y"), Stage("a", "Y", "Z")], "defined twice"),
        ([Stage("a", "X", "X")], "does not change the state"),
        ([Stage("a", "X", "Y"), Stage("b", "Q", "Z")], "starts from unreachable state 'Q'"),
    ],
)
def test_stage_lists_keep_their_invariants(stages: list[Stage], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StagedLifecycle(stages)
