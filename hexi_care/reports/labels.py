"""Every word the printed documents and register exports show, kept in one place.

The documents are Chinese paper forms, so `ZH` is the default. An English variant is another
`Labels(...)` instance passed to the renderers; no renderer holds a literal word of its own.
Layout words (titles, column heads, footers) live here; the words for enum values and built-in
categories come from hexi_care.vocabulary, so the paper says what the screen says. The list of child
categories is data (category_def), so renderers prefer the names the builder passes and fall back to
`category` below for the built-in codes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from hexi_care import vocabulary


def _ro(mapping: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(mapping)


@dataclass(frozen=True, slots=True, kw_only=True)
class Labels:
    """Words of the documents. Field names say where a word is used."""

    #: The documents' language ("zh" or "en"), for wording that is data (built-in notices).
    lang: str = "zh"

    def __reduce__(self) -> tuple[object, tuple[dict[str, object]]]:
        # Sent with a document's data to the process that renders it (reports/apart.py): the
        # read-only word lists travel as plain dicts and are read-only again on arrival.
        values: dict[str, object] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            values[f.name] = dict(v) if isinstance(v, MappingProxyType) else v
        return (_arrived, (values,))

    # --- every page -------------------------------------------------------------------------
    confidentiality: str = "内部资料 注意保密"
    sensitive_mark: str = "含未成年人敏感个人信息，严禁外传、拍照、公开"
    page_of: str = "第 {page} 页 共 {pages} 页"
    generated: str = "{who} 生成于 {when}"
    record_no: str = "编号 {code}"
    app_name: str = "河西区儿童关爱服务"

    # --- document titles ---------------------------------------------------------------------
    title_checklist: str = "入户走访记录表"
    title_checklist_blank: str = "入户走访记录表（未登记儿童）"
    title_summary: str = "走访情况小结"
    title_casefile: str = "一人一档 · 儿童个人档案"
    title_statistics: str = "工作统计"
    title_notice: str = "监护责任告知书"

    # --- generic -----------------------------------------------------------------------------
    yes: str = "是"
    no: str = "否"
    none: str = "无"
    unknown: str = "—"
    not_applicable: str = "不适用"
    box: str = "☐"
    box_ticked: str = "☑"
    signature: str = "签名"
    date: str = "日期"
    date_blank: str = "　　　　年　　月　　日"
    years_old: str = "{age}岁"
    #: Long dates in prose and signature lines: {y} {m} {d}, {month} (a word from month_names).
    date_long: str = "{y}年{m}月{d}日"
    month_names: tuple[str, ...] = ()
    time_blank: str = "　　时　　分"
    #: Notice themes are numbered in Chinese numerals (一、) unless False (1.).
    chinese_numerals: bool = True
    register_sheet: str = "台账"
    #: An aside after a word: units in table heads, an age after a birth date.
    paren: str = "（{text}）"
    stats_heading: str = "{unit}{title}"
    clause_sep: str = "，"
    semicolon: str = "；"
    colon: str = "："
    list_sep: str = "、"

    # --- child profile -----------------------------------------------------------------------
    name: str = "姓名"
    sex_label: str = "性别"
    birth_date: str = "出生日期"
    age: str = "年龄"
    id_number: str = "身份证号"
    no_hukou: str = "尚未登记户口"
    hukou_address: str = "户籍地址"
    address: str = "现住址"
    school: str = "就读学校"
    grade: str = "年级"
    school_grade: str = "学校/年级"
    phone: str = "联系电话"
    categories: str = "儿童类别"
    risk_label: str = "风险等级"
    street: str = "街道"
    community: str = "社区"
    note: str = "备注"
    household: str = "家庭"
    household_phone: str = "家庭电话"

    # --- guardians ---------------------------------------------------------------------------
    guardians: str = "监护人及家庭成员"
    relationship_label: str = "与儿童关系"
    guardian_role: str = "身份"
    is_guardian: str = "监护人"
    is_carer: str = "实际照护人"
    situations: str = "特殊情况"
    situation_since: str = "自{start}"
    situation_until: str = "预计至{end}"
    situation_ended: str = "已于{end}结束"
    disability_grade: str = "残疾{grade}级"
    disability_mental: str = "（精神/智力）"

    # --- visit sections (DOMAIN.md "What a home visit records") -------------------------------
    sec_facts: str = "一、走访基本情况"
    sec_basic_info: str = "二、基本信息核实"
    sec_guardians: str = "家庭成员及监护情况"
    sec_open_items: str = "上次走访遗留事项"
    sec_family_duty: str = "三、家庭主体责任落实情况"
    area_physical: str = "生理状态"
    area_psychological: str = "心理状况"
    area_living: str = "居住环境及安全"
    area_education: str = "家庭教育"
    area_social_support: str = "社会支持现状"
    sec_physical: str = "四、生理状态"
    sec_psychological: str = "五、心理状况"
    sec_living: str = "六、居住环境及安全"
    sec_education: str = "七、家庭教育"
    sec_social_support: str = "八、社会支持现状"
    # The summary's (and case file's) five parts.
    sum_facts: str = "一、基本情况"
    sum_care: str = "二、信息核实与家庭监护"
    sum_ratings: str = "三、儿童状况评估"
    sum_help: str = "四、安全提醒、需求与帮扶"
    sec_safety: str = "九、安全提醒"
    sec_needs: str = "十、需求、帮扶与跟进"
    sec_signoff: str = "十一、签字确认"

    visit_date: str = "走访日期"
    visit_time: str = "时间"
    visit_kind_label: str = "走访类型"
    visit_status_label: str = "状态"
    visitors: str = "走访人员"
    people_met: str = "见面人员"
    place: str = "走访地点"
    place_choices: tuple[str, ...] = ("家中", "学校", "社区", "其他：")
    planned_date: str = "计划走访日期"
    last_visit: str = "上次走访"
    last_visit_none: str = "无上次走访记录"
    no_open_items: str = "无遗留事项"
    item: str = "项目"
    registered_value: str = "系统登记信息"
    fill_in: str = "填写内容"
    verification: str = "核实情况"
    verify_same: str = "一致"
    verify_changed: str = "有变化："
    basic_info_verified: str = "基本信息已核实"
    basic_info_changes: str = "信息变化"
    carer_name: str = "实际照护人"
    carer_relationship: str = "与儿童关系"
    entrusted_agreement: str = "委托照护协议"
    agreement_signed: str = "已签订"
    agreement_not_signed: str = "未签订"
    carer_suitable: str = "照护人是否适宜"
    parent_contact: str = "父母联系频率"
    parent_contact_choices: tuple[str, ...] = ("每天", "每周", "每月", "很少或无")
    care_baseline: str = "监护底线"
    child_alone_under16: str = "未满16周岁儿童单独居住"
    child_under8_unattended: str = "未满8周岁儿童无人看护"
    danger_note: str = (
        "如发现儿童遭受或疑似遭受侵害、面临危险，应立即向公安机关报案（强制报告），并报告民政部门。"
    )
    rating_label: str = "评估"
    situation_note: str = "情况说明"
    safety_given: str = "已提醒事项"
    needs: str = "发现的需求"
    help_given: str = "已提供帮扶"
    referrals: str = "转介情况"
    followups: str = "跟进事项"
    followup_action: str = "事项"
    followup_owner: str = "负责人"
    followup_due: str = "完成时限"
    followup_status_label: str = "状态"
    followup_done_on: str = "完成日期"
    followup_result: str = "本次核查"
    followup_check: str = "☐ 已完成　☐ 未完成"
    next_visit: str = "下次走访日期"
    visitor_sign: str = "走访人签名"
    guardian_sign: str = "监护人签名（自愿）"
    summary_signatures: str = "签字确认（监护人可在本打印件上签字确认）"
    supervisor_sign: str = "督导员审核签名"
    signoff_by: str = "走访人确认"
    reviewer: str = "审核人"
    reviewed_at: str = "审核时间"
    review_comment: str = "审核意见"
    not_reviewed: str = "尚未审核"
    referral_agency: str = "转介机构"
    referral_reason: str = "原因"
    referral_date: str = "转介日期"
    referral_outcome: str = "结果"

    # --- case file ---------------------------------------------------------------------------
    cf_profile: str = "一、基本信息"
    cf_categories: str = "二、儿童类别及认定"
    cf_household: str = "三、家庭及监护人"
    cf_visits: str = "四、走访记录"
    cf_notices: str = "五、监护责任告知"
    cf_assistance: str = "六、帮扶慰问"
    cf_followups: str = "七、跟进事项"
    cf_referrals: str = "八、转介"
    cf_reports: str = "九、强制报告"
    cf_attachments: str = "附件清单"
    cf_support: str = "社会救助与保障"
    cf_agreements: str = "委托照护协议"
    cf_allowances: str = "基本生活保障金认定"
    cf_disability: str = "{grade}级"
    category_basis: str = "认定依据"
    category_evidence: str = "证明材料"
    period: str = "起止日期"
    period_range: str = "{start} 至 {end}"
    period_open: str = "{start} 至今"
    visit_n: str = "第{n}次走访"
    visit_count: str = "共 {n} 次走访"
    nothing_recorded: str = "暂无记录"
    notice_template: str = "告知书"
    delivered_on: str = "送达日期"
    delivered_to: str = "接收人"
    signed_label: str = "签收"
    delivered_by: str = "送达人"
    given_on: str = "日期"
    assistance_kind_label: str = "类型"
    description: str = "内容"
    items_count: str = "件数"
    amount_yuan: str = "金额（元）"
    source: str = "来源"
    total: str = "合计"
    report_trigger_label: str = "报告情形"
    found_at: str = "发现时间"
    reported_at: str = "报告时间"
    agency: str = "接报单位"
    receipt_no: str = "回执编号"
    feedback: str = "反馈"
    report_status_label: str = "状态"
    attachment_name: str = "文件名"
    attachment_size: str = "大小"

    # --- statistics --------------------------------------------------------------------------
    stats_unit: str = "统计范围"
    stats_period: str = "统计期间"
    stats_summary: str = "总体情况"
    stats_by_unit: str = "分街道、社区统计"
    stats_chart: str = "各街道走访情况"
    stats_chart_communities: str = "各社区走访情况"
    stats_by_community: str = "分社区统计"
    stats_subtotal: str = "小计"
    stats_total: str = "合计"
    stats_households: str = "服务户数"
    stats_children: str = "覆盖儿童"
    stats_person_times: str = "服务人次"
    stats_visits: str = "走访次数"
    stats_notices: str = "告知书"
    stats_items: str = "物资"
    stats_amount: str = "资金"
    stats_overdue: str = "逾期未访"
    stats_reports: str = "强制报告"
    unit_households: str = "户"
    unit_household_times: str = "户次"
    stats_household_times: str = "服务户次"
    stats_filter_activity: str = "活动"
    stats_filter_campaign: str = "项目"
    dash_heading: str = "看板（截至 {date}）"
    dash_children: str = "各类儿童数"
    dash_unit: str = "单位"
    dash_visits_by_month: str = "近 12 个月每月走访次数"
    dash_overdue: str = "逾期未访儿童"
    dash_campaign_reached: str = "专项行动已覆盖"
    dash_campaign: str = "专项行动“{name}”：已覆盖 {reached} / {goal}（{percent}%）"
    dash_no_campaign: str = "当前没有进行中的专项行动。"
    dash_risk: str = "风险等级："
    dash_open_reports: str = "未办结强制报告：{n} 件"
    # --- 基本生活保障金 monthly list and ledger ---------------------------------------------
    title_allowance_list: str = "基本生活保障金发放名册"
    title_allowance_ledger: str = "基本生活保障金发放台账"
    allowance_month: str = "{year} 年 {month} 月"
    allowance_seq: str = "序号"
    allowance_total: str = "合计：{n} 人，{amount} 元"
    allowance_paid_total: str = "已发放：{n} 人，{amount} 元"
    allowance_not_paid: str = "未发放"
    allowance_note: str = "名册仅供财务发放使用，不得张贴公示儿童姓名（保护隐私）。"
    stats_filter_funder: str = "资助方"
    unit_persons: str = "人"
    unit_person_times: str = "人次"
    unit_times: str = "次"
    unit_copies: str = "份"
    unit_items: str = "件"
    unit_yuan: str = "元"
    unit_cases: str = "件"
    stats_counting_note: str = (
        "说明：户、人按去重后的户数和人数统计；人次为每名儿童每参加一次服务计一人次；"
        "件为发放物资件数；元为资金金额。"
    )

    # --- notice ------------------------------------------------------------------------------
    notice_to: str = "{names}（监护人）："
    notice_to_blank: str = "＿＿＿＿＿＿＿＿（监护人）："
    notice_children: str = "儿童"
    notice_household: str = "家庭住址"
    notice_version: str = "{name}·第{version}版"
    notice_ack: str = "本人已认真阅读以上内容，知晓并将切实履行监护职责。"
    notice_guardian_sign: str = "监护人（签字）"
    notice_director_sign: str = "儿童主任（签字）"
    notice_director: str = "儿童主任"
    notice_contact: str = "联系电话"
    notice_emergency: str = "紧急求助：报警 110　火警 119　急救 120"
    notice_copies: str = "本告知书一式两联：存档联由社区留存，监护人联交监护人保管。"
    notice_issuer: str = "{unit}"
    notice_seal: str = "（盖章）"
    notice_copy_archive: str = "存档联"
    notice_copy_guardian: str = "监护人联"
    blank_phone: str = "＿＿＿＿＿＿＿＿＿＿"

    # --- enum words ------------------------------------------------------------------------
    # The words for enum values and built-in categories are the vocabulary's (properties below,
    # in this document's language), so screen and paper say the same word. Notice template names
    # are the paper's own.
    notice_template_name: Mapping[str, str] = field(
        default_factory=lambda: _ro({"winter": "寒假版", "summer": "暑假版", "general": "通用版"})
    )
    #: Register (台账) column headers, by RegisterRow field.
    register_columns: Mapping[str, str] = field(
        default_factory=lambda: _ro(
            {
                "seq": "序号",
                "street_name": "街道",
                "community_name": "社区",
                "name": "姓名",
                "sex": "性别",
                "birth_date": "出生日期",
                "age": "年龄",
                "id_number": "身份证号",
                "categories": "儿童类别",
                "risk": "风险等级",
                "guardians": "监护人",
                "phone": "联系电话",
                "address": "现住址",
                "school": "就读学校",
                "last_visit": "最近走访",
                "next_due": "下次应访",
                "note": "备注",
            }
        )
    )

    # --- lookups -----------------------------------------------------------------------------
    @property
    def sex(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.SEX, self.lang)

    @property
    def risk(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.RISK, self.lang)

    @property
    def role(self) -> Mapping[str, str]:
        """A person's role, printed where no display name is set (never the login name)."""
        return vocabulary.column(vocabulary.ROLE, self.lang)

    @property
    def relationship(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.RELATIONSHIP, self.lang)

    @property
    def situation(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.SITUATION, self.lang)

    @property
    def visit_kind(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.VISIT_KIND, self.lang)

    @property
    def visit_status(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.VISIT_STATUS, self.lang)

    @property
    def rating(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.RATING, self.lang)

    @property
    def safety_topic(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.SAFETY, self.lang)

    @property
    def followup_status(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.FOLLOWUP_STATUS, self.lang)

    @property
    def report_trigger(self) -> Mapping[str, str]:
        """The mandatory-reporting opinion's legal wording."""
        return vocabulary.column(vocabulary.REPORT_TRIGGER, self.lang)

    @property
    def report_status(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.REPORT_STATUS, self.lang)

    @property
    def category(self) -> Mapping[str, str]:
        """Built-in category names; the store's category_def names win (category_name)."""
        return vocabulary.column(vocabulary.CATEGORY, self.lang)

    @property
    def assistance_kind(self) -> Mapping[str, str]:
        return vocabulary.column(vocabulary.ASSISTANCE_KIND, self.lang)

    def word(self, mapping: Mapping[str, str], key: str | None) -> str:
        """The word for an enum value; the raw value when unknown (never an empty cell)."""
        if key is None or key == "":
            return ""
        return mapping.get(key, key)

    def category_name(self, code: str, names: Mapping[str, str] | None = None) -> str:
        if names and code in names:
            return names[code]
        return self.category.get(code, code)

    def long_date(self, day: _dt.date | None) -> str:
        """2024年1月5日 / 5 January 2024, or "" for no date."""
        if day is None:
            return ""
        month = self.month_names[day.month - 1] if self.month_names else str(day.month)
        return self.date_long.format(y=day.year, m=day.month, d=day.day, month=month)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.unknown
        return self.yes if value else self.no


