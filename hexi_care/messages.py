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
    "changed_meanwhile": (
        "该记录刚被其他人修改，您的更改未保存。请重新打开记录后再改。",
        "Someone else changed this record just now; your change was not saved. Reload the record "
        "and make your change again.",
    ),
    "hub_refused": (
        "中心数据库拒绝了连接：请检查连接地址中的数据库用户和密码，或请管理员检查服务器的访问设置。",
        "The hub refused the connection: check the database user and password in its address, or "
        "ask the administrator to check the server's access rules.",
    ),
    "hub_tls": (
        "无法与中心数据库建立加密连接：服务器证书未通过验证。请检查连接地址中指定的根证书文件，"
        "或联系管理员。",
        "No encrypted connection to the hub: the server's certificate did not verify. Check "
        "sslrootcert in the address, or ask the administrator.",
    ),
    "hub_unreachable": (
        "连接不上中心数据库：请检查网络和连接地址后重试。",
        "Cannot reach the hub: check the network and the address, then try again.",
    ),
    "hub_needs_upgrade": (
        "中心数据库的结构比本程序旧，需要管理员先升级（hexi-care hub upgrade）。",
        "The hub's schema is older than this program: the administrator upgrades it first "
        "(hexi-care hub upgrade).",
    ),
    "hub_not_here": (
        "中心数据库不支持此操作：{what}。",
        "The hub does not do this: {what}.",
    ),
    "hub_backup_owner": (
        "备份或恢复中心数据库需要以数据库所有者身份连接（--store 中的数据库用户须为所有者）；"
        "程序日常使用的数据库用户只能看到部分记录，也不能建表。",
        "Backing up or restoring the hub needs the schema owner's connection (the database user "
        "in --store is the owner, e.g. hexi_owner): the program's everyday role sees only some "
        "records and cannot create tables.",
    ),
    "hub_backup_by_owner": (
        "中心数据库不在本窗口中备份：由管理员以数据库所有者身份运行 hexi-care backup（见中心数据库说明）。",
        "The hub is not backed up from this window: its administrator runs hexi-care backup "
        "connected as the schema's owner (docs/hub.md).",
    ),
    "hub_no_pg_tools": (
        "找不到数据库程序 {tool}：请在本机安装与服务器同一版本或更新的 PostgreSQL 客户端程序。",
        "PostgreSQL's {tool} was not found: install the PostgreSQL client programs (Debian: "
        "apt-get install postgresql-client).",
    ),
    "hub_pg_tools_old": (
        "本机的 {tool} 版本比中心数据库服务器旧：请安装与服务器同一版本或更新的 PostgreSQL 客户端程序。",
        "This machine's {tool} is older than the hub's server: install PostgreSQL client "
        "programs of the server's version or newer.",
    ),
    "hub_tool_failed": (
        "{tool} 运行失败，未完成。详情已写入日志文件。",
        "{tool} failed and the work was not done; the log file has the details.",
    ),
    "hub_restore_not_empty": (
        "目标数据库不是空的：{store}。中心数据库只能恢复到新建的空数据库中，现有数据没有改动。",
        "The target database is not empty: {store}. A hub is restored only into a new, empty "
        "database (CREATE DATABASE …); nothing was changed.",
    ),
    "backup_damaged": (
        "备份文件已损坏或被改动过，未恢复任何内容。请使用另一份备份。",
        "The backup file is damaged or was changed; nothing was restored. Use another backup.",
    ),
    "backup_not_hub": (
        "这是单机数据库文件的备份，不能恢复到中心数据库：请先恢复成数据库文件，再用 "
        "hexi-care hub import-store 导入。",
        "This is a backup of a store file, not of a hub: restore it to a file, then move it in "
        "with hexi-care hub import-store.",
    ),
    "backup_is_hub": (
        "这是中心数据库的备份：请用 --store 指向一个新建的空的中心数据库来恢复。",
        "This is a backup of a hub: restore it with --store postgresql://… naming a new, empty "
        "database.",
    ),
    "changed_by_other": (
        "该记录已被{who}于 {at} 修改，您的更改未保存。请重新打开记录后再改。",
        "{who} changed this record at {at}; your change was not saved. Reload the record and "
        "make your change again.",
    ),
    "store_io": ("读写数据库时出错：{detail}", "Could not read or write the store: {detail}"),
    "store_read_only": (
        "数据库或目标文件夹是只读的（例如优盘的写保护开关已打开），本次更改未保存。可以查看数据；要修改，请把数据库放到可写的位置。",
        "The store or the folder is read-only (a USB stick's write switch, for instance); this change"
        " was not saved. You can still read; to make changes, put the store somewhere writable.",
    ),
    "store_read_only_old": (
        "数据库在只读位置上，而且是旧版本程序建立的，需要先升级才能打开。请把它复制到可写的位置再打开（升级前会自动备份）。",
        "The store is on a read-only medium and was made by an older version: it must be upgraded"
        " before it opens. Copy it somewhere writable and open it there (a backup is made first).",
    ),
    "store.opened_read_only": (
        "注意：数据库在只读位置上（例如优盘的写保护开关已打开），已以只读方式打开：可以查看，不能修改。",
        "Note: the store is on a read-only medium (a USB stick's write switch, for instance) and was"
        " opened read-only: you can read, not change.",
    ),
    "store_gone": (
        "数据库文件或所在的优盘已不可用（可能被拔出），本次更改未保存，之前保存的内容不受影响。请重新插入后再打开数据库。",
        "The store's file or its USB stick is gone (pulled out?); this change was not saved and what"
        " was saved before is unaffected. Put it back and open the store again.",
    ),
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
    "problem.not_a_hub_url": (
        "不是中心数据库的连接地址，请填写管理员提供的地址。",
        "is not a hub address (postgresql://USER@HOST/DATABASE?sslmode=verify-full&…).",
    ),
    "problem.password_in_url": (
        "不要把数据库密码写在地址里：请删去密码，由管理员把它放在本机用户的密码文件中（见中心数据库说明）。",
        "must not hold the database password: remove it and keep it in this user's pgpass file "
        "(docs/hub.md).",
    ),
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
    "problem.name_characters": (
        "第 {position} 个字不能用在姓名里。姓名可以用汉字（包括生僻字）、字母和少数民族姓名的间隔号“·”，"
        "不能有表情符号、数字或其他符号。",
        "character {position} cannot be part of a name. A name may hold Chinese characters (rare "
        "ones too), letters and the middle dot “·” of minority names; no emoji, digits or other "
        "symbols.",
    ),
    "problem.name_dot": (
        "第 {position} 个字：间隔号“·”只能写在姓名的两部分之间，且只写一个。",
        "character {position}: the middle dot “·” goes once between two parts of a name.",
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
    "problem.read_only": (
        "不能用此命令修改（只读，或有专门的修改命令）。",
        "cannot be changed with this command (read-only, or changed with its own command).",
    ),
    "problem.stale": (
        "记录已在您读取后被修改，请重新读取再改。",
        "the record changed after you read it; read it again and redo the change.",
    ),
    "problem.duplicate": ("已存在：{value}", "already exists: {value}"),
    "problem.duplicate_child": (
        "该身份证号码已登记给另一名儿童（编号 {child}），同一人不能登记两次。请打开该儿童的档案；"
        "如在其他社区，请联系街道督导员办理迁移。",
        "is already registered for another child (record {child}); one person cannot be "
        "registered twice. Open that child's file; if it belongs to another community, ask the "
        "street supervisor to move it.",
    ),
    "warning.id_address_unknown": (
        "提示：身份证号码的地址码（{code}）不在已知的行政区划中，请核对。号码已保存（区划调整后旧号码仍然有效）。",
        "Note: the ID number's address code ({code}) is not a known area; please check it. The "
        "number was saved (numbers stay valid after areas merge).",
    ),
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
    "problem.weak_common": (
        "这是常见密码（或由常见词组成），很容易被猜中。请换一个更长、不常见的密码。",
        "is a common password (or made of common words) and easy to guess. Choose a longer, "
        "uncommon one.",
    ),
    "problem.weak_repeat": (
        "重复的字符（如 88888888、aaaa）很容易被猜中。请换一个密码。",
        "repeated characters (like 88888888 or aaaa) are easy to guess. Choose another password.",
    ),
    "problem.weak_sequence": (
        "连续的字符（如 12345678、abcdef）很容易被猜中。请换一个密码。",
        "a run of characters (like 12345678 or abcdef) is easy to guess. Choose another password.",
    ),
    "problem.weak_keyboard": (
        "键盘上相邻的按键（如 qwerty、1qaz2wsx）很容易被猜中。请换一个密码。",
        "neighbouring keys (like qwerty or 1qaz2wsx) are easy to guess. Choose another password.",
    ),
    "problem.weak_date": (
        "日期或年份（如生日）很容易被猜中。请换一个密码。",
        "dates and years (a birthday, say) are easy to guess. Choose another password.",
    ),
    "problem.weak_name": (
        "密码包含用户名，很容易被猜中。请换一个密码。",
        "contains the user name and is easy to guess. Choose another password.",
    ),
    "problem.weak_guessable": (
        "这个密码太容易被猜中。请用更长的密码，例如几个不相关的词加数字。",
        "this password is too easy to guess. Use a longer one, for example a few unrelated words "
        "with digits.",
    ),
    "problem.bad_time": ("时间格式应为 HH:MM。", "must be a time as HH:MM."),
    "problem.bad_month": (
        "月份格式应为 YYYY-MM，例如 2027-01（填写的是“{value}”）。",
        "must be a month as YYYY-MM, e.g. 2027-01 (“{value}” was entered).",
    ),
    "problem.out_of_range": ("超出合理范围：{value}", "is out of range: {value}"),
    "problem.already_confirmed": (
        "区民政已确认，不能再修改查验。",
        "the district has confirmed it; the check can no longer be changed.",
    ),
    "problem.no_standard": (
        "尚未设置 {year} 年“{category}”（{setting}）的保障金标准。请区中心先设置标准，再生成发放名册。",
        "no allowance standard is set for {year}, {category} ({setting}). Ask the centre to set "
        "it before making the payment list.",
    ),
    "problem.campaign_over": (
        "该专项行动已于 {end} 结束。",
        "the campaign ended on {end} already.",
    ),
    "problem.after_planned_end": (
        "不能晚于原定结束日期 {end}。",
        "cannot be after the planned end, {end}.",
    ),
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
    "cli.hub_needs_url": (
        "hexi-care hub 命令需要用 --store 给出中心数据库的连接地址（以数据库所有者身份连接）。",
        "hub commands need the hub in --store postgresql://… (connecting as the schema's owner).",
    ),
    "cli.hub_upgraded": ("中心数据库已升级：{store}", "Hub upgraded: {store}"),
    "cli.hub_granted": (
        "已授予数据库角色 {role} 使用本程序数据表的权限。",
        "The database role {role} may now use the program's tables.",
    ),
    "cli.hub_imported": (
        "已导入中心数据库：{tables} 张表，共 {rows} 行，行数核对无误。",
        "Imported into the hub: {tables} tables, {rows} rows, counts checked.",
    ),
    "cli.hub_restored": (
        "中心数据库已从备份恢复：{store}（{rows} 行，行数与审计链已核对）。请再运行 hexi-care hub "
        "grant 为程序的数据库用户授权。",
        "Hub restored from the backup: {store} ({rows} rows; counts and audit chain checked). Run "
        "hexi-care hub grant for the program's role next.",
    ),
    "cli.hub_not_here": (
        "{action}只适用于本机的数据库文件，不适用于中心数据库。",
        "{action} works on a store file on this machine, not on a hub.",
    ),
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
    "cli.time_zone": ("本数据库的时区：{zone}", "The store's time zone: {zone}"),
    "cli.time_zone_set": (
        "时区已设为 {zone}：今天、应访日期、统计和打印日期都按此时区计算。",
        "Time zone set to {zone}: today, due dates, statistics and printed dates follow it.",
    ),
    "cli.child_added": ("已添加儿童 {id}。", "Child {id} added."),
    "cli.record_saved": ("已保存 {id}。", "{id} saved."),
    "cli.campaign_added": ("已添加专项行动 {name}（{id}）。", "Campaign {name} added ({id})."),
    "cli.campaign_edited": ("已保存专项行动 {name} 的修改。", "Campaign {name} saved."),
    "cli.campaign_progress": (
        "{name}：已覆盖 {reached} / {goal} {unit}（{percent}%），走访 {visits} 次。",
        "{name}: {reached} of {goal} {unit} reached ({percent}%), {visits} visits.",
    ),
    "cli.report_deadlines": (
        "强制报告时限：发现后 {hours} 小时内报告视为“立即报告”；报告 {days} 天后仍无公安反馈即提醒跟进。",
        "Mandatory reports: made within {hours} hours of finding counts as immediately; police "
        "feedback is chased {days} days after the report.",
    ),
    "cli.report_deadlines_set": (
        "已保存。强制报告时限：发现后 {hours} 小时内报告视为“立即报告”；报告 {days} 天后仍无公安反馈即提醒跟进。",
        "Saved. Mandatory reports: within {hours} hours of finding; police feedback chased after "
        "{days} days.",
    ),
    "cli.reexam_decided": (
        "已记录 {name} 的复核结果（{reason}），该事项已移出复核清单。",
        "Decision recorded for {name} ({reason}); the reason has left the worklist.",
    ),
    "cli.campaign_ended": (
        "专项行动 {name} 已结束（最后一天 {end}）。",
        "Campaign {name} ended (last day {end}).",
    ),
    "cli.allowance_total": ("合计：{n} 人，{amount} 元。", "Total: {n} children, {amount} yuan."),
    "cli.allowance_paid": (
        "已登记 {month} 的 {n} 笔发放。",
        "{n} payments entered for {month}.",
    ),
    "cli.visit_added": ("已添加走访 {id}。", "Visit {id} added."),
    "cli.review_empty": ("没有待审核的走访。", "Nothing is waiting for review."),
    "cli.approved": ("已通过 {n} 条走访。", "{n} visits approved."),
    "cli.returned": (
        "已退回走访 {id}，意见已转给记录人。",
        "Visit {id} returned with the comment.",
    ),
    "cli.no_overdue": ("没有逾期未访的儿童。", "No child is overdue for a visit."),
    "cli.no_alerts": ("没有需要处理的提醒。", "Nothing to act on."),
    "cli.handed_over": (
        "已将 {n} 名儿童从 {source} 移交给 {target}；下一个数据交换包会带上这次移交。",
        "{n} children handed from {source} to {target}; the next exchange package carries it.",
    ),
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
    "cli.recovered_centre": (
        "已通过区未保中心的恢复为 {name} 设置新密码。",
        "New password set for {name} through the district centre's recovery.",
    ),
    "cli.user_deactivated": (
        "已停用用户 {name}，其密码已不能打开数据库。",
        "User {name} deactivated; their password no longer opens the store.",
    ),
    "cli.rekey_offer": (
        "提示：该用户知道的数据密钥仍能打开旧备份和复制走的文件。如需彻底撤销，请运行 hexi-care store rekey"
        "（或在本命令加 --rekey）。",
        "Note: the data key this user knew still opens older backups and copied files. To revoke it "
        "fully, run hexi-care store rekey (or add --rekey to this command).",
    ),
    "cli.rekeyed": (
        "已更换数据密钥：数据库已重新加密，所有在用的密码已更新，旧恢复码作废。",
        "The data key was replaced: the store is re-encrypted, every live password updated, and the "
        "old recovery code no longer works.",
    ),
    "cli.old_backups_left": (
        "注意：以下 {count} 个旧备份仍可用旧密码打开（包括已停用用户的密码）。不再需要时请删除"
        "（hexi-care store rekey --delete-old-backups）：",
        "Note: these {count} older backups still open with old passwords (a removed user's too). "
        "Delete them when no longer needed (hexi-care store rekey --delete-old-backups):",
    ),
    "cli.old_backups_deleted": ("已删除 {count} 个旧备份。", "{count} older backups deleted."),
    "store.old_centre_slot": (
        "区中心恢复槽是旧格式，区中心已无法答复它的恢复申请。请用区中心的公钥重新运行 "
        "hexi-care recovery set-centre-key。",
        "The centre recovery slot is of the old format, which the centre can no longer answer. "
        "Run hexi-care recovery set-centre-key again with the centre's public key.",
    ),
    "cli.weak_slots": (
        "{count} 个密码槽的保护参数低于下限（该用户下次登录时会自动加强）",
        "{count} key slots are below the password-protection floor (strengthened at that user's "
        "next login)",
    ),
    "cli.backup_password": ("备份中的密码：", "Password in the backup: "),
    "cli.centre_key_passphrase": (
        "中心恢复私钥的口令：",
        "Passphrase of the centre's recovery key: ",
    ),
    "cli.recovery_request_code": (
        "核对码：{code}\n请打电话给区未保中心，把核对码读给对方；中心核对无误后才会回复。",
        "Check code: {code}\nPhone the district centre and read this code out; the centre answers "
        "only when it matches.",
    ),
    "cli.recovery_request_details": (
        "恢复申请：设备 {device}（{label}，已登记：{enrolled}），单位 {unit}，用户 {user}",
        "Recovery request: device {device} ({label}, enrolled: {enrolled}), unit {unit}, user {user}",
    ),
    "cli.recovery_confirm_code": (
        "请输入来电者读出的核对码：",
        "Type the check code the caller reads out: ",
    ),
    "demo_real_store": (
        "这个数据库已有真实记录，不能生成演示数据（演示儿童绝不能混入真实台账）。请用新的数据库运行演示。",
        "This store already holds real records; demo data is refused (synthetic children must "
        "never mix with real ones). Run the demo on a new store.",
    ),
    "cli.yes": ("是", "yes"),
    "cli.no": ("否", "no"),
    "recovery.no_centre_slot": (
        "该数据库没有设置区未保中心的恢复密钥，无法通过中心恢复。请使用恢复码。",
        "This store has no centre recovery key; recovery through the centre is not possible. Use "
        "the recovery code.",
    ),
    "recovery.no_request": (
        "找不到本机的恢复申请。请先运行 hexi-care recovery request。",
        "No recovery request was made on this computer. Run hexi-care recovery request first.",
    ),
    "recovery.wrong_store": (
        "该回复不是给这个数据库的。",
        "This answer is for another store.",
    ),
    "recovery.old_request": (
        "这是旧版本程序生成的恢复申请，请在笔记本上用新版本重新生成。",
        "This request was made by an older version; make it again with this version.",
    ),
    "recovery.mismatch": (
        "恢复申请与其中的密封数据不符（可能被改动或拼接），已拒绝。",
        "The request does not match the sealed data inside it (altered or relabelled): refused.",
    ),
    "recovery.revoked": (
        "设备 {device} 已被撤销（报失）。拒绝为其恢复密码。",
        "Device {device} is revoked (reported lost): its recovery is refused.",
    ),
    "recovery.code_mismatch": (
        "核对码不一致，未回复。请确认来电者读的是这份申请上的核对码。",
        "The check code does not match: no answer written. Make sure the caller reads the code of "
        "this request.",
    ),
    "cli.interrupted": ("已中断。", "Interrupted."),
    "cli.report_written": ("已生成：{path}", "Written: {path}"),
    "cli.report_nothing": (
        "这段时间内没有需要打印的文档，未生成文件。",
        "Nothing to print for these dates; no file was written.",
    ),
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
    "package.not_a_centre_card": (
        "这不是区中心卡片文件。",
        "this is not a centre card.",
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
    "package.mixed_parts": (
        "数据包共 {count} 个文件，缺少第 {missing} 个；文件夹里另有一次导出（第 {seq} 号）的分卷，两次导出的文件不能混用。请把同一次导出的所有文件放在一个文件夹中再导入。",
        "the package has {count} files and part(s) {missing} are missing; the folder holds parts of another export (no. {seq}), and parts of two exports cannot be mixed. Put all files of one export in one folder and import again.",
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
    "exchange.unit_needed": (
        "该申请没有写明单位（申请时没有区中心卡片，名称不以明文传送）。请用 --unit 指定这台笔记本电脑服务的社区或街道。",
        "The request names no unit (it was written without the centre's card, so no names travel "
        "in the clear). Choose the community or street this laptop serves with --unit.",
    ),
    "problem.card_mismatch": (
        # The card's own digits are not shown: someone retyping them would accept a swapped card.
        "与区中心卡片里的密钥不符：卡片可能在传递途中被调换。请区中心重新读一遍指纹，"
        "或向区中心另取一张卡片；未写出任何文件。",
        "it does not match the keys in the centre card: the card may have been swapped on the "
        "way. Ask the centre to read its fingerprint again, or get another card from the centre; "
        "nothing was written.",
    ),
    "exchange.card_fingerprint_required": (
        "使用区中心卡片时，请同时用 --card-fingerprint 输入区中心通过电话或纸面告诉您的指纹。",
        "With a centre card, also type the fingerprint the centre gave you by phone or on paper "
        "with --card-fingerprint.",
    ),
    "exchange.card_missing": (
        "--card-fingerprint 需要与 --card 一起使用。",
        "--card-fingerprint goes with --card.",
    ),
    "exchange.card_other_centre": (
        "该申请是用另一个区中心的卡片写的，本中心无法打开。请让笔记本电脑用本中心的卡片重新申请。",
        "The request was sealed with another centre's card; this centre cannot open it. Ask the "
        "laptop to write it again with this centre's card.",
    ),
    "exchange.request_sealed": (
        "单位和儿童主任的信息已加密给区中心“{centre}”（指纹 {centre_fingerprint}），只有它能读。",
        "The unit and director details are sealed to the centre “{centre}” (fingerprint "
        "{centre_fingerprint}); only it can read them.",
    ),
    "exchange.request_keys_only": (
        "没有区中心卡片：申请只含本机的公钥，不含任何名称。区中心登记时需要指定本机服务的社区或街道。",
        "No centre card: the request holds this laptop's public keys only, no names. The centre "
        "names the community or street this laptop serves when it enrols it.",
    ),
    "exchange.card_written": (
        "已写出区中心卡片：{path}\n本中心指纹：{fingerprint}\n"
        "把卡片交给笔记本电脑，并通过电话或纸面把这串数字告诉对方，对方输入后才会使用卡片。",
        "Centre card written: {path}\nThe centre's fingerprint: {fingerprint}\n"
        "Give the card to the laptop and read these digits to its user by phone or on paper; "
        "the card is used only once they type them.",
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
    "exchange.refused": ("交换操作被拒绝。", "The exchange step was refused."),
    "exchange.conflict_closed": ("该冲突已经处理过了。", "This conflict was already resolved."),
    "exchange.conflict_changed": (
        "冲突记录之后，本机的这个字段已改为“{value}”。冲突现在显示这个值；请重新查看后再处理。",
        "Since the conflict was recorded this field changed here to “{value}”. The conflict now"
        " shows that value: look at it again, then resolve.",
    ),
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
    "exchange.digits_differ_laptop": (
        '如果笔记本上显示的数字与上面不一致：不要交出答复文件；执行 hexi-care device revoke "{label}" 撤销这台设备，请主任重新生成登记申请。',
        "If the digits the laptop shows are different: do not hand over the reply file; revoke the device"
        ' (hexi-care device revoke "{label}") and ask the director for a new request.',
    ),
    "exchange.digits_differ_centre": (
        "如果区中心读出的数字与上面不一致：不要导出或导入任何数据包；请联系区中心，重新领取区中心卡片并重新申请登记。",
        "If the digits the centre reads out are different: do not export or import any package; contact"
        " the centre, get its card again and make a new request.",
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
    "exchange.notice.restored": (
        "  注意：对方的数据库从备份恢复过（其审计记录中有恢复事件）。恢复前后的记录请核对。",
        "  Note: the sender's store was restored from a backup (its audit trail records the restore). "
        "Check the records from around that time.",
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
    # -- ledger import (hexi_care.ledger, services/ledger_import.py) ---------------------------
    "problem.out_of_scope": (
        "“{value}”不在您负责的范围内，不能导入。",
        "“{value}” is outside your units and cannot be imported.",
    ),
    "problem.street_mismatch": (
        "“{value}”不属于“{street}”，请核对社区和街道。",
        "“{value}” is not in “{street}”; check the community and the street.",
    ),
    "problem.ambiguous": (
        "有多个名为“{value}”的社区，请填写所属街道。",
        "several communities are called “{value}”; fill in the street.",
    ),
    "problem.date_incomplete": (
        "只有年和月。请填写完整的出生日期（如 2015-03-05）或身份证号。",
        "has only a year and month. Give the full birth date (e.g. 2015-03-05) or the ID number.",
    ),
    "problem.id_as_number": (
        "在 Excel 中被存成了数字，末几位已丢失。请把该列设为“文本”格式，重新输入号码。",
        "was stored by Excel as a number and its last digits are lost. Format the column as text "
        "and type the number again.",
    ),
    "problem.unknown_category": (
        "不认识“{value}”。请在类别对照表中加上它对应的类别，或改成已有的类别名称。",
        "“{value}” is not known. Add it to the category table, or use a known category name.",
    ),
    "ledger.problem": ("{field_label}：{problem_text}", "{field_label}: {problem_text}"),
    "ledger.unreadable": (
        "无法读取台账文件：{detail}",
        "The ledger file cannot be read: {detail}",
    ),
    "ledger.why.missing": ("找不到该文件。", "the file does not exist."),
    "ledger.why.locked": (
        "文件被占用或没有读取权限。请先在 Excel/WPS 中关闭它。",
        "the file is in use or may not be read. Close it in Excel/WPS first.",
    ),
    "ledger.why.io": ("读取文件时出错。", "reading the file failed."),
    "ledger.why.empty": ("文件是空的。", "the file is empty."),
    "ledger.why.too_big": ("文件太大，不像是台账。", "the file is too big to be a ledger."),
    "ledger.why.damaged": (
        "文件已损坏，或不是 Excel/CSV 文件。请在 Excel 中打开后另存为 .xlsx 再试。",
        "the file is damaged or is not an Excel/CSV file. Open it in Excel, save it as .xlsx and "
        "try again.",
    ),
    "ledger.why.xls": (
        "这是旧版 .xls 文件，本机缺少读取它的组件。请在 Excel/WPS 中另存为 .xlsx 再导入。",
        "this is an old .xls file and the reader for it is not installed. Save it as .xlsx in "
        "Excel/WPS and import that.",
    ),
    "ledger.why.encoding": (
        "无法识别文件的文字编码（支持 UTF-8 和 GB18030/GBK）。",
        "the text encoding is not recognised (UTF-8 and GB18030/GBK are supported).",
    ),
    "ledger.why.no_header": (
        "在前 20 行中找不到表头（至少要有“姓名”或“身份证号”列，以及另一列）。",
        "no header in the first 20 rows (a 姓名 or 身份证号 column and one more are needed).",
    ),
    "ledger.why.no_sheet": (
        "文件中没有工作表“{sheet}”。现有：{sheets}",
        "the file has no sheet “{sheet}”. It has: {sheets}",
    ),
    "ledger.summary": (
        "共 {rows} 行：新增 {new}，更新 {update}，无变化 {unchanged}，拒绝 {refused}，重复 {duplicates}。",
        "{rows} rows: {new} new, {update} updates, {unchanged} unchanged, {refused} refused, "
        "{duplicates} repeated.",
    ),
    "ledger.dry_run": (
        "以上为预览，尚未写入任何内容。核对无误后加 --apply 导入。",
        "This was a dry run; nothing was written. Add --apply to import.",
    ),
    "ledger.applied": ("已导入。", "Imported."),
    "ledger.sheet": (
        "工作表“{sheet}”：表头在第 {row} 行。",
        "Sheet “{sheet}”: header on row {row}.",
    ),
    "ledger.unmatched": (
        "  未识别的列：{columns}（可用 --mapping 指定，或在窗口中设置）",
        "  Columns not recognised: {columns} (map them with --mapping or in the window)",
    ),
    "ledger.line_new": ("  新增  第 {row} 行  {name}", "  new     row {row}  {name}"),
    "ledger.line_update": (
        "  更新  第 {row} 行  {name}：{fields}",
        "  update  row {row}  {name}: {fields}",
    ),
    "ledger.line_refused": ("  拒绝  第 {row} 行  {message}", "  refused row {row}  {message}"),
    "ledger.line_duplicate": (
        "  重复  第 {row} 行与第 {same_as_row} 行是同一名儿童",
        "  repeat  row {row} is the same child as row {same_as_row}",
    ),
    "ledger.cancelled": ("已取消，未做任何更改。", "Cancelled; nothing was changed."),
    "ledger.reason": ("原因", "Reason"),
    "ledger.bad_mapping": (
        "列对照文件应为 JSON 对象，例如 {example}",
        "The mapping file must be a JSON object, e.g. {example}",
    ),
    "ledger.bad_field": (
        "列对照中的“{value}”不是可导入的字段。可用：{choices}",
        "“{value}” in the mapping is not a field. Use one of: {choices}",
    ),
    # -- end of ledger import ------------------------------------------------------------------
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
