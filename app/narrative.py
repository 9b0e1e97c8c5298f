"""The report's own words against its tables (R-TXT-*): anchored patterns, warnings only.

Patterns are anchored to their subject: "收到来信30件，办结30件" (seed 003) is about letters, so every
application pattern requires 申请 in the same clause before the number, and 办结/答复 require 申请 in
the sentence.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import _regex
from ._purecython import plain_python
from ._record import Frozen, set_field
from .model import Finding, Report
from .template import TABLE_SHORT

__all__ = ["narrative_findings", "Statement", "statements"]

# C types for the hot loops' locals when compiled (app/_purecython.py); nothing in plain Python.
try:
    plain_python(globals())
    import cython
except ImportError:
    pass

_WIDE = _regex.compile(r"[\uff10-\uff19]")   # full-width digits: fold them before matching numbers
_SENTENCE_ENDS = "。；;！!？?\n"
_SENTENCE = _regex.compile(f"[^{_SENTENCE_ENDS}]+")
# ("个" counts, but "20个工作日", "3个月" are time limits: "收到申请之日起20个工作日内予以答复")
_GE = r"个(?!工作日|自然日|日|月|小时|百分点)"
_NUM = r"(\d{1,7})\s*(?:件|" + _GE + r"|起|宗|条)"
_NUM_APP = r"(\d{1,7})\s*(?:件|" + _GE + r"|份|项|起|宗|条)"       # applications are also counted in 份 (not cases, outcomes)

T2_OUTCOMES = {
    "予以公开": ("3.1",),
    "部分公开": ("3.2",),
    "不予公开": ("3.3.",),
    "无法提供": ("3.4.",),
    "不予处理": ("3.5.",),
    "其他处理": ("3.6", "3.6."),        # one row in the 2019 template, three in 2021's
    "部分予以公开": ("3.2",),
}


class Statement(Frozen):
    """A number the report's text states. subject: what it is about (a short Chinese name); rows: row
    ids or prefixes ("3.3.") whose columns add up to the statement."""

    __slots__ = ("sentence", "subject", "table", "rows", "columns", "value", "new_only")

    def __init__(self, sentence: str, subject: str, table: str, rows: tuple[str, ...],
                 columns: tuple[str, ...], value: int, new_only: bool = False):
        set_field(self, "sentence", sentence)
        set_field(self, "subject", subject)
        set_field(self, "table", table)
        set_field(self, "rows", rows)
        set_field(self, "columns", columns)
        set_field(self, "value", value)
        set_field(self, "new_only", new_only)     # closed ones that may leave out last year's carried over


# (regex, subject, table, rows, columns, words): the number is the last group; `words` are literals of
# which every match holds one, tested first with `in` (a sentence rarely needs the regex run at all).
_APP = r"(?:政府信息公开|信息公开|依申请公开|公开)?申请(?!人|材料)"     # (not "申请人提交的补正材料3份")
# Words between a subject and its count, in its clause, or past a comma only to a "共…" ("…，共计30件"): not
# "上年结转申请已办结，新收申请20件".
_CLAUSE_GAP = r"(?:[^。；，,\d]{0,12}?|[^。；，,\d]{0,12}?[，,]\s*(?:共计|合计|总计|共|计)[^。；，,\d]{0,4}?)"
_AFTER_APP = r"(?:[^。；，,\d]{0,8}?|[，,]\s*(?:共计|合计|总计|共|计)[^。；，,\d]{0,4}?)"
# A count of closed applications before its verb, at its clause's start: "其中298件按时办结", "其余54件全部按时答复",
# "1646件已按规定…予以答复" (not "3件延期答复", "2件结转下年度答复", "对5件申请作出不予公开答复": a part).
_REST = ("其余", "剩余", "余下")
_REMAINDER = ("其中",) + _REST
_COUNT_AFTER = _regex.compile(r"\d{1,7}\s*件")
_ALL_ANSWERED = _regex.compile(r"已|均|全部|都")
_CARRIED_AFTER = _regex.compile(r"[，,]\s*(?:剩余|其余|余下|另有|另)?\s*\d{1,7}\s*件[^。；，,\d]{0,12}?(?:结转|转结|转入下)")
_DONE_COUNT_FIRST = _regex.compile(r"(?:^|(?<=[，,：:]))\s*(?:其中|其余|剩余|余下|另有|共有|共|有)?\s*(\d{1,7})\s*件"
                                   r"[^。；，,\d]{0,20}?(?:办结|答复|办理完毕)")
# Counts of this form that are not of closed applications ("71件结转下年答复", "2件尚未办结"): besides them, a second
# count of closed ones makes each a part ("其中18件在法定期限内答复，2件依法延期答复").
_NOT_CLOSED = _regex.compile(r"转|未|不予|部分|无法|公开|收到|受理|新收|接收|申请|复议|诉讼")
# What makes such a count a part: those, and a time or a manner ("3件延期答复", "13件通过网上平台答复").
_DONE_PART = _regex.compile(_NOT_CLOSED.pattern + r"|延期|延长|逾期|超期|通过|网上|在线|现场|当场|当面|当日|当天|提前|邮寄"
                                                  r"|信函|电话|书面|平台|形式|方式|邮件|征求|补正")
_PATTERNS = [
    (_regex.compile(r"(?:新收|收到|受理|接收|接到)[^。；，,：:\d]{0,12}?" + _APP + _AFTER_APP + _NUM_APP),
     "本年新收申请", "t2", ("1",), ("3",), ("申请",)),
    # 收 alone: "全年收政府信息公开申请464件"
    (_regex.compile(r"(?<![接回征新])收政府信息公开申请(?!人|材料)" + _AFTER_APP + _NUM_APP),
     "本年新收申请", "t2", ("1",), ("3",), ("收政府信息公开申请",)),
    # a longer subject only as who applied (its words are tested first: the long gap is slow): "受理公民、法人和
    # 其他组织向市政府…提出的政府信息公开申请5件", "收到来自公民、法人或者其他组织的政府信息公开申请30件"; not
    # "收到涉及土地征收…方面的政府信息公开申请12件" or "由上级机关转送…的", parts
    (_regex.compile(r"(?:新收|收到|受理|接收|接到)(?=[^。；，,\d]{0,32}?(?:公民|法人|组织|个人|群众|单位|方式|渠道|提交|提出))"
                    r"[^。；，,\d]{0,32}?的(?:政府信息公开|信息公开|依申请公开)申请(?!人|材料)"
                    + _AFTER_APP + _NUM_APP),
     "本年新收申请", "t2", ("1",), ("3",), ("的政府信息公开申请", "的信息公开申请", "的依申请公开申请")),
    # the count before its noun: "共收到8份政府信息公开申请", "受理了12件依申请公开申请"
    (_regex.compile(r"(?:新收|收到|受理|接收|接到)(?:了|共|共计|合计)?\s*" + _NUM_APP + r"\s*" + _APP),
     "本年新收申请", "t2", ("1",), ("3",), ("申请",)),
    (_regex.compile(r"(?:上年(?:度)?结转|结转上年(?:度)?)" + _CLAUSE_GAP + _NUM), "上年结转申请", "t2", ("2",), ("3",), ("结转",)),
    # ("已办理206件", "回复处理0件": closed, in a sentence about applications; not "办理…13件" alone, which may be received)
    (_regex.compile(r"(?:办结|答复|办理完毕)[^。；，,\d]{0,10}?" + _NUM
                    + r"|(?:回复处理|已(?:全部|经)?(?:办理|回复))(?:完毕|完成)?\s*" + _NUM), "本年办结申请", "t2",
     ("3.7",), ("3",), ("办结", "答复", "办理", "回复")),
    (_DONE_COUNT_FIRST, "本年办结申请", "t2", ("3.7",), ("3",), ("办结", "答复", "办理完毕")),
    (_regex.compile(r"结转(?:至|到)?下(?:一)?年度?" + _CLAUSE_GAP + _NUM), "结转下年度申请", "t2", ("4",), ("3",), ("结转",)),
    # the count before its noun: "另有6件申请结转到下年度继续办理"
    (_regex.compile(_NUM + r"\s*(?:" + _APP + r")?(?:(?!无|未|不|没)[^。；，,\d]){0,6}?结转(?:到|至)?下(?:一)?年度?"), "结转下年度申请", "t2", ("4",), ("3",),
     ("结转",)),
    # ("行政复议0次": 次 right after the kind, not "行政复议应诉培训2次")
    (_regex.compile(r"行政复议(?:[^。；，,\d]{0,8}?" + _NUM + r"|(?:案件)?\s*(\d{1,7})\s*次)"), "行政复议", "t3", ("1",), ("1.5",),
     ("行政复议",)),
    # the count before the kind: "本年度有37件行政复议案件，5件行政诉讼案件"
    (_regex.compile(r"(\d{1,7})\s*(?:件|起|宗)\s*行政复议"), "行政复议", "t3", ("1",), ("1.5",), ("行政复议",)),
    (_regex.compile(r"(\d{1,7})\s*(?:件|起|宗)\s*行政诉讼"), "行政诉讼", "t3", ("1",), ("2.1.5", "2.2.5"), ("行政诉讼",)),
    (_regex.compile(r"(?:行政)?诉讼[^。；，,\d]{0,8}?" + _NUM), "行政诉讼", "t3", ("1",), ("2.1.5", "2.2.5"), ("诉讼",)),
]
# The same, each pattern's words as one test: a word, or a tuple of several (str scans: a sentence meets ten of them).
_GUARDED = [(rx, subject, table, rows, cols, words[0] if len(words) == 1 else words)
            for rx, subject, table, rows, cols, words in _PATTERNS]
# Words that make a sentence's "申请" something else: letters and visits, complaints, hotline calls.
_NOT_DISCLOSURE = _regex.compile(r"来信|来访|信访(?!局|办(?!理)|委|部门)|举报|投诉|咨询|热线")     # (荣成市信访局: an office)
_NOT_DISCLOSURE_WORDS = ("来信", "来访", "信访", "举报", "投诉", "咨询", "热线")    # (one of which it needs)
# A received count that is only a part (applications passed on by another office), or not applications
# at all (a review or lawsuit application, "no applications").
_NOT_RECEIVED = _regex.compile(r"转办|转交|转来|转送|移交|复议|诉讼|未|没有")
_WITH_CARRIED = _regex.compile(r"\s*[（(]\s*(?:含|包括)\s*上年")
_REVIEW_AND_LAWSUIT = _regex.compile(r"行政复议(?:程序|案件)?\s*(?:和|与|及|、|或)\s*(?:行政)?诉讼[^。；，,\d]{0,8}?" + _NUM)
# (部分予以公开 is 部分公开, not 予以公开; "予以公开（含部分公开）", "予以公开或部分公开": the two together)
_OUTCOME_NAMES = r"部分予以公开|(?<!部分)予以公开|部分公开|不予公开|无法提供|不予处理|其他处理"
_OUTCOME = _regex.compile(r"(" + _OUTCOME_NAMES + r")"
                          r"(?:(?:及|和|与|、|或|[（(]\s*(?:含|包括))(部分公开|部分予以公开)[)）]?)?[^。；，,、\d]{0,8}?" + _NUM)
# "未收到…申请", "没有受理…申请", "无依申请公开": a verb of receiving right after the negation, so that
# "对无法提供的申请" and "无正当理由大量反复申请" are not read as "no applications".
# (not "未发生申请人投诉情况", "无依申请公开收费情况")
_NONE_APP = _regex.compile(r"(?:未|没有|无(?=(?:收到|受理|接到|接收)(?:政府信息公开|信息公开|依申请公开)?申请(?:情况|记录|[。；，,]|$)))(?:(?:收到|受理|接到|接收|接获|发生)[^。；，,\d]{0,12}?"
                           r"|(?:收到|受理|接到|接收|接获)(?=[^。；，,\d]{0,24}?(?:公民|法人|组织|个人|群众|单位|等渠道|等方式|任何|各种))"
                           r"(?:(?!申请)[^。；，,\d]){0,24}?)申请(?!人)"
                           r"|无依申请公开(?![^。；，,]{0,6}?费)"
                           # "本年度无政府信息公开申请。": none, said of the applications themselves
                           r"|无(?:政府)?信息公开申请(?=情况|记录|事项|[。；，,]|$)")
# No carried-over applications, from last year ("无上年结转申请", "上年度无结转") or into next year ("无结转下年度
# 的申请", "没有需要结转到下一年度办理的"). A bare "无结转" could be either: not read.
_NONE_CARRIED = _regex.compile(
    r"(?:无(?!论|法)|没有|未有)从?(?:上一?年度?|去年|往年)的?(?:结转|转结)(?!下|到|至)"
    r"|(?:上一?年度?|去年)(?:无|没有)(?:结转|转结)(?!下|到|至)"
    r"|(?:无(?!论|法)|没有|未有)(?:需要?|需)?(?P<next>(?:结转|转结)(?:至|到)?下一?年)")
# What a "no carry-over" is not about: "无上年结转的行政复议案件", "无上年结转的信息处理费".
_CARRIED_OTHER = _regex.compile(r"复议|诉讼|案件|费|资金|经费|预算")
_LAST_YEAR = _regex.compile(r"上一?年|去年")
_NEW_CASES = _regex.compile(r"新增|新收|新发生")       # "无新增及结转的行政复议案件": none at all
# Other business than disclosure applications, with outcomes of its own ("人大建议…予以公开…结转下年度").
_OTHER_BUSINESS = _regex.compile(r"建议|提案|议案|复议|诉讼|信访|来信|审核")
_DISCLOSURE_APP = _regex.compile(r"政府信息|信息公开|依申请")
# What a sentence after a semicolon may turn to instead ("…；网民留言230件，已回复处理230件", "…；行政处罚案件…已办结46件",
# "…；民生实事项目结转下年度实施3个").
_OTHER_SUBJECT = _regex.compile(r"留言|处罚|项目|实事|工程|资金|来电|热线|邮件|咨询|信件|政策|文件|会议|培训|信箱|工单|12345"
                                r"|政务服务|任务|意见|事项|工作")
# Messages of other channels, whose replies are no closed applications ("网上已回复留言50件").
_MESSAGES = _regex.compile(r"留言|来电|热线|邮件|信箱|工单|12345")
# How a sentence that goes on from one about applications begins: a verb of theirs or an outcome
# ("已办理206件", "结转下年度继续办理1件", "不予公开2件", "由于本机关不掌握…而无法提供29件"), not a subject of its own.
_GOES_ON = _regex.compile(r"(?:已|均|全部|共|其中|其余|剩余|另|办结|答复|结转|转结|予以公开|部分|不予|无法提供|其他处理|由于|因"
                          r"|属于|不属于|依法|按时|及时)")
# Applications of other kinds, named between a verb and its 申请 ("受理行政许可申请300件", "收到群众求助申请30件").
_OTHER_KIND = _regex.compile(r"许可|审批|求助|救助|补助|补贴|低保|登记|赔偿|听证|仲裁|入学|招聘|报名|资金|贷款|专利|注册|备案|认定"
                             r"|鉴定|延期|更正|减免|补正|征收|拆迁|户籍|落户|社保|医保|退休|营业|执照|证照|审核|核准|验收")
_FOREIGN_APP = _regex.compile(r"(?:" + _OTHER_KIND.pattern + r")[^。；，,\d申]{0,4}申请")
# Another kind of application than disclosure: "未收到行政许可申请" is not "no application".
_OTHER_APPLICATION = _regex.compile(r"许可|复议|诉讼|补正|延期|更正|减免")
# What the negation's clause names: "无法提供的答复，申请人不服申请行政复议" is no "no review".
# Bare 复议/诉讼 too ("没有出现就政府信息公开提出复议、诉讼和申诉的情况"), but not "未经复议直接起诉", 复议机关, 诉讼费.
_NONE_REVIEW = _regex.compile(r"(?:未发生|未出现|没有发生|没有|未有|无(?!法|须|需)|未)[^。；，,\d]{0,24}?(行政复议|行政诉讼)"
                              # (a bare 复议/诉讼 only after a negation of what happened: not "申请人未申请复议，
                              # 直接…提起行政诉讼", "未审结的诉讼", "未经过复议")
                              r"|(?:未发生|未出现|没有发生|没有出现|没有|未有|无(?!法|论|误|一|须|需))[^。；，,\d]{0,24}?"
                              r"((?<!经)(?<!经过)复议(?!机关|决定|后起诉|费)|诉讼(?!费))")
_ALL_OF = _regex.compile(r"均|全部|共")       # ("共发生5件行政复议案件均被维持": the whole count)
_REVIEW_ITSELF = _regex.compile(r"(?<!未经)(?<!未经行政)复议(?!后起诉)")
# The right to a review told to applicants: "对未予公开的答复均告知申请人享有依法申请行政复议…的权利" is no "none".
_RIGHTS = _regex.compile(r"权利|告知|提示|说明理由|救济|途径|享有")
# A review or lawsuit later in a "no application" phrase's clause: it is the review that did not happen
# ("未发生因政府信息公开申请行政复议", "未收到依申请公开事项相关的行政复议申请").
_REVIEW_NEXT = _regex.compile(r"(?:(?!也|并且|亦|同时(?:也)?(?:未|没有|无))[^。；，,])*?(?:复议|诉讼)")     # (not past "也未发生…")
# A part of a review's or lawsuit's count: its outcome ("行政复议结果维持1件", "行政诉讼一审判决维持1件").
_CASE_OUTCOME = _regex.compile(r"维持|纠正|纠错|撤销|败诉|胜诉|驳回|判决|审结|结果|确认违法")
_EARLIER_YEAR = _regex.compile(r"上年|去年|上一年|同比")
_EARLIER_YEAR_WORDS = ("上年", "去年", "上一年", "同比")
# A period a count may be of, named in its clause: a year, part of one ("2022年1-6月", "上半年", "一季度")
_COMPARED = _regex.compile(r"相比|相较|比较|同比|环比|增长|下降|上升|持平")
_PERIOD = _regex.compile(r"((?:19|20)\d{2})\s*年|上半年|下半年|前?[一二三四1-4]\s*季度|(\d{1,2})\s*[-－—~～至到]\s*(\d{1,2})\s*月")
_ITEM_WORDS = _regex.compile(r"(?:(?!共|计|合计|总计)[\u4e00-\u9fff])")     # (words between 申请 and a count in 项)
_WHOLE = _regex.compile(r"全年|本年|共|总|合计|累计")
# A total after a count's parts: "收到群众网上申请105件，快递17件，合计122件" (not past a 结转 or 办结 count).
_LATER_TOTAL = _regex.compile(r"(?:[，,、][^。；，,、结转办答上剩余\d]{0,12}?\d{1,7}\s*件){1,6}[，,]\s*(?:合计|共计|总计)\s*(\d{1,7})\s*件")
# One channel's count, when a sentence gives two or more: "通过政府网站收到申请20件，通过信函方式收到申请6件".
_CHANNEL_PART = _regex.compile(r"通过[^，,。；\d]{1,10}?(?:收到|受理|接收)")
_ALL_UPHELD = _regex.compile(r"均(?:获|被|予以|为)?(?:结果)?维持|结果均为维持")


_HAS_DIGIT = _regex.compile(r"\d")
# Whose count a sentence gives, when a report gives several: "政府新收…", "部门新收…", "乡镇收到…".
_PART_OF = _regex.compile(r"本级|部门|政府(?!信息)|乡镇|街道|单位|办公室|下属|直属")
# A count in Chinese numerals after a verb or a word that leads to a count: "收到一份政府信息公开申请", "申请一件，",
# "共十二件" (not "统一", "同一件事", "作为一件大事", "一件一档", "受理一件办结一件", "其中一件…", "三个到位").
_CN_COUNT = _regex.compile(r"([收到理了共计有请])(一(?=\s*(?:件|份|宗)(?:[申政依信，,。；]|$))|[二两三四五六七八九十][一二三四五六七八九十]{0,2}"
                           r"(?=\s*(?:件|份|宗)(?![一、不件])))")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _in_digits(m) -> str:
    """_CN_COUNT's match with its numeral, up to 99, in digits; anything else ("一十一十") as it was."""
    lead, text = m.group(1), m.group(2)
    head, ten, tail = text.partition("十")
    if not ten:
        return lead + (str(_CN_DIGITS[text]) if len(text) == 1 else text)
    if len(head) > 1 or len(tail) > 1 or "十" in tail or head == "两" or tail == "两":
        return lead + text
    return lead + str((_CN_DIGITS[head] if head else 1) * 10 + (_CN_DIGITS[tail] if tail else 0))
