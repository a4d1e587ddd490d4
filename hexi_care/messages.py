"""Messages the core shows to people (CLI output, errors), in Simplified Chinese and English.

The window uses Qt Linguist for its own strings; errors raised by the core are phrased here so the
CLI and the GUI say the same sentence. Parameters never carry personal data. Words for fields,
roles, record kinds, actions and statuses inside a message come from hexi_care.vocabulary.
"""

from __future__ import annotations

from typing import Any

from hexi_care import vocabulary
from hexi_care.domain.enums import Role, VisitStatus

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
    "problem.needed_to_submit": ("提交审核前必须填写。", "is needed before submitting."),
    "submit_incomplete": (
        "还不能提交审核：请先填写{needed_labels}。草稿可以随时保存。",
        "Cannot submit for review yet: fill in {needed_labels} first. A draft can be saved any time.",
    ),
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
    # -- exchange (hexi_care.sync) -------------------------------------------------------------
    "package.not_a_package": (
        "这不是 hexi-care 数据包。",
        "this is not a hexi-care package.",
    ),
    "package.enrol_file": (
        "这是设备登记文件，不是数据包。请用 hexi-care device enrol / device accept 处理。",
        "this is an enrolment file, not a package. Use hexi-care device enrol / device accept.",
    ),
    "package.not_an_enrol_request": (
        "这不是设备登记申请文件。",
        "this is not an enrolment request.",
    ),
    "package.not_an_enrol_reply": (
        "这不是区中心的登记答复文件。",
        "this is not the centre's enrolment reply.",
    ),
    "package.missing_file": ("找不到该文件。", "the file does not exist."),
    "package.unreadable": ("无法读取该文件。", "the file cannot be read."),
    "package.truncated": (
        "文件不完整（可能复制时中断）。请重新复制或让对方重新导出。",
        "the file is incomplete (perhaps a copy was interrupted). Copy it again or ask for a new export.",
    ),
    "package.damaged": (
        "文件已损坏或被改动。请让对方重新导出。",
        "the file is damaged or was altered. Ask the sender to export it again.",
    ),
    "package.too_new": (
        "该文件由更新版本的程序生成，请先升级本程序。",
        "the file was made by a newer version of the program; upgrade this program first.",
    ),
    "package.too_big": (
        "文件内容超过大小上限，已拒绝（可能是恶意文件）。",
        "the content is over the size limit and was refused (the file may be malicious).",
    ),
    "package.wrong_recipient": (
        "该数据包是发给另一台设备的，不是本机。",
        "the package is addressed to another device, not this one.",
    ),
    "package.unknown_sender": (
        "发送设备未在本机登记。请先完成设备登记（hexi-care device enrol / accept）。",
        "the sending device is not enrolled here. Enrol it first (hexi-care device enrol / accept).",
    ),
    "package.revoked_sender": (
        "发送设备（{peer}）已被吊销，不再接受它的数据。",
        "the sending device ({peer}) was revoked; its data is no longer accepted.",
    ),
    "package.bad_signature": (
        "签名不符：文件被改动过，或并非来自登记的设备。",
        "the signature does not match: the file was altered or does not come from the enrolled device.",
    ),
    "package.replayed": (
        "这个数据包（{peer} 的第 {seq} 号）已经导入过，本次未做任何更改。",
        "this package (no. {seq} from {peer}) was imported before; nothing was changed.",
    ),
    "package.incomplete": (
        "数据包共 {count} 个文件，缺少第 {missing} 个。请把所有文件放在同一个文件夹中再导入。",
        "the package has {count} files and part(s) {missing} are missing. Put all of them in one folder and import again.",
    ),
    "package.mismatch": (
        "数据包内容与其清单不符，已拒绝。请让对方重新导出。",
        "the package content does not match its manifest and was refused. Ask the sender to export again.",
    ),
    "package.malformed": (
        "数据包中的记录格式有误，已拒绝。请让对方重新导出。",
        "records in the package are malformed and were refused. Ask the sender to export again.",
    ),
    "package.out_of_scope": (
        "数据包含有超出该设备负责范围的记录，已全部拒绝。",
        "the package holds records outside the device's units; all of it was refused.",
    ),
    "package.inconsistent": (
        "数据包引用了本机没有的记录，已拒绝。请先导入对方更早的数据包，或让对方重新导出。",
        "the package refers to records this store does not have and was refused. Import the sender's earlier packages first, or ask for a new export.",
    ),
    "exchange.cancelled": ("已取消，未做任何更改。", "Cancelled; nothing was changed."),
    "exchange.no_device_id": (
        "数据库缺少设备编号，无法交换数据。",
        "The store has no device id; it cannot exchange data.",
    ),
    "exchange.not_enrolled": (
        "本机尚未登记，不能交换数据。请先完成设备登记。",
        "This device is not enrolled yet; enrol it before exchanging data.",
    ),
    "exchange.peer_revoked": ("设备 {peer} 已被吊销。", "The device {peer} was revoked."),
    "exchange.wrong_peer_role": (
        "笔记本电脑只与区中心交换数据。",
        "Laptops exchange data with the centre only.",
    ),
    "exchange.too_much": (
        "一次要发送的内容太多。请先发送一部分，导入对方的回执后再导出。",
        "Too much to send at once. Send part of it, import the reply, then export again.",
    ),
    "exchange.too_many_parts": (
        "数据包需要超过 {max} 个文件，请增大单个文件的大小（--part-size）。",
        "The package would need more than {max} files; allow larger files (--part-size).",
    ),
    "exchange.is_centre": (
        "本机是区中心，不能作为笔记本电脑登记。",
        "This store is the centre; it cannot enrol as a laptop.",
    ),
    "exchange.is_laptop": (
        "本机是笔记本电脑，不能登记其他设备。",
        "This store is a laptop; it cannot enrol other devices.",
    ),
    "exchange.self_enrol": ("不能登记本机自己。", "A store cannot enrol itself."),
    "exchange.unit_required": (
        "请用 --unit 指明本机服务的社区或街道。",
        "Name the community or street this laptop serves with --unit.",
    ),
    "exchange.unit_unknown": (
        "区中心没有“{unit}”这个社区或街道。请先添加，或用 --unit 指定。",
        "The centre has no community or street “{unit}”. Add it, or choose one with --unit.",
    ),
    "exchange.unit_not_local": (
        "“{unit}”不是社区或街道；笔记本电脑只能服务于社区或街道。",
        "“{unit}” is not a community or street; a laptop serves a community or a street.",
    ),
    "exchange.keys_changed": (
        "该设备的密钥与登记时不同。若确实换了设备，请先吊销旧登记。",
        "The device's keys differ from the enrolled ones. If it really is a new device, revoke the old enrolment first.",
    ),
    "exchange.other_centre": (
        "本机已在另一个区中心登记。",
        "This laptop is already enrolled with another centre.",
    ),
    "exchange.district_mismatch": (
        "本机的区（单位树的根）与区中心的“{district}”不一致。",
        "This store's district (root of the unit tree) is not the centre's “{district}”.",
    ),
    "exchange.resolve_at_centre": (
        "冲突由区中心的督导员处理；笔记本电脑上只能查看。",
        "Conflicts are resolved by supervisors at the centre; a laptop can only list them.",
    ),
    "exchange.conflict_closed": ("该冲突已经处理过了。", "This conflict was already resolved."),
    "exchange.request_written": (
        "已写出登记申请：{path}\n本机指纹：{fingerprint}\n请把文件交给区中心，并通过电话或纸面与区中心核对这串数字。",
        "Enrolment request written: {path}\nThis device's fingerprint: {fingerprint}\n"
        "Give the file to the centre and compare these digits with the centre by phone or on paper.",
    ),
    "exchange.enrolled": (
        "已登记设备：{label}（服务于 {unit}）\n该设备指纹：{peer_fingerprint}  ← 请与笔记本电脑上显示的核对\n"
        "本中心指纹：{fingerprint}\n答复文件：{path}（交回该笔记本电脑，用 hexi-care device accept 导入）",
        "Device enrolled: {label} (serving {unit})\nIts fingerprint: {peer_fingerprint}  ← compare with the laptop's\n"
        "The centre's fingerprint: {fingerprint}\nReply file: {path} (take it to the laptop: hexi-care device accept)",
    ),
    "exchange.accepted": (
        "已接受区中心的答复，本机服务于：{unit}\n区中心指纹：{peer_fingerprint}  ← 请与区中心核对\n本机指纹：{fingerprint}",
        "The centre's reply accepted; this laptop serves: {unit}\nThe centre's fingerprint: {peer_fingerprint}  "
        "← compare with the centre\nThis device's fingerprint: {fingerprint}",
    ),
    "exchange.local_units": (
        "注意：本机有 {count} 个区中心不认识的单位，它们的记录不参与交换。",
        "Note: {count} unit(s) of this store are unknown to the centre; their records are not exchanged.",
    ),
    "exchange.role.centre": ("区中心", "centre"),
    "exchange.role.laptop": ("笔记本电脑", "laptop"),
    "exchange.role.none": ("未登记", "not enrolled"),
    "exchange.device_self": (
        "本机 {device}  {role}  {unit}\n  指纹 {fingerprint}",
        "This device {device}  {role}  {unit}\n  fingerprint {fingerprint}",
    ),
    "exchange.device_peer": (
        "{label}{revoked}  {role}  {id}\n  指纹 {fingerprint}  已发出 {sent} 个，已导入 {received} 个",
        "{label}{revoked}  {role}  {id}\n  fingerprint {fingerprint}  sent {sent}, imported {received}",
    ),
    "exchange.no_peers": ("尚未登记任何设备。", "No device enrolled yet."),
    "exchange.revoked_mark": ("（已吊销）", " (revoked)"),
    "exchange.revoked": (
        "已吊销设备 {label}：不再接受它的数据包，也不再为它生成数据包。",
        "Device {label} revoked: its packages are refused and none are made for it.",
    ),
    "exchange.exported": (
        "已生成第 {seq} 号数据包，发往 {peer}：{records} 条记录，{size}。",
        "Package no. {seq} for {peer} written: {records} records, {size}.",
    ),
    "exchange.exported_file": ("  文件：{path}", "  file: {path}"),
    "exchange.held_back": (
        "  另有 {count} 条{kind}留待下一个数据包。",
        "  {count} more {kind} record(s) will go in the next package.",
    ),
    "exchange.imported": (
        "已导入来自 {peer} 的第 {seq} 号数据包（{parts} 个文件）：",
        "Imported package no. {seq} from {peer} ({parts} file(s)):",
    ),
    "exchange.imported_kind": (
        "  {kind}：新增 {new}，更新 {updated}，未变 {unchanged}",
        "  {kind}: {new} new, {updated} updated, {unchanged} unchanged",
    ),
    "exchange.nothing": ("  没有新内容。", "  nothing new."),
    "exchange.imported_conflicts": (
        "  {count} 处资料冲突留待督导员处理（hexi-care conflict list）。",
        "  {count} profile conflict(s) kept for a supervisor (hexi-care conflict list).",
    ),
    "exchange.notice.gap": (
        "  尚未收到对方的第 {seqs} 号数据包；其中未确认的内容会随后续数据包重新发送。",
        "  Package(s) {seqs} from the sender have not arrived; whatever they held that is not confirmed is sent again.",
    ),
    "exchange.notice.late": (
        "  这是较早的第 {seq} 号数据包（已导入到第 {newest} 号），其中较旧的内容未覆盖较新的。",
        "  This is an older package (no. {seq}; no. {newest} was already imported); its older content did not replace newer.",
    ),
    "exchange.notice.restore_suspected": (
        "  注意：对方的审计记录（第 {got} 条）早于或不同于已见过的（第 {seen} 条）。对方可能恢复了旧的备份副本，"
        "也可能只是迟到的旧数据包。已安排重新发送对方可能缺少的全部内容。（{reason}）",
        "  Note: the sender's audit head (event {got}) is older than or differs from one seen before (event {seen}). "
        "The sender may be running a restored older copy, or this is a late package. Everything it may lack will be sent again. ({reason})",
    ),
    "exchange.notice.own_restore": (
        "  注意：对方已收到本机第 {seq} 号数据包，但本机不记得发过：本机可能是从旧备份恢复的。编号已顺延。",
        "  Note: the other side has package no. {seq} from this store, which this store does not remember sending: "
        "it may have been restored from an older backup. Numbering continues after it.",
    ),
    "exchange.notice.audit_broken": (
        "  注意：对方的审计记录链接不上此前收到的部分，已记录备查。",
        "  Note: the sender's audit events do not link up with those received before; this was recorded.",
    ),
    "exchange.no_conflicts": ("没有待处理的冲突。", "No open conflicts."),
    "exchange.conflict_line": (
        "{id}  {entity} {subject}  {field}  [{status}]\n  中心：{mine}（{mine_user}，{mine_at}）\n"
        "  笔记本：{theirs}（{theirs_user}，{theirs_at}）",
        "{id}  {entity} {subject}  {field}  [{status}]\n  centre: {mine} ({mine_user}, {mine_at})\n"
        "  laptop: {theirs} ({theirs_user}, {theirs_at})",
    ),
    "exchange.status.open": ("待处理", "open"),
    "exchange.status.resolved": ("已处理", "resolved"),
    "exchange.resolved": (
        "冲突 {id} 已处理：{field} 定为 {value}。",
        "Conflict {id} resolved: {field} set to {value}.",
    ),
    "exchange.kind.unit": ("单位", "units"),
    "exchange.kind.category_def": ("儿童类别", "categories"),
    "exchange.kind.notice_template": ("告知书模板", "notice templates"),
    "exchange.kind.user": ("用户", "users"),
    "exchange.kind.household": ("家庭", "households"),
    "exchange.kind.child": ("儿童", "children"),
    "exchange.kind.guardian": ("监护人", "guardians"),
    "exchange.kind.change": ("资料修改记录", "profile edits"),
    "exchange.kind.activity": ("活动", "activities"),
    "exchange.kind.visit": ("走访", "visits"),
    "exchange.kind.visit_review": ("审核", "reviews"),
    "exchange.kind.follow_up": ("跟进事项", "follow-ups"),
    "exchange.kind.referral": ("转介", "referrals"),
    "exchange.kind.mandatory_report": ("强制报告", "mandatory reports"),
    "exchange.kind.notice_delivery": ("告知书送达", "notice deliveries"),
    "exchange.kind.assistance": ("帮扶", "help given"),
    "exchange.kind.activity_participant": ("活动参与", "activity participants"),
    "exchange.kind.attachment": ("附件", "attachments"),
    "exchange.kind.conflict": ("冲突", "conflicts"),
    "exchange.kind.audit": ("审计记录", "audit events"),
    # -- end of exchange -----------------------------------------------------------------------
}


