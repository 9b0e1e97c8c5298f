"""The report's own words against its tables (issue 6 part 3)."""

import pytest

from app import check, load_report, load_text

SHANGHAI = ("答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请顺延到下年度答复）。"
            "予以公开及部分公开258件，占33.9%；不予公开35件；因本机关不掌握等原因无法提供265件；"
            "不予处理158件；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持。")


def _narrative(report):
    return [f for f in check(report).findings if f.kind == "narrative"]


def test_no_narrative_finding_on_any_seed(seeds):
    for name, path in seeds.items():
        assert _narrative(load_report(path)) == [], name


def test_letters_are_not_applications(seeds):
    # seed 003 says 共收到来信30件，办结30件 about letters; a naive pattern flags it
    text = seeds["003"].read_text(encoding="utf-8")
    assert "收到来信30件" in text
    assert _narrative(load_text(text)) == []


def test_shanghai_style_contradictions_are_warnings_naming_cells(seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("（一）健全完善组织机构和工作机制", SHANGHAI)
    found = _narrative(load_text(text))
    assert all(f.severity == "warning" for f in found)
    by_cells = {f.cells: (f.expected, f.actual) for f in found}
    assert by_cells[(("2", "3"),)] == (18, 0)
    assert by_cells[(("3.7", "3"),)] == (805, 0)
    assert by_cells[(("3.1", "3"), ("3.2", "3"))] == (258, 0)
    assert by_cells[(("1", "1.5"),)] == (7, 0)
    assert any("不予公开" in f.message and f.expected == 35 for f in found)
    assert all("正文" in f.message for f in found)


def test_statement_that_matches_the_table_is_silent(seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("（一）健全完善组织机构和工作机制",
                                                          "本年度共收到政府信息公开申请0件，其他处理0件。")
    assert _narrative(load_text(text)) == []


def test_all_upheld_contradicts_pending_cases(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("0\t0\t0\t0\t0\t0"))
    lines[i] = "1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"      # 复议: 维持1, 尚未审结1, 总计2
    lines.insert(3, "本年度因政府信息公开被申请行政复议2件，均获维持。")
    found = _narrative(load_text("\n".join(lines)))
    assert [f.rule for f in found] == ["R-TXT-WEIHCI"]
    assert found[0].actual == 1


NARR = {("t2", "1", "1"): 26, ("t2", "1", "3"): 26, ("t2", "2", "1"): 3, ("t2", "2", "3"): 3,
        ("t2", "3.1", "1"): 29, ("t2", "3.1", "3"): 29, ("t2", "3.7", "1"): 29, ("t2", "3.7", "3"): 29,
        ("t3", "1", "1.1"): 4, ("t3", "1", "1.5"): 4, ("t3", "1", "2.1.1"): 1, ("t3", "1", "2.1.5"): 1}


def _said(sentence: str):
    from tests.synth import scratch_report
    report = load_text(scratch_report(NARR).replace("本镇依法做好政府信息公开工作。", sentence))
    return [(f.rule, f.expected, f.actual) for f in _narrative(report)]


def test_review_findings_sentences_that_agree_with_the_tables_give_no_narrative_warning():
    # Review (2026-11-23): each gave one or two false warnings.
    for sentence in ("本年度发生政府信息公开行政复议、行政诉讼案件5件，均已依法处理。",       # the two together
                     "全年通过政府网站依法予以公开政府信息1200条，其中政策文件35条。",          # information items
                     "本年度共收到政府信息公开申请29件（含上年结转3件），已全部办结。",          # 新收 + 结转
                     "全年共收到群众来信来访申请30件，办结30件。",                              # letters and visits
                     "共受理信访举报投诉类申请1件，按规定转信访渠道处理。",
                     "收到上级转办的信息公开申请3件。"):                                        # a part of 新收
        assert _said(sentence) == [], sentence
    # "no review, one lawsuit": only the review is said to be none (the table has 4)
    assert _said("本年度未发生政府信息公开行政复议案件，发生行政诉讼1件，目前已审结。") == [("R-TXT-NONE", 0, 4)]


def test_review_findings_sentences_that_disagree_still_warn():
    assert _said("本年度共收到政府信息公开申请30件（含上年结转3件）。") == [("R-TXT-APP", 30, 29)]
    assert _said("本年度发生政府信息公开行政复议、行政诉讼案件6件。") == [("R-TXT-APP", 6, 5)]
    assert _said("本年度未收到行政复议申请，行政诉讼1件。") == [("R-TXT-NONE", 0, 4)]
    assert _said("本年度没有发生行政复议和行政诉讼案件。") == [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)]


def test_second_review_round_sentences():
    assert _said("本年度行政复议和行政诉讼案件各1件。") == [("R-TXT-APP", 1, 4)]          # each, not together
    assert _said("本年度未发生因政府信息公开工作引起的行政复议,行政诉讼案件。") == [("R-TXT-NONE", 0, 4),
                                                                              ("R-TXT-NONE", 0, 1)]
    assert _said("本年度共收到政府信息公开申请30件，接待群众咨询120人次。") == [("R-TXT-APP", 30, 26)]
    assert _said("本年度共收到政府信息公开申请，共计30件。") == [("R-TXT-APP", 30, 26)]


def test_blank_cells_do_not_hide_a_contradiction_the_numbers_there_already_show():
    # Shanghai 2019 leaves its zeros (and the 总计 of the detail rows) blank: "予以公开及部分公开258件" against
    # 272 + 3 known, and "均获维持" against 3 pending, are contradictions all the same.
    from tests.synth import scratch_report
    values = dict(NARR)
    values.update({("t2", "3.1", "3"): "", ("t2", "3.1", "2.1"): "", ("t3", "1", "1.3"): "", ("t3", "1", "1.2"): 1})
    text = scratch_report(values).replace("本镇依法做好政府信息公开工作。", "本年予以公开20件。行政复议均获维持。")
    found = [(f.rule, f.expected, f.actual) for f in _narrative(load_text(text))]
    assert ("R-TXT-APP", 20, 29) in found and "至少" in next(
        f.message for f in _narrative(load_text(text)) if f.rule == "R-TXT-APP")
    assert ("R-TXT-WEIHCI", 0, 1) in found
    # below the text's count, the blanks may hold the rest: no warning
    assert not [f for f in _narrative(load_text(text.replace("予以公开20件", "予以公开40件"))) if f.rule == "R-TXT-APP"]


def test_third_review_round_sentences_from_real_reports():
    # 上海市政府办公厅 2025: no case corrected or lost, not no case.
    assert _said("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。") == []
    # 上海市科委 2024: "同意公开答复 9 件" is 予以公开, not 办结.
    assert _said("所有办结的信息公开申请中同意公开答复29件，部分公开答复0件。") == []
    # 沭阳县 2025: "共受理 749 件" = 新收 + 上年结转.
    assert _said("本年度共受理政府信息公开申请29件。") == []
    assert _said("本年度共受理政府信息公开申请31件。") == [("R-TXT-APP", 31, 26)]


def test_fourth_review_round_sentences():
    # "no case" and, in a clause of its own, "none corrected or lost": still says no case
    assert _said("本年度未发生因政府信息公开引起的行政复议、行政诉讼案件，也没有被纠错或败诉的情况。") == [
        ("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)]
    # 新收 said outright is 新收, even when the number equals 新收 + 结转
    assert _said("本年新收政府信息公开申请29件。") == [("R-TXT-APP", 29, 26)]
    # "处理答复" and "依申请公开答复" are 办结 counts
    assert _said("本年度共依法处理答复政府信息公开申请30件。") == [("R-TXT-APP", 30, 29)]


def test_a_received_count_with_its_new_and_carried_parts_agrees():
    # "共受理N件，其中本年新收X件，上年结转Y件" (N = X + Y) is not a contradiction; the received count is
    # named as such in a warning when it is one.
    assert _said("全年共受理政府信息公开申请29件，其中本年新收26件，上年结转3件。") == []
    found = _narrative(load_text(__import__("tests.synth", fromlist=["x"]).scratch_report(NARR).replace(
        "本镇依法做好政府信息公开工作。", "全年共受理政府信息公开申请40件。")))
    assert [f.rule for f in found] == ["R-TXT-APP"] and "收到申请 40 件" in found[0].message


def test_each_statement_pattern_holds_one_of_its_guard_words():
    """_statements runs a pattern only on sentences holding one of its words: every match must hold one."""
    from app.narrative import _PATTERNS

    samples = ["本年新收政府信息公开申请12件", "收到申请30件", "受理依申请公开申请5件，共计8件", "上年度结转申请2件",
               "办结29件", "答复申请人10件", "办理完毕3件", "结转至下一年度继续办理1件", "结转下年度4件",
               "行政复议案件2件", "行政诉讼1起", "诉讼3件", "共收到8份政府信息公开申请"]
    hits = 0
    for rx, _, _, _, _, words in _PATTERNS:
        for s in samples:
            for m in rx.finditer(s):
                hits += 1
                assert any(w in m.group(0) for w in words), (rx.pattern, s)
    assert hits >= len(samples)


def test_new_and_carried_applications_counted_together():
    """"本年新收和上年结转的申请共N件" is one count of 新收 + 结转, not a count of each (two false warnings)."""
    assert _said("本年新收和上年结转政府信息公开申请共29件，办结29件。") == []
    assert _said("受理本年新收及上年结转的政府信息公开申请共计29件。") == []
    found = _narrative(load_text(__import__("tests.synth", fromlist=["x"]).scratch_report(NARR).replace(
        "本镇依法做好政府信息公开工作。", "本年新收和上年结转政府信息公开申请共31件。")))
    assert [f.rule for f in found] == ["R-TXT-APP"]
    assert found[0].expected == 31 and found[0].actual == 29 and "新收和上年结转申请 31 件" in found[0].message


def test_a_count_answered_next_year_is_not_the_closed_count():
    """Review round 11 (上海市科委 2024): "转下一年度办理答复的有 1 件" was read as 办结 1 件 against 35."""
    assert _said("本年办结的政府信息公开申请中同意公开答复29件，转下一年度办理答复的有1件。") == []
    assert _said("本年度答复政府信息公开申请30件。") == [("R-TXT-APP", 30, 29)]
    # a next-year phrase hides only its own 答复, not the one after "、" (review of the session's diff)
    assert _said("结转下年度继续办理的申请0件、已答复政府信息公开申请28件。") == [("R-TXT-APP", 28, 29)]
    assert _said("结转下年度继续办理的申请0件、已答复政府信息公开申请29件。") == []


def test_joint_and_separate_counts_of_new_and_carried_applications():
    """Review of the session's diff: "结转" after 申请, 不含, 分别, a carried part inside the count's brackets."""
    assert _said("本年新收政府信息公开申请（不含结转件）26件。") == []
    assert _said("受理政府信息公开申请（含上年结转3件）共29件。") == []
    assert _said("本年新收、上年结转政府信息公开申请分别为26件、3件。") == []
    assert _said("本年新收政府信息公开申请（不含结转件）25件。") == [("R-TXT-APP", 25, 26)]


def test_fourteenth_review_round_sentences():
    # 汉阳区政府办 2022, 荔湾公安分局 2023: applications counted in 份, and the count before its noun
    assert _said("本年度共收到政府信息公开申请30份，均已按时答复。") == [("R-TXT-APP", 30, 26)]
    assert _said("本年度共收到30份政府信息公开申请，均为自然人申请。") == [("R-TXT-APP", 30, 26)]
    assert _said("本年度受理了30件依申请公开申请。") == [("R-TXT-APP", 30, 26)]
    assert _said("本年度共收到26份政府信息公开申请。") == []
    assert _said("本年度共收到26份群众来信。") == []


def test_fen_counts_only_applications_and_not_an_applicants_papers():
    """Review of round 14's change: "份" was accepted by every pattern (documents, court papers, letters),
    and "申请人提交的补正材料3份" was read as 3 applications."""
    for sentence in ("本年度共收到申请人提交的补正材料3份。", "本年度接收了3件申请人补正材料。", "予以公开文件12份。",
                     "收到法院行政诉讼应诉通知书2份。", "收到行政复议决定书2份。"):
        assert _said(sentence) == [], sentence


def test_all_upheld_written_with_wei_and_jieguo():
    """天津市河东区 2023: "均为结果维持" against a review still pending was not read as "all upheld"."""
    from tests.synth import scratch_report
    values = {**NARR, ("t3", "1", "1.4"): 1, ("t3", "1", "1.5"): 5}
    for sentence in ("本年度行政复议5件，均为结果维持。", "本年度行政复议5件，结果均为维持。", "本年度行政复议5件，均为维持。"):
        report = load_text(scratch_report(values).replace("本镇依法做好政府信息公开工作。", sentence))
        assert [(f.rule, f.actual) for f in _narrative(report) if f.rule == "R-TXT-WEIHCI"] == [("R-TXT-WEIHCI", 1)]
    # not about cases: "均为维持网站运行所需" says nothing of reviews
    report = load_text(scratch_report(values).replace("本镇依法做好政府信息公开工作。", "网站运维支出均为维持政府网站正常运行所需。"))
    assert [f for f in _narrative(report) if f.rule == "R-TXT-WEIHCI"] == []


def test_round_22_sentences_that_agree_with_the_tables_give_no_warning():
    """Review round 22: a time limit, a part of a count, a list of counts, last year's count and other
    wordings were read as contradictions."""
    for sentence in ("我局对收到的政府信息公开申请，均在收到申请之日起20个工作日内予以答复。",   # a time limit
                     "办结的政府信息公开申请平均答复时间为6个工作日。",
                     "本年予以公开29件，部分予以公开0件。",                   # (安阳县住建局 2025) 部分予以公开 is 部分公开
                     "上年结转申请已办结，新收申请26件。",                     # 结转's clause has no count
                     "行政复议结果维持3件，结果纠正1件。",                     # an outcome's part of the reviews
                     "行政诉讼一审判决维持0件。",
                     "予以公开、部分公开、不予公开分别为29件、0件、0件。",
                     "予以公开（含部分公开）29件。", "予以公开或部分公开29件。",
                     "其中，通过网上收到申请20件。",                           # one channel's part
                     "其中，收到涉及土地征收、房屋拆迁补偿安置等方面的申请12件。",
                     "与上年收到申请12件相比，本年收到申请26件。",
                     "全年收到政府信息公开申请26件，未发生申请人投诉情况。",    # no complaint, not no application
                     "本年度无依申请公开收费情况。",                           # no fee
                     "对本机关无法提供的答复，申请人不服申请行政复议，复议维持。"):
        assert _said(sentence) == [], sentence


def test_round_22_sentences_that_disagree_now_warn():
    # 其他处理 is three rows in the 2021 template (上海市住建委 2025, 淮安 2021)
    assert _said("其他处理3件。") == [("R-TXT-APP", 3, 0)]
    # 信访 is one of 不予处理's own reasons (上海市住建委 2025)
    assert _said("属于信访投诉举报、重复申请等情形不予处理5件。") == [("R-TXT-APP", 5, 0)]
    # a 咨询 clause before the applications' own
    assert _said("全年共接受政府信息公开咨询30人次，收到政府信息公开申请30件。") == [("R-TXT-APP", 30, 26)]
    # "no application" and "no review" in one sentence (柳湖镇 2019): both are read
    assert _said("全年未接收到依申请公开请求，也没有因政府信息公开申请行政复议、诉讼。") == [
        ("R-TXT-NONE", 0, 29), ("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)]
    # a long subject between 受理 and 申请 (迎宾路街道 2021)
    assert _said("受理公民、法人和其他组织向本镇提出的政府信息公开申请30件。") == [("R-TXT-APP", 30, 26)]
    # the count before 结转 (东城区住建委 2025)
    assert _said("另有6件申请结转到下年度继续办理。") == [("R-TXT-APP", 6, 0)]
    # every channel is the whole count
    assert _said("本年度通过信函、网络等渠道收到政府信息公开申请30件。") == [("R-TXT-APP", 30, 26)]


def test_round_23_review_of_the_round_22_changes():
    """Review of this session's diff: letters before a later 申请, subtopics, "no review" read as "no
    application", every channel, counts listed with 分别."""
    for sentence in ("我镇共收到群众来信30件，办结30件，均不属于政府信息公开申请。",
                     "全年共受理群众来信来访45件，办结45件，依申请公开0件。",
                     "本年度共受理群众来信来访30件，其中不予处理5件。",
                     "接待群众咨询120人次，予以公开答复20件。",
                     "收到要求更正与其自身相关的政府信息记录的申请2件。",
                     "全年共受理行政许可、行政确认等政务服务事项办理申请12560件。",
                     "全年未收到依申请公开事项相关的行政复议申请和行政诉讼。",
                     "本年度未收到申请人对我单位信息公开申请处理结果不服而提起的行政复议。",
                     "予以公开、部分公开、不予公开分别为29件、0件、0件。"):
        found = [f for f in _said(sentence) if f[0] != "R-TXT-NONE" or "复议" not in sentence]
        assert found == [], sentence
    assert _said("本年度，我局通过多种方式受理政府信息公开申请30件。") == [("R-TXT-APP", 30, 26)]
    assert _said("全年通过依申请公开系统受理申请30件。") == [("R-TXT-APP", 30, 26)]
    assert _said("予以公开、部分公开、不予公开分别为20件、0件、0件。") == [("R-TXT-APP", 20, 29)]
    # "no new application": against 新收 alone, not 新收 + 结转
    assert _said("未收到新的政府信息公开申请，上年结转申请3件已全部办结。") == [("R-TXT-NONE", 0, 26)]
    # 上海市政府办公厅 2025's list: 信访 is one of 不予处理's reasons, not the sentence's subject
    assert _said("其中，予以公开及部分公开29件，不予公开0件，属信访、重复申请等不予处理1件，其他处理0件。") == [
        ("R-TXT-APP", 1, 0)]


def test_a_sentence_too_long_to_state_a_count_is_not_read():
    """Review round 30: the look-ups around each count grew with the square of a sentence's length; a
    250 KB line of "信访予以公开5件，…" took over a minute. Sentences past 600 characters are not read."""
    from app.narrative import _MAX_SENTENCE, _prose

    long_line = "信访予以公开5件，" * 10000 + "收到申请5件"
    assert _prose(long_line) == []
    assert _prose("本年度共收到政府信息公开申请30件。") == ["本年度共收到政府信息公开申请30件"]
    assert _MAX_SENTENCE >= 300          # a real sentence with a list of outcomes runs to ~200 characters


# Sentences from review rounds 25-29 (diff reviews, and real sentences from report pages: rounds 26 and 28)
# and what the prose check must say of each inside the consistent report of _said.
REVIEWED_SENTENCES = {
    # --- Review round 42: a count of another year or of part of the year is not this year's
    "与2021年收到申请20件相比，2022年收到申请26件。": [],
    "2022年1-6月收到申请10件，全年收到申请26件。": [],
    "2021年共收到申请20件；2022年共收到申请26件。": [],
    "上半年予以公开10件，全年予以公开29件。": [],
    "前三季度共收到申请20件。": [],
    "2022年1月至12月共收到申请30件。": [("R-TXT-APP", 30, 26)],      # the whole year, still read
    "2022年共收到申请30件。": [("R-TXT-APP", 30, 26)],
    "2021年收到申请30件，同比增长15%。": [],            # compared: the earlier year's
    # --- Review of the session's prose changes (round 25) and 85 real sentences from report pages (round 26).
    # a 其中 about something else earlier in the sentence does not make the count a part
    "全年主动公开政府信息356条，其中政策文件35条，全年收到政府信息公开申请30件。": [("R-TXT-APP", 30, 26)],
    # a 咨询 aside after 申请, or in a clause of its own before it, leaves the outcomes about applications
    "收到政府信息公开申请26件（其中1件为咨询类），予以公开30件。": [("R-TXT-APP", 30, 29)],
    "接待群众咨询120人次，收到政府信息公开申请26件，其中予以公开30件。": [("R-TXT-APP", 30, 29)],
    # a long modifier of a disclosure application
    "本年度共收到来自公民、法人或者其他组织的政府信息公开申请30件。": [("R-TXT-APP", 30, 26)],
    # "no application" and, as a second predicate, "no review"
    "本年度我镇未收到政府信息公开申请也未发生因政府信息公开引起的行政复议和行政诉讼案件。": [
        ("R-TXT-NONE", 0, 29), ("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    # not "no application": no overdue reply, with the count stated
    "本年度办结政府信息公开申请29件，未发生超期答复申请的情况。": [],
    # two channels' parts
    "本年度通过政府网站收到政府信息公开申请20件，通过信函方式收到申请6件。": [],
    # letters, with the applications a part of them: their 办结 is the letters'
    "全年受理群众来信来访30件，其中政府信息公开申请26件，办结30件。": [],
    # round 26: the unit 次, 结转上年度, a longer "no review" and "no application", another kind of application
    "受理政府信息公开申请，共涉及信息30项。": [],                  # (项 of information items, round 27)
    "行政复议5次。": [("R-TXT-APP", 5, 4)],
    "结转上年度政府信息公开申请5件。": [("R-TXT-APP", 5, 3)],
    "没有发生因政府信息公开工作引发举报、投诉、行政复议或行政诉讼等事件。": [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    "未收到任何单位和个人提出的政府信息公开申请。": [("R-TXT-NONE", 0, 29)],
    "2023年，我办全年未收到行政许可申请。": [],
    # --- Review of the round 25-26 changes (round 27) and 56 real sentences about reviews, lawsuits and carried applications (round 28).
    # parts after a 其中, the second one too; parts by topic or passed on from another office
    "其中，县政府办公室收到申请20件，各乡镇收到申请6件。": [],
    "收到涉及土地征收、房屋拆迁补偿安置等方面的政府信息公开申请12件。": [],
    "收到由上级机关转送、其他行政机关移交的政府信息公开申请5件。": [],
    # telling of the right to a review is no "no review"
    "对未予公开的答复均告知申请人享有依法申请行政复议或者提起行政诉讼的权利。": [],
    # a count of applications stated, a 结转 beside it: no "no application"
    "本年度受理政府信息公开申请26件，结转上年度3件，未发生因依申请公开答复被纠错的情况。": [],
    "未发生政府信息公开工作方面的泄密事件和依申请公开超期答复的情况。": [],
    # 次 of something else
    "全年开展行政复议应诉培训2次。": [],
    # a heading's colon; an office named 信访局 (荣成市); a later total after channel parts (秦都区 2024)
    "申请接收与结转：全年新收政府信息公开申请26件（均为自然人申请），上年结转3件，总计29件。": [],
    "荣成市信访局共受理政府信息公开申请30件。": [("R-TXT-APP", 30, 26)],
    "全年依申请公开共收到群众网上申请20件，快递6件，合计26件，上年结转3件，已回复29件。": [],
    "全年依申请公开共收到群众网上申请20件，快递6件，合计30件。": [("R-TXT-APP", 30, 26)],
    # the count before the kind; 结转 to a named year
    "本年度有5件行政复议案件，1件行政诉讼案件。": [("R-TXT-APP", 5, 4)],
    # (结转 to or from a named year: in or out depends on the report's year, round 29; the year after this
    # 2022 report's is 结转下年度)
    "结转到2023年继续办理2件政府信息公开申请。": [("R-TXT-APP", 2, 0)],
    "本年办结申请27件，其余2件申请按规定结转至下一年度继续办理。": [("R-TXT-APP", 27, 29), ("R-TXT-APP", 2, 0)],
    # "all upheld" of one group (兴化市大垛镇 2025): the other group's pending case is not against it
    "未经复议直接起诉1件（结果均维持），行政复议4件（均维持）。": [],
    # --- test_round_29_review_of_the_round_27_28_changes
    "结转2021年度申请3件。": [],                                         # carried in, not out
    "本年度共办结政府信息公开申请29件无结转下年度申请。": [],
    "本年度有3件行政复议案件维持原答复，1件行政复议案件尚未审结。": [],     # parts
    "本年新收政府信息公开申请26件，上年度剩余3件，合计29件。": [],
    "本年度收到群众信访办理件30件，办结30件，均不属于政府信息公开申请。": [],
    "收到政府信息公开申请30项。": [("R-TXT-APP", 30, 26)],               # (安康市市场监管局)
    "未收到通过网站、信函等渠道提交的政府信息公开申请。": [("R-TXT-NONE", 0, 29)],
    "共发布各类信息500条，其中政策解读20条，受理政府信息公开申请30件。": [("R-TXT-APP", 30, 26)],
    "本年度未发生行政复议和行政诉讼，充分保障了公民的知情权利。": [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    "共收到通过政府网站、信函、当面提交等方式的政府信息公开申请30件。": [("R-TXT-APP", 30, 26)],
    "全年未收到新的政府信息公开申请，办结上年结转申请3件。": [("R-TXT-NONE", 0, 26)],
    "全年未收到政府信息公开申请，办结上年结转申请3件。": [("R-TXT-NONE", 0, 26)],
    # review round 42: "无" before the applications themselves, not before a verb of receiving
    "本年度无政府信息公开申请。": [("R-TXT-NONE", 0, 29)],
    "本年度无信息公开申请，也无行政复议。": [("R-TXT-NONE", 0, 29), ("R-TXT-NONE", 0, 4)],
    "全年无政府信息公开申请人。": [],
    "无政府信息公开申请费用。": [],
    "未收到政府信息公开申请同时未发生行政复议和行政诉讼。": [
        ("R-TXT-NONE", 0, 29), ("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    # "all upheld": the groups named before it
    "行政复议4件，结果均为维持，被提起行政诉讼1件，尚未审结。": [],
    # --- Review of the round 29-30 changes (round 31).
    "本年度行政复议4件，其中维持3件、纠正1件，直接起诉行政诉讼1件，结果均维持。": [],   # 复议 had its own outcomes
    "本年度未经行政复议直接起诉1件，结果均维持。": [("R-TXT-APP", 1, 4)],
    "本年度受理政府信息公开申请涉及内容40项。": [],
    "本年度共收到政府信息公开申请事项40项。": [],
    "本年度未收到以信函方式提交的政府信息公开申请。": [],                          # one channel
    "本年度未发生申请人通过多种渠道重复提交申请的情况。": [],
    "对未予公开的申请均说明理由并提示可依法申请行政复议或行政诉讼，切实保障申请人合法权利。": [],
    "本年度共发生5件行政复议案件均被维持。": [("R-TXT-APP", 5, 4)],               # the whole count
    "本年度办结29件，另有5件申请依法结转到下年度办理。": [("R-TXT-APP", 5, 0)],
    "行政复议7件，诉讼9件，均获维持。": [("R-TXT-APP", 7, 4), ("R-TXT-APP", 9, 1)],
    # --- Ninth session: "no carried-over application" (shencun, round 28: "无上年结转申请" against 上年结转 1)
    "本年度无上年结转申请，新收申请26件。": [("R-TXT-NONE", 0, 3)],
    "上年度无结转申请。": [("R-TXT-NONE", 0, 3)],
    "没有上一年度结转的申请。": [("R-TXT-NONE", 0, 3)],
    "全部办结，无结转。": [],                                  # to next year or from last: not said
    "无论上年结转多少，均按期办结。": [],
    "本年度共收到申请29件（含上年结转3件），已全部办结，无结转下年度。": [],      # 结转下年度 is 0
    # 结转下年度 in a sentence of outcomes that does not say 申请 (淮安市自然资源和规划局 2021, round 33)
    "其中，予以公开29件，结转下年度继续办理2件。": [("R-TXT-APP", 2, 0)],
    "收到群众来信30件，办结28件，结转下年度继续办理2件。": [],                   # letters
    "全年办理人大建议5件，结转下年度继续办理2件。": [],
    # (review round 34) last year's carry-out is this year's 上年结转; other things carried; a denial
    "上年度无结转下年度的申请。": [],
    "2021年度无结转下年度的申请。": [],
    "本年度无上年结转的行政复议案件。": [],
    "本年度无结转下年度的行政复议案件。": [],
    "并非无上年结转申请。": [],
    "无上年结转的信息处理费。": [],
    # (review round 35) these are about applications after all; "新增及结转" is none at all
    "本年度无上年结转的政府信息公开申请案件。": [("R-TXT-NONE", 0, 3)],
    "本年度无上年结转申请且未收取信息处理费。": [("R-TXT-NONE", 0, 3)],
    "本年度无新增及结转的行政复议、行政诉讼案件。": [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    "本机关上年度无结转的行政复议、行政诉讼案件。": [],
    # (review round 36)
    "本年度未发生上年结转的行政复议、行政诉讼案件。": [],
    "其中，予以公开29件，结转下年度2件。": [("R-TXT-APP", 2, 0)],
    "其中，予以公开29件，结转下年度继续办理2件，行政复议0件。": [("R-TXT-APP", 2, 0), ("R-TXT-APP", 0, 4)],
    "本年度行政复议案件5件，其中维持3件，结转下年度继续办理1件。": [("R-TXT-APP", 5, 4)],
    "全年未发生行政复议和行政诉讼，无上年结转案件。": [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    "审核拟公开信息300条，予以公开280条，结转下年度继续审核5条。": [],            # not applications
    # the carry-over named by its year, in a 2022 report (round 28: "含2022年结转的3件", "结转到2025年继续办理2件")
    "本年度共收到申请29件（含2021年结转的4件）。": [("R-TXT-APP", 4, 3)],
    "本年度共收到申请29件（含2021年度结转的3件）。": [],
    "2022年结转申请5件。": [],                                # this year's: carried out, or a slip
    "本年办结申请29件，另有2件申请结转到2023年继续办理。": [("R-TXT-APP", 2, 0)],
    "本年办结申请29件，另有2件申请结转到2024年继续办理。": [],       # not the next year: not read
    # (round 33: "其中结转2024年度7件" in a 2023 report; "结转2021年度申请" in a 2022 one is carried in)
    # (the rest, 24, is this year's answered: 26 of them in the table, 29 with last year's; both disagree)
    "本年共收到申请26件，其中结转2023年度2件，其余24件全部按时答复。": [("R-TXT-APP", 24, 29), ("R-TXT-APP", 2, 0)],
    # Session 10 (rounds 26, 28 and 33's misses). The count before 答复/办结, at its clause's start:
    "本年共收到申请26件，其余26件全部按时答复。": [],       # this year's 26 (29 with last year's 3): agrees
    "本年共收到申请26件，其余25件全部按时答复。": [("R-TXT-APP", 25, 29)],
    "全年共收到申请26件，上年结转3件，29件已按规定在法定期限内予以答复。": [],
    "全年共收到申请26件，上年结转3件，28件已按规定在法定期限内予以答复。": [("R-TXT-APP", 28, 29)],
    "全年共收到申请26件，其中3件延期答复。": [],               # a part: not the closed count
    "全年共收到申请26件，2件结转下年度答复。": [("R-TXT-APP", 2, 0)],
    "被申请行政复议有4件，其中，1件被复议机关撤销答复。": [],     # reviews, not applications
    # 已办理 / 回复处理 for 办结
    "本年度受理政府信息公开申请26件，回复处理28件。": [("R-TXT-APP", 28, 29)],
    "全年共受理政府信息公开申请26件，已办理25件。": [("R-TXT-APP", 25, 29)],
    "全年共受理政府信息公开申请26件，已办理29件。": [],
    "全年办理群众留言638条，已回复600条。": [],               # no application in it
    # after a semicolon, a sentence about applications goes on without the word
    "全年共受理政府信息公开申请26件，其中网站申请20件、信函申请6件；已办理28件，结转下年度继续办理1件。":
        [("R-TXT-APP", 28, 29), ("R-TXT-APP", 1, 0)],
    "全年共受理政府信息公开申请26件；接待群众来访30人次，办结28件。": [],      # visits, not applications
    "办理结果如下：予以公开29件；不属于政府信息1件；结转下年度继续办理1件。": [("R-TXT-APP", 1, 0)],
    "全年共受理政府信息公开申请26件。办结28件。": [],          # a full stop ends what the sentence speaks of
    # Chinese numerals
    "本年度收到二十六份政府信息公开申请。": [],
    "本年度收到一份政府信息公开申请。": [("R-TXT-APP", 1, 26)],
    "本年度收到两件政府信息公开申请，均已办结。": [("R-TXT-APP", 2, 26)],
    "坚持把依申请公开作为一件大事来抓。": [],
    # a bare 复议/诉讼 denied
    "没有出现就政府信息公开提出复议、诉讼和申诉的情况。": [("R-TXT-NONE", 0, 4), ("R-TXT-NONE", 0, 1)],
    "本年度未收取诉讼费用。": [],
    "本年度未发生行政诉讼，对答复不服的可依法申请复议。": [("R-TXT-NONE", 0, 1)],      # no review denied
    "本年度无未经复议直接起诉的案件。": [],       # no review denied (未经复议 names a kind of lawsuit)
    "全年收政府信息公开申请25件。": [("R-TXT-APP", 25, 26)],
    # (round 38) parts and other senses of the new readings: none of these is the closed count …
    "全年共收到申请26件，其中18件在法定期限内答复，11件依法延期答复。": [],
    "全年共收到申请26件，2件尚未办结，结转至下一年度办理。": [],
    "全年共收到申请26件，其中13件通过网上平台答复，16件现场答复。": [],
    "全年共收到政府信息公开申请26件，已办理政府信息公开申请26件，办结29件。": [],    # 已办理 = handled
    # … nor does a sentence after a semicolon that turns to something else speak of applications
    "全年共收到政府信息公开申请26件，均已办结；网民留言230件，已回复处理230件。": [],
    "全年共收到政府信息公开申请26件；依法处理行政处罚案件46件，已办结46件。": [],
    "全年共收到政府信息公开申请26件；民生实事项目结转下年度实施3个。": [],
    # … nor idioms in Chinese numerals
    "对收到的政府信息公开申请均做到一件一档。": [],
    "坚持受理一件、办结一件、归档一件。": [],
    "其中一个部门的申请结转下年度办理。": [],
    # … nor a negation that does not deny the cases
    "1名申请人未申请复议，直接向人民法院提起行政诉讼。": [],
    "上年未审结的诉讼案件已于本年审结。": [],
    "对无受理权限的政府信息公开申请，均告知申请人。": [],
    # two kinds of lawsuit named together: both columns
    "未经复议直接起诉和复议后起诉的行政诉讼案件共1件。": [],
    # (a sentence after one that names a kind of lawsuit is read with the report's year as before)
    "未经复议直接起诉的行政诉讼案件1件。本年共收到申请26件，结转2023年度2件。": [("R-TXT-APP", 2, 0)],
    # (round 39) a count before 答复 is a part unless it is the rest, beside the carried over, or alone
    "收到政府信息公开申请26件，其中15件当天答复。": [],
    "收到政府信息公开申请26件，其中3件经征求第三方意见后答复。": [],
    "本年度共收到政府信息公开申请26件，其中18件在法定期限内答复，其余经延期后答复。": [],
    "收到政府信息公开申请26件，其中18件由本机关直接答复，8件转交相关部门答复。": [],
    "收到政府信息公开申请26件，15件已答复，11件申请人主动撤回。": [],
    "收到政府信息公开申请26件，其中20件已按时答复，剩余6件结转下年度办理。": [("R-TXT-APP", 20, 29), ("R-TXT-APP", 6, 0)],
    # … 已办理 / 已回复 / 回复处理 right before their count only, and not of 咨询 or 留言
    "全年受理政府信息公开申请26件，政务服务中心已办理各类事项12000件。": [],
    "收到政府信息公开申请26件，均已办结，网上已回复留言50件。": [],
    "受理政府信息公开申请26件，对申请人的咨询回复处理35件。": [],
    # … a sentence after a semicolon goes on only with a verb or an outcome of applications
    "全年受理政府信息公开申请26件，均已办结；处理市长信箱32件，已办结32件。": [],
    "收到政府信息公开申请26件，均已办结；处理12345工单356件，已办结356件。": [],
    "共受理政府信息公开申请26件，均已答复；结转下年度的信息公开工作任务3件。": [],
    # … no "no applications" from 无受理职责 or a window, no "none" from 无论 / 无一件 / 无误, no 一件不漏
    "对本机关无受理职责的政府信息公开申请，告知申请人向有关机关申请。": [],
    "本机关无受理政府信息公开申请的专门窗口，申请人可通过网上提交。": [],
    "申请人对答复不服的，无论申请复议还是提起诉讼，本机关均积极应对。": [],
    "本年度无一件被复议改变。": [],
    "答复做到准确无误避免引发复议诉讼。": [],
    "对收到的政府信息公开申请做到一件不漏、件件回复。": [],
    "收到的政府信息公开申请一件件登记，一件件答复。": [],
    # (round 40) a count alone is the closed count only when 已/均/全部 say all were answered
    "收到政府信息公开申请26件，有5件在规定期限内答复。": [],
    "收到政府信息公开申请26件，12件以电子邮件形式答复。": [],
    "收到政府信息公开申请26件，答复工作做到三个到位。": [],
    "收到政府信息公开申请后坚持受理一件办结一件。": [],
    "共受理政府信息公开申请26件，均已答复；结转下年度继续推进的重点工作3件。": [],
    "申请人无须经过复议即可提起诉讼。": [],
    # (round 41) 工作/事项 before a count of its own clause do not turn it away; manners make parts even with 已/均
    "本年度依申请公开工作共办结申请28件。": [("R-TXT-APP", 28, 29)],
    "收到政府信息公开申请26件，依申请公开事项办结28件。": [("R-TXT-APP", 28, 29)],
    "收到政府信息公开申请26件，12件已以电子邮件形式答复。": [],
    "收到政府信息公开申请26件，3件均经征求第三方意见后答复。": [],
    "申请人无须经过行政复议即可提起行政诉讼。": [],
    # … parts only when each sentence names whose count it is
    # (a sentence alone naming 2021 in a 2022 report may be last year's words copied: read, review round 42)
    "本年度共收到政府信息公开申请20件。2021年收到政府信息公开申请6件。": [("R-TXT-APP", 20, 26), ("R-TXT-APP", 6, 26)],
    # a count said twice is no parts: both disagree with the table
    "全年共收到政府信息公开申请13件。本年度新收政府信息公开申请13件。": [("R-TXT-APP", 13, 26), ("R-TXT-APP", 13, 26)],
    # applications of another kind: 行政许可, 求助 (not disclosure, unless the sentence names it too)
    "全年受理行政许可申请300件，办结300件。": [],
    "共收到申请26件，办结28件，无延期答复情况。": [("R-TXT-APP", 28, 29)],     # 延期 names no application here
    "全年共收到群众求助申请30件。": [],
    "全年受理行政许可申请300件，均已办结，其中不予公开1件。": [],
    "全年受理政府信息公开申请26件；受理行政许可事项300件，办结300件。": [],
    "收到政府信息公开申请25件，涉及行政许可、征收等事项，办结28件。": [("R-TXT-APP", 25, 26), ("R-TXT-APP", 28, 29)],
    # (round 37) the count after "、" is the next item's: "…而不予公开、2件属于行政查询事项不予公开"
    "全年共收到申请26件，其中29件予以公开、2件属于行政查询事项不予公开。": [],
    "本年度收到政府信息公开申请一件，已办理完毕。": [("R-TXT-APP", 1, 26)],
    "进入行政复议程序和行政诉讼程序均为0件。": [("R-TXT-APP", 0, 4), ("R-TXT-APP", 0, 1)],
    "本年度无受理政府信息公开申请情况。": [("R-TXT-NONE", 0, 29)],
    "本年度我镇未接获公民或法人的依申请公开诉求。": [("R-TXT-NONE", 0, 29)],
    # one kind of lawsuit (the table's is 未经复议直接起诉)
    "因依申请公开工作引起的经复议后起诉的行政诉讼0件。": [],
    "未经复议直接起诉的行政诉讼0件。": [("R-TXT-APP", 0, 1)],
    # parts that add up to the table's count, in two sentences: the body itself and its departments
    "本级新收依申请公开申请20件；部门新收依申请公开申请6件。": [],
    "本级新收依申请公开申请20件；部门新收依申请公开申请5件。": [("R-TXT-APP", 20, 26), ("R-TXT-APP", 5, 26)],
    "本年共收到申请26件，结转2021年度申请4件。": [("R-TXT-APP", 4, 3)],
}


def test_no_application_carried_into_next_year():
    from tests.synth import scratch_report
    values = {**NARR, ("t2", "4", "1"): 2, ("t2", "4", "3"): 2}
    for sentence, said in (("已全部办结，无结转下年度的申请。", [("R-TXT-NONE", 0, 2)]),
                           ("没有需要结转到下一年度办理的申请。", [("R-TXT-NONE", 0, 2)]),
                           ("结转下年度继续办理2件。", []),
                           ("本年办结申请29件，另有2件申请结转到2023年继续办理。", []),
                           ("本年办结申请29件，另有3件申请结转到2023年继续办理。", [("R-TXT-APP", 3, 2)]),
                           ("上年度无结转下年度的申请。", []),                   # last year's: this year's 上年结转
                           ("2022年度无结转下年度的申请。", [("R-TXT-NONE", 0, 2)]),         # this (2022) year's
                           ("截至2022年底无结转下年度的申请。", [("R-TXT-NONE", 0, 2)]),
                           ("2021年度无结转下年度的申请。", []),
                           ("无结转下年度的依申请公开案件。", [("R-TXT-NONE", 0, 2)]),
                           ("本年度无结转下年度的行政复议案件。", [])):
        report = load_text(scratch_report(values).replace("本镇依法做好政府信息公开工作。", sentence))
        assert [(f.rule, f.expected, f.actual) for f in _narrative(report)] == said, sentence


@pytest.mark.parametrize("sentence", list(REVIEWED_SENTENCES))
def test_reviewed_sentences(sentence):
    assert _said(sentence) == REVIEWED_SENTENCES[sentence]
