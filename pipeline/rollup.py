"""Rolling amounts up a code hierarchy, vectorised.

Every node keeps its own amount (rows booked on exactly that code) and its total (own
plus all descendants), as fava and hledger do; comparing a declared subtotal with the
computed one is then one subtraction. Parents are segment prefixes (`5.1` ⊃ `5.1.02`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline import codes

ACCOUNT_DEPTHS = tuple(range(1, codes.LEAF_LEVEL + 1))
PROGRAM_DEPTHS = tuple(codes.PROGRAM_LEVELS)


def rollup(lines: pd.DataFrame, code: str, values: list[str], depths: tuple[int, ...]
           ) -> pd.DataFrame:
    """Nodes indexed by code with `depth`, `own_<value>` and `total_<value>` columns
    (int64), for every code on a line and all their ancestors at `depths`."""
    own = lines.groupby(code, sort=False)[values].sum()
    own_codes = own.index.tolist()
    node_of = {item: position for position, item in enumerate(own_codes)}
    # (node, own code) pairs: each code adds into its prefixes at `depths`, itself included.
    wanted = set(depths)
    into, source = [], []
    for position, item in enumerate(own_codes):
        for depth, prefix in enumerate((*codes.parents(item), item), start=1):
            if depth in wanted:
                into.append(node_of.setdefault(prefix, len(node_of)))
                source.append(position)
    amounts = own.to_numpy(dtype="int64")
    totals = np.zeros((len(node_of), len(values)), dtype="int64")
    np.add.at(totals, np.asarray(into, dtype="intp"), amounts[np.asarray(source, dtype="intp")])
    owns = np.zeros_like(totals)
    owns[:len(own_codes)] = amounts
    names = list(node_of)
    order = sorted(range(len(names)), key=lambda position: codes.sort_key(names[position]))
    nodes = pd.DataFrame(np.hstack([totals, owns])[order],
                         columns=[f"{prefix}_{value}" for prefix in ("total", "own")
                                  for value in values],
                         index=pd.Index([names[position] for position in order], name="code"))
    nodes.insert(0, "depth", [codes.level(item) for item in nodes.index])
    return nodes


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