def render(key: str, lang: str = "zh", **params: Any) -> str:
    """The message for `key` in `lang`, with parameters filled in: field names, roles, record
    kinds, actions and visit statuses become the vocabulary's words; problem and reason keys
    become their sentences."""
    idx = 1 if lang == "en" else 0
    if key.startswith("field."):
        return vocabulary.lookup(vocabulary.FIELDS, key[len("field.") :], lang) or key
    template = MESSAGES.get(key, (key, key))[idx]
    values = dict(params)
    if "field" in values and "field_label" not in values:
        values["field_label"] = vocabulary.field(str(values["field"]), lang)
    if "needed" in values and "needed_labels" not in values:
        sep = ", " if lang == "en" else "、"
        values["needed_labels"] = sep.join(vocabulary.field(str(f), lang) for f in values["needed"])
    if "problem" in values and "problem_text" not in values:
        values["problem_text"] = render(
            f"problem.{values['problem']}", lang, **_without(values, "problem", "field")
        )
    if "reason" in values and "reason_text" not in values:
        values["reason_text"] = render(
            f"package.{values['reason']}", lang, **_without(values, "reason")
        )
    _to_words(values, lang)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _to_words(values: dict[str, Any], lang: str) -> None:
    """Identifiers passed as parameters (a field, a role, a record kind, an action, a visit
    status) are shown as words; anything else (already a word, a name, a number) is left as it
    came."""
    for name, table in (
        ("what", vocabulary.RECORDS),
        ("action", vocabulary.ACTIONS),
        ("field", vocabulary.FIELDS),
    ):
        if isinstance(values.get(name), str):
            values[name] = vocabulary.lookup(table, values[name], lang) or values[name]
    for name, enum in (("role", Role), ("status", VisitStatus)):
        if isinstance(values.get(name), str):
            values[name] = vocabulary.enum_word(enum, values[name], lang) or values[name]


def _without(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}


def t(key: str, lang: str = "zh", **params: Any) -> str:
    return render(key, lang, **params)