# "予以公开、部分公开、不予公开分别为20件、3件、1件": each count to its outcome, in order.
_RESPECTIVELY = _regex.compile(r"((?:" + _OUTCOME_NAMES + r")(?:\s*[、，,和及与]\s*(?:" + _OUTCOME_NAMES + r")){1,7})"
                               r"[^。；\d]{0,6}?分别(?:为|是|有)?\s*((?:\d{1,7}\s*件\s*[、，,和及与]?\s*)+)")
_NAME_IN_LIST = _regex.compile(_OUTCOME_NAMES)
_COUNT_IN_LIST = _regex.compile(r"(\d{1,7})\s*件")
# A count of applications in the same sentence: "全年收到申请20件，…未发生申请人投诉" states no "none".
_STATED_COUNT = _regex.compile(r"申请[^。；，,\d]{0,8}?[1-9]\d*\s*(?:件|份)|[1-9]\d*\s*(?:件|份)[^。；，,\d]{0,6}?申请")
_NEXT_YEAR = _regex.compile(r"下一?年")
_CARRIED_BEFORE = _regex.compile(r"结转\s*(?:申请)?\s*$")
_OUTCOME_WORDS = _regex.compile(r"纠错|纠正|败诉|撤销|确认违法|被改变")
_CLAUSE_END = _regex.compile(r"[，,；;]")
# A kind given a count after it in the same clause: "发生行政诉讼1件".
_COUNTED = {k: _regex.compile(k[2:] + r"[^，,。；;\d]{0,12}?\d{1,7}\s*(?:件|个|起|宗|次)") for k in ("行政复议", "行政诉讼")}
_SUBJECT_WORDS = ("申请", "复议", "诉讼", "结转", "公开", "无法提供", "处理")     # (what a statement can be about)
# The words of _OUTCOME's names, one of which it needs (so a sentence without any is not searched: str scans cost
# less than the pattern, whose alternatives share no first character).
_OUTCOME_NAME_WORDS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
# Only sentences with a number (statements) or a negation (R-TXT-NONE) are ever read: other lines are
# not split at all. (\d also matches full-width digits, folded below.)
_USEFUL_WORDS = "未没无均件份宗"       # (and a count in Chinese numerals: "收到一份申请")
_USEFUL = _regex.compile(r"[\d" + _USEFUL_WORDS + "]")
_MAX_SENTENCES = 5000    # a report has a few hundred; more is padding, not worth reading


