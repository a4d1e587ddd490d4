"""The built-in 监护责任告知书 templates (winter holiday, summer holiday, general), version 1.

These are data: the store keeps versioned templates (model.NoticeTemplate) and seeds them from
here; a locality edits its own copies. Themes and items follow DOMAIN.md "Guardian-responsibility
notice"; the summer version puts drowning first, the winter version fire, gas and CO first.
"""

from __future__ import annotations

from hexi_care.domain.model import NoticeTemplate

FIRE = "用火用电用气安全"
TRAFFIC = "交通安全"
DROWNING = "防溺水"
FOOD = "食品卫生安全"
SELF_PROTECTION = "自我防护意识"
ONLINE = "网络安全"
MENTAL = "孩子心理健康"
DUTY = "监护主体责任"

_FIRE_ITEMS = [
    "教育孩子不玩火、不私自燃放烟花爆竹，打火机、火柴放在孩子拿不到的地方。",
    "定期检查家中电线、插座，不私拉乱接电线，插座不超负荷使用。",
    "取暖器、电热毯远离被褥、衣物等可燃物，人离开或睡觉时断电。",
    "使用燃煤、燃气取暖或热水器时保持通风，谨防一氧化碳中毒；用完及时关闭燃气阀门。",
    "电动自行车及其电池不进楼道、不入户充电。",
    "教会孩子发生火情时立即撤离并拨打119，不乘电梯、不贪恋财物。",
]
_FIRE_WINTER_EXTRA = "冬季门窗紧闭时更要注意通风，煤炉不放卧室，安装一氧化碳报警器。"

_TRAFFIC_ITEMS = [
    "不满12周岁的儿童不得在道路上骑自行车，不满16周岁的儿童不得驾驶电动自行车。",
    "不乘坐超载车辆和无牌无证车辆，乘车系好安全带，幼儿使用儿童安全座椅。",
    "教育孩子走人行道、过人行横道，不在马路上追逐打闹，不翻越护栏。",
]

_DROWNING_ITEMS = [
    "严格落实防溺水“六不”：不私自下水游泳；不擅自与他人结伴游泳；"
    "不在无家长或教师带领的情况下游泳；不到无安全设施、无救援人员的水域游泳；"
    "不到不熟悉的水域游泳；不熟悉水性的学生不擅自下水施救。",
    "家长做到“四知道”：知道孩子去哪里、和谁在一起、做什么、什么时候回家。",
    "发现有人落水，应大声呼救并拨打110、120，不盲目下水施救。",
]
_DROWNING_SUMMER_EXTRA = "暑期天热，河道、湖泊、水库、坑塘等危险水域不要靠近，雨后积水处也要远离。"
_DROWNING_WINTER_EXTRA = "冬季不在冰面上滑冰、玩耍，不到未开放的冰场，不在河湖边逗留。"

_FOOD_ITEMS = [
    "不购买、不食用“三无”食品和过期变质食品，不采食野生蘑菇和野菜。",
    "饭前便后、外出回家后用流动水洗手，生熟食物分开存放和加工。",
    "剩饭剩菜及时冷藏，食用前彻底加热。",
]
_FOOD_SUMMER_EXTRA = "夏季少吃生冷食物，不喝生水，注意防暑降温。"

_SELF_PROTECTION_ITEMS = [
    "教育孩子不跟陌生人走，不接受陌生人的食物、礼物，不给陌生人开门。",
    "提醒孩子警惕诈骗和拐卖，遇到危险时向警察、保安或其他成年人求助。",
    "教导孩子保护身体隐私部位，遇到不当接触要拒绝、离开并告诉家长或老师。",
    "让孩子记住家长电话和家庭住址，知道紧急情况拨打110、119、120。",
]

_ONLINE_ITEMS = [
    "约定孩子上网和玩游戏的时间，防止沉迷网络。",
    "关注孩子浏览的内容，防止接触暴力、色情等有害信息。",
    "教育孩子不在网上泄露个人和家庭信息，不随意添加陌生网友、不私自与网友见面。",
    "警惕网络诈骗，孩子不得私自进行网络支付、充值、打赏。",
]

