"""Messages the core shows to people (CLI output, errors), in Simplified Chinese and English.

The window uses Qt Linguist for its own strings; errors raised by the core are phrased here so the
CLI and the GUI say the same sentence. Parameters never carry personal data.
"""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")

# key: (Chinese, English). Parameters in {braces}.
MESSAGES: dict[str, tuple[str, str]] = {
    "error": ("操作失败。", "The operation failed."),
    "usage": ("命令用法有误：{detail}", "Wrong command usage: {detail}"),
    "auth_failed": (
        "用户名或密码不正确。请检查后重试；忘记密码请使用恢复码或联系区未保中心。",
        "Wrong user name or password. Check and try again; if the password is forgotten, use the "
        "recovery code or ask the district centre.",
    ),
    "auth_throttled": (
        "密码错误次数过多，请等待 {seconds} 秒后再试。",
        "Too many wrong passwords. Wait {seconds} seconds before trying again.",
    ),
    "scope_denied": (
        "无权访问：该记录不在您负责的范围内，或您的角色不能进行此操作。",
        "Not allowed: the record is outside your units, or your role may not do this.",
    ),
    "role_denied": (
        "无权操作：您的角色（{role}）不能{action}。",
        "Not allowed: your role ({role}) may not {action}.",
    ),
    "invalid_input": (
        "输入有误：{field_label}：{problem_text}",
        "Invalid input: {field_label}: {problem_text}",
    ),
    "not_found": ("找不到{what}：{ref}", "No {what} found: {ref}"),
    "ambiguous": (
        "“{ref}”对应多条记录，请输入更长的编号。",
        "“{ref}” matches several records; give more of the id.",
    ),
    "store_problem": ("数据库出现问题。", "The store has a problem."),
    "store_is_locked": ("数据库已锁定，请重新解锁。", "The store is locked; unlock it again."),
    "store_locked": (
        "数据库正被另一个程序使用。请关闭另一个窗口或命令后重试。",
        "The store is in use by another program. Close the other window or command and try again.",
    ),
    "store_damaged": (
        "数据库文件已损坏或不是本程序的数据库。请从备份恢复（hexi-care restore）。",
        "The store file is damaged or is not a hexi-care store. Restore it from a backup (hexi-care restore).",
    ),
    "store_too_new": (
        "该数据库由更新版本的程序创建，请先升级本程序。",
        "The store was written by a newer version of the program; upgrade this program first.",
    ),
    "store_missing": (
        "找不到数据库：{path}。请先运行 hexi-care init。",
        "No store at {path}. Run hexi-care init first.",
    ),
    "store_exists": ("该位置已有数据库：{path}", "A store already exists at {path}"),
    "store_io": ("读写数据库时出错：{detail}", "Could not read or write the store: {detail}"),
    "disk_full": (
        "磁盘空间不足，未保存任何更改。请清理磁盘后重试。",
        "The disk is full; nothing was saved. Free some space and try again.",
    ),
    "bad_package": (
        "数据包无法导入：{reason_text}",
        "The package cannot be imported: {reason_text}",
    ),
    "bug": (
        "程序内部错误（已记录到日志 {log}）。您的数据未丢失，请将日志交给技术支持。",
        "Internal error (written to the log {log}). Your data is safe; please send the log to support.",
    ),
    # -- field labels ------------------------------------------------------------------------
    "field.name": ("姓名", "name"),
    "field.id_number": ("身份证号", "ID number"),
    "field.birth_date": ("出生日期", "birth date"),
    "field.sex": ("性别", "sex"),
    "field.community": ("所属社区", "community"),
    "field.household_id": ("家庭", "household"),
    "field.categories": ("儿童类别", "categories"),
    "field.category": ("儿童类别", "category"),
    "field.visit_date": ("走访日期", "visit date"),
    "field.next_visit_date": ("下次走访日期", "next visit date"),
    "field.child_id": ("儿童", "child"),
    "field.kind": ("类型", "kind"),
    "field.status": ("状态", "status"),
    "field.role": ("角色", "role"),
    "field.unit": ("单位", "unit"),
    "field.password": ("密码", "password"),
    "field.user": ("用户", "user"),
    "field.json": ("输入的 JSON", "JSON input"),
    "field.rating": ("评价", "rating"),
    "field.date": ("日期", "date"),
    "field.amount": ("金额", "amount"),
    "field.items": ("件数", "items"),
    "field.relationship": ("关系", "relationship"),
    "field.situation": ("情况", "situation"),
    "field.start_date": ("开始日期", "start date"),
    "field.end_date": ("结束日期", "end date"),
    "field.risk": ("风险等级", "risk level"),
    "field.attachment": ("附件", "attachment"),
    "field.due_date": ("截止日期", "due date"),
    "field.found_at": ("发现时间", "time found"),
    "field.reported_at": ("报告时间", "time reported"),
    "field.trigger": ("报告情形", "trigger"),
    "field.parent": ("上级单位", "parent unit"),
    "field.visit_time": ("走访时间", "visit time"),
    "field.template": ("告知书模板", "notice template"),
    # -- problems ----------------------------------------------------------------------------
    "problem.required": ("必填，请填写。", "is required."),
    "problem.too_long": ("太长（最多 {max} 个字）。", "is too long (at most {max} characters)."),
    "problem.bad_date": (
        "日期格式应为 YYYY-MM-DD，例如 2024-01-31。",
        "must be a date as YYYY-MM-DD, e.g. 2024-01-31.",
    ),
    "problem.future_date": ("不能晚于今天。", "cannot be in the future."),
    "problem.before_birth": ("不能早于出生日期。", "cannot be before the birth date."),
    "problem.end_before_start": (
        "结束日期不能早于开始日期。",
        "the end cannot be before the start.",
    ),
    "problem.choice": ("只能是以下之一：{choices}", "must be one of: {choices}"),
    "problem.id_empty": ("为空。", "is empty."),
    "problem.id_length": (
        "应为 18 位（最后一位可以是 X）。",
        "must have 18 characters (the last may be X).",
    ),
    "problem.id_characters": (
        "只能包含数字，最后一位可以是 X。",
        "may contain only digits, and X as the last character.",
    ),
    "problem.id_checksum": (
        "校验位不对，请核对每一位数字。",
        "the check character is wrong; check every digit.",
    ),
    "problem.id_birth_date_invalid": (
        "其中的出生日期不存在。",
        "contains a birth date that does not exist.",
    ),
    "problem.id_birth_date_future": (
        "其中的出生日期晚于今天。",
        "contains a birth date in the future.",
    ),
    "problem.id_birth_date_mismatch": (
        "其中的出生日期（{expected}）与填写的出生日期（{actual}）不一致。",
        "contains the birth date {expected}, but {actual} was entered.",
    ),
    "problem.id_sex_mismatch": (
        "其中的性别与填写的性别不一致。",
        "does not agree with the sex entered.",
    ),
    "problem.not_a_community": ("必须是一个社区。", "must be a community."),
    "problem.unknown": ("不存在：{value}", "does not exist: {value}"),
    "problem.duplicate": ("已存在：{value}", "already exists: {value}"),
    "problem.not_number": ("应为数字。", "must be a number."),
    "problem.not_text": ("应为文字（JSON 字符串）。", "must be text (a JSON string)."),
    "problem.not_bool": ("应为 true 或 false。", "must be true or false."),
    "problem.not_list": ("应为列表（JSON 数组）。", "must be a list (a JSON array)."),
    "problem.negative": ("不能为负数。", "cannot be negative."),
    "problem.too_big": ("超过上限（{max}）。", "is over the limit ({max})."),
    "problem.bad_json": ("不是有效的 JSON：{detail}", "is not valid JSON: {detail}"),
    "problem.not_editable": (
        "该走访已提交，不能再修改。",
        "the visit was submitted and can no longer be changed.",
    ),
    "problem.bad_state": (
        "当前状态（{status}）不能进行此操作。",
        "cannot be done in the current state ({status}).",
    ),
    "problem.weak_password": (
        "密码至少需要 {min} 个字符。",
        "must have at least {min} characters.",
    ),
    "problem.bad_time": ("时间格式应为 HH:MM。", "must be a time as HH:MM."),
    # -- CLI ---------------------------------------------------------------------------------
    "cli.password": ("密码：", "Password: "),
    "cli.new_password": ("新密码：", "New password: "),
    "cli.new_password_for": ("用户 {name} 的密码：", "Password for {name}: "),
    "cli.repeat_password": ("再次输入密码：", "Repeat the password: "),
    "cli.passwords_differ": ("两次输入的密码不一致。", "The two passwords differ."),
    "cli.recovery_code": ("恢复码：", "Recovery code: "),
    "cli.created": ("已创建数据库：{path}", "Store created: {path}"),
    "cli.recovery_notice": (
        "恢复码（只显示这一次，请打印或抄写后锁好保存；忘记所有密码时可用它设置新密码）：",
        "Recovery code (shown only this once: print or copy it and keep it locked away; it sets a new "
        "password when every password is forgotten):",
    ),
    "cli.user_added": (
        "已添加用户 {name}（{role}，{unit}）。",
        "User {name} added ({role}, {unit}).",
    ),
    "cli.password_changed": ("已修改 {name} 的密码。", "Password of {name} changed."),
    "cli.unit_added": ("已添加 {name}。", "{name} added."),
    "cli.child_added": ("已添加儿童 {id}。", "Child {id} added."),
    "cli.visit_added": ("已添加走访 {id}。", "Visit {id} added."),
    "cli.audit_ok": (
        "审计记录完整：共 {events} 条，无篡改。",
        "Audit trail intact: {events} events, none altered.",
    ),
    "cli.audit_bad": ("审计记录被改动：", "The audit trail was altered:"),
    "cli.backup_done": ("已备份到 {path}", "Backed up to {path}"),
    "cli.restore_done": (
        "已从备份恢复。原数据库保存在 {path}",
        "Restored from the backup. The previous store is kept at {path}",
    ),
    "cli.restore_done_new": ("已从备份恢复。", "Restored from the backup."),
    "cli.check_ok": (
        "数据库完好（SQLite 与加密校验均通过）。",
        "The store is healthy (SQLite and cipher checks passed).",
    ),
    "cli.check_bad": ("数据库检查发现问题：", "The store check found problems:"),
    "cli.demo_done": (
        "已生成演示数据：{children} 名儿童、{households} 户、{visits} 次走访。",
        "Demo data created: {children} children, {households} households, {visits} visits.",
    ),
    "cli.waiting": ("请等待 {seconds} 秒……", "Waiting {seconds} seconds…"),
    "cli.no_results": ("没有符合条件的记录。", "No matching records."),
    "cli.recovered": (
        "已用恢复码为 {name} 设置新密码。",
        "New password set for {name} with the recovery code.",
    ),
    "cli.interrupted": ("已中断。", "Interrupted."),
    "cli.report_written": ("已生成：{path}", "Written: {path}"),
    "field.out": ("输出文件", "output file"),
    "field.household": ("家庭", "household"),
}


def render(key: str, lang: str = "zh", **params: Any) -> str:
    """The message for `key` in `lang`, with parameters filled in (and field/problem expanded)."""
    idx = 1 if lang == "en" else 0
    template = MESSAGES.get(key, (key, key))[idx]
    values = dict(params)
    if "field" in values and "field_label" not in values:
        values["field_label"] = MESSAGES.get(f"field.{values['field']}", (values["field"],) * 2)[
            idx
        ]
    if "problem" in values and "problem_text" not in values:
        values["problem_text"] = render(
            f"problem.{values['problem']}", lang, **_without(values, "problem", "field")
        )
    if "reason" in values and "reason_text" not in values:
        values["reason_text"] = render(
            f"package.{values['reason']}", lang, **_without(values, "reason")
        )
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _without(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}


def t(key: str, lang: str = "zh", **params: Any) -> str:
    return render(key, lang, **params)
