"""The one vocabulary: the Chinese and English word for every enum value, every field name and
every built-in category a user may read.

Qt-free, so the window (ui/i18n.py), the command line, the core's messages (messages.py) and
the printed documents (reports/labels.py) all read the same word. Where the screen and
the paper used to differ, the word chosen here is the one to keep: a submitted visit is 待审核
("Awaiting review") wherever it shows, an approved one 已通过, a campaign visit
集中走访（寒暑假、节日慰问）, the visit field people_met 见面人员, a grandfather "Grandfather".
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from hexi_care.domain.enums import (
    AllowanceStage,
    CampaignKind,
    CampaignState,
    CampaignTarget,
    CareSetting,
    CategoryCode,
    FollowUpStatus,
    Rating,
    RedFlag,
    ReexamDecision,
    ReexamKind,
    Relationship,
    ReportStatus,
    ReportTrigger,
    RiskLevel,
    Role,
    SafetyTopic,
    Sex,
    SituationKind,
    SupportKind,
    UnitKind,
    VisitKind,
    VisitStatus,
)

#: (Chinese, English)
Words = tuple[str, str]
LANGS = ("zh", "en")


def _ro(d: dict[str, Words]) -> Mapping[str, Words]:
    return MappingProxyType(d)


ROLE = _ro(
    {
        Role.DIRECTOR: ("儿童主任", "Child director"),
        Role.STREET_SUPERVISOR: ("儿童督导员（街道）", "Child supervisor (street)"),
        Role.CENTRE_SUPERVISOR: ("区未保中心", "Centre supervisor"),
        Role.ADMIN: ("管理员", "Administrator"),
    }
)
UNIT_KIND = _ro(
    {
        UnitKind.DISTRICT: ("区", "District"),
        UnitKind.STREET: ("街道", "Street"),
        UnitKind.COMMUNITY: ("社区", "Community"),
    }
)
SEX = _ro({Sex.MALE: ("男", "Male"), Sex.FEMALE: ("女", "Female")})
RISK = _ro(
    {
        RiskLevel.LOW: ("低", "Low"),
        RiskLevel.MEDIUM: ("中", "Medium"),
        RiskLevel.HIGH: ("高", "High"),
    }
)
RELATIONSHIP = _ro(
    {
        Relationship.FATHER: ("父亲", "Father"),
        Relationship.MOTHER: ("母亲", "Mother"),
        Relationship.GRANDFATHER: ("祖父/外祖父", "Grandfather"),
        Relationship.GRANDMOTHER: ("祖母/外祖母", "Grandmother"),
        Relationship.SIBLING: ("兄弟姐妹", "Sibling"),
        Relationship.RELATIVE: ("其他亲属", "Other relative"),
        Relationship.ENTRUSTED: ("受委托照护人", "Entrusted carer"),
        Relationship.OTHER: ("其他", "Other"),
    }
)
SITUATION = _ro(
    {
        SituationKind.DECEASED: ("死亡", "Deceased"),
        SituationKind.DECLARED_MISSING: ("宣告失踪", "Declared missing"),
        SituationKind.SEVERE_DISABILITY: ("重残", "Severe disability"),
        SituationKind.SERIOUS_ILLNESS: ("重病", "Serious illness"),
        SituationKind.IMPRISONED: ("服刑在押", "Serving a prison sentence"),
        SituationKind.COMPULSORY_REHAB: ("强制隔离戒毒", "Compulsory drug rehabilitation"),
        SituationKind.OTHER_RESTRAINT: (
            "被执行其他限制人身自由的措施",
            "Other restriction of liberty",
        ),
        SituationKind.LOST_CONTACT: ("失联", "Lost contact"),
        SituationKind.GUARDIANSHIP_REVOKED: ("被撤销监护资格", "Guardianship revoked"),
        SituationKind.DEPORTED: ("被遣送（驱逐）出境", "Deported"),
        SituationKind.WORKING_AWAY: ("外出务工", "Working away from home"),
        SituationKind.NOT_FOUND: ("查找不到（已认定）", "Cannot be found (certified)"),
    }
)
VISIT_KIND = _ro(
    {
        VisitKind.ROUTINE: ("定期走访", "Routine visit"),
        VisitKind.CAMPAIGN: ("集中走访（寒暑假、节日慰问）", "Campaign (holiday care)"),
        VisitKind.FOLLOW_UP: ("跟进走访", "Follow-up"),
        VisitKind.EMERGENCY: ("紧急走访", "Emergency"),
    }
)
VISIT_STATUS = _ro(
    {
        VisitStatus.DRAFT: ("草稿", "Draft"),
        VisitStatus.SUBMITTED: ("待审核", "Awaiting review"),
        VisitStatus.APPROVED: ("已通过", "Approved"),
        VisitStatus.RETURNED: ("已退回", "Returned"),
    }
)
RATING = _ro(
    {
        Rating.GOOD: ("良好", "Good"),
        Rating.FAIR: ("一般", "Fair"),
        Rating.POOR: ("较差", "Poor"),
        Rating.SERIOUS: ("严重问题", "Serious problem"),
    }
)
SAFETY = _ro(
    {
        SafetyTopic.FIRE_ELECTRICITY_GAS: ("用火用电用气安全", "Fire, electricity and gas"),
        SafetyTopic.TRAFFIC: ("交通安全", "Traffic safety"),
        SafetyTopic.DROWNING: ("防溺水", "Drowning prevention"),
        SafetyTopic.FOOD_HYGIENE: ("食品卫生", "Food hygiene"),
        SafetyTopic.SELF_PROTECTION: ("自我防护意识", "Self-protection"),
        SafetyTopic.ONLINE: ("网络安全", "Online safety"),
        SafetyTopic.MENTAL_HEALTH: ("孩子心理健康", "Child's mental health"),
        SafetyTopic.GUARDIANSHIP_DUTY: ("监护主体责任", "Guardianship duty"),
    }
)
FOLLOWUP_STATUS = _ro(
    {
        FollowUpStatus.OPEN: ("未完成", "Open"),
        FollowUpStatus.DONE: ("已完成", "Done"),
        FollowUpStatus.CANCELLED: ("已取消", "Cancelled"),
    }
)
REPORT_STATUS = _ro(
    {
        ReportStatus.OPEN: ("待反馈", "Awaiting feedback"),
        ReportStatus.CLOSED: ("已办结", "Closed"),
    }
)
# The wording of the 2020 mandatory-reporting opinion: a report is a legal document, so screen and
# paper both use the official text.
REPORT_TRIGGER = _ro(
    {
        ReportTrigger.PRIVATE_PARTS_INJURY: (
            "未成年人的生殖器官或隐私部位遭受或疑似遭受非正常损伤",
            "Abnormal injury, or suspected injury, to genitals or private parts",
        ),
        ReportTrigger.GIRL_UNDER14_ASSAULT_PREGNANCY: (
            "不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产",
            "Girl under 14 sexually assaulted (or suspected), pregnant or miscarried",
        ),
        ReportTrigger.GIRL_14PLUS_PREGNANT_ASSAULT: (
            "十四周岁以上女性未成年人疑似遭受性侵害而怀孕、流产",
            "Girl aged 14 or over pregnant or miscarried after suspected sexual assault",
        ),
        ReportTrigger.MULTIPLE_INJURIES_ABUSE: (
            "身体存在多处损伤、严重营养不良、意识不清，存在或疑似存在暴力伤害、虐待",
            "Multiple injuries, severe malnutrition or unconsciousness; violence or abuse (suspected)",
        ),
        ReportTrigger.ABNORMAL_INJURY_OR_DEATH: (
            "因自杀、自残、中毒、被人殴打等非正常原因受伤、死亡",
            "Injury or death from suicide, self-harm, poisoning, assault or other abnormal causes",
        ),
        ReportTrigger.ABANDONED: (
            "被遗弃或长期处于无人照料状态",
            "Abandoned or left without care for a long time",
        ),
        ReportTrigger.MISSING_TRAFFICKED: (
            "来源不明、失踪或被拐卖、收买",
            "Unknown origin, missing, trafficked or bought",
        ),
        ReportTrigger.ORGANISED_BEGGING: ("被组织乞讨", "Made to beg by others"),
        ReportTrigger.OTHER_SERIOUS_HARM: (
            "其他严重侵害未成年人身心健康的情形",
            "Other serious harm to a minor's physical or mental health",
        ),
        ReportTrigger.DOMESTIC_VIOLENCE: ("疑似遭受家庭暴力", "Suspected domestic violence"),
    }
)
#: Built-in child categories. The list is data in the store afterwards (category_def, seeded from
#: here); a locality may rename or add its own.
CATEGORY = _ro(
    {
        CategoryCode.ORPHAN_SCATTERED: ("散居孤儿", "Orphan living in the community"),
        CategoryCode.ORPHAN_INSTITUTION: ("集中养育孤儿", "Orphan in institutional care"),
        CategoryCode.NO_DE_FACTO_CARER: ("事实无人抚养儿童", "Child without a de facto carer"),
        CategoryCode.DIFFICULTY_POVERTY: ("困境儿童（贫困家庭）", "Child in difficulty (poverty)"),
        CategoryCode.DIFFICULTY_DISABILITY: (
            "困境儿童（重病重残）",
            "Child in difficulty (illness or disability)",
        ),
        CategoryCode.DIFFICULTY_GUARDIANSHIP: (
            "困境儿童（监护缺失或不当）",
            "Child in difficulty (guardianship)",
        ),
        CategoryCode.DIFFICULTY_PRISONER_CHILD: (
            "困境儿童（服刑人员子女）",
            "Child in difficulty (parent imprisoned)",
        ),
        CategoryCode.DIFFICULTY_ABUSED: ("困境儿童（受虐待）", "Child in difficulty (abused)"),
        CategoryCode.LEFT_BEHIND: ("留守儿童", "Left-behind child"),
    }
)
#: Why a case needs a re-examination decision (the worklist's reason column).
REEXAM_KIND = _ro(
    {
        ReexamKind.SITUATION_ENDED: ("父母情形已结束", "Parent's situation ended"),
        ReexamKind.EXPECTED_END_PASSED: ("父母情形预计结束日已过", "Expected end passed"),
        ReexamKind.TURNS_16: ("年满16周岁", "Turns 16"),
        ReexamKind.TURNS_18: ("年满18周岁", "Turns 18"),
        ReexamKind.CATEGORY_UNSUPPORTED: ("类别不再符合规则", "Category no longer supported"),
        ReexamKind.CATEGORY_SUGGESTED: ("规则建议新类别", "Category suggested"),
        ReexamKind.ANNUAL_REVIEW: ("年度复核到期", "Annual review due"),
        ReexamKind.EVIDENCE_EXPIRY: ("证明材料到期", "Evidence expiring"),
    }
)
REEXAM_DECISION = _ro(
    {
        ReexamDecision.CONFIRMED: ("复核通过，维持认定", "Confirmed, no change"),
        ReexamDecision.CHANGED: ("已变更类别", "Categories changed"),
        ReexamDecision.NOT_APPLICABLE: ("不适用", "Does not apply"),
    }
)
#: Visit answers that call for a mandatory report on the spot.
RED_FLAG = _ro(
    {
        RedFlag.ALONE_UNDER16: ("未满16周岁独居", "Under 16 and living alone"),
        RedFlag.UNATTENDED_UNDER8: ("未满8周岁无人看护", "Under 8 and left unattended"),
        RedFlag.SAFETY_POOR: ("居住环境与安全评为差", "Living conditions and safety rated poor"),
        RedFlag.INJURY_NOTE: ("身体状况记有伤情", "An injury noted on the child's body"),
    }
)
#: Assistance kinds are plain strings in the store (no enum).
ASSISTANCE_KIND = _ro(
    {"goods": ("物资", "Goods"), "money": ("资金", "Money"), "service": ("服务", "Service")}
)
SUPPORT_KIND = _ro(
    {
        SupportKind.DIBAO: ("最低生活保障（低保）", "Minimum living allowance (dibao)"),
        SupportKind.TEKUN: ("特困人员救助供养", "Support for people in extreme poverty"),
        SupportKind.DIBAO_EDGE: ("低保边缘家庭", "Near-dibao household"),
        SupportKind.MEDICAL_AID: ("医疗救助", "Medical aid"),
        SupportKind.EDUCATION_AID: ("教育资助", "Education aid"),
        SupportKind.DISABILITY_LIVING: ("困难残疾人生活补贴", "Living allowance (disability)"),
        SupportKind.DISABILITY_NURSING: ("重度残疾人护理补贴", "Nursing allowance (disability)"),
        SupportKind.TEMPORARY: ("临时救助", "Temporary assistance"),
    }
)
CARE_SETTING = _ro(
    {
        CareSetting.COMMUNITY: ("社会散居", "Living in the community"),
        CareSetting.INSTITUTION: ("机构集中养育", "In an institution"),
    }
)
ALLOWANCE_STAGE = _ro(
    {
        AllowanceStage.APPLIED: ("已申请", "Applied"),
        AllowanceStage.CHECKED: ("街道已查验", "Checked by the street"),
        AllowanceStage.CONFIRMED: ("区民政已确认", "Confirmed by the district"),
        AllowanceStage.SUSPENDED: ("暂停发放", "Suspended"),
        AllowanceStage.STOPPED: ("停止发放", "Stopped"),
    }
)
CAMPAIGN_KIND = _ro(
    {
        CampaignKind.WINTER: ("寒假走访", "Winter holiday"),
        CampaignKind.SUMMER: ("暑假走访", "Summer holiday"),
        CampaignKind.SPRING_FESTIVAL: ("春节慰问", "Spring Festival"),
        CampaignKind.MID_AUTUMN: ("中秋慰问", "Mid-Autumn Festival"),
        CampaignKind.OTHER: ("专项行动", "Named drive"),
    }
)
CAMPAIGN_TARGET = _ro(
    {
        CampaignTarget.HOUSEHOLDS: ("户", "households"),
        CampaignTarget.CHILDREN: ("名儿童", "children"),
    }
)
CAMPAIGN_STATE = _ro(
    {
        CampaignState.UPCOMING: ("未开始", "Not begun"),
        CampaignState.OPEN: ("进行中", "Under way"),
        CampaignState.OVER: ("已结束", "Over"),
    }
)
#: Yes / no / not known, for the tri-state answers of a visit.
TRISTATE: Mapping[bool | None, Words] = MappingProxyType(
    {None: ("不清楚", "Not known"), True: ("是", "Yes"), False: ("否", "No")}
)

#: Every enum a user reads, with its words (a test checks that each value has them).
ENUMS: tuple[tuple[type[StrEnum], Mapping[str, Words]], ...] = (
    (Role, ROLE),
    (UnitKind, UNIT_KIND),
    (Sex, SEX),
    (RiskLevel, RISK),
    (Relationship, RELATIONSHIP),
    (SituationKind, SITUATION),
    (VisitKind, VISIT_KIND),
    (VisitStatus, VISIT_STATUS),
    (Rating, RATING),
    (SafetyTopic, SAFETY),
    (FollowUpStatus, FOLLOWUP_STATUS),
    (ReportStatus, REPORT_STATUS),
    (ReportTrigger, REPORT_TRIGGER),
    (CategoryCode, CATEGORY),
    (ReexamKind, REEXAM_KIND),
    (ReexamDecision, REEXAM_DECISION),
    (RedFlag, RED_FLAG),
    (SupportKind, SUPPORT_KIND),
    (CareSetting, CARE_SETTING),
    (AllowanceStage, ALLOWANCE_STAGE),
    (CampaignKind, CAMPAIGN_KIND),
    (CampaignTarget, CAMPAIGN_TARGET),
    (CampaignState, CAMPAIGN_STATE),
)
_BY_ENUM: dict[type[StrEnum], Mapping[str, Words]] = dict(ENUMS)

#: Field names as the core calls them (InvalidInput.field, JSON keys, domain attributes) → words.
FIELDS = _ro(
    {
        # people and records
        "child": ("儿童", "child"),
        "child_id": ("儿童", "child"),
        "expires_on": ("有效期至", "valid until"),
        "feedback_due": ("反馈跟进日期", "feedback follow-up date"),
        "late": ("超时报告", "reported late"),
        "feedback_overdue": ("反馈逾期", "feedback overdue"),
        "report_rules": ("强制报告时限设置", "mandatory report deadlines"),
        "decision": ("复核结果", "decision"),
        "tolerance_hours": ("强制报告时限（小时）", "report tolerance (hours)"),
        "feedback_days": ("公安反馈跟进天数", "days before chasing police feedback"),
        "reason_key": ("复核事由", "re-examination reason"),
        "from": ("移交人", "handed over by"),
        "to": ("接收人", "handed over to"),
        "reexam_policy": ("复核设置", "re-examination settings"),
        "children": ("儿童人数", "number of children"),
        "household": ("家庭", "household"),
        "household_id": ("家庭", "household"),
        "guardians": ("监护人", "guardians"),
        "community": ("所属社区", "community"),
        "community_id": ("所属社区", "community"),
        "street": ("所属街道", "street"),
        # what `child show --json` prints besides the profile (read-only for `child edit`)
        "community_name": ("社区名称", "community name"),
        "street_name": ("街道名称", "street name"),
        "category_details": ("儿童类别明细", "category details"),
        "visits": ("走访记录", "visits"),
        "followups": ("跟进事项", "follow-up items"),
        "mandatory_reports": ("强制报告", "mandatory reports"),
        "guardian": ("监护人", "guardian"),
        "unit": ("单位", "unit"),
        "url": ("连接地址", "address"),
        "unit_id": ("单位", "unit"),
        "parent": ("上级单位", "parent unit"),
        "parent_id": ("上级单位", "parent unit"),
        "user": ("用户", "user"),
        "role": ("角色", "role"),
        "password": ("密码", "password"),
        "display_name": ("显示名称", "display name"),
        "active": ("是否启用", "active"),
        "key": ("密钥", "key"),
        "card_fingerprint": ("区中心指纹", "the centre's fingerprint"),
        "id": ("编号", "id"),
        "code": ("代码", "code"),
        "version": ("版本", "version"),
        "json": ("输入的 JSON", "JSON input"),
        "form": ("表单", "form"),
        "out": ("输出文件", "output file"),
        # child profile
        "name": ("姓名", "name"),
        "sex": ("性别", "sex"),
        "birth_date": ("出生日期", "birth date"),
        "id_number": ("身份证号", "ID number"),
        "no_hukou": ("尚未登记户口", "no household registration"),
        "hukou_address": ("户籍地址", "registered address"),
        "address": ("现住址", "address"),
        "school": ("就读学校", "school"),
        "grade": ("年级", "grade"),
        "phone": ("联系电话", "phone"),
        "risk": ("风险等级", "risk level"),
        "note": ("备注", "note"),
        "categories": ("儿童类别", "categories"),
        "category": ("儿童类别", "category"),
        "basis": ("认定依据", "basis"),
        "evidence": ("证明材料", "evidence"),
        "start_date": ("开始日期", "start date"),
        "end_date": ("结束日期", "end date"),
        # guardians and their situations
        "relationship": ("与儿童关系", "relationship"),
        "is_guardian": ("是否监护人", "guardian"),
        "is_carer": ("是否实际照护人", "carer"),
        "situation": ("特殊情况", "situation"),
        "situations": ("特殊情况", "situations"),
        "expected_end_date": ("预计结束日期", "expected end date"),
        "disability_grade": ("残疾等级", "disability grade"),
        "disability_mental": ("精神或智力残疾", "mental or intellectual disability"),
        # a home visit (DOMAIN.md "What a home visit records")
        "visit": ("走访", "visit"),
        "visit_date": ("走访日期", "visit date"),
        "visit_time": ("走访时间", "visit time"),
        "kind": ("类型", "kind"),
        "status": ("状态", "status"),
        "visitors": ("走访人员", "visitors"),
        "people_met": ("见面人员", "people met"),
        "place": ("地点", "place"),
        "basic_info_verified": ("基本信息已核实", "basic information verified"),
        "basic_info_changes": ("基本信息变化", "changes to basic information"),
        "carer_name": ("实际照护人", "carer"),
        "carer_relationship": ("照护人与儿童关系", "carer's relationship"),
        "entrusted_agreement": ("已签订委托照护协议", "entrusted-care agreement signed"),
        "carer_suitable": ("照护人是否适宜", "carer suitable"),
        "parent_contact": ("父母联系情况", "contact with the parents"),
        "child_alone_under16": ("未满16周岁儿童单独居住", "child under 16 living alone"),
        "child_under8_unattended": ("未满8周岁儿童无人看护", "child under 8 left unattended"),
        "physical": ("生理状态", "physical state"),
        "psychological": ("心理状况", "psychological condition"),
        "living": ("居住环境", "living environment"),
        "education": ("家庭教育", "family education"),
        "social_support": ("社会支持", "social support"),
        "rating": ("评价", "rating"),
        "safety_reminders": ("安全提醒", "safety reminders"),
        "needs": ("发现的需求", "needs found"),
        "help_given": ("帮扶慰问", "help given"),
        "referrals": ("转介", "referrals"),
        "next_visit_date": ("下次走访日期", "next visit date"),
        "visitor_signoff": ("走访人签字", "visitor's sign-off"),
        "review_comment": ("审核意见", "review comment"),
        "reviewed_by": ("审核人", "reviewer"),
        "reviewed_at": ("审核时间", "time reviewed"),
        "submitted_at": ("提交时间", "time submitted"),
        "created_by": ("填写人", "written by"),
        "created_at": ("创建时间", "time created"),
        "updated_at": ("修改时间", "time changed"),
        # follow-ups, referrals, mandatory reports
        "action": ("跟进事项", "action"),
        "owner": ("负责人", "owner"),
        "due_date": ("截止日期", "due date"),
        "done_date": ("完成日期", "date done"),
        "visit_id": ("走访", "visit"),
        "agency": ("接收单位", "agency"),
        "reason": ("转介原因", "reason"),
        "referred_on": ("转介日期", "date referred"),
        "outcome": ("结果", "outcome"),
        "trigger": ("报告情形", "trigger"),
        "found_at": ("发现时间", "time found"),
        "reported_at": ("报告时间", "time reported"),
        "receipt_no": ("回执编号", "receipt number"),
        "feedback": ("反馈情况", "feedback"),
        "description": ("情况说明", "description"),
        # help given, activities, notices, attachments
        "date": ("日期", "date"),
        "given_on": ("帮扶日期", "date given"),
        "items": ("件数", "items"),
        "amount": ("金额", "amount"),
        "amount_fen": ("金额", "amount"),
        "source": ("来源", "source"),
        "activity_id": ("活动", "activity"),
        "title": ("名称", "title"),
        "held_on": ("活动日期", "date held"),
        "organiser": ("组织者", "organiser"),
        "participant_ids": ("参加儿童", "participants"),
        "activity": ("活动", "activity"),
        "ends_on": ("结束日期", "last day"),
        "head_count": ("其他参与人数", "others taking part"),
        "campaign": ("所属项目", "campaign"),
        "funder": ("资助方", "funder"),
        "child_ids": ("受益儿童", "children who benefited"),
        "others": ("其他受益人数", "other people who benefited"),
        "file_no": ("档案编号", "file number"),
        "time_zone": ("时区", "time zone"),
        "template": ("告知书模板", "notice template"),
        "template_code": ("告知书模板", "notice template"),
        "template_version": ("模板版本", "template version"),
        "delivered_on": ("送达日期", "date delivered"),
        "guardian_name": ("签收人", "received by"),
        "signed": ("已签字", "signed"),
        "delivered_by": ("送达人", "delivered by"),
        "intro": ("导语", "introduction"),
        "themes": ("告知内容", "themes"),
        "attachment": ("附件", "attachment"),
        "filename": ("文件名", "file name"),
        "mime": ("文件类型", "file type"),
        "size": ("大小", "size"),
        # the child's disability and school contact
        "disability_kind": ("残疾类别", "disability type"),
        "disability_cert_no": ("残疾人证号", "disability certificate number"),
        "teacher_name": ("班主任", "class teacher"),
        "teacher_phone": ("班主任电话", "class teacher's phone"),
        # social support and the entrusted-care agreement
        "support_kind": ("救助类别", "kind of support"),
        "support": ("社会救助", "support"),
        "care_agreements": ("委托照护协议", "entrusted-care agreements"),
        "approved_on": ("批准日期", "date approved"),
        "monthly": ("按月发放", "monthly"),
        "carer_id_number": ("受委托照护人身份证号", "carer's ID number"),
        "carer_phone": ("受委托照护人电话", "carer's phone"),
        "signed_on": ("签订日期", "date signed"),
        "term_end": ("协议到期日", "end of term"),
        "attachment_id": ("协议扫描件", "agreement scan"),
        # recognition and allowance
        "care_setting": ("养育方式", "care setting"),
        "applied_on": ("申请日期", "date applied"),
        "applied_by": ("申请人", "applied by"),
        "checked_on": ("查验日期", "date checked"),
        "checked_by": ("查验人", "checked by"),
        "confirmed_on": ("确认日期", "date confirmed"),
        "confirmed_by": ("确认人", "confirmed by"),
        "confirmation_no": ("确认文号", "confirmation number"),
        "start_month": ("起发月份", "first month paid"),
        "suspended_from": ("暂停起始月", "suspended from"),
        "suspended_until": ("暂停截止月", "suspended until"),
        "suspend_reason": ("暂停原因", "reason for suspension"),
        "stopped_from": ("停发起始月", "stopped from"),
        "stop_reason": ("停发原因", "reason for stopping"),
        "stage": ("办理进度", "stage"),
        "month": ("月份", "month"),
        "monthly_fen": ("月标准", "monthly amount"),
        "year": ("年度", "year"),
        "paid_on": ("发放日期", "date paid"),
        "paid_fen": ("实发金额", "amount paid"),
        "allowance_id": ("保障金认定", "allowance"),
        "child_name": ("儿童姓名", "child's name"),
        "id_masked": ("身份证号", "ID number"),
        # campaigns
        "starts_on": ("开始日期", "first day"),
        "target": ("对象", "target"),
        "target_count": ("目标数", "target count"),
        "focus": ("重点提醒", "first reminders"),
        "risks": ("风险等级", "risk levels"),
        "targets": ("对象数", "on the list"),
        "goal": ("目标", "goal"),
        "reached": ("已覆盖", "reached"),
        "help_count": ("帮扶次数", "help given"),
        "by_community": ("各社区", "by community"),
    }
)

#: Kinds of record, for "no such …" (NotFound.what).
RECORDS = _ro(
    {
        "child": ("儿童", "child"),
        "household": ("家庭", "household"),
        "guardian": ("监护人", "guardian"),
        "visit": ("走访", "visit"),
        "follow_up": ("跟进事项", "follow-up"),
        "mandatory_report": ("强制报告", "mandatory report"),
        "notice_template": ("告知书模板", "notice template"),
        "attachment": ("附件", "attachment"),
        "unit": ("单位", "unit"),
        "user": ("用户", "user"),
        "device": ("设备", "device"),
        "conflict": ("冲突", "conflict"),
        "activity": ("活动", "activity"),
        "referral": ("转介", "referral"),
        "reexam_decision": ("复核结果", "re-examination decision"),
        "support_benefit": ("社会救助记录", "support record"),
        "care_agreement": ("委托照护协议", "entrusted-care agreement"),
        "allowance": ("保障金认定", "allowance"),
        "campaign": ("专项行动", "campaign"),
    }
)

#: What a role may not do (ScopeDenied "role_denied", `action`): Chinese verb phrase, English.
ACTIONS = _ro(
    {
        "add children": ("添加儿童", "add children"),
        "add units": ("添加单位", "add units"),
        "add users": ("添加用户", "add users"),
        "list users": ("查看用户", "list users"),
        "deactivate users": ("停用用户", "deactivate users"),
        "change store settings": ("修改数据库设置", "change store settings"),
        "export": ("导出数据包", "export packages"),
        "import": ("导入数据包", "import packages"),
        "revoke": ("吊销设备", "revoke devices"),
        "generate demo data": ("生成演示数据", "generate demo data"),
        "read case files": ("查看儿童档案", "read case files"),
        "read mandatory reports": ("查看强制报告", "read mandatory reports"),
        "record mandatory reports": ("登记强制报告", "record mandatory reports"),
        "record visits": ("记录走访", "record visits"),
        "review visits": ("审核走访", "review visits"),
        "set the centre's recovery key": ("设置区中心恢复密钥", "set the centre's recovery key"),
        "answer recovery requests": ("答复密码恢复申请", "answer recovery requests"),
        "import ledgers": ("导入台账", "import ledgers"),
        "rekey the store": ("更换数据库密钥", "rekey the store"),
        "backup": ("备份", "back up"),
        "restore": ("从备份恢复", "restore"),
        "move a store into the hub": ("将数据库迁入中心数据库", "move a store into the hub"),
        "export full ID numbers": ("导出完整身份证号", "export full ID numbers"),
        "do this": ("进行此操作", "do this"),
        "hand children over": ("移交儿童", "hand children over"),
        "manage allowances": ("办理保障金", "manage allowances"),
        "set allowance standards": ("设置保障金标准", "set allowance standards"),
        "manage campaigns": ("管理专项行动", "manage campaigns"),
    }
)


def _pick(words: Words, lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def word(value: StrEnum | None, lang: str = "zh") -> str:
    """The word for an enum value ("" for None); the raw value only for an enum not listed here,
    which the vocabulary test forbids."""
    if value is None:
        return ""
    table = _BY_ENUM.get(type(value))
    words = table.get(value) if table is not None else None
    return _pick(words, lang) if words is not None else str(value)


def lookup(table: Mapping[str, Words], key: str, lang: str = "zh") -> str | None:
    """The word for `key` in one of the tables above, or None when it has none."""
    words = table.get(key)
    return _pick(words, lang) if words is not None else None


def field(name: str, lang: str = "zh") -> str:
    """The word for a field name; the name itself only when the vocabulary lacks it (a test
    fails then)."""
    return lookup(FIELDS, name, lang) or name


_COLUMNS: dict[tuple[int, str], tuple[Mapping[str, Words], Mapping[str, str]]] = {}


def column(table: Mapping[str, Words], lang: str = "zh") -> Mapping[str, str]:
    """One language of a table above, as key → word (the printed documents read enum words this
    way). Built once per table and language: the tables are fixed for the process."""
    key = (id(table), "en" if lang == "en" else "zh")
    cached = _COLUMNS.get(key)
    if cached is not None and cached[0] is table:  # the id alone could be reused
        return cached[1]
    words = MappingProxyType({k: _pick(w, lang) for k, w in table.items()})
    _COLUMNS[key] = (table, words)
    return words


def yes_no(value: bool | None, lang: str = "zh") -> str:
    return _pick(TRISTATE[value], lang)


def enum_word(enum: type[StrEnum], raw: str, lang: str = "zh") -> str | None:
    """The word for a raw stored value of `enum`, or None when it is not one of its values."""
    try:
        return word(enum(raw), lang)
    except ValueError:
        return None