# Compiled, three of the patterns above are a loop over the characters, five to ten times fewer instructions than
# the regex engine's character classes (and `\d` is Python's str.isdecimal, as the engine reads it for str);
# plain Python uses the patterns themselves. The loops name their characters as literals, which Cython turns into a
# switch: tests/test_compiled.py holds them to _USEFUL_WORDS and _SENTENCE_ENDS.
@cython.cfunc
@cython.locals(text=str, out=list, ch=cython.Py_UCS4, k=cython.Py_ssize_t, start=cython.Py_ssize_t,
               useful=cython.bint, tab=cython.bint)
def _lines_to_read(text: str) -> list[str]:
    """The lines _prose reads: six characters or more, no tab (a table's cells), and a character _USEFUL finds. In
    one pass over the text, which makes no string of the lines it skips (most of a report's)."""
    out = []
    start = 0
    k = 0
    useful = False
    tab = False
    for ch in text:
        if ch == "\n":
            if useful and not tab and k - start >= 6:
                out.append(text[start:k])
            start = k + 1
            useful = False
            tab = False
        elif ch == "\t":
            tab = True
        elif not useful:
            if ch < 0x80:
                useful = 0x30 <= ch <= 0x39
            elif ch in "未没无均件份宗":
                useful = True
            elif not 0x4E00 <= ch <= 0x9FFF:        # (no CJK ideograph is a digit: most characters skip the look-up)
                useful = ch.isdecimal()
        k += 1
    if useful and not tab and k - start >= 6:
        out.append(text[start:k])
    return out


