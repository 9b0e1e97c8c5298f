"""Small edits of report text used by several test modules."""


def with_row(text: str, label: str, values: list[int]) -> str:
    """The row starting with `label` given new numbers (tab-separated seeds)."""
    out = []
    for line in text.split("\n"):
        if line.lstrip("\t").startswith(label):
            cells = line.split("\t")
            k = max(i for i, c in enumerate(cells) if label in c)
            line = "\t".join(cells[:k + 1] + [str(v) for v in values] + [""])
        out.append(line)
    return "\n".join(out)
