"""What the launch makes cheaper must still happen: rows wrap to the panel, cells keep their colours."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.table_model import BRUSHES, PALETTE

from .seed_edit import seed


def test_findings_rows_wrap_to_the_viewport_width(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    tree = view.findings.tree
    QApplication.processEvents()
    # the width the delegate wraps to is the viewport's, tracked without asking for the viewport
    assert tree.viewport_width() == tree.viewport().width()
    item = view.findings.items()[0]
    wide = tree.visualItemRect(item).height()
    view.split.setSizes([1100, 260])                 # a narrower panel: the same text needs more lines
    QApplication.processEvents()
    tree.executeDelayedItemsLayout()
    assert tree.viewport_width() == tree.viewport().width()
    assert tree.visualItemRect(item).height() > wide


def test_cell_brushes_are_solid_and_shared(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    t2 = ctl.current_view().models["t2"]
    zero, warned = t2.index_of(("1", "1")), t2.index_of(("3.1", "1"))
    brush = t2.data(zero, Qt.ItemDataRole.BackgroundRole)
    assert brush is BRUSHES["plain"]
    assert brush.style() == Qt.BrushStyle.SolidPattern and brush.color() == PALETTE["plain"]
    assert t2.data(warned, Qt.ItemDataRole.BackgroundRole).color() == PALETTE["warning"]