@cython.cfunc
@cython.locals(s=str, ch=cython.Py_UCS4)
def _has_digit(s: str):
    """Whether _HAS_DIGIT finds a digit in s."""
    for ch in s:
        if ch < 0x80:
            if 0x30 <= ch <= 0x39:
                return True
        elif not 0x4E00 <= ch <= 0x9FFF and ch.isdecimal():     # (no CJK ideograph is a digit)
            return True
    return False


@cython.cfunc
@cython.locals(line=str, ch=cython.Py_UCS4, start=cython.Py_ssize_t, k=cython.Py_ssize_t, out=list)
def _pieces(line: str) -> list[str]:
    """_SENTENCE.findall(line): the runs of characters between the marks that end a sentence."""
    out = []
    start = 0
    k = 0
    for ch in line:
        if ch in "。；;！!？?\n":
            if k > start:
                out.append(line[start:k])
            start = k + 1
        k += 1
    if k > start:
        out.append(line[start:k])
    return out


@cython.ccall
def _holds_any(s: str, words: tuple[str, ...]) -> bool:
    """Whether s holds one of the words."""
    for w in words:
        if w in s:
            return True
    return False


def _lines_to_read_plain(text: str) -> list[str]:
    """_lines_to_read in plain Python: the lines split off and tested with the pattern."""
    return [line for line in text.split("\n") if len(line) >= 6 and "\t" not in line and _USEFUL.search(line)]


if not cython.compiled:
    _lines_to_read = _lines_to_read_plain
    _has_digit = _HAS_DIGIT.search
    _pieces = _SENTENCE.findall


# A sentence that states a count is a line or two; longer runs without a full stop are lists or padding, and
# the look-ups around each count would grow with the square of their length.
_MAX_SENTENCE = 600


def _phrase_start(s: str, at: int) -> int:
    """Where the phrase that ends at position `at` of sentence s begins: after the last punctuation mark
    (，；、 and brackets) or digit before it ("…0件、已答复申请28件": the phrase of 答复 is "已")."""
    k = at
    while k > 0 and s[k - 1] not in "，,；;、（）()" and not s[k - 1].isdigit():
        k -= 1
    return k


def _clause_start(s: str, at: int) -> int:
    """Where the clause holding position `at` of sentence s begins: after the last comma or semicolon."""
    m = max(s.rfind(c, 0, at) for c in "，,；;")
    return m + 1


def _after_qizhong(s: str, at: int) -> bool:
    """Whether the count at `at` is a part after a 其中: in its own clause, or a 其中 earlier in the sentence
    and no word of a whole in the count's clause ("其中，县政府办公室收到申请20件，各乡镇收到申请6件"; not
    "…，其中政策文件35条，全年收到政府信息公开申请30件")."""
    start = _clause_start(s, at)
    if "其中" in s[start:at]:
        return True
    k = s.find("其中", 0, start)
    # (an earlier 其中 about something else, "共发布信息500条，其中政策解读20条，受理…申请30件", is not it)
    return k >= 0 and (not s[:k].strip() or "申请" in s[:k]) and not _WHOLE.search(s, start, at)


def _whole_done(s: str, m) -> bool:
    """Whether _DONE_COUNT_FIRST's match m in sentence s is the closed count, not a part of it: the rest
    ("其余54件全部按时答复"), the closed ones beside the carried over ("其中10件已答复，剩余2件结转下年度"), or a
    count with no 其中 before it and none after it ("…，28件已按规定在法定期限内予以答复。"; not "15件已答复，5件
    申请人主动撤回")."""
    lead = s[m.start():m.start(1)].strip(" ，,：:")
    if lead in _REST or _CARRIED_AFTER.search(s, m.end()):
        return True
    # (alone: "已", "均", "全部" say all of them were answered; "有5件在规定期限内答复", "12件以电子邮件形式答复" are parts)
    return lead in ("", "共", "共有") and _COUNT_AFTER.search(s, m.end()) is None \
        and _ALL_ANSWERED.search(s, m.end(1), m.end()) is not None


