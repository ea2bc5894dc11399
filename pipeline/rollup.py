"""Rolling amounts up a code hierarchy, vectorised.

Every node keeps its own amount (rows booked on exactly that code) and its total (own
plus all descendants), as fava and hledger do; comparing a declared subtotal with the
computed one is then one subtraction. Parents are segment prefixes (`5.1` ⊃ `5.1.02`).
"""

from __future__ import annotations

import pandas as pd

from pipeline import codes

ACCOUNT_DEPTHS = tuple(range(1, codes.LEAF_LEVEL + 1))
PROGRAM_DEPTHS = tuple(codes.PROGRAM_LEVELS)


def truncate(code: pd.Series, depth: int) -> pd.Series:
    """The first `depth` segments of each code (NA when a code is shallower)."""
    pattern = rf"^((?:[^.]+\.){{{depth - 1}}}[^.]+)"
    return code.str.extract(pattern, expand=False)


def rollup(lines: pd.DataFrame, code: str, values: list[str], depths: tuple[int, ...]
           ) -> pd.DataFrame:
    """Nodes indexed by code with `depth`, `own_<value>` and `total_<value>` columns
    (int64), for every code on a line and all their ancestors at `depths`."""
    own = lines.groupby(code, sort=False)[values].sum()
    keys = pd.Series(own.index, index=own.index, dtype="string")
    totals = []
    for depth in depths:
        prefix = truncate(keys, depth)
        present = prefix.notna()
        totals.append(own[present.to_numpy()].groupby(prefix[present].to_numpy()).sum())
    total = pd.concat(totals).groupby(level=0).sum() if totals else own.iloc[0:0]
    nodes = total.add_prefix("total_").join(own.add_prefix("own_"), how="outer")
    nodes = nodes.fillna(0).astype("int64")
    nodes.index.name = "code"
    nodes.insert(0, "depth", [codes.level(item) for item in nodes.index])
    order = sorted(nodes.index, key=codes.sort_key)
    return nodes.loc[order]


def children(nodes: pd.DataFrame) -> dict[str, list[str]]:
    """For each node, its nearest descendants present among the nodes, in code order."""
    present = set(nodes.index)
    result: dict[str, list[str]] = {code: [] for code in nodes.index}
    for code in nodes.index:
        ancestor = codes.nearest_ancestor(code, present)
        if ancestor is not None:
            result[ancestor].append(code)
    return result


def roots(nodes: pd.DataFrame) -> list[str]:
    """Nodes with no ancestor among the nodes."""
    present = set(nodes.index)
    return [code for code in nodes.index if codes.nearest_ancestor(code, present) is None]
