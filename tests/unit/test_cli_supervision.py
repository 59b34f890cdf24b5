"""The restart budget of `docrelay up`: a process may be started again a few times within a window;
more is a crash loop, and the window slides."""

from docrelay_cli.supervision import RestartBudget
from tests.support.clock import ManualClock


def test_restarts_are_allowed_up_to_the_budget_within_the_window() -> None:
    clock = ManualClock()
    budget = RestartBudget(allowed=3, window_seconds=60, clock=clock)

    assert [budget.spend("extract") for _ in range(3)] == [True, True, True]
    assert budget.spend("extract") is False
    # Each process has its own budget.
    assert budget.spend("gateway") is True


def test_old_restarts_leave_the_window() -> None:
    clock = ManualClock()
    budget = RestartBudget(allowed=2, window_seconds=60, clock=clock)
    assert budget.spend("tone") and budget.spend("tone")
    assert not budget.spend("tone")

    clock.now = 61.0
    assert budget.spend("tone")
    assert budget.spend("tone")
    assert not budget.spend("tone")