def _arrived(values: dict[str, object]) -> Labels:
    return Labels(**{k: _ro(v) if isinstance(v, dict) else v for k, v in values.items()})  # type: ignore[arg-type]


ZH = Labels()

EN = Labels(
    lang="en",
    confidentiality="Internal — confidential",
    sensitive_mark="Contains sensitive personal data of minors: do not share, photograph or publish",
    page_of="Page {page} of {pages}",
    generated="Generated by {who} at {when}",
    record_no="No. {code}",
    app_name="Hexi District Child Care Services",
    title_checklist="Home visit checklist",
    title_checklist_blank="Home visit checklist (unregistered child)",
    title_summary="Visit summary",
    title_casefile="Case file",
    title_statistics="Work statistics",
    title_notice="Guardian responsibility notice",
    yes="Yes",
    no="No",
    none="None",
    not_applicable="N/A",
    signature="Signature",
    date="Date",
    date_blank="____ / ____ / ______",
    years_old="age {age}",
    date_long="{d} {month} {y}",
    month_names=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    time_blank="____ : ____",
    chinese_numerals=False,
    register_sheet="Register",
    paren=" ({text})",
    stats_heading="{title}: {unit}",
    clause_sep=", ",
    semicolon="; ",
    colon=": ",
    list_sep=", ",
    name="Name",
    sex_label="Sex",
    birth_date="Date of birth",
    age="Age",
    id_number="ID number",
    no_hukou="No household registration yet",
    hukou_address="Registered address",
    address="Address",
    school="School",
    grade="Grade",
    school_grade="School/grade",
    phone="Phone",
    categories="Categories",
    risk_label="Risk level",
    street="Street",
    community="Community",
    note="Note",
    household="Household",
    household_phone="Household phone",
    guardians="Guardians and family members",
    relationship_label="Relation",
    guardian_role="Role",
    is_guardian="Guardian",
    is_carer="Carer",
    situations="Circumstances",
    situation_since="since {start}",
    situation_until="expected to end {end}",
    situation_ended="ended {end}",
    disability_grade=" (grade {grade} disability)",
    disability_mental=" (mental/intellectual)",
    sec_facts="1. Visit details",
    sec_basic_info="2. Basic information check",
    sec_guardians="Family members and guardianship",
    sec_open_items="Open items from the last visit",
    sec_family_duty="3. Family responsibilities",
    area_physical="Physical health",
    area_psychological="Psychological state",
    area_living="Living conditions and safety",
    area_education="Family education",
    area_social_support="Social support",
    sec_physical="4. Physical health",
    sec_psychological="5. Psychological state",
    sec_living="6. Living conditions and safety",
    sec_education="7. Family education",
    sec_social_support="8. Social support",
    sum_facts="1. Visit details",
    sum_care="2. Information check and guardianship",
    sum_ratings="3. Assessment of the child",
    sum_help="4. Safety advice, needs and help",
    sec_safety="9. Safety advice",
    sec_needs="10. Needs, help and follow-up",
    sec_signoff="11. Signatures",
    visit_date="Visit date",
    visit_time="Time",
    visit_kind_label="Visit type",
    visit_status_label="Status",
    visitors="Visitors",
    people_met="People met",
    place="Place",
    place_choices=("Home", "School", "Community", "Other:"),
    planned_date="Planned visit date",
    last_visit="Last visit",
    last_visit_none="No previous visit on record",
    no_open_items="No open items",
    item="Item",
    registered_value="On record",
    fill_in="To fill in",
    verification="Checked",
    verify_same="Same",
    verify_changed="Changed:",
    basic_info_verified="Basic information checked",
    basic_info_changes="Changes",
    carer_name="Carer",
    carer_relationship="Relationship",
    entrusted_agreement="Care agreement",
    agreement_signed="Signed",
    agreement_not_signed="Not signed",
    carer_suitable="Carer suitable",
    parent_contact="Contact with parents",
    parent_contact_choices=("Daily", "Weekly", "Monthly", "Rarely/never"),
    care_baseline="Minimum care",
    child_alone_under16="Child under 16 living alone",
    child_under8_unattended="Child under 8 left unattended",
    danger_note=(
        "If a child is or may be harmed or in danger, report to the police at once "
        "(mandatory reporting) and inform the civil affairs office."
    ),
    rating_label="Rating",
    situation_note="Notes",
    safety_given="Safety advice given",
    needs="Needs found",
    help_given="Help given",
    referrals="Referrals",
    followups="Follow-up items",
    followup_action="Action",
    followup_owner="Owner",
    followup_due="Due",
    followup_status_label="Status",
    followup_done_on="Done on",
    followup_result="This visit",
    followup_check="☐ Done  ☐ Not done",
    next_visit="Next visit date",
    visitor_sign="Visitor's signature",
    guardian_sign="Guardian's signature (optional)",
    summary_signatures="Signatures (the guardian may sign this printout)",
    supervisor_sign="Supervisor's signature",
    signoff_by="Confirmed by visitor",
    reviewer="Reviewer",
    reviewed_at="Reviewed at",
    review_comment="Review comment",
    not_reviewed="Not reviewed yet",
    referral_agency="Agency",
    referral_reason="Reason",
    referral_date="Date referred",
    referral_outcome="Outcome",
    cf_profile="1. Basic information",
    cf_categories="2. Categories and eligibility",
    cf_household="3. Household and guardians",
    cf_visits="4. Visits",
    cf_notices="5. Guardian notices",
    cf_assistance="6. Assistance",
    cf_support="Social support",
    cf_agreements="Entrusted-care agreements",
    cf_allowances="Basic living allowance",
    cf_disability="grade {grade}",
    cf_followups="7. Follow-up items",
    cf_referrals="8. Referrals",
    cf_reports="9. Mandatory reports",
    cf_attachments="Attachments",
    category_basis="Basis",
    category_evidence="Evidence",
    period="Period",
    period_range="{start} to {end}",
    period_open="{start} to date",
    visit_n="Visit {n}",
    visit_count="{n} visits",
    nothing_recorded="Nothing recorded",
    notice_template="Notice",
    delivered_on="Delivered on",
    delivered_to="Received by",
    signed_label="Signed",
    delivered_by="Delivered by",
    given_on="Date",
    assistance_kind_label="Type",
    description="Description",
    items_count="Items",
    amount_yuan="Amount (CNY)",
    source="Source",
    total="Total",
    report_trigger_label="Grounds",
    found_at="Found at",
    reported_at="Reported at",
    agency="Agency",
    receipt_no="Receipt no.",
    feedback="Feedback",
    report_status_label="Status",
    attachment_name="File name",
    attachment_size="Size",
    stats_unit="Unit",
    stats_period="Period",
    stats_summary="Overview",
    stats_by_unit="By street and community",
    stats_chart="Visits by street",
    stats_chart_communities="Visits by community",
    stats_by_community="By community",
    stats_subtotal="Subtotal",
    stats_total="Total",
    stats_households="Families",
    stats_children="Children",
    stats_person_times="Services",
    stats_visits="Visits",
    stats_notices="Notices",
    stats_items="Goods",
    stats_amount="Funds",
    stats_overdue="Overdue",
    stats_reports="Reports",
    unit_households="fam.",
    unit_household_times="times",
    stats_household_times="Family services",
    stats_filter_activity="Activity",
    stats_filter_campaign="Campaign",
    dash_heading="Dashboard (as of {date})",
    dash_children="Children by category",
    dash_unit="Unit",
    dash_visits_by_month="Visits per month, last 12 months",
    dash_overdue="Overdue children",
    dash_campaign_reached="Campaign reached",
    dash_campaign="Campaign “{name}”: {reached} of {goal} reached ({percent}%)",
    dash_no_campaign="No campaign under way.",
    dash_risk="Risk levels: ",
    dash_open_reports="Open mandatory reports: {n}",
    title_allowance_list="Basic living allowance: payment list",
    title_allowance_ledger="Basic living allowance: payment ledger",
    allowance_month="{year}-{month:02d}",
    allowance_seq="No.",
    allowance_total="Total: {n} children, {amount} yuan",
    allowance_paid_total="Paid: {n} children, {amount} yuan",
    allowance_not_paid="not paid",
    allowance_note="For the finance office only; children's names are never posted publicly (privacy).",
    stats_filter_funder="Funder",
    unit_persons="ppl",
    unit_person_times="times",
    unit_times="visits",
    unit_copies="copies",
    unit_items="items",
    unit_yuan="CNY",
    unit_cases="cases",
    stats_counting_note=(
        "Note: households and children are counted once each; services count one per child "
        "per service; goods are counted in items; funds in CNY."
    ),
    notice_to="To {names} (guardian):",
    notice_to_blank="To ______________ (guardian):",
    notice_children="Children",
    notice_household="Home address",
    notice_version="{name}, version {version}",
    notice_ack="I have read the above carefully, understand it and will fulfil my duties as guardian.",
    notice_guardian_sign="Guardian (signature)",
    notice_director_sign="Child director (signature)",
    notice_director="Child director",  # the vocabulary's word for the role
    notice_contact="Phone",
    notice_emergency="Emergency: police 110, fire 119, ambulance 120",
    notice_copies=(
        "This notice is made in two copies: the archive copy stays with the community, the "
        "guardian's copy with the guardian."
    ),
    notice_seal="(seal)",
    notice_copy_archive="Archive copy",
    notice_copy_guardian="Guardian's copy",
    blank_phone="____________________",
    notice_template_name=_ro({"winter": "Winter", "summer": "Summer", "general": "General"}),
    register_columns=_ro(
        {
            "seq": "No.",
            "street_name": "Street",
            "community_name": "Community",
            "name": "Name",
            "sex": "Sex",
            "birth_date": "Date of birth",
            "age": "Age",
            "id_number": "ID number",
            "categories": "Categories",
            "risk": "Risk level",
            "guardians": "Guardians",
            "phone": "Phone",
            "address": "Address",
            "school": "School",
            "last_visit": "Last visit",
            "next_due": "Next due",
            "note": "Note",
        }
    ),
)


def labels_for(lang: str) -> Labels:
    """The document words for a UI language ("zh" or "en"); Chinese for anything else."""
    return EN if lang == "en" else ZH
