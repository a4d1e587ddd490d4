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


# -- English ------------------------------------------------------------------------------------
# The same notices in English, item for item, for documents printed with --lang en. A store's own
# (edited) templates are data and print as written.

_FIRE_EN = "Fire, electricity and gas"
_TRAFFIC_EN = "Road safety"
_DROWNING_EN = "Drowning"
_FOOD_EN = "Food hygiene"
_SELF_PROTECTION_EN = "Protecting oneself"
_ONLINE_EN = "Online safety"
_MENTAL_EN = "The child's mental health"
_DUTY_EN = "The guardian's duty of care"

_FIRE_ITEMS_EN = [
    "Teach the child not to play with fire or set off fireworks alone; keep lighters and matches "
    "out of reach.",
    "Check wiring and sockets regularly; no makeshift wiring, no overloaded sockets.",
    "Keep heaters and electric blankets away from bedding and clothes; switch them off when "
    "leaving or going to sleep.",
    "Ventilate when heating with coal or gas or using a gas water heater (carbon monoxide); close "
    "the gas valve after use.",
    "Do not bring electric bicycles or their batteries into stairwells or homes to charge.",
    "Teach the child to leave at once and call 119 in a fire, not to take the lift or go back for "
    "belongings.",
]
_FIRE_WINTER_EXTRA_EN = (
    "With doors and windows shut in winter, ventilate all the more; no coal stove in a bedroom; "
    "fit a carbon monoxide alarm."
)
_TRAFFIC_ITEMS_EN = [
    "Children under 12 may not cycle on roads; children under 16 may not ride electric bicycles.",
    "No overloaded or unlicensed vehicles; wear seat belts; small children use child car seats.",
    "Teach the child to use pavements and crossings, not to chase about on the road or climb "
    "railings.",
]
_DROWNING_ITEMS_EN = [
    "Keep the six rules: no swimming alone; no swimming with friends without permission; no "
    "swimming without a parent or teacher; no swimming where there is no safety equipment or "
    "lifeguard; no swimming in unfamiliar water; children who cannot swim must not go in to "
    "rescue others.",
    "Parents know four things: where the child is, with whom, doing what, and when they will be "
    "home.",
    "If someone falls into the water, shout for help and call 110 or 120; do not jump in.",
]
_DROWNING_SUMMER_EXTRA_EN = (
    "In the summer heat keep away from rivers, lakes, reservoirs, ponds and flooded ground after "
    "rain."
)
_DROWNING_WINTER_EXTRA_EN = (
    "In winter do not skate or play on ice outside open rinks, and do not linger by rivers and "
    "lakes."
)
_FOOD_ITEMS_EN = [
    "Do not buy or eat unlabelled, expired or spoiled food, wild mushrooms or wild greens.",
    "Wash hands under running water before meals, after the toilet and after coming home; keep "
    "raw and cooked food apart.",
    "Refrigerate leftovers at once and heat them through before eating.",
]
_FOOD_SUMMER_EXTRA_EN = "In summer eat little cold raw food, drink no unboiled water, keep cool."
_SELF_PROTECTION_ITEMS_EN = [
    "Teach the child not to go with strangers, accept food or gifts from them, or open the door "
    "to them.",
    "Warn the child about fraud and trafficking; in danger, ask the police, a guard or another "
    "adult for help.",
    "Teach the child that private parts are private: refuse improper touching, leave and tell a "
    "parent or teacher.",
    "Make sure the child knows the parents' phone number and the home address, and to call 110, "
    "119 or 120 in an emergency.",
]
_ONLINE_ITEMS_EN = [
    "Agree on times for going online and playing games, so the child does not get addicted.",
    "Watch what the child looks at online; keep violence, pornography and other harmful content "
    "away.",
    "Teach the child not to give away personal or family details, add strangers or meet online "
    "friends alone.",
    "Beware of online fraud: the child may not pay, top up or tip online on their own.",
]
_MENTAL_ITEMS_EN = [
    "Spend time with the child, talk, and notice changes in mood and behaviour.",
    "If the child is low for a long time, refuses school or talks of or does self-harm, tell the "
    "community's children's director or the school at once and seek professional help early.",
    "Do not beat, scold harshly or punish the child physically; guide the child the right way.",
]
_DUTY_ITEMS_EN = [
    "Parents are the child's first guardians and must fulfil their duties by law.",
    "No child under 16 may live alone without a guardian; no child under 8 may be left without "
    "anyone to look after them.",
    "Parents working away entrust the child to a capable adult, sign an entrusted-care agreement "
    "and keep in regular contact with the child.",
    "Tell the community's children's director when the family's situation, phone number or "
    "address changes.",
]


