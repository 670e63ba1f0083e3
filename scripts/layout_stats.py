"""Layout numbers of the source tree: modules per package, module lines, and the import edges
that run against the data flow (a lower layer importing a higher one, or the store importing
the code that computes what it stores).

Usage: python scripts/layout_stats.py [REPO_ROOT]   (default: this checkout)
"""

import ast
import collections
import pathlib
import statistics
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".") / "src" / "slant"
LAYERS = [  # data flow order: a module may import its own layer or earlier ones
    {"errors", "document", "spans", "words", "dates", "artefacts", "filters"},
    {"analysis"},
    {"ingest", "nlp", "encoder", "techniques", "pipeline", "analyzers"},
    {"migrations", "store", "export"},
    {"annotate", "stories"},
    {"compare"},
    {"report"},
    {"evaluation", "train", "demo"},
    {"web", "cli", "__init__", "__main__"},
]


def layer(top: str) -> int | None:
    for i, members in enumerate(LAYERS):
        if top in members:
            return i
    return None


mods = list(root.rglob("*.py"))
lines = [len(p.read_text().splitlines()) for p in mods]
per_pkg = collections.Counter(str(p.parent.relative_to(root)) for p in mods)
print("modules", len(mods), "median lines", statistics.median(lines), "max", max(lines))
for package, count in sorted(per_pkg.items()):
    print(f"  {package}: {count}")
against = []
for p in mods:
    rel = p.relative_to(root)
    top = rel.parts[0].removesuffix(".py")
    pkg_parts = ["slant", *rel.parts[:-1]]
    tree = ast.parse(p.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = pkg_parts[: len(pkg_parts) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("slant"):
            target = node.module
        else:
            continue
        parts = target.split(".")
        if len(parts) < 2:
            continue
        ttop = parts[1]
        if ttop == top:
            continue
        a, b = layer(top), layer(ttop)
        # the store keeps Analysis values: it must not depend on how they are computed
        store_back = top in ("store", "migrations") and ttop in ("pipeline", "analyzers")
        if a is not None and b is not None and (b > a or store_back):
            against.append(f"{rel} -> slant.{'.'.join(parts[1:])}")
print("import edges against the data flow:", len(against))
for edge in sorted(set(against)):
    print("  ", edge)
