"""Damaged copies of real PDFs for fuzzing: flipped bytes, truncation, broken xref, lying stream lengths."""

import random
import re
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Up to 64 random bytes past the header replaced with random values."""
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        damaged[rng.randrange(16, len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut off somewhere after its first tenth."""
    return data[: rng.randrange(len(data) // 10, len(data))]


def damage_xref(data: bytes, rng: random.Random) -> bytes:
    """Offsets of the cross-reference table and `startxref` replaced with wrong numbers."""
    offsets = re.sub(rb"\b\d{10} \d{5} n", lambda _: b"%010d 00000 n" % rng.randrange(len(data)), data)
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(len(data)), offsets)


def lie_about_lengths(data: bytes, rng: random.Random) -> bytes:
    """Every direct `/Length N` of a stream replaced with a number that is too small or too large."""
    return re.sub(
        rb"/Length (\d+)", lambda match: b"/Length %d" % max(0, int(match[1]) + rng.randint(-500, 5000)), data
    )


MUTATIONS: dict[str, Mutation] = {
    "flip-bytes": flip_bytes,
    "truncate": truncate,
    "damage-xref": damage_xref,
    "lie-about-lengths": lie_about_lengths,
}