def _english(code: str) -> NoticeTemplate:
    if code == "winter":
        return NoticeTemplate(
            code="winter",
            version=1,
            title="Guardian-responsibility notice for the winter holiday",
            intro=(
                "The winter holiday is coming: children spend long days at home, and fire, "
                "electricity, gas and ice bring more risks. So that your child has a safe, healthy "
                "and happy holiday, please fulfil your duties as guardian and do the following:"
            ),
            themes=[
                (
                    _FIRE_EN,
                    [*_FIRE_ITEMS_EN[:4], _FIRE_WINTER_EXTRA_EN, *_FIRE_ITEMS_EN[4:]],
                ),
                (_DROWNING_EN, [_DROWNING_WINTER_EXTRA_EN, *_DROWNING_ITEMS_EN]),
                (_TRAFFIC_EN, list(_TRAFFIC_ITEMS_EN)),
                (_FOOD_EN, list(_FOOD_ITEMS_EN)),
                (_SELF_PROTECTION_EN, list(_SELF_PROTECTION_ITEMS_EN)),
                (_ONLINE_EN, list(_ONLINE_ITEMS_EN)),
                (_MENTAL_EN, list(_MENTAL_ITEMS_EN)),
                (_DUTY_EN, list(_DUTY_ITEMS_EN)),
            ],
        )
    if code == "summer":
        return NoticeTemplate(
            code="summer",
            version=1,
            title="Guardian-responsibility notice for the summer holiday",
            intro=(
                "The summer holiday is when most drownings and other accidents happen. So that "
                "your child has a safe, healthy and happy holiday, please fulfil your duties as "
                "guardian and do the following:"
            ),
            themes=[
                (
                    _DROWNING_EN,
                    [*_DROWNING_ITEMS_EN[:1], _DROWNING_SUMMER_EXTRA_EN, *_DROWNING_ITEMS_EN[1:]],
                ),
                (_TRAFFIC_EN, list(_TRAFFIC_ITEMS_EN)),
                (_FIRE_EN, list(_FIRE_ITEMS_EN)),
                (_FOOD_EN, [*_FOOD_ITEMS_EN, _FOOD_SUMMER_EXTRA_EN]),
                (_SELF_PROTECTION_EN, list(_SELF_PROTECTION_ITEMS_EN)),
                (_ONLINE_EN, list(_ONLINE_ITEMS_EN)),
                (_MENTAL_EN, list(_MENTAL_ITEMS_EN)),
                (_DUTY_EN, list(_DUTY_ITEMS_EN)),
            ],
        )
    return NoticeTemplate(
        code="general",
        version=1,
        title="Guardian-responsibility notice",
        intro=(
            "To protect the rights of minors, the Law on the Protection of Minors and other rules "
            "require parents and other guardians to fulfil their duties as guardians. Please read "
            "the following carefully and do what it asks:"
        ),
        themes=[
            (_DUTY_EN, list(_DUTY_ITEMS_EN)),
            (_FIRE_EN, list(_FIRE_ITEMS_EN)),
            (_TRAFFIC_EN, list(_TRAFFIC_ITEMS_EN)),
            (_DROWNING_EN, list(_DROWNING_ITEMS_EN)),
            (_FOOD_EN, list(_FOOD_ITEMS_EN)),
            (_SELF_PROTECTION_EN, list(_SELF_PROTECTION_ITEMS_EN)),
            (_ONLINE_EN, list(_ONLINE_ITEMS_EN)),
            (_MENTAL_EN, list(_MENTAL_ITEMS_EN)),
        ],
    )


def in_language(template: NoticeTemplate, lang: str) -> NoticeTemplate:
    """`template` for a document in `lang`: a built-in template, unchanged, in English when asked;
    anything else (Chinese, or a locality's own wording) as it is."""
    if lang != "en":
        return template
    builtin = builtin_templates().get(template.code)
    if builtin is None or _wording(builtin) != _wording(template):
        return template
    return _english(template.code)


def _wording(t: NoticeTemplate) -> tuple[object, ...]:
    return (t.version, t.title, t.intro, [(theme, list(items)) for theme, items in t.themes])