def _outcome_trusted(s: str, at: int, trusted: int | None) -> bool:
    """Whether an outcome's count at position `at` of sentence s is about applications: at or after `trusted`
    (where the sentence's counts about applications start, None for nowhere), or with no word of letters,
    visits or 咨询 before it but in a clause naming an outcome (不予处理's own reasons: "属信访、重复申请等
    不予处理80件"). "接待群众咨询120人次，予以公开答复20件", "受理群众来信来访30件，其中不予处理5件" are not."""
    return trusted is not None and at >= trusted or at <= _first_untrusted(s)


@lru_cache(maxsize=64)
def _first_untrusted(s: str) -> int:
    """The first word of letters, visits or 咨询 in sentence s outside a clause naming an outcome (len(s) if
    none): worked out once per sentence, one clause at a time."""
    start = 0
    for end in [m.start() for m in _CLAUSE_END.finditer(s)] + [len(s)]:
        w = _NOT_DISCLOSURE.search(s, start, end)
        if w is not None and not _NAME_IN_LIST.search(s, start, end):
            return w.start()
        start = end + 1
    return len(s)


def _clause_end(s: str, at: int) -> int:
    """Where the clause holding position `at` of sentence s ends."""
    m = _CLAUSE_END.search(s, at)
    return m.start() if m else len(s)


def _prose(text: str, continued: set | None = None) -> list[str]:
    """Sentences from lines that are not table cells (no tab) and could state a number or its absence.
    `continued` gets the indexes of the sentences that go on, after a semicolon, from the sentence before them
    ("共受理政府信息公开申请212件…；已办理206件，结转下年度继续办理6件": the second still speaks of applications)."""
    out = []
    wide = False
    for d in "０１２３４５６７８９":      # (ten str scans: a fifth of one regex scan)
        if d in text:
            wide = True
            break
    for line in _lines_to_read(text):
        if wide and _WIDE.search(line):
            line = unicodedata.normalize("NFKC", line)
        if continued is not None and ("；" in line or ";" in line):
            after = False       # whether the previous piece of this line, kept, ended at a semicolon
            for m in _SENTENCE.finditer(line):
                piece = m.group().strip()
                if 4 <= len(piece) <= _MAX_SENTENCE:
                    if after:
                        continued.add(len(out))
                    out.append(piece)
                    after = line[m.end():m.end() + 1] in ("；", ";")
                else:
                    after = False
        else:
            out += [s for s in map(str.strip, _pieces(line)) if 4 <= len(s) <= _MAX_SENTENCE]
        if len(out) > _MAX_SENTENCES:
            break
    return out


def statements(report: Report) -> list[Statement]:
    """What the report's sentences state in numbers (the text alone decides: edits never change it)."""
    return list(_read(_own_text(report), report.year)[1])


def _own_text(report: Report) -> str:
    """The report's text, up to another report pasted after it."""
    return report.text if report.text_end is None else report.text[:report.text_end]


@lru_cache(maxsize=32)
def _read(text: str, year: int | None = None) -> tuple[tuple[str, ...], tuple[Statement, ...]]:
    """(sentences, statements) of a report's text, read once: the window re-checks on every edit."""
    continued: set[int] = set()
    prose = _prose(text, continued)
    return tuple(prose), tuple(_statements(prose, year, continued))


@lru_cache(maxsize=16)
def _year_words(year: int | None):
    """For a report of `year`: the years before and after it, and a function giving a sentence that names one
    of them with the carry-over in the words the patterns know: in a 2023 report "含2022年结转的3件" is 上年结转
    and "结转到2024年继续办理2件" is 结转下年度 (in a 2024 report the first is carried out, so the year alone
    says nothing). None: no year."""
    if not year:
        return None
    last = _regex.compile(rf"{year - 1}\s*年度?(?=的?\s*(?:结转|转结)(?!\s*(?:至|到)?\s*下))")
    following = _regex.compile(rf"(结转|转结)\s*(?:至|到)?\s*{year + 1}\s*年度?")
    earlier = _regex.compile(rf"(结转|转结)\s*{year - 1}\s*年度?")      # "结转2022年度申请3件" in a 2023 report

    def said(s: str) -> str:
        return earlier.sub(r"\1上年度", following.sub(r"\1到下年度", last.sub("上年", s)))
    return str(year - 1), str(year + 1), said


def _elsewhen(s: str, at: int, year: int | None, around: str) -> bool:
    """Whether the clause of sentence s before position `at` says the count there is of another period than
    the report's year: another year ("与2021年收到申请900件相比") or a part of the year ("2022年1-6月收到申请400件").
    `around`: s with the sentences it goes on from or into (after a semicolon)."""
    for m in _PERIOD.finditer(s, _clause_start(s, at), at):
        if m.group(1):
            # (another year's count beside this year's or compared with it; alone, "2022年度共发生行政复议0件" in a
            # 2023 report is more likely last year's sentence copied with its year: still read against the table)
            if year is not None and int(m.group(1)) != year and (str(year) in around or _COMPARED.search(around)):
                return True
        elif not m.group(2) or (int(m.group(2)), int(m.group(3))) != (1, 12):
            return True
    return False


def _around(prose: list[str], k: int, continued) -> str:
    """Sentence k with the sentences of its line it goes on from or into (after a semicolon)."""
    out = prose[k]
    if k in continued:
        out = prose[k - 1] + "；" + out
    if k + 1 in continued:
        out += "；" + prose[k + 1]
    return out


