"""Enumerations of the field: roles, org-unit kinds, categories, parents' situations, visit states.

Values are stable strings: they are stored in the database, travel in exchange packages and appear
in the command line's JSON, so they are never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    DISTRICT = "district"  # 区
    STREET = "street"  # 街道
    COMMUNITY = "community"  # 社区 / 村


class Role(StrEnum):
    DIRECTOR = "director"  # 儿童主任: one community
    STREET_SUPERVISOR = "street_supervisor"  # 儿童督导员: one street
    CENTRE_SUPERVISOR = "centre_supervisor"  # 区未保中心: the district
    ADMIN = "admin"  # users and keys; no case reading


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class CategoryCode(StrEnum):
    """Built-in category codes. The list of categories is data (table category_def); these are the
    ones the rules know about."""

    ORPHAN_SCATTERED = "orphan_scattered"  # 散居孤儿
    ORPHAN_INSTITUTION = "orphan_institution"  # 集中养育孤儿
    NO_DE_FACTO_CARER = "no_de_facto_carer"  # 事实无人抚养儿童
    DIFFICULTY_POVERTY = "difficulty_poverty"  # 困境儿童: 贫困家庭儿童
    DIFFICULTY_DISABILITY = "difficulty_disability"  # 困境儿童: 重病重残儿童
    DIFFICULTY_GUARDIANSHIP = "difficulty_guardianship"  # 困境儿童: 监护缺失或不当
    DIFFICULTY_PRISONER_CHILD = "difficulty_prisoner_child"  # 困境儿童: 服刑人员子女
    DIFFICULTY_ABUSED = "difficulty_abused"  # 困境儿童: 受虐待儿童
    LEFT_BEHIND = "left_behind"  # 留守儿童


class Relationship(StrEnum):
    FATHER = "father"
    MOTHER = "mother"
    GRANDFATHER = "grandfather"
    GRANDMOTHER = "grandmother"
    SIBLING = "sibling"
    RELATIVE = "relative"
    ENTRUSTED = "entrusted"  # 受委托照护人 (not a relative)
    OTHER = "other"


class SituationKind(StrEnum):
    """A parent's situation (DOMAIN.md list S, plus death and declared missing)."""

    DECEASED = "deceased"  # 死亡
    DECLARED_MISSING = "declared_missing"  # 宣告失踪
    SEVERE_DISABILITY = "severe_disability"  # 重残
    SERIOUS_ILLNESS = "serious_illness"  # 重病
    IMPRISONED = "imprisoned"  # 服刑在押 (≥ 6 months)
    COMPULSORY_REHAB = "compulsory_rehab"  # 强制隔离戒毒 (≥ 6 months)
    OTHER_RESTRAINT = "other_restraint"  # 被执行其他限制人身自由的措施 (≥ 6 months)
    LOST_CONTACT = "lost_contact"  # 失联 (≥ 6 months since the police accepted the report)
    GUARDIANSHIP_REVOKED = "guardianship_revoked"  # 被撤销监护资格
    DEPORTED = "deported"  # 被遣送（驱逐）出境
    WORKING_AWAY = "working_away"  # 外出务工 (for 留守儿童)
    NOT_FOUND = "not_found"  # 查找不到 (birth parent cannot be found, certified)


class VisitKind(StrEnum):
    ROUTINE = "routine"  # 定期走访
    CAMPAIGN = "campaign"  # 寒假/暑假/节日慰问
    FOLLOW_UP = "follow_up"  # 跟进
    EMERGENCY = "emergency"  # 紧急


class VisitStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewDecision(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"


class Rating(StrEnum):
    """Default four-step scale for sections 4–8 of a visit (the scale labels are configurable)."""

    GOOD = "good"  # 良好
    FAIR = "fair"  # 一般
    POOR = "poor"  # 较差
    SERIOUS = "serious"  # 严重问题


class SafetyTopic(StrEnum):
    """The seed's guardian-duty list."""

    FIRE_ELECTRICITY_GAS = "fire_electricity_gas"  # 用火用电用气安全
    TRAFFIC = "traffic"  # 交通安全
    DROWNING = "drowning"  # 防溺水
    FOOD_HYGIENE = "food_hygiene"  # 食品卫生
    SELF_PROTECTION = "self_protection"  # 自我防护意识
    ONLINE = "online"  # 网络安全
    MENTAL_HEALTH = "mental_health"  # 孩子心理健康
    GUARDIANSHIP_DUTY = "guardianship_duty"  # 监护主体责任


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class ReportTrigger(StrEnum):
    """The nine mandatory-reporting triggers (2020 强制报告 opinion) plus domestic violence."""

    PRIVATE_PARTS_INJURY = "private_parts_injury"
    GIRL_UNDER14_ASSAULT_PREGNANCY = "girl_under14_assault_pregnancy"
    GIRL_14PLUS_PREGNANT_ASSAULT = "girl_14plus_pregnant_assault"
    MULTIPLE_INJURIES_ABUSE = "multiple_injuries_abuse"
    ABNORMAL_INJURY_OR_DEATH = "abnormal_injury_or_death"
    ABANDONED = "abandoned"
    MISSING_TRAFFICKED = "missing_trafficked"
    ORGANISED_BEGGING = "organised_begging"
    OTHER_SERIOUS_HARM = "other_serious_harm"
    DOMESTIC_VIOLENCE = "domestic_violence"


class ReportStatus(StrEnum):
    OPEN = "open"  # reported, awaiting feedback
    CLOSED = "closed"


class ReexamKind(StrEnum):
    """Why a child's case needs a re-examination decision (复核/核查; domain/reexamination.py)."""

    SITUATION_ENDED = "situation_ended"
    EXPECTED_END_PASSED = "expected_end_passed"
    TURNS_16 = "turns_16"
    TURNS_18 = "turns_18"
    CATEGORY_UNSUPPORTED = "category_unsupported"
    CATEGORY_SUGGESTED = "category_suggested"
    ANNUAL_REVIEW = "annual_review"
    EVIDENCE_EXPIRY = "evidence_expiry"


class ReexamDecision(StrEnum):
    """What was decided on a re-examination reason."""

    CONFIRMED = "confirmed"  # the case stays as it is (复核通过)
    CHANGED = "changed"  # the categories were changed in the child file
    NOT_APPLICABLE = "not_applicable"  # the reason does not apply (wrong data, already handled)


class RedFlag(StrEnum):
    """A visit answer that calls for a mandatory report on the spot (domain/reporting.py)."""

    ALONE_UNDER16 = "alone_under16"  # 未满16周岁独居
    UNATTENDED_UNDER8 = "unattended_under8"  # 未满8周岁无人看护
    SAFETY_POOR = "safety_poor"  # 居住环境与安全评为差
    INJURY_NOTE = "injury_note"  # 身体状况记有伤情


class SupportKind(StrEnum):
    """Social support a child or family receives (DOMAIN.md "Support a family may receive")."""

    DIBAO = "dibao"  # 最低生活保障 (低保)
    TEKUN = "tekun"  # 特困人员救助供养
    DIBAO_EDGE = "dibao_edge"  # 低保边缘
    MEDICAL_AID = "medical_aid"  # 医疗救助
    EDUCATION_AID = "education_aid"  # 教育资助
    DISABILITY_LIVING = "disability_living"  # 困难残疾人生活补贴
    DISABILITY_NURSING = "disability_nursing"  # 重度残疾人护理补贴
    TEMPORARY = "temporary"  # 临时救助


class CareSetting(StrEnum):
    """Where a child receiving 基本生活保障金 lives: the standard differs."""

    COMMUNITY = "community"  # 社会散居
    INSTITUTION = "institution"  # 机构集中养育


class AllowanceStage(StrEnum):
    """Where a recognition stands: 申请 → 查验 (street) → 确认 (district), then paid, suspended or
    stopped."""

    APPLIED = "applied"
    CHECKED = "checked"
    CONFIRMED = "confirmed"
    SUSPENDED = "suspended"
    STOPPED = "stopped"


class CampaignKind(StrEnum):
    WINTER = "winter"  # 寒假
    SUMMER = "summer"  # 暑假 (drowning first)
    SPRING_FESTIVAL = "spring_festival"  # 春节慰问
    MID_AUTUMN = "mid_autumn"  # 中秋慰问
    OTHER = "other"  # any named drive


class CampaignTarget(StrEnum):
    HOUSEHOLDS = "households"
    CHILDREN = "children"


class CampaignState(StrEnum):
    """Where a campaign stands on a day: not begun, under way, over (or ended early)."""

    UPCOMING = "upcoming"
    OPEN = "open"
    OVER = "over"
