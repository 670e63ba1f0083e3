"""What each side calls the actors both mention, and the roles it casts them in.

Actors are joined across sides by :func:`~.collect.actor_key` (the analyzers' names, case
and a leading "the" ignored; "Assad" and "Bashar al-Assad" stay two actors). For actors both
sides describe, the descriptor distributions are compared with the Jensen-Shannon divergence
(base 2: 0 = the same words in the same proportions, 1 = no word in common; Lin 1991, IEEE
Trans. Inf. Theory 37(1)); for actors both sides cast as hero, villain or victim, the role
distributions with the total variation distance. Both lists are ranked by that difference
shrunk by how consistent the thinner side is (``d * n / (n + 2)``, ``n`` the count of its
most used descriptor or role), so a scatter of one-off words does not outrank a label a side
repeats.
"""

from __future__ import annotations

from collections import Counter
from typing import TypeVar

import numpy as np

from ..analysis import ROLES, RoleName
from .collect import SideCollector
from .evidence import EvidenceBook
from .result import ActorDescriptors, ActorRoles, DescriptorCount, RoleCounts
from .sections import display_name

__all__ = ["actor_sections", "jensen_shannon"]

TOP_ACTORS = 30
TOP_DESCRIPTORS = 8

Ranked = TypeVar("Ranked", ActorDescriptors, ActorRoles)
Key = TypeVar("Key", str, RoleName)


def jensen_shannon(p: Counter[str], q: Counter[str]) -> float:
    """Jensen-Shannon divergence (base 2) of two count distributions.

    >>> jensen_shannon(Counter(a=2), Counter(b=1)), jensen_shannon(Counter(a=1), Counter(a=3))
    (1.0, 0.0)
    """
    words = sorted(set(p) | set(q))
    a = np.array([p[w] for w in words], dtype=np.float64)
    b = np.array([q[w] for w in words], dtype=np.float64)
    a, b = a / a.sum(), b / b.sum()
    m = (a + b) / 2

    def kl(x: np.ndarray) -> float:
        mask = x > 0
        return float(np.sum(x[mask] * np.log2(x[mask] / m[mask])))

    return max(0.0, min(1.0, (kl(a) + kl(b)) / 2))


def _total_variation(p: Counter[RoleName], q: Counter[RoleName]) -> float:
    n_p, n_q = sum(p.values()), sum(q.values())
    return 0.5 * sum(abs(p[r] / n_p - q[r] / n_q) for r in ROLES)


def _shrunk(difference: float, p: Counter[Key], q: Counter[Key]) -> float:
    n = min(max(p.values()), max(q.values()))
    return difference * n / (n + 2)


def actor_sections(
    sides: tuple[SideCollector, SideCollector], book: EvidenceBook
) -> tuple[tuple[ActorDescriptors, ...], tuple[ActorRoles, ...]]:
    """``actor_descriptors`` and ``actor_roles`` for actors both sides mention."""
    a, b = sides
    both = sorted(set(a.actor_documents) & set(b.actor_documents))
    descriptors: list[tuple[float, ActorDescriptors]] = []
    roles: list[tuple[float, ActorRoles]] = []
    for key in both:
        name = display_name(a, key)
        if a.descriptors.get(key) and b.descriptors.get(key):
            p, q = a.descriptors[key], b.descriptors[key]
            difference = jensen_shannon(p, q)
            described = ActorDescriptors(
                actor=name,
                difference=round(difference, 4),
                documents_a=a.actor_documents[key],
                documents_b=b.actor_documents[key],
                a=_descriptor_list(a, key, book),
                b=_descriptor_list(b, key, book),
            )
            descriptors.append((_shrunk(difference, p, q), described))
        if a.roles.get(key) and b.roles.get(key):
            cast_a, cast_b = a.roles[key], b.roles[key]
            difference = _total_variation(cast_a, cast_b)
            cast = ActorRoles(
                actor=name,
                difference=round(difference, 4),
                a=_role_entry(a, key, book),
                b=_role_entry(b, key, book),
            )
            roles.append((_shrunk(difference, cast_a, cast_b), cast))
    return _ranked(descriptors), _ranked(roles)


def _ranked(scored: list[tuple[float, Ranked]], *, top: int = TOP_ACTORS) -> tuple[Ranked, ...]:
    ranked = sorted(scored, key=lambda s: (-s[0], s[1].actor))
    return tuple(entry for _, entry in ranked[:top])


def _descriptor_list(
    side: SideCollector, key: str, book: EvidenceBook
) -> tuple[DescriptorCount, ...]:
    return tuple(
        DescriptorCount(
            descriptor=text,
            count=count,
            examples=book.examples(side.examples["descriptor"].get((key, text))),
        )
        for text, count in side.descriptors[key].most_common(TOP_DESCRIPTORS)
    )


def _role_entry(side: SideCollector, key: str, book: EvidenceBook) -> RoleCounts:
    counts = side.roles[key]
    dominant: RoleName = counts.most_common(1)[0][0]
    return RoleCounts(
        roles={role: counts[role] for role in ROLES},
        dominant=dominant,
        examples={
            role: book.examples(side.examples["role"].get((key, role)))
            for role in ROLES
            if counts[role]
        },
    )