def _statements(prose: list[str], year: int | None = None, continued=(), about_apps: bool = False,
                this_year: int | None = None, context: str = "") -> list[Statement]:
    """What the sentences of `prose` state. `continued`: indexes of sentences that go on from the one before
    them (after a semicolon); about_apps: the first sentence goes on from one about applications; this_year,
    context: the report's year where `year` is not given and the sentences around (a sentence read again in
    other words)."""
    found: list[Statement] = []
    this_year = year if year is not None else this_year
    before, after, in_words = _year_words(year) or ("\0", "\0", None)
    apps = inherited = about_apps   # whether the sentence before was about disclosure applications; this one
    for k, said in enumerate(prose):
        if continued:
            # A sentence after a semicolon, in one about applications, is still about them unless it names
            # other business: "…申请212件，其中网站申请195件…；已办理206件，结转下年度继续办理6件".
            inherited = apps and k in continued and "申请" not in said and _GOES_ON.match(said) is not None \
                and not _NOT_DISCLOSURE.search(said) \
                and not _OTHER_BUSINESS.search(said) and not _OTHER_KIND.search(said) and not _OTHER_SUBJECT.search(said)
            if k + 1 in continued:      # (worked out only for a sentence that another goes on from)
                # (so is one with an outcome's count: "办理结果如下：予以公开35件；…；结转下年度继续办理1件")
                apps = inherited or ("申请" in said or _holds_any(said, _OUTCOME_NAME_WORDS)
                                     and _OUTCOME.search(said) is not None) \
                    and not _NOT_DISCLOSURE.search(said) and not _OTHER_BUSINESS.search(said)
        if not _has_digit(said):
            # (a count in words, then: "收到一份申请")
            if not ("件" in said or "份" in said or "宗" in said) or not _CN_COUNT.search(said):
                continue
        if not _holds_any(said, _SUBJECT_WORDS):
            continue
        s = in_words(said) if (before in said or after in said) and "转" in said else said
        s = _CN_COUNT.sub(_in_digits, s) if ("件" in s or "份" in s or "宗" in s) and _CN_COUNT.search(s) else s
        if s != said:
            # The statements quote the sentence as the report has it.
            found += [st.replace(sentence=said) for st in _statements([s], about_apps=inherited, this_year=this_year,
                                                                      context=_around(prose, k, continued))]
            continue
        # A sentence about applications of another kind only ("受理行政许可申请300件，办结300件，其中不予…1件"):
        # none of its counts is about disclosure.
        has_app = "申请" in s
        foreign = has_app and not inherited and _FOREIGN_APP.search(s) is not None and not _DISCLOSURE_APP.search(s)
        has_app = (has_app or inherited) and not foreign
        # "群众来信来访申请30件，办结30件": the sentence is about letters, visits, complaints (a word of them
        # before its first 申请); "收到申请919件，接待咨询120人次" is not.
        # `trusted`: where the counts about applications start (None: nowhere). After letters or a 咨询 in a
        # clause of its own, from the clause of the first 申请 on: "接受咨询30人次，收到申请25件" (not "收到群众
        # 来信30件，办结30件，均不属于政府信息公开申请").
        other = _NOT_DISCLOSURE.search(s) if _holds_any(s, _NOT_DISCLOSURE_WORDS) else None
        trusted = 0
        if other is not None:
            first_app = s.find("申请")
            if first_app < 0 or other.start() < first_app and not _CLAUSE_END.search(s, other.start(), first_app):
                trusted = None
            elif other.start() < first_app:
                trusted = _clause_start(s, first_app)
                if s.startswith("其中", trusted):
                    trusted = None      # "受理群众来信来访30件，其中政府信息公开申请26件，办结30件": letters
        if foreign:
            trusted = None
        combined = []
        joint = []          # "本年新收和上年结转…申请共30件": one count of the two, not two counts
        earlier = _EARLIER_YEAR.search(s) if _holds_any(s, _EARLIER_YEAR_WORDS) else None
        qizhong = "其中" in s
        has_total = "合计" in s or "共计" in s or "总计" in s
        periods = ("年" in s or "季度" in s or "月" in s) and _PERIOD.search(s) is not None
        around = (context or _around(prose, k, continued)) if periods else ""
        channels = "通过" in s and len(_CHANNEL_PART.findall(s)) >= 2
        for m in (_REVIEW_AND_LAWSUIT.finditer(s) if "复议" in s else ()):
            combined.append((m.start(), m.end()))
            n = int(m.group(1))
            if "各" in m.group(0) or "均为" in m.group(0):      # "行政复议和行政诉讼各1件": one of each
                found.append(Statement(s, "行政复议", "t3", ("1",), ("1.5",), n))
                found.append(Statement(s, "行政诉讼", "t3", ("1",), ("2.1.5", "2.2.5"), n))
            else:                       # "行政复议、行政诉讼案件5件": the two together
                found.append(Statement(s, "行政复议和行政诉讼", "t3", ("1",), ("1.5", "2.1.5", "2.2.5"), n))
        for rx, subject, table, rows, cols, guard in _GUARDED:
            if not (guard in s if guard.__class__ is str else _holds_any(s, guard)):
                continue
            for m in rx.finditer(s):
                if table == "t2":
                    if trusted is None or m.start() < trusted \
                            or subject in ("本年办结申请", "结转下年度申请", "上年结转申请") and not has_app \
                            and not (subject == "结转下年度申请" and m.group(0).endswith("件")
                                     and _holds_any(s, _OUTCOME_NAME_WORDS) and _OUTCOME.search(s)
                                     and not _OTHER_BUSINESS.search(s, 0, m.start())):
                        # (in a sentence listing the outcomes, "…其他处理22件，结转下年度继续办理13件" is about
                        # applications without naming them: 淮安市自然资源和规划局 2021, review round 33)
                        continue
                    if subject == "本年办结申请" and s[m.start():m.start() + 2] == "答复" \
                            and s[max(0, m.start() - 4):m.start()] in ("同意公开", "部分公开", "不予公开"):
                        continue            # "同意公开答复 9 件": an outcome's count (Shanghai's wording)
                    if subject == "本年办结申请" and _NEXT_YEAR.search(s, _phrase_start(s, m.start()), m.start()):
                        continue            # "转下一年度办理答复的有 1 件": carried over, not closed
                    if subject == "本年办结申请" and "结转" in m.group(0):
                        continue            # "办结上年结转申请3件": the carried-over ones' part
                    if rx is _DONE_COUNT_FIRST and (_DONE_PART.search(s, m.end(1), m.end())
                                                    or _OTHER_BUSINESS.search(s, 0, m.start())
                                                    or sum(1 for d in rx.finditer(s)
                                                           if not _NOT_CLOSED.search(s, d.end(1), d.end())) > 1
                                                    or not _whole_done(s, m)):
                        # a part ("其中15件当天答复", "其中18件在法定期限内答复，2件依法延期答复", "2件尚未办结");
                        # "被申请行政复议有3件，其中，1件被复议机关撤销答复…": not applications
                        continue
                    if subject == "本年办结申请" and (_NOT_DISCLOSURE.search(s, _clause_start(s, m.start()), m.start())
                                                  or _MESSAGES.search(s, _clause_start(s, m.start()), m.start())):
                        continue            # "对申请人的咨询回复处理35件", "网上已回复留言50件": not applications
                    if subject == "本年办结申请" and m.group(0).startswith("已") and "申请" in m.group(0):
                        continue            # "已办理政府信息公开申请30件": handled (received), not closed
                    if subject == "上年结转申请" and any(a <= m.start() < b for a, b in joint):
                        continue
                    said, these = subject, rows
                    if subject == "本年新收申请":
                        if _NOT_RECEIVED.search(s, max(0, m.start() - 2), m.end()):
                            continue
                        head = s[m.start():s.find("申请", m.start())]
                        if "公开" not in head and _OTHER_KIND.search(head):
                            continue            # "受理行政许可申请300件", "收到群众求助申请30件": other applications
                        # (each test first looks for its words anywhere before the count: most sentences have none)
                        if earlier is not None and earlier.start() < m.start() \
                                and _EARLIER_YEAR.search(s, _phrase_start(s, m.start()), m.start()):
                            continue            # "与上年收到申请12件相比": last year's count
                        text = m.group(0)
                        if text.endswith("项") and ("各类" in text or _ITEM_WORDS.search(
                                text, text.find("申请") + 2, m.start(m.lastindex) - m.start())):
                            continue            # "受理…申请，共涉及信息30项", "申请涉及事项40项": items
                        if qizhong and _after_qizhong(s, m.start()) and not text.startswith("新收"):
                            continue            # "其中，收到涉及土地征收…的申请12件": a part of the count
                        if channels and _CHANNEL_PART.search(s, _phrase_start(s, m.start()), m.end()):
                            continue            # "通过网站收到申请20件，通过信函方式收到申请6件": parts
                        if _CARRIED_BEFORE.search(s, 0, m.start(m.lastindex)):
                            continue            # "申请（含上年结转3件）共29件": the number is the carried part
                        if "结转" in text[:text.find("申请")] and "不含" not in text:
                            # "本年新收和上年结转…申请共30件": one count of the two; "新收、上年结转…申请分别为
                            # 26件、3件": the first is 新收's. Either way the 结转 match inside is not a count.
                            joint.append((m.start(), m.end()))
                            if "分别" not in text:
                                said, these = "本年新收和上年结转申请", ("1", "2")
                        elif not text.startswith("新收"):
                            said = "本年收到申请"       # 收到/受理: may count last year's carried-over ones too
                        if _WITH_CARRIED.match(s, m.end()):     # "29件（含上年结转3件）": 新收 + 结转
                            these = ("1", "2")
                    value = int(m.group(m.lastindex))
                    if subject == "本年新收申请":
                        later = _LATER_TOTAL.match(s, m.end()) if has_total else None
                        if later is not None:
                            value = int(later.group(1))     # the first count was one channel's part
                    # ("其余54件全部按时答复": the rest of this year's, perhaps)
                    new_only = rx is _DONE_COUNT_FIRST and s[m.start():m.start(1)].strip() in _REMAINDER
                    if periods and _elsewhen(s, m.start(m.lastindex), this_year, around):
                        continue            # "与2021年收到申请900件相比", "2022年1-6月收到申请400件"
                    found.append(Statement(s, said, table, these, cols, value, new_only))
                    continue
                if any(a <= m.start() < b for a, b in combined):
                    continue
                if _CASE_OUTCOME.search(m.group(0)) or m.group(0)[0].isdigit() \
                        and _CASE_OUTCOME.search(s, m.end(), _clause_end(s, m.end())) \
                        and not _ALL_OF.search(s, _clause_start(s, m.start()), _clause_end(s, m.end())):
                    continue                    # "行政复议结果维持1件", "3件行政复议案件维持原答复": a part
                said, these = subject, cols
                if subject == "行政诉讼":      # "经复议后起诉的行政诉讼0件": one kind of lawsuit
                    clause = s[_clause_start(s, m.start()):m.end()]
                    later, direct = "复议后" in clause, "直接起诉" in clause or "未经复议" in clause
                    if later and not direct:
                        said, these = "复议后起诉的行政诉讼", ("2.2.5",)
                    elif direct and not later:
                        said, these = "未经复议直接起诉的行政诉讼", ("2.1.5",)
                if periods and _elsewhen(s, m.start(m.lastindex), this_year, around):
                    continue
                found.append(Statement(s, said, table, rows, these, int(m.group(m.lastindex))))
        # The outcome names are specific to applications: no 申请 needed in the clause; but "予以公开政府信息
        # 1200条" counts information, not applications.
        for m in _RESPECTIVELY.finditer(s) if "分别" in s and not foreign else ():
            names, counts = _NAME_IN_LIST.findall(m.group(1)), _COUNT_IN_LIST.findall(m.group(2))
            if len(names) == len(counts) and _outcome_trusted(s, m.start(), trusted):
                found += [Statement(s, name, "t2", T2_OUTCOMES[name], ("3",), int(n)) for name, n in zip(names, counts)]
        for m in _OUTCOME.finditer(s) if not foreign and _holds_any(s, _OUTCOME_NAME_WORDS) else ():
            if "信息" in s[m.end(1):m.start(3)] or m.group(0).endswith("条") or "分别" in m.group(0):
                continue            # ("予以公开、部分公开、不予公开分别为10件、3件、1件": counts in a list)
            if not _outcome_trusted(s, m.start(), trusted) or periods and _elsewhen(s, m.start(3), this_year, around):
                continue
            names = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
            rows = tuple(r for n in names for r in T2_OUTCOMES[n])
            found.append(Statement(s, "、".join(names), "t2", rows, ("3",), int(m.group(3))))
    return _dedupe(found)


