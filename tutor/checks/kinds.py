"""The one table of check kinds: name -> parameters, function, where to look.

Rows live next to their functions (each family module's `KINDS`), so a new kind is one row
beside its function, its messages and its test. This module only puts the families together,
refusing a name given twice. The lesson schema, lint, the engine and the doc test read
`CHECK_KINDS`; nothing discovers modules at run time.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.checks import containers, images, networks, registries
from tutor.checks.base import CheckKind

_FAMILIES: tuple[Mapping[str, CheckKind], ...] = (containers.KINDS, images.KINDS, networks.KINDS, registries.KINDS)


def _assemble() -> dict[str, CheckKind]:
    table: dict[str, CheckKind] = {}
    for family in _FAMILIES:
        for name, kind in family.items():
            if name in table:
                raise ValueError(f"check kind {name!r} is defined twice")
            table[name] = kind
    return table


CHECK_KINDS: Mapping[str, CheckKind] = _assemble()
