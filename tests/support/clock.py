"""A clock a test sets by hand, for code that takes a `clock` callable (time.monotonic in production)."""


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now