def _dedupe(items: list[Statement]) -> list[Statement]:
    seen = set()
    out = []
    for st in items:
        k = (st.sentence, st.table, st.rows, st.columns)
        if k in seen:
            continue
        seen.add(k)
        out.append(st)
    return out


def _cells_for(report: Report, table: str, rows, cols):
    cells = report.tables.get(table)
    if cells is None:
        return None
    keys = [k for k in cells if any(k[0] == r or (r.endswith(".") and k[0].startswith(r)) for r in rows)
            and k[1] in cols]
    return keys


_APPLICANT_COLUMNS = ("1", "2.1", "2.2", "2.3", "2.4", "2.5")


def _sum_known(report: Report, table: str, keys):
    """The sum of the cells that are numbers, None when none is: a floor of the table's count when some are
    blank, enough for "none" statements (any count above 0 contradicts them) and for counts the text says."""
    cells = report.tables[table]
    values = [cells[k].value for k in keys if cells[k].is_number]
    return sum(values) if values else None


def _sum(report: Report, table: str, keys):
    cells = report.tables[table]
    if not keys or not all(cells[k].is_number for k in keys):
        return None
    return sum(cells[k].value for k in keys)


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:58] + "……"


def narrative_findings(report: Report) -> list[Finding]:
    out: list[Finding] = []
    prose, stated = _read(_own_text(report), report.year)
    # Counts of one thing in several sentences, different ones: parts when they add up to the table's ("政府新收
    # 依申请公开数量为2件…；部门新收依申请公开数量为4件…" in a table of 6).
    by_kind: dict[tuple, dict[str, int]] = {}       # (each sentence naming whose count it is: _PART_OF)
    for st in stated:
        by_kind.setdefault((st.table, st.rows, st.columns), {})[st.sentence] = st.value
    for st in stated:
        keys = _cells_for(report, st.table, st.rows, st.columns)
        if not keys:
            continue
        total = _sum(report, st.table, keys)
        parts = by_kind[st.table, st.rows, st.columns]
        if total is not None and len(parts) > 1 and len(set(parts.values())) == len(parts) \
                and sum(parts.values()) == total and all(_PART_OF.search(p) for p in parts):
            continue            # (one count said again, "…8件。…8件" against 16, is no parts; nor a body's and last year's)
        if total is not None and total != st.value and st.subject == "本年收到申请" and st.rows == ("1",):
            # "共受理749件" counting last year's carried-over applications with this year's: 新收 + 结转
            carried = _sum(report, "t2", _cells_for(report, "t2", ("2",), st.columns) or [])
            if carried is not None and total + carried == st.value:
                continue
        if total is not None and total != st.value and st.new_only:
            # "其余24件全部按时答复", "其中10件已答复" may count this year's applications only, not last year's
            # carried over (closed this year too): (七)总计 less 上年结转
            carried = _sum(report, "t2", _cells_for(report, "t2", ("2",), st.columns) or [])
            if carried and total - carried == st.value:
                continue
        at_least = ""
        if total is None:
            # Blank cells among them (Shanghai 2019 leaves zeros blank, its 总计 column too): what the numbers
            # that are there add up to is a floor; above the text's count, the two disagree.
            known = _sum_known(report, st.table, keys)
            if st.table == "t2" and st.columns == ("3",):
                app_keys = _cells_for(report, "t2", st.rows, _APPLICANT_COLUMNS)
                by_applicant = _sum_known(report, "t2", app_keys) if app_keys else None
                if by_applicant is not None and (known is None or by_applicant > known):
                    keys, known = app_keys, by_applicant
            if known is None or known <= st.value:
                continue
            total, at_least = known, "至少"
        elif total == st.value:
            continue
        out.append(Finding(
            "warning", "narrative", st.table, tuple(keys), st.value, total,
            f"正文“{_quote(st.sentence)}”说{st.subject} {st.value} 件，表中{at_least}是 {total} 件，前后不一致。",
            "R-TXT-APP"))
    out += _none_findings(report, prose)
    return out