_MENTAL_ITEMS = [
    "多陪伴、多交流，留意孩子情绪和行为的变化。",
    "发现孩子长期情绪低落、不愿上学、有自伤言行等情况，及时告知社区儿童主任或学校，尽早寻求专业帮助。",
    "不打骂、不体罚孩子，用正确的方法教育引导。",
]

_DUTY_ITEMS = [
    "父母是孩子的第一监护人，应依法履行监护职责。",
    "不得让不满16周岁的未成年人脱离监护单独居住生活，不得让不满8周岁的儿童处于无人看护状态。",
    "父母外出务工的，应委托有能力的成年人照护，签订委托照护协议，并定期与孩子联系。",
    "家庭情况、联系电话、住址发生变化时，及时告知社区儿童主任。",
]


def winter_template() -> NoticeTemplate:
    return NoticeTemplate(
        code="winter",
        version=1,
        title="寒假期间监护责任告知书",
        intro=(
            "寒假将至，孩子在家时间长，冬季用火用电用气、冰面活动等安全风险增多。为保障孩子"
            "度过一个安全、健康、快乐的假期，请您认真履行监护职责，做好以下事项："
        ),
        themes=[
            (FIRE, [*_FIRE_ITEMS[:4], _FIRE_WINTER_EXTRA, *_FIRE_ITEMS[4:]]),
            (DROWNING, [_DROWNING_WINTER_EXTRA, *_DROWNING_ITEMS]),
            (TRAFFIC, list(_TRAFFIC_ITEMS)),
            (FOOD, list(_FOOD_ITEMS)),
            (SELF_PROTECTION, list(_SELF_PROTECTION_ITEMS)),
            (ONLINE, list(_ONLINE_ITEMS)),
            (MENTAL, list(_MENTAL_ITEMS)),
            (DUTY, list(_DUTY_ITEMS)),
        ],
    )


def summer_template() -> NoticeTemplate:
    return NoticeTemplate(
        code="summer",
        version=1,
        title="暑假期间监护责任告知书",
        intro=(
            "暑假期间是溺水等意外事故的高发期。为保障孩子度过一个安全、健康、快乐的假期，"
            "请您认真履行监护职责，做好以下事项："
        ),
        themes=[
            (DROWNING, [*_DROWNING_ITEMS[:1], _DROWNING_SUMMER_EXTRA, *_DROWNING_ITEMS[1:]]),
            (TRAFFIC, list(_TRAFFIC_ITEMS)),
            (FIRE, list(_FIRE_ITEMS)),
            (FOOD, [*_FOOD_ITEMS, _FOOD_SUMMER_EXTRA]),
            (SELF_PROTECTION, list(_SELF_PROTECTION_ITEMS)),
            (ONLINE, list(_ONLINE_ITEMS)),
            (MENTAL, list(_MENTAL_ITEMS)),
            (DUTY, list(_DUTY_ITEMS)),
        ],
    )


def general_template() -> NoticeTemplate:
    return NoticeTemplate(
        code="general",
        version=1,
        title="监护责任告知书",
        intro=(
            "为保护未成年人的合法权益，根据《中华人民共和国未成年人保护法》等规定，父母或者其他"
            "监护人应当依法履行监护职责。请您认真阅读并做好以下事项："
        ),
        themes=[
            (DUTY, list(_DUTY_ITEMS)),
            (FIRE, list(_FIRE_ITEMS)),
            (TRAFFIC, list(_TRAFFIC_ITEMS)),
            (DROWNING, list(_DROWNING_ITEMS)),
            (FOOD, list(_FOOD_ITEMS)),
            (SELF_PROTECTION, list(_SELF_PROTECTION_ITEMS)),
            (ONLINE, list(_ONLINE_ITEMS)),
            (MENTAL, list(_MENTAL_ITEMS)),
        ],
    )


def builtin_templates() -> dict[str, NoticeTemplate]:
    """The three built-in templates by code (fresh objects: callers may change them)."""
    return {t.code: t for t in (winter_template(), summer_template(), general_template())}
