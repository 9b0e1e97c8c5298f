"""Reports of one body for consecutive years, checked together (issue 6 part 4)."""

import json
import subprocess
import sys

from app import load_text
from app.crossyear import body_key, cross_report_findings

from .conftest import ROOT
from .text_edit import with_row as _with_row


def test_body_key_ignores_year_and_boilerplate(seeds):
    a = load_text(seeds["002"].read_text(encoding="utf-8"))
    assert body_key(a) == "新密市岳村镇"
    assert body_key(load_text(seeds["001"].read_text(encoding="utf-8"))) == "哈图布呼镇"


def test_carry_over_must_match_last_years_carry_forward(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    last = _with_row(text.replace("2023", "2022"), "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])
    this = text
    reports = [load_text(last, "2022.txt"), load_text(this, "2023.txt")]
    found = cross_report_findings(reports)
    assert 0 not in found
    cells = sorted(f.cells[0] for f in found[1] if f.rule == "R-XYEAR-CARRY")
    assert cells == [("2", "1"), ("2", "2.5"), ("2", "3")]
    assert all(f.severity == "warning" and f.kind == "cross-year" for f in found[1])
    assert all("2022 年报告（2022.txt）" in f.message for f in found[1])        # which file it is compared with
    # consistent carry-over: nothing to say
    this_ok = _with_row(this, "二、上年结转政府信息公开申请数量", [2, 0, 0, 0, 0, 1, 3])
    found = cross_report_findings([load_text(last, "a"), load_text(this_ok, "b")])
    assert [f for f in found.get(1, []) if f.rule == "R-XYEAR-CARRY"] == []


def test_stock_of_normative_documents_across_years(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    last = _with_row(text.replace("2023", "2022"), "行政规范性文件", [1, 0, 5])
    this = _with_row(text, "行政规范性文件", [2, 1, 9])          # 5 + 2 - 1 = 6, not 9
    found = cross_report_findings([load_text(last, "a"), load_text(this, "b")])
    stock = [f for f in found[1] if f.rule == "R-ACT-XYEAR-STOCK"]
    assert len(stock) == 1 and stock[0].expected == 6 and stock[0].actual == 9


def test_check_command_applies_cross_year_to_a_folder(tmp_path, seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    (tmp_path / "2022.txt").write_text(_with_row(text.replace("2023", "2022"), "四、结转下年度继续办理",
                                                 [1, 0, 0, 0, 0, 0, 1]), encoding="utf-8")
    (tmp_path / "2023.txt").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "app", "check", "--json", str(tmp_path)], cwd=ROOT,
                         capture_output=True, timeout=60)
    doc = json.loads(out.stdout)
    rep = next(r for r in doc["reports"] if r["path"].endswith("2023.txt"))
    assert [f["kind"] for f in rep["findings"]].count("cross-year") == 2


def test_repealing_more_than_existed_is_said_once_without_a_negative_stock(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    last = _with_row(text.replace("2023", "2022"), "行政规范性文件", [1, 0, 18])
    this = _with_row(text, "行政规范性文件", [0, 49, 0])
    found = cross_report_findings([load_text(last, "a"), load_text(this, "b")])
    assert sorted(f.rule for f in found[1]) == ["R-ACT-REPEAL-LE"]


def _township_and_county(county_title: str):
    from tests.synth import scratch_report
    town = scratch_report({("t2", "1", "1"): 3, ("t2", "1", "3"): 3, ("t2", "3.1", "1"): 3, ("t2", "3.1", "3"): 3,
                           ("t2", "3.7", "1"): 3, ("t2", "3.7", "3"): 3}).replace("测试镇人民政府", "测试县白营镇人民政府")
    county = scratch_report({}).replace("测试镇人民政府", county_title)
    return [load_text(county, "county.txt"), load_text(town, "town.txt")]


def test_a_county_governments_own_report_is_not_taken_for_a_summary_of_its_townships():
    found = cross_report_findings(_township_and_county("测试县人民政府"))
    assert [f.rule for f in found.get(0, [])] == []


def test_a_region_wide_report_is_compared_with_its_townships():
    found = cross_report_findings(_township_and_county("测试县全县"))
    assert sorted({f.rule for f in found.get(0, [])}) == ["R-SUM-CHILDREN"]


def test_titles_that_name_no_body_are_not_paired(seeds):
    """Review round 33: "2022年政府信息公开工作年度报告" from one body and "2023年…" from another both had the
    key "", and "关于YYYY年度政府信息公开工作的年度报告" titles all had "关于的": their carry-overs were compared."""
    text = seeds["002"].read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    last = _with_row(text.replace("2023", "2022"), "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])
    for new_title in ("{}年政府信息公开工作年度报告", "关于{}年度政府信息公开工作的年度报告"):
        a = load_text(last.replace(title.replace("2023", "2022"), new_title.format(2022), 1), "a.txt")
        b = load_text(text.replace(title, new_title.format(2023), 1), "b.txt")
        assert (a.year, b.year, body_key(a), body_key(b)) == (2022, 2023, "", ""), new_title
        assert cross_report_findings([a, b]) == {}
    for extra in ("图解", "解读", "的说明"):                     # the same body whatever the suffix
        t = load_text(text.replace(title, "某镇2023年政府信息公开工作年度报告" + extra, 1), "c.txt")
        assert body_key(t) == "某镇", extra
    named = "某市教育局关于{}年度政府信息公开工作的年度报告"
    a = load_text(last.replace(title.replace("2023", "2022"), named.format(2022), 1), "a.txt")
    b = load_text(text.replace(title, named.format(2023), 1), "b.txt")
    assert body_key(a) == body_key(b) == "某市教育局" and cross_report_findings([a, b])


def test_every_copy_of_a_year_is_paired_and_a_copy_of_last_year_counts_once(seeds):
    """Round 50: pairing kept one report per body and year, so of a report and its copy (a reviewer's folder holds
    both) only the one found last was checked against last year; two copies of last year gave each finding twice."""
    text = seeds["002"].read_text(encoding="utf-8")
    last = _with_row(text.replace("2023", "2022"), "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])
    reports = [load_text(text, "2023.txt"), load_text(last, "2022.txt"), load_text(last, "2022_副本.txt"),
               load_text(text, "2023_副本.txt")]
    found = cross_report_findings(reports)
    carry = {i: sorted(f.cells[0] for f in found.get(i, []) if f.rule == "R-XYEAR-CARRY") for i in range(4)}
    assert carry[0] == carry[3] == [("2", "1"), ("2", "2.5"), ("2", "3")]
    assert carry[1] == carry[2] == []


def test_a_region_wide_report_and_the_county_governments_own_are_paired_each_with_its_own_kind(seeds):
    """Round 50: "汤阴县全县…" and "汤阴县人民政府…" both have the body 汤阴县: a 2022 summary was compared with the
    county government's own 2021 report (false carry-over warnings), and the government's own 2022 report was not."""
    text = seeds["002"].read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    own21 = _with_row(text.replace("2023", "2021").replace(title.replace("2023", "2021"), "某县人民政府2021年政府信息公开工作年度报告", 1),
                      "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])
    own22 = _with_row(text.replace(title, "某县人民政府2022年政府信息公开工作年度报告", 1).replace("2023", "2022"),
                      "二、上年结转政府信息公开申请数量", [5, 0, 0, 0, 0, 1, 6])
    wide22 = text.replace(title, "某县全县2022年政府信息公开工作年度报告", 1).replace("2023", "2022")
    reports = [load_text(own21, "own21.txt"), load_text(own22, "own22.txt"), load_text(wide22, "wide22.txt")]
    assert len({body_key(r) for r in reports}) == 1
    found = cross_report_findings(reports)
    assert [f for f in found.get(2, []) if f.rule == "R-XYEAR-CARRY"] == []
    assert sorted(f.cells[0] for f in found.get(1, []) if f.rule == "R-XYEAR-CARRY") == [("2", "1"), ("2", "3")]


def test_a_copy_of_a_township_is_not_summed_twice_into_the_county_total():
    """Round 50: a township's report and its copy were both added into the 全县 report's expected totals."""
    reports = _township_and_county("测试县全县")
    same = cross_report_findings(reports)
    twice = cross_report_findings(reports + [load_text(reports[1].text, "town_副本.txt")])
    assert [f.message for f in twice.get(0, [])] == [f.message for f in same.get(0, [])]


def test_copies_are_told_by_their_tables_not_their_white_space_or_title_wording(seeds):
    """Round 51: copies were told apart by their whole text, so a copy with its trailing white space trimmed or
    one more newline, or titled 某镇政府 beside 某镇人民政府, counted as a second version: last year's findings came
    twice, and the 全县 sum was left unchecked (two versions of a township)."""
    text = seeds["002"].read_text(encoding="utf-8")
    last = _with_row(text.replace("2023", "2022"), "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3])
    trimmed = "\n".join(ln.rstrip() for ln in last.split("\n")) + "\n\n"
    reports = [load_text(last, "2022.txt"), load_text(trimmed, "2022_副本.txt"), load_text(text, "2023.txt")]
    found = cross_report_findings(reports)
    carry = [f.cells[0] for f in found.get(2, []) if f.rule == "R-XYEAR-CARRY"]
    assert sorted(carry) == [("2", "1"), ("2", "2.5"), ("2", "3")]
    county = _township_and_county("测试县全县")
    town = county[1]
    other = load_text(town.text.replace("测试县白营镇人民政府", "测试县白营镇政府") + "\n", "town2.txt")
    assert body_key(other) == body_key(town)
    assert [f.message for f in cross_report_findings(county + [other]).get(0, [])] == \
        [f.message for f in cross_report_findings(county).get(0, [])] != []


def test_body_key_runs_each_pattern_only_where_it_can_match():
    """body_key looks at a title's characters before running each of its patterns (a bracket, a part's name at the
    end, 全/汇总, a repeated last character): on any title the key is the one all the patterns give run in turn."""
    import random
    from app import crossyear as C

    class Titled:
        def __init__(self, title):
            self.title = title

    def every_pattern(title):
        s = C._YEAR.sub("", "".join(title.split()))
        for w in C._NOISE:
            s = s.replace(w, "")
        s = C._REPEATED_END.sub(r"\1", C._REGION_WIDE.sub("", C._PART_NAME.sub("", C._BRACKETED.sub("", s))))
        s = s.strip("的")
        return s if len(s) >= 2 else ""

    rng = random.Random(3)
    alphabet = list("镇政府人民2023年度报告（）()全县区市旗汇总图解读的说明文正\n 镇镇")
    for _ in range(30000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 20)))
        assert body_key(Titled(title)) == every_pattern(title), title