def _none_review_kinds(sentence: str) -> list[str]:
    """What a sentence says did not happen: the kinds named after its negation, except a kind given a count
    in a clause of its own ("未发生行政复议案件，发生行政诉讼1件" says no review, and one lawsuit)."""
    if "复议" not in sentence and "诉讼" not in sentence:
        return []           # (_NONE_REVIEW names one or the other: str scans spare most sentences the pattern)
    m = _NONE_REVIEW.search(sentence)
    if not m or _HAS_DIGIT.search(sentence, m.start(), m.end()) \
            or _RIGHTS.search(sentence, m.start(), _clause_end(sentence, m.end())):
        return []
    rest = sentence[m.start():]
    if _OUTCOME_WORDS.search(_CLAUSE_END.split(rest, 1)[0]):
        return []           # "未发生…被行政复议纠错或行政诉讼败诉": no case lost, not no case
    if "结转" in m.group(0) and not _NEW_CASES.search(m.group(0)):
        return []           # "(上年度)无(上年)结转的行政复议案件": none carried over, not none at all
    kinds = [k for k in ("行政复议", "行政诉讼") if k in rest]
    if "行政复议" not in kinds and _REVIEW_ITSELF.search(_CLAUSE_END.split(rest, 1)[0]):
        kinds.insert(0, "行政复议")     # a bare 复议 in the negation's own clause
    if "诉讼" in rest and "行政诉讼" not in kinds:
        kinds.append("行政诉讼")
    return [k for k in kinds if not _COUNTED[k].search(sentence)]


def _upheld_groups(s: str, at: int) -> tuple[str, ...]:
    """The 表四 groups an "all upheld" at position `at` of sentence s speaks of: those named before it
    ("未经复议直接起诉2件（结果均维持），复议后起诉2件（尚未审结）": 直接起诉 only; "行政复议2件，结果均为维持，
    被提起行政诉讼1件，尚未审结": 行政复议; "行政复议7件，诉讼9件，均获维持": both), else those the sentence names."""
    named: list[str] = []
    start = 0
    for end in [m.start() for m in _CLAUSE_END.finditer(s, 0, at)] + [at]:
        clause = s[start:end]
        if end == at or not _CASE_OUTCOME.search(clause):      # (a group with its own outcome stated is not it)
            named += [g for g in _groups_named(clause) if g not in named]
        start = end + 1
    return tuple(named) or _groups_named(s) or ("1", "2.1", "2.2")


def _groups_named(part: str) -> tuple[str, ...]:
    out = []
    if _REVIEW_ITSELF.search(part):
        out.append("1")
    direct, after = "直接起诉" in part, "复议后起诉" in part
    if direct:
        out.append("2.1")
    if after:
        out.append("2.2")
    if not (direct or after) and ("诉讼" in part or "起诉" in part):
        out += ["2.1", "2.2"]
    return tuple(out)


def _said_none(report: Report, s: str, table: str, keys, what: str) -> list[Finding]:
    """The warning for sentence s saying none of what the cells `keys` count, when they add up to some."""
    total = _sum_known(report, table, keys) if keys else None
    if not total:
        return []
    return [Finding("warning", "narrative", table, tuple(keys), 0, total,
                    f"正文说“{_quote(s)}”，但{TABLE_SHORT[table][:2]}{what}为 {total} 件。", "R-TXT-NONE")]


def _none_findings(report: Report, prose: list[str]) -> list[Finding]:
    out: list[Finding] = []
    for s in prose:
        if not ("未" in s or "没有" in s or "无" in s or "均" in s):       # (a negation: four str scans beat one regex's)
            continue
        none_app = _NONE_APP.search(s) if "申请" in s else None        # (every way it has to match says 申请)
        if none_app and not _OTHER_APPLICATION.search(none_app.group(0)) \
                and not _REVIEW_NEXT.match(s, none_app.end()):
            # "未收到新的…申请": the carried-over ones may be there
            new_only = "新" in none_app.group(0)
            if not new_only:
                # "办结申请29件，未发生超期答复申请的情况": a count said, not "no application"; a count of the
                # carried-over ones ("…，办结上年结转申请3件") leaves 新收 to compare
                counts = [c for c in _STATED_COUNT.finditer(s)
                          if "结转" not in s[_clause_start(s, c.start()):_clause_end(s, c.end())]]
                if counts:
                    continue
                new_only = "结转" in s and _STATED_COUNT.search(s) is not None
            keys = [k for k in ((("1", "3"),) if new_only else (("1", "3"), ("2", "3")))
                    if k in report.tables.get("t2", {})]
            out += _said_none(report, s, "t2", keys, "本年新收" if new_only else "本年新收与上年结转合计")
        for m in (_NONE_CARRIED.finditer(s) if "结" in s else ()):
            carried = s[m.end():_clause_end(s, m.end())].split("申请", 1)[0]
            if _CARRIED_OTHER.search(carried) or s[max(0, m.start() - 2):m.start()] in ("并非", "不是"):
                continue        # "无上年结转的行政复议案件", "并非无上年结转": not the applications' carry-over
            before = s[_clause_start(s, m.start()):m.start()]
            if m.group("next") and (_LAST_YEAR.search(before) or report.year and str(report.year - 1) in before):
                continue        # "上年度无结转下年度的申请": last year's carry-out, this year's 上年结转 (not read)
            row, what = ("4", "结转下年度继续办理") if m.group("next") else ("2", "上年结转")
            keys = [(row, "3")] if (row, "3") in report.tables.get("t2", {}) else []
            out += _said_none(report, s, "t2", keys, what)
        for kind in (_none_review_kinds(s) if "t3" in report.tables else ()):
            cols = ("1.5",) if kind == "行政复议" else ("2.1.5", "2.2.5")
            out += _said_none(report, s, "t3", [("1", c) for c in cols], kind + "总计")
        upheld = _ALL_UPHELD.search(s) if "维持" in s else None
        if upheld and "t3" in report.tables and ("复议" in s or "诉讼" in s):
            keys = [("1", f"{g}.{i}") for g in _upheld_groups(s, upheld.start()) for i in (2, 3, 4)]
            total = _sum_known(report, "t3", keys)      # a blank among them: the others still say enough
            if total:
                out.append(Finding("warning", "narrative", "t3", tuple(keys), 0, total,
                                   f"正文说“{_quote(s)}”，但表四的结果纠正、其他结果、尚未审结合计为 {total} 件，"
                                   f"并非全部维持。", "R-TXT-WEIHCI"))
    return out
