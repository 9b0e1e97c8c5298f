"""The grid layout follows the official tables: merged multi-level headers, labels, one data cell per template cell."""

from app import get_template
from ui.layout import CORNER, DATA, HEADER, LABEL, build_layout


def test_t2_headers_merge_like_the_official_table():
    g = build_layout(get_template("2021").tables["t2"])
    assert g.label_cols == 3 and g.frozen_rows == 3
    top = {g.cell_at(0, c).text: g.cell_at(0, c) for c in range(g.n_cols) if g.cell_at(0, c)}
    assert top["申请人情况"].cols == 6 and top["总计"].rows == 3
    assert g.cell_at(0, 0).kind == CORNER and g.cell_at(0, 0).rows == 3
    natural = g.cell_at(1, 3)
    assert (natural.kind, natural.text, natural.rows) == (HEADER, "自然人", 2)
    assert g.cell_at(1, 4).text == "法人或其他组织" and g.cell_at(1, 4).cols == 5
    group = g.cell_at(g.positions[("3.1", "1")][0], 0)
    assert group.kind == LABEL and group.text == "三、本年度办理结果" and group.rows == 22
    assert len(g.positions) == len(get_template("2021").tables["t2"].cell_ids())


def test_t1_blocks_of_different_widths_share_one_grid():
    g = build_layout(get_template("2019").tables["t1"])
    assert g.frozen_rows == 0                      # headers repeat per block, so none is frozen
    r, c = g.positions[("20.8.1", "1")]
    assert g.cell_at(r, c).kind == DATA and g.cell_at(r, c).cols == 3
    r, c = g.positions[("20.1.1", "1")]
    assert g.cell_at(r, c).cols == 2


def test_navigation_skips_labels_and_header_rows():
    g = build_layout(get_template("2021").tables["t1"])
    r, c = g.positions[("20.1.2", "1")]
    below = g.step(r, c, 1, 0)
    assert g.cell_at(*below).key == ("20.5.1", "1")
    assert g.step(*g.positions[("20.1.1", "3")], 0, 1) is None
    assert g.cell_at(*g.next_in_order(*g.positions[("20.1.1", "3")])).key == ("20.1.2", "1")
