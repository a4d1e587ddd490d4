<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActivityDialog</name>
    <message>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>e.g. 瑞雪迎春 winter camp</source>
        <translation>例如：瑞雪迎春冬令营</translation>
    </message>
    <message>
        <source>Find a child: name, pinyin initials or ID digits</source>
        <translation>查找儿童：姓名、拼音首字母或身份证号</translation>
    </message>
    <message>
        <source>Add →</source>
        <translation>添加 →</translation>
    </message>
    <message>
        <source>← Remove</source>
        <translation>← 移除</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Last day (if several days)</source>
        <translation>结束日期（持续多日时）</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Others taking part (head count)</source>
        <translation>其他参与人数（人次）</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>所属项目</translation>
    </message>
    <message>
        <source>Funder</source>
        <translation>资助方</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加儿童</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>{n} participants</source>
        <translation>{n} 名参加儿童</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>The administrator manages users and keys. Reading case files needs a director or supervisor account.</source>
        <translation>管理员负责用户和密钥；查看儿童档案需要儿童主任或督导员账户。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>At least 8 characters.</source>
        <translation>至少 8 个字符。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Entrusted-care agreement</source>
        <translation>委托照护协议</translation>
    </message>
    <message>
        <source>e.g. grandmother, uncle</source>
        <translation>例如：祖母、叔叔</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Allowance</name>
    <message>
        <source>Confirmed on {date} ({number}), paid from {month}.</source>
        <translation>{date} 区民政已确认（{number}），自 {month} 起发放。</translation>
    </message>
    <message>
        <source>Checked by the street on {date}; awaiting the district.</source>
        <translation>街道已于 {date} 查验，待区民政确认。</translation>
    </message>
    <message>
        <source>Applied on {date}; awaiting the street&apos;s check.</source>
        <translation>已于 {date} 申请，待街道查验。</translation>
    </message>
    <message>
        <source>Suspended {start} to {end}: {reason}</source>
        <translation>{start} 至 {end} 暂停发放：{reason}</translation>
    </message>
    <message>
        <source>Suspended from {start}: {reason}</source>
        <translation>自 {start} 起暂停发放：{reason}</translation>
    </message>
    <message>
        <source>Stopped from {start}: {reason}</source>
        <translation>自 {start} 起停止发放：{reason}</translation>
    </message>
    <message>
        <source>YYYY-MM, e.g. 2026-11</source>
        <translation>年-月，例如 2026-11</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Hexi child care</source>
        <extracomment>The store&apos;s time zone: &quot;today&quot; and every time shown use it, as the paper does. The store file, or a hub&apos;s URL (chosen in the unlock dialog, or on the command line).</extracomment>
        <translation>河西儿童关爱</translation>
    </message>
    <message>
        <source>hexi-care is already open on this store; that window has been brought forward.</source>
        <translation>本程序已在此数据库上打开，已切换到该窗口。</translation>
    </message>
</context>
<context>
    <name>ApplyDialog</name>
    <message>
        <source>Application for the basic living allowance</source>
        <translation>基本生活保障金申请</translation>
    </message>
    <message>
        <source>who applied (guardian or director)</source>
        <translation>申请人（监护人或儿童主任）</translation>
    </message>
    <message>
        <source>Record the application</source>
        <translation>登记申请</translation>
    </message>
</context>
<context>
    <name>AssistanceDialog</name>
    <message>
        <source>Record help given</source>
        <translation>登记帮扶慰问</translation>
    </message>
    <message>
        <source>e.g. winter coat and school things</source>
        <translation>例如：棉衣和学习用品</translation>
    </message>
    <message>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <source>e.g. district civil affairs bureau</source>
        <translation>例如：区民政局</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Adults and children not registered who benefited too</source>
        <translation>同时受益的成年人和未登记儿童</translation>
    </message>
    <message>
        <source>Children who benefited</source>
        <translation>受益儿童</translation>
    </message>
    <message>
        <source>Other people who benefited</source>
        <translation>其他受益人数</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>所属项目</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>This kind of file cannot be shown here.</source>
        <translation>无法在此显示这类文件。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CampaignChoice</name>
    <message>
        <source>None</source>
        <translation>（不属于专项行动）</translation>
    </message>
</context>
<context>
    <name>CampaignListDialog</name>
    <message>
        <source>Campaign list: {name}</source>
        <translation>专项行动名单：{name}</translation>
    </message>
    <message>
        <source>{n} children on the list, {missing} not reached yet</source>
        <translation>名单共 {n} 名儿童，尚未覆盖 {missing} 名</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>New campaign…</source>
        <translation>新建专项行动…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>End the campaign…</source>
        <translation>结束专项行动…</translation>
    </message>
    <message>
        <source>Target list…</source>
        <translation>目标名单…</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>Winter and summer holiday visits, festival greetings and any named drive: who is on the list, and how many were reached by a visit or help tagged with the campaign within its period.</source>
        <translation>寒暑假走访、节日慰问及其他专项行动：目标名单上有谁，行动期间内有多少已通过标记该行动的走访或帮扶覆盖。</translation>
    </message>
    <message>
        <source>every child on the list</source>
        <translation>名单内全部儿童</translation>
    </message>
    <message>
        <source>every household on the list</source>
        <translation>名单内全部家庭</translation>
    </message>
    <message>
        <source>{n} campaigns</source>
        <translation>共 {n} 项专项行动</translation>
    </message>
    <message>
        <source>No campaign chosen</source>
        <translation>未选择专项行动</translation>
    </message>
    <message>
        <source>{reached} of {goal} {unit} reached ({percent}%)</source>
        <translation>已覆盖 {reached} / {goal} {unit}（{percent}%）</translation>
    </message>
    <message>
        <source>{name}: {start} – {end}, {state}</source>
        <translation>{name}：{start} 至 {end}，{state}</translation>
    </message>
    <message>
        <source>{targets} on the list; {visits} visits and {help} help records tagged</source>
        <translation>名单上 {targets} 个；标记该行动的走访 {visits} 次、帮扶 {help} 条</translation>
    </message>
    <message>
        <source>Categories: {names}</source>
        <translation>类别：{names}</translation>
    </message>
    <message>
        <source>Risk levels: {names}</source>
        <translation>风险等级：{names}</translation>
    </message>
    <message>
        <source>Notice handed out: {title}</source>
        <translation>发放告知书：{title}</translation>
    </message>
    <message>
        <source>Safety topics first: {names}</source>
        <translation>重点安全提醒：{names}</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>e.g. father imprisoned since 2023, mother lost contact</source>
        <translation>例如：父亲2023年起服刑，母亲失联</translation>
    </message>
    <message>
        <source>e.g. court judgment, police receipt</source>
        <translation>例如：判决书、公安机关受案回执</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>认定依据</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>The end cannot be before the start.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>CategoryWordsDialog</name>
    <message>
        <source>Category words</source>
        <translation>类别对照表</translation>
    </message>
    <message>
        <source>Word in ledgers</source>
        <translation>台账中的写法</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>儿童类别</translation>
    </message>
    <message>
        <source>Add a word</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Words the district&apos;s ledgers use for a category. The usual words and each category&apos;s own name are known already; a word set to (not a category) is skipped.</source>
        <translation>本区台账中表示儿童类别的写法。常用写法和各类别的正式名称已经认识；设为“（不是类别）”的写法在导入时跳过。</translation>
    </message>
    <message>
        <source>(not a category)</source>
        <translation>（不是类别）</translation>
    </message>
</context>
<context>
    <name>ChildFileWindow</name>
    <message>
        <source>Child file</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;New visit</source>
        <translation>新建走访(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存档案(&amp;S)</translation>
    </message>
    <message>
        <source>Eligibility suggestion (the district decides)</source>
        <translation>类别建议（由区里认定）</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Save household</source>
        <translation>保存家庭信息</translation>
    </message>
    <message>
        <source>Add parent or guardian…</source>
        <translation>添加父母或监护人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Open the household</source>
        <translation>打开家庭</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Registered address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Parents, guardians and carers</source>
        <translation>父母、监护人和照护人</translation>
    </message>
    <message>
        <source>Household and guardians</source>
        <translation>家庭与监护人</translation>
    </message>
    <message>
        <source>Open visit</source>
        <translation>打开走访</translation>
    </message>
    <message>
        <source>Newest first. Drafts and returned visits open for editing.</source>
        <translation>最新的在前。草稿和被退回的走访可打开修改。</translation>
    </message>
    <message>
        <source>Print summary…</source>
        <translation>打印走访小结…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Record a notice delivery…</source>
        <translation>登记告知书送达…</translation>
    </message>
    <message>
        <source>Record help given…</source>
        <translation>登记帮扶慰问…</translation>
    </message>
    <message>
        <source>Guardian-responsibility notices delivered to the household</source>
        <translation>向家庭送达的监护责任告知书</translation>
    </message>
    <message>
        <source>Help given</source>
        <translation>帮扶慰问</translation>
    </message>
    <message>
        <source>Activities taken part in</source>
        <translation>参加的活动</translation>
    </message>
    <message>
        <source>Notices and help</source>
        <translation>告知书与帮扶</translation>
    </message>
    <message>
        <source>Add support…</source>
        <translation>添加救助记录…</translation>
    </message>
    <message>
        <source>Add agreement…</source>
        <translation>添加委托照护协议…</translation>
    </message>
    <message>
        <source>Social assistance received</source>
        <translation>享受的社会救助与补贴</translation>
    </message>
    <message>
        <source>Entrusted-care agreement</source>
        <translation>委托照护协议</translation>
    </message>
    <message>
        <source>Recognition and basic living allowance</source>
        <translation>认定与基本生活保障金</translation>
    </message>
    <message>
        <source>Enter or double-click changes a record. A recognition is applied for, checked by the street and confirmed by the district; it is paid from the month after.</source>
        <translation>回车或双击修改记录。保障金认定经申请、街道查验、区民政确认，自确认次月起发放。</translation>
    </message>
    <message>
        <source>Social support</source>
        <translation>社会支持</translation>
    </message>
    <message>
        <source>Add follow-up…</source>
        <translation>添加跟进事项…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Cancel it</source>
        <translation>取消该事项</translation>
    </message>
    <message>
        <source>Add referral…</source>
        <translation>添加转介…</translation>
    </message>
    <message>
        <source>Record a mandatory report…</source>
        <translation>登记强制报告…</translation>
    </message>
    <message>
        <source>Mandatory reports</source>
        <translation>强制报告</translation>
    </message>
    <message>
        <source>Follow-up actions</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <source>Follow-ups and reports</source>
        <translation>跟进与报告</translation>
    </message>
    <message>
        <source>Add photo or document…</source>
        <translation>添加照片或文件…</translation>
    </message>
    <message>
        <source>Evidence valid until (optional)</source>
        <translation>证明材料有效期至（可不填）</translation>
    </message>
    <message>
        <source>Photos and scans are kept inside the encrypted store (JPEG, PNG, WebP or PDF, up to 10 MB).</source>
        <translation>照片和扫描件保存在加密数据库中（JPEG、PNG、WebP 或 PDF，不超过 10 MB）。</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Print &amp;checklist…</source>
        <translation>打印走访记录表(&amp;C)…</translation>
    </message>
    <message>
        <source>入户走访记录表, pre-filled for the next visit</source>
        <translation>入户走访记录表，为下次走访预先填好</translation>
    </message>
    <message>
        <source>Print case &amp;file…</source>
        <translation>打印一人一档(&amp;F)…</translation>
    </message>
    <message>
        <source>一人一档: the whole file on paper</source>
        <translation>一人一档：整份档案的纸质版</translation>
    </message>
    <message>
        <source>Child file: {name}</source>
        <translation>儿童档案：{name}</translation>
    </message>
    <message>
        <source>{age} years old</source>
        <translation>{age}岁</translation>
    </message>
    <message>
        <source>Risk: {risk}</source>
        <translation>风险：{risk}</translation>
    </message>
    <message>
        <source>Last visit: {date}</source>
        <translation>上次走访：{date}</translation>
    </message>
    <message>
        <source>Not visited yet</source>
        <translation>尚未走访</translation>
    </message>
    <message>
        <source>The child appears to qualify for:</source>
        <translation>该儿童似乎符合：</translation>
    </message>
    <message>
        <source>Check again:</source>
        <translation>需复核：</translation>
    </message>
    <message>
        <source>No category is suggested from the recorded facts.</source>
        <translation>根据已登记的情况，暂无建议类别。</translation>
    </message>
    <message>
        <source>Not suggested: {category}</source>
        <translation>不建议：{category}</translation>
    </message>
    <message>
        <source>A suggestion, not a decision: the street checks and the district confirms. Parents certified as not found are not inferred.</source>
        <translation>以上仅为建议，不是认定：由街道查验、区民政确认。“查找不到生父母”须有认定，不会自动推断。</translation>
    </message>
    <message>
        <source>valid until {date}</source>
        <translation>有效期至 {date}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: fix the marked field. Nothing you typed was lost.</source>
        <translation>未保存：请修改标出的项目。已填写的内容不会丢失。</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>登记申请…</translation>
    </message>
    <message>
        <source>Street check…</source>
        <translation>街道查验…</translation>
    </message>
    <message>
        <source>District confirmation…</source>
        <translation>区民政确认…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>暂停发放…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>恢复发放…</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>停止发放…</translation>
    </message>
    <message>
        <source>Payment ledger of the chosen recognition</source>
        <translation>所选认定的发放台账</translation>
    </message>
    <message>
        <source>Add photo or document</source>
        <translation>添加照片或文件</translation>
    </message>
    <message>
        <source>Photos and documents (*.jpg *.jpeg *.png *.webp *.pdf)</source>
        <translation>照片和文件 (*.jpg *.jpeg *.png *.webp *.pdf)</translation>
    </message>
</context>
<context>
    <name>ChildPicker</name>
    <message>
        <source>Whose household?</source>
        <translation>为哪户家庭登记？</translation>
    </message>
    <message>
        <source>Name, pinyin initials or the last digits of the ID number</source>
        <translation>姓名、拼音首字母或身份证号后几位</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
</context>
<context>
    <name>ChildProfileForm</name>
    <message>
        <source>18 characters; full-width digits and spaces are fine</source>
        <translation>18 位；全角数字和空格也可以</translation>
    </message>
    <message>
        <source>No household registration yet (registering is a task)</source>
        <translation>尚未登记户口（办理落户是一项待办工作）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Grade {n}</source>
        <translation>{n}级</translation>
    </message>
    <message>
        <source>e.g. physical, intellectual</source>
        <translation>例如：肢体、智力</translation>
    </message>
    <message>
        <source>Add category…</source>
        <translation>添加类别…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>as in the household register</source>
        <translation>与户口簿一致</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Registered address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>年级</translation>
    </message>
    <message>
        <source>School</source>
        <translation>就读学校</translation>
    </message>
    <message>
        <source>Categories (each with its basis, evidence and dates)</source>
        <translation>儿童类别（含认定依据、证明材料和起止日期）</translation>
    </message>
    <message>
        <source>Valid: born {date}, {sex}.</source>
        <translation>号码有效：出生日期 {date}，{sex}。</translation>
    </message>
</context>
<context>
    <name>ChildrenPage</name>
    <message>
        <source>Search: name, pinyin initials (e.g. zxm) or the last digits of the ID number</source>
        <translation>搜索：姓名、拼音首字母（如 zxm）或身份证号后几位</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>只看逾期(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New child…</source>
        <translation>新增儿童(&amp;N)…</translation>
    </message>
    <message>
        <source>Hand over children…</source>
        <translation>移交儿童…</translation>
    </message>
    <message>
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any risk</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Enter or double-click opens the child&apos;s file. ID numbers are masked in lists.</source>
        <translation>回车或双击打开儿童档案。列表中的身份证号已部分隐藏。</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>{n} children</source>
        <translation>共 {n} 名儿童</translation>
    </message>
    <message>
        <source>{n} children handed from {a} to {b}.</source>
        <translation>已将 {n} 名儿童从 {a} 移交给 {b}。</translation>
    </message>
    <message>
        <source>1 child</source>
        <translation>共 1 名儿童</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Guardian / carer</source>
        <translation>监护/照护</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Situations</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>受委托照护人</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>街道查验</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>区民政确认</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>确认文号</translation>
    </message>
    <message>
        <source>First month</source>
        <translation>起发月份</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>办理进度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>送达日期</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>告知书</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应访日期</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>转介机构</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>报告情形</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已报告</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>报告机关</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>认定依据</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应发金额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>儿童类别</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>下次应访</translation>
    </message>
    <message>
        <source>Holiday visit</source>
        <translation>假期走访</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Was due</source>
        <translation>应访日期</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Supervisor&apos;s comment</source>
        <translation>督导意见</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Parents and guardians</source>
        <translation>父母及监护人</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Last exchange</source>
        <translation>最近交换</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Centre value</source>
        <translation>区中心的值</translation>
    </message>
    <message>
        <source>Changed at the centre</source>
        <translation>区中心修改人/时间</translation>
    </message>
    <message>
        <source>Laptop value</source>
        <translation>笔记本的值</translation>
    </message>
    <message>
        <source>Changed on the laptop</source>
        <translation>笔记本修改人/时间</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Person-times</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>告知书</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On the list</source>
        <translation>名单内</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fix the marked field; nothing you typed was lost.</source>
        <translation>请修改标出的项目；已填写的内容不会丢失。</translation>
    </message>
    <message>
        <source>is required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. It was written to the log; your data is safe.</source>
        <translation>程序内部出错，已写入日志；您的数据是安全的。</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Creating the store</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <source>This takes a few seconds per user: each password is protected so that guessing it is slow.</source>
        <translation>每位用户需要几秒钟：每个密码都经过加固，使猜测密码非常缓慢。</translation>
    </message>
    <message>
        <source>Measuring this computer for the password protection</source>
        <translation>正在测定本机速度以设置密码保护</translation>
    </message>
    <message>
        <source>Creating the encrypted store</source>
        <translation>正在创建加密数据库</translation>
    </message>
    <message>
        <source>Adding streets and communities</source>
        <translation>正在添加街道和社区</translation>
    </message>
    <message>
        <source>Adding user {name}</source>
        <translation>正在添加用户 {name}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Due this week</source>
        <translation>本周应访</translation>
    </message>
    <message>
        <source>Overdue visits</source>
        <translation>逾期未访</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Returned by a supervisor</source>
        <translation>督导退回</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>待办跟进事项</translation>
    </message>
    <message>
        <source>Open mandatory reports</source>
        <translation>未办结的强制报告</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Children to re-examine</source>
        <translation>待复核儿童</translation>
    </message>
    <message>
        <source>Show all overdue children in the children list</source>
        <translation>在儿童档案中查看全部逾期儿童</translation>
    </message>
    <message>
        <source>Enter or double-click opens the record.</source>
        <translation>回车或双击打开记录。</translation>
    </message>
    <message>
        <source>Today is {date}, {weekday}. This week ends on {end}.</source>
        <translation>今天是 {date}，{weekday}。本周截至 {end}。</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Re-examination decision</source>
        <translation>复核结果</translation>
    </message>
    <message>
        <source>What was checked, and by whom</source>
        <translation>核查了什么、由谁核查</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>复核事由</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Measuring this computer for the password protection…</source>
        <translation>正在测定本机速度以设置密码保护…</translation>
    </message>
    <message>
        <source>Creating the encrypted demo store…</source>
        <translation>正在创建加密的演示数据库…</translation>
    </message>
    <message>
        <source>Generating {n} synthetic children with their families and visits…</source>
        <translation>正在生成 {n} 名虚构儿童及其家庭和走访记录…</translation>
    </message>
    <message>
        <source>Adding the demo users…</source>
        <translation>正在添加演示用户…</translation>
    </message>
    <message>
        <source>Preparing the demo store…</source>
        <translation>正在准备演示数据库…</translation>
    </message>
    <message>
        <source>Demo store</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Demo store with synthetic data. Users: {director} (child director), {street} (street supervisor), {centre} (district centre); password {password}.</source>
        <translation>演示数据库（虚构数据）。用户：{director}（儿童主任）、{street}（街道儿童督导员）、{centre}（区未保中心）；密码 {password}。</translation>
    </message>
</context>
<context>
    <name>EndCampaignDialog</name>
    <message>
        <source>End the campaign</source>
        <translation>结束专项行动</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>原定结束日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>After its last day the campaign is no longer offered for visits and help, and its coverage counts what was done up to that day.</source>
        <translation>最后一天之后，走访和帮扶不再可选该专项行动；覆盖情况只统计截至当天完成的工作。</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Collecting the records…</source>
        <translation>正在收集记录…</translation>
    </message>
    <message>
        <source>Packing…</source>
        <translation>正在打包…</translation>
    </message>
    <message>
        <source>Signing and sealing…</source>
        <translation>正在签名并加密…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>正在核对签名…</translation>
    </message>
    <message>
        <source>Opening the package…</source>
        <translation>正在解开数据包…</translation>
    </message>
    <message>
        <source>Applying the records…</source>
        <translation>正在导入记录…</translation>
    </message>
    <message>
        <source>Exchange packages (*.hxp);;All files (*)</source>
        <translation>数据交换包 (*.hxp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Enrolment files (*.hxr);;All files (*)</source>
        <translation>设备登记文件 (*.hxr);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>This device</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Request enrolment…</source>
        <translation>申请登记…</translation>
    </message>
    <message>
        <source>Accept the centre&apos;s reply…</source>
        <translation>接受区中心的回复…</translation>
    </message>
    <message>
        <source>Enrol a laptop…</source>
        <translation>登记笔记本电脑…</translation>
    </message>
    <message>
        <source>Centre card…</source>
        <translation>区中心卡片…</translation>
    </message>
    <message>
        <source>Exchange packages</source>
        <translation>数据交换包</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>For</source>
        <translation>发往</translation>
    </message>
    <message>
        <source>Enrolled devices</source>
        <translation>已登记的设备</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <source>The same field changed on both sides: a supervisor at the centre chooses. Nothing is overwritten silently.</source>
        <translation>同一项资料在两边都被修改：由区中心的督导员决定保留哪一个。不会悄悄覆盖任何内容。</translation>
    </message>
    <message>
        <source>Keep the centre&apos;s</source>
        <translation>保留区中心的</translation>
    </message>
    <message>
        <source>Keep the laptop&apos;s</source>
        <translation>保留笔记本的</translation>
    </message>
    <message>
        <source>Type a value…</source>
        <translation>输入其他值…</translation>
    </message>
    <message>
        <source>Read-only here: conflicts are resolved by a supervisor at the centre.</source>
        <translation>此处只读：冲突由区中心的督导员处理。</translation>
    </message>
    <message>
        <source>{count} open conflict(s).</source>
        <translation>{count} 处冲突待处理。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder or removable drive for the package</source>
        <translation>选择保存数据包的文件夹或U盘</translation>
    </message>
    <message>
        <source>Package written</source>
        <translation>数据包已生成</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Package to import</source>
        <translation>选择要导入的数据包</translation>
    </message>
    <message>
        <source>{count} profile conflict(s) kept for a supervisor: see Conflicts to resolve.</source>
        <translation>{count} 处资料冲突留待督导员处理：见“待处理的冲突”。</translation>
    </message>
    <message>
        <source>Package imported</source>
        <translation>数据包已导入</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was changed.</source>
        <translation>已取消导入，未做任何改动。</translation>
    </message>
    <message>
        <source>The package was refused. Nothing was imported.</source>
        <translation>数据包被拒收，未导入任何内容。</translation>
    </message>
    <message>
        <source>Package refused</source>
        <translation>数据包被拒收</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Type a value</source>
        <translation>输入值</translation>
    </message>
    <message>
        <source>{field} of {subject}:</source>
        <translation>{subject}的{field}：</translation>
    </message>
    <message>
        <source>Save the centre card</source>
        <translation>保存区中心卡片</translation>
    </message>
    <message>
        <source>Centre card</source>
        <translation>区中心卡片</translation>
    </message>
    <message>
        <source>Card written to {path}.</source>
        <translation>卡片已写出：{path}。</translation>
    </message>
    <message>
        <source>This centre&apos;s fingerprint:</source>
        <translation>本中心指纹：</translation>
    </message>
    <message>
        <source>Give the card to the laptop and read this fingerprint to its user by phone or on paper: the laptop uses the card only when the user types the same digits. With it, the laptop&apos;s request names its community and director to this centre only.</source>
        <translation>把卡片交给笔记本电脑，并通过电话或纸面把这串指纹读给使用者：只有输入相同的数字，笔记本电脑才会使用这张卡片。有了卡片，登记申请中的社区和儿童主任只有本中心能读到。</translation>
    </message>
    <message>
        <source>Save the enrolment request</source>
        <translation>保存登记申请</translation>
    </message>
    <message>
        <source>The community and the director&apos;s name are sealed to {centre} (fingerprint {fp}); only the centre can read them.</source>
        <translation>社区和儿童主任的姓名已加密给{centre}（指纹 {fp}），只有区中心能读。</translation>
    </message>
    <message>
        <source>No centre card: the request holds this laptop&apos;s keys only, no names. The centre chooses the community when it enrols this laptop.</source>
        <translation>没有区中心卡片：申请只含本机的公钥，不含任何名称。区中心登记本机时选择所服务的社区。</translation>
    </message>
    <message>
        <source>Enrolment request</source>
        <translation>登记申请</translation>
    </message>
    <message>
        <source>Request written to {path}.</source>
        <translation>登记申请已保存到 {path}。</translation>
    </message>
    <message>
        <source>This laptop&apos;s fingerprint:</source>
        <translation>本机指纹：</translation>
    </message>
    <message>
        <source>Take the file to the centre. When they enrol it, they read this fingerprint to you by phone or on paper: it must be the same.</source>
        <translation>请把文件交给区中心。区中心登记后会通过电话或书面告诉您这个指纹：两者必须完全一致。</translation>
    </message>
    <message>
        <source>The centre&apos;s reply</source>
        <translation>区中心的回复</translation>
    </message>
    <message>
        <source>Compare these fingerprints with the centre by phone or on paper:</source>
        <translation>请通过电话或书面与区中心核对以下指纹：</translation>
    </message>
    <message>
        <source>The centre: {fp}</source>
        <translation>区中心：{fp}</translation>
    </message>
    <message>
        <source>This laptop: {fp}</source>
        <translation>本机：{fp}</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>This laptop now exchanges with the centre for {unit}.</source>
        <translation>本机已登记，为{unit}与区中心交换数据。</translation>
    </message>
    <message>
        <source>A laptop&apos;s enrolment request</source>
        <translation>笔记本电脑的登记申请</translation>
    </message>
    <message>
        <source>Save the reply for the laptop</source>
        <translation>保存给笔记本电脑的回复</translation>
    </message>
    <message>
        <source>The request names no community: it was written without this centre&apos;s card, so no names travel in the clear.</source>
        <translation>该申请没有写明社区：它不是用本中心的卡片写的，名称不以明文传送。</translation>
    </message>
    <message>
        <source>Laptop enrolled</source>
        <translation>笔记本电脑已登记</translation>
    </message>
    <message>
        <source>{laptop} enrolled for {unit}. Reply written to {path}.</source>
        <translation>已为{unit}登记 {laptop}，回复已保存到 {path}。</translation>
    </message>
    <message>
        <source>Compare these fingerprints with the laptop by phone or on paper:</source>
        <translation>请通过电话或书面与笔记本电脑一方核对以下指纹：</translation>
    </message>
    <message>
        <source>The laptop: {fp}</source>
        <translation>笔记本电脑：{fp}</translation>
    </message>
    <message>
        <source>This centre: {fp}</source>
        <translation>本中心：{fp}</translation>
    </message>
    <message>
        <source>Enrol a laptop</source>
        <translation>登记笔记本电脑</translation>
    </message>
    <message>
        <source>Which community or street does this laptop serve?</source>
        <translation>这台笔记本电脑服务于哪个社区或街道？</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>设备登记</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>No network is needed: a package file travels on a USB stick, a shared folder or by mail. It is unreadable without the recipient&apos;s key.</source>
        <translation>无需联网：数据包可通过U盘、共享文件夹或邮件传递；没有接收方的密钥无法读取。</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up action</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>e.g. help register the household</source>
        <translation>例如：协助办理户口登记</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>GuardianDialog</name>
    <message>
        <source>Parent or guardian</source>
        <translation>父母或监护人</translation>
    </message>
    <message>
        <source>Legal or actual guardian</source>
        <translation>法定或实际监护人</translation>
    </message>
    <message>
        <source>Cares for the child day to day</source>
        <translation>日常照护儿童</translation>
    </message>
    <message>
        <source>Add situation…</source>
        <translation>添加情形…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Situations (death, prison, illness, lost contact …) with dates</source>
        <translation>情形（死亡、服刑、重病、失联等）及日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand a director&apos;s children over</source>
        <translation>移交儿童主任负责的儿童</translation>
    </message>
    <message>
        <source>From director</source>
        <translation>移交人（儿童主任）</translation>
    </message>
    <message>
        <source>To director</source>
        <translation>接收人（儿童主任）</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>Every child of the first director goes to the second, who then sees them. Each child&apos;s change is recorded in the audit trail and travels in the next exchange package.</source>
        <translation>移交人负责的全部儿童交给接收人，接收人随即可以查看。每名儿童的变更都记入审计日志，并随下一个数据交换包传递。</translation>
    </message>
</context>
<context>
    <name>HouseholdWindow</name>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Add parent or guardian…</source>
        <translation>添加父母或监护人…</translation>
    </message>
    <message>
        <source>Record a notice delivery…</source>
        <translation>登记告知书送达…</translation>
    </message>
    <message>
        <source>Winter holiday</source>
        <translation>寒假版</translation>
    </message>
    <message>
        <source>Summer holiday</source>
        <translation>暑假版</translation>
    </message>
    <message>
        <source>General</source>
        <translation>通用版</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印监护责任告知书…</translation>
    </message>
    <message>
        <source>监护责任告知书 of the chosen version, to hand over and have signed</source>
        <translation>所选版本的监护责任告知书，交给家庭并请其签字</translation>
    </message>
    <message>
        <source>Record help given…</source>
        <translation>登记帮扶慰问…</translation>
    </message>
    <message>
        <source>Children (Enter opens the file)</source>
        <translation>儿童（回车打开档案）</translation>
    </message>
    <message>
        <source>Parents, guardians and carers</source>
        <translation>父母、监护人和照护人</translation>
    </message>
    <message>
        <source>Notices delivered</source>
        <translation>已送达的告知书</translation>
    </message>
    <message>
        <source>Help given</source>
        <translation>帮扶慰问</translation>
    </message>
    <message>
        <source>Household: {address}</source>
        <translation>家庭：{address}</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Search: address or a child&apos;s name</source>
        <translation>搜索：地址或儿童姓名</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>1 household</source>
        <translation>共 1 户</translation>
    </message>
    <message>
        <source>{n} households</source>
        <translation>共 {n} 户</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Enter or double-click opens the household: guardians, notices and help given.</source>
        <translation>回车或双击打开家庭：监护人、告知书和帮扶记录。</translation>
    </message>
</context>
<context>
    <name>HubConnectionDialog</name>
    <message>
        <source>Add a hub connection</source>
        <translation>添加中心数据库连接</translation>
    </message>
    <message>
        <source>e.g. District centre</source>
        <translation>例如：区儿童关爱中心</translation>
    </message>
    <message>
        <source>The address comes from the administrator. Leave the database password out of it: it is kept in your own pgpass file.</source>
        <translation>连接地址由管理员提供。地址中不要写数据库密码：密码保存在您自己的 pgpass 文件中。</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>请为此连接起一个名称。</translation>
    </message>
    <message>
        <source>A connection of that name is already saved.</source>
        <translation>已保存了同名的连接。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>This computer has no case store yet. These steps create one.</source>
        <translation>本机还没有数据库，以下几步将创建一个。</translation>
    </message>
    <message>
        <source>The store keeps children&apos;s records encrypted on this computer. Each user opens it with their own password; a recovery code, shown at the end, sets a new password if every password is forgotten.

You will need: the administrator&apos;s password, the names of your streets and communities, and the first users (child directors and supervisors).</source>
        <translation>数据库在本机加密保存儿童档案。每位用户用自己的密码打开；最后会显示恢复码，所有密码都忘记时可用它设置新密码。

您需要准备：管理员密码、所辖街道和社区名称、首批用户（儿童主任和督导员）。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Store file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>A file already exists there. Choose another name.</source>
        <translation>该位置已有文件，请换一个名称。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>carer</source>
        <translation>照护人</translation>
    </message>
    <message>
        <source>grade {grade}</source>
        <translation>{grade}级</translation>
    </message>
    <message>
        <source> (mental)</source>
        <translation>（精神/智力）</translation>
    </message>
    <message>
        <source>from {date}</source>
        <translation>自{date}起</translation>
    </message>
    <message>
        <source>expected to end {date}</source>
        <translation>预计{date}结束</translation>
    </message>
    <message>
        <source>ended {date}</source>
        <translation>{date}结束</translation>
    </message>
    <message>
        <source>{age} yrs</source>
        <translation>{age}岁</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Winter holiday visit needed</source>
        <translation>寒假走访待完成</translation>
    </message>
    <message>
        <source>Summer holiday visit needed (drowning first)</source>
        <translation>暑假走访待完成（首先提醒防溺水）</translation>
    </message>
    <message>
        <source>Winter holiday visit missed</source>
        <translation>寒假未走访</translation>
    </message>
    <message>
        <source>Summer holiday visit missed</source>
        <translation>暑假未走访</translation>
    </message>
    <message>
        <source>Winter holiday</source>
        <extracomment>A card holds its count and a caption of up to two lines (English captions wrap at 1280 px).</extracomment>
        <translation>寒假</translation>
    </message>
    <message>
        <source>Summer holiday (drowning first)</source>
        <translation>暑假（防溺水优先）</translation>
    </message>
    <message>
        <source>starts {start}: every child needs a visit in it</source>
        <translation>{start} 开始：每名儿童在假期内至少走访一次</translation>
    </message>
    <message>
        <source>under way: {done} of {total} visited, {left} still to visit</source>
        <translation>进行中：已走访 {done} / {total} 人，尚需走访 {left} 人</translation>
    </message>
    <message>
        <source>over: {done} of {total} visited, {left} missed</source>
        <translation>已结束：已走访 {done} / {total} 人，{left} 人未走访</translation>
    </message>
    <message>
        <source>{name} ({span}): {state}</source>
        <translation>{name}（{span}）：{state}</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> month</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source> day</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>4. Physical state</source>
        <translation>四、生理状态</translation>
    </message>
    <message>
        <source>5. Psychological condition</source>
        <translation>五、心理状况</translation>
    </message>
    <message>
        <source>6. Living environment and safety</source>
        <translation>六、居住环境与安全</translation>
    </message>
    <message>
        <source>7. Family education</source>
        <translation>七、家庭教育</translation>
    </message>
    <message>
        <source>8. Social support (allowances, 低保, aid, school, relatives, NGOs)</source>
        <translation>八、社会支持现状（补贴、低保、救助、学校、亲属、社会组织）</translation>
    </message>
    <message>
        <source>Reported late</source>
        <translation>超时报告</translation>
    </message>
    <message>
        <source>Police feedback overdue</source>
        <translation>公安反馈逾期</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件……</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在逐行核对……</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Repeated</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Ledgers (*.xlsx *.xlsm *.xls *.csv);;Excel (*.xlsx *.xls);;CSV (*.csv);;All files (*)</source>
        <translation>台账文件 (*.xlsx *.xlsm *.xls *.csv);;Excel (*.xlsx *.xls);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>relationship to the child</source>
        <translation>与儿童关系</translation>
    </message>
    <message>
        <source>Same child as row {row}</source>
        <translation>与第 {row} 行是同一名儿童</translation>
    </message>
    <message>
        <source>household</source>
        <translation>家庭</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Ledger file</source>
        <translation>台账文件</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件……</translation>
    </message>
    <message>
        <source>(as written in the ledger)</source>
        <translation>（按台账填写）</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Community of rows that name none</source>
        <translation>未填社区的行归入</translation>
    </message>
    <message>
        <source>The header may be on any of the first 20 rows; titles, blank rows, 合计 rows and notes under the table are skipped. Nothing is written until you press Import.</source>
        <translation>表头可以在前 20 行中的任一行；标题、空行、合计行和表下的注释会自动跳过。按“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Remember these choices</source>
        <translation>记住这些设置</translation>
    </message>
    <message>
        <source>Refused rows to Excel…</source>
        <translation>导出被拒绝的行……</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Category words…</source>
        <translation>类别对照表……</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Ledger import</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <source>Ledger to import</source>
        <translation>要导入的台账</translation>
    </message>
    <message>
        <source>Checking the ledger</source>
        <translation>核对台账</translation>
    </message>
    <message>
        <source>All sheets</source>
        <translation>全部工作表</translation>
    </message>
    <message>
        <source>{sheet}: header on row {row}</source>
        <translation>工作表“{sheet}”的表头在第 {row} 行</translation>
    </message>
    <message>
        <source>{count} column(s) not recognised: choose what they hold, or leave them out.</source>
        <translation>有 {count} 列未能识别：请选择它们的内容，或不导入。</translation>
    </message>
    <message>
        <source>Every column was recognised.</source>
        <translation>所有列均已识别。</translation>
    </message>
    <message>
        <source>(not chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <source>The column choices are saved for the next ledger.</source>
        <translation>列的设置已保存，下次导入时自动使用。</translation>
    </message>
    <message>
        <source>The category words are saved.</source>
        <translation>类别对照表已保存。</translation>
    </message>
    <message>
        <source>Import {new} new and {update} updated children? Refused and repeated rows are left out. Everything is written at once, or nothing.</source>
        <translation>导入新增 {new} 名、更新 {update} 名儿童？被拒绝和重复的行不会导入。全部内容一次写入，要么全部成功，要么什么都不改。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported: {new} new, {update} updated. Importing the same file again changes nothing.</source>
        <translation>已导入：新增 {new} 名，更新 {update} 名。再次导入同一文件不会重复添加。</translation>
    </message>
    <message>
        <source>Importing the ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <source>{count} refused row(s) written to {path}, each with its reason. Fix them in Excel and import that file.</source>
        <translation>已将 {count} 行被拒绝的记录连同原因写入 {path}。请在 Excel 中改正后再导入该文件。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>已取消，未做任何更改。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>&amp;Switch user</source>
        <translation>切换用户(&amp;S)</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Nobody is signed in. The program stays open: the next person signs in with their own user name and password.</source>
        <translation>当前无人登录。程序仍然开着：下一位用户请用自己的用户名和密码登录。</translation>
    </message>
    <message>
        <source>The window locked itself after {minutes} minutes without use. Personal details are hidden until you unlock it.</source>
        <translation>窗口已在 {minutes} 分钟无操作后自动锁定。解锁前不显示任何个人信息。</translation>
    </message>
    <message>
        <source>Personal details are hidden until you unlock the window.</source>
        <translation>解锁前不显示任何个人信息。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hexi child care</source>
        <translation>河西儿童关爱</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Activities and help</source>
        <translation>活动与慰问</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>Re-examinations</source>
        <translation>复核清单</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Ledger import</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Automatic backup written: {name}</source>
        <translation>已自动备份：{name}</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Unit: {unit}</source>
        <translation>单位：{unit}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Unlocked · locks after {minutes} min idle (Ctrl+L locks now)</source>
        <translation>已解锁 · 无操作 {minutes} 分钟后自动锁定（Ctrl+L 立即锁定）</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NewCampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建专项行动</translation>
    </message>
    <message>
        <source>Change the campaign</source>
        <translation>修改专项行动</translation>
    </message>
    <message>
        <source>e.g. 2027 winter holiday visits</source>
        <translation>例如：2027年寒假关爱走访</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>家庭（户）</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>the whole list</source>
        <translation>整个名单</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Children with these categories</source>
        <translation>儿童类别（任一）</translation>
    </message>
    <message>
        <source>Children at these risk levels</source>
        <translation>风险等级（任一）</translation>
    </message>
    <message>
        <source>Notice handed out</source>
        <translation>发放的告知书</translation>
    </message>
    <message>
        <source>No category and no risk level ticked: every child (or household) in the units is on the list. A summer campaign puts drowning first.</source>
        <translation>不勾选类别和风险等级：所辖范围内的所有儿童（或家庭）都在名单上。暑假专项行动自动把防溺水放在首位。</translation>
    </message>
    <message>
        <source>Add the campaign</source>
        <translation>添加专项行动</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>保存修改</translation>
    </message>
</context>
<context>
    <name>NewChildDialog</name>
    <message>
        <source>New child</source>
        <translation>新增儿童</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>A new household is created at the address given.</source>
        <translation>将按填写的地址新建一个家庭。</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>NoticeDeliveryDialog</name>
    <message>
        <source>Record a notice delivery</source>
        <translation>登记告知书送达</translation>
    </message>
    <message>
        <source>The guardian signed the notice</source>
        <translation>监护人已签字</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>送达日期</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Open mandatory reports</source>
        <translation>未办结强制报告</translation>
    </message>
    <message>
        <source>No campaign under way</source>
        <translation>当前没有进行中的专项行动</translation>
    </message>
    <message>
        <source>Children by category</source>
        <translation>各类儿童数</translation>
    </message>
    <message>
        <source>Visits per month</source>
        <translation>每月走访次数</translation>
    </message>
    <message>
        <source>Risk levels</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Overdue children</source>
        <translation>逾期未访儿童</translation>
    </message>
    <message>
        <source>Campaign coverage</source>
        <translation>专项行动覆盖情况</translation>
    </message>
    <message>
        <source>Click a bar or a card to open the list it counts.</source>
        <translation>点击柱形或卡片，打开对应的名单。</translation>
    </message>
    <message>
        <source>Figures as of {date}</source>
        <translation>统计截至 {date}</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>On the list</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>{reached:,} of {goal:,} ({percent}%)</source>
        <translation>{reached:,} / {goal:,}（{percent}%）</translation>
    </message>
    <message>
        <source>{name}, {start} to {end}</source>
        <translation>{name}，{start} 至 {end}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>共 1 页</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>共 {n} 页</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Cannot create the document</source>
        <translation>无法生成文档</translation>
    </message>
    <message>
        <source>Home-visit checklist</source>
        <translation>入户走访记录表</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>一人一档</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>走访情况小结</translation>
    </message>
    <message>
        <source>Guardian-responsibility notice</source>
        <translation>监护责任告知书</translation>
    </message>
    <message>
        <source>Work statistics</source>
        <translation>工作统计</translation>
    </message>
    <message>
        <source>Collecting the records…</source>
        <translation>正在收集记录…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Batch printing</source>
        <translation>批量打印</translation>
    </message>
    <message>
        <source>Laying out document {n} of {total}…</source>
        <translation>正在排版第 {n} 份，共 {total} 份…</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Set a new password with the recovery code</source>
        <translation>用恢复码设置新密码</translation>
    </message>
    <message>
        <source>The recovery code was printed when the store was created and should be kept locked away. Without it, ask the district centre to recover the store.</source>
        <translation>恢复码在创建数据库时打印，应锁好保存。没有恢复码时，请联系区未保中心恢复。</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Also replace the data key and the recovery code (recommended: this code has now been seen)</source>
        <translation>同时更换数据密钥和恢复码（建议：此恢复码已被看到过）</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Shown only this once. Print it or write it down and keep it locked away.</source>
        <translation>只显示这一次。请打印或抄写后锁好保存。</translation>
    </message>
    <message>
        <source>If every password of this store is forgotten, this code sets a new one. Anyone holding it can open the store, so treat it like a key: not in the laptop bag, not in a photo.</source>
        <translation>当所有密码都忘记时，可用此恢复码设置新密码。持有恢复码就能打开数据库，请像钥匙一样保管：不要放在电脑包里，也不要拍照。</translation>
    </message>
    <message>
        <source>&amp;Print the recovery code…</source>
        <translation>打印恢复码(&amp;P)…</translation>
    </message>
    <message>
        <source>I have printed or written down the recovery code and will keep it locked away</source>
        <translation>我已打印或抄写恢复码，并会锁好保存</translation>
    </message>
    <message>
        <source>hexi-care recovery code</source>
        <translation>hexi-care 数据库恢复码</translation>
    </message>
    <message>
        <source>Store: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Keep locked away. It sets a new password when every password is forgotten.</source>
        <translation>请锁好保存。所有密码都忘记时，可用它设置新密码。</translation>
    </message>
    <message>
        <source>Print the recovery code</source>
        <translation>打印恢复码</translation>
    </message>
</context>
<context>
    <name>ReexamPage</name>
    <message>
        <source>All reasons</source>
        <translation>全部事由</translation>
    </message>
    <message>
        <source>Open the child&apos;s file</source>
        <translation>打开儿童档案</translation>
    </message>
    <message>
        <source>Record decision…</source>
        <translation>记录复核结果…</translation>
    </message>
    <message>
        <source>Re-examinations</source>
        <translation>复核清单</translation>
    </message>
    <message>
        <source>Children whose case needs a decision: a parent&apos;s situation ended, a birthday that ends a category, the rules no longer support a category or suggest one, the annual review, evidence that expires. The district decides; the list only asks.</source>
        <translation>需要作出决定的儿童：父母情形已结束、生日使类别到期、规则不再支持已登记类别或建议新类别、年度复核、证明材料到期。由区里认定，清单只提示。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Enter or double-click opens the child&apos;s file where the reason is dealt with.</source>
        <translation>按回车或双击打开儿童档案中处理该事由的页面。</translation>
    </message>
    <message>
        <source>{n} reasons for {c} children</source>
        <translation>{c} 名儿童，共 {n} 条事由</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Referral</source>
        <translation>转介</translation>
    </message>
    <message>
        <source>e.g. the school, a social work agency, the hospital</source>
        <translation>例如：学校、社工机构、医院</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Rekey</name>
    <message>
        <source>Re-encrypting the store with a new key…</source>
        <translation>正在用新密钥重新加密数据库……</translation>
    </message>
    <message>
        <source>New data key</source>
        <translation>更换数据密钥</translation>
    </message>
</context>
<context>
    <name>RekeyDoneDialog</name>
    <message>
        <source>The data key was replaced</source>
        <translation>数据密钥已更换</translation>
    </message>
    <message>
        <source>The store is re-encrypted with a new key. Every current user keeps their password; removed users&apos; passwords and the old recovery code no longer open it.</source>
        <translation>数据库已用新密钥重新加密。现有用户的密码不变；已停用用户的密码和旧恢复码都不能再打开它。</translation>
    </message>
    <message>
        <source>New recovery code (shown only now: print or copy it and lock it away):</source>
        <translation>新的恢复码（只显示这一次，请打印或抄写后锁好保存）：</translation>
    </message>
    <message>
        <source>A backup of the new key was written: {path}</source>
        <translation>已用新密钥写入备份：{path}</translation>
    </message>
    <message>
        <source>Delete the older backups</source>
        <translation>删除旧备份</translation>
    </message>
    <message>
        <source>These older backups still open with the old passwords, a removed user&apos;s too. Delete them when you no longer need them:</source>
        <translation>以下旧备份仍可用旧密码打开（包括已停用用户的密码）。不再需要时请删除：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{count} older backups deleted.</source>
        <translation>已删除 {count} 个旧备份。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Mandatory report</source>
        <translation>强制报告</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已报告</translation>
    </message>
    <message>
        <source>Police (公安)</source>
        <translation>公安机关</translation>
    </message>
    <message>
        <source>When a child is harmed, suspected harmed or in danger, report to the police at once (110), and to civil affairs and education. The reporter&apos;s identity stays confidential.</source>
        <translation>发现未成年人遭受或疑似遭受侵害、面临危险时，应立即向公安机关报告（110），并向民政、教育部门报告。报告人信息严格保密。</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Count</source>
        <translation>统计(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Print statistics…</source>
        <translation>打印工作统计(&amp;P)…</translation>
    </message>
    <message>
        <source>工作统计 for this unit and period, as a PDF to print</source>
        <translation>本单位本时段的工作统计，生成 PDF 以便打印</translation>
    </message>
    <message>
        <source>Work figures</source>
        <translation>工作数据</translation>
    </message>
    <message>
        <source>Persons are counted once however often they were reached; person-times count every visit and every activity taken part in.</source>
        <translation>“人数”每人只计一次；“人次”按每次走访和每次参加活动累计。</translation>
    </message>
    <message>
        <source>Printed documents</source>
        <translation>打印文书</translation>
    </message>
    <message>
        <source>Street or community</source>
        <translation>街道或社区</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Home-visit checklists (入户走访记录表), batch</source>
        <translation>入户走访记录表（批量）</translation>
    </message>
    <message>
        <source>One pre-filled checklist for every child whose next visit falls between the dates, to take along.</source>
        <translation>下次走访日期在所选日期之间的每名儿童各一份预填的记录表，走访时带上。</translation>
    </message>
    <message>
        <source>Create…</source>
        <translation>生成…</translation>
    </message>
    <message>
        <source>Visit summaries (走访情况小结), batch</source>
        <translation>走访情况小结（批量）</translation>
    </message>
    <message>
        <source>The summary of every visit recorded between the dates, for the files.</source>
        <translation>所选日期之间记录的每次走访的小结，用于归档。</translation>
    </message>
    <message>
        <source>Register export (台账, Excel or CSV)</source>
        <translation>台账导出（Excel 或 CSV）</translation>
    </message>
    <message>
        <source>Every child of the street or community with masked ID numbers, for the street and district registers.</source>
        <translation>该街道或社区的全部儿童，身份证号部分隐藏，用于街道和区级台账。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Blank checklist</source>
        <translation>空白走访记录表</translation>
    </message>
    <message>
        <source>The checklist with every field left to fill by hand, for a child not yet registered.</source>
        <translation>所有栏目留空供手写的记录表，用于尚未登记的儿童。</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>One child&apos;s checklist and case file print from the child&apos;s file, a visit&apos;s summary from the visit, the guardian-responsibility notice from the household.</source>
        <translation>单个儿童的走访记录表和一人一档在儿童档案中打印，走访小结在该次走访中打印，监护责任告知书在家庭页面中打印。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Save the batch as PDF</source>
        <translation>将批量文档保存为 PDF</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Nothing to print for these dates.</source>
        <translation>所选日期内没有需要打印的文档。</translation>
    </message>
    <message>
        <source>1 document saved to {path}</source>
        <translation>1 份文档已保存到 {path}</translation>
    </message>
    <message>
        <source>{n} documents saved to {path}</source>
        <translation>{n} 份文档已保存到 {path}</translation>
    </message>
    <message>
        <source>Batch printing</source>
        <translation>批量打印</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Basic living allowance, monthly list (Excel or PDF)</source>
        <translation>基本生活保障金月度发放名册（Excel 或 PDF）</translation>
    </message>
    <message>
        <source>Every allowance paid for the month in your units with the year&apos;s standard, for the finance office; the ledger adds what was paid and when.</source>
        <translation>本单位范围内当月应发放的每一笔保障金及当年标准，供财务部门使用；发放台账另列实际发放金额和日期。</translation>
    </message>
    <message>
        <source>Payment list</source>
        <translation>发放名册</translation>
    </message>
    <message>
        <source>Payment ledger</source>
        <translation>发放台账</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Save the allowance list</source>
        <translation>保存保障金名册</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF files (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{n} lines written to {path}</source>
        <translation>已写入 {n} 行：{path}</translation>
    </message>
    <message>
        <source>Basic living allowance</source>
        <translation>基本生活保障金</translation>
    </message>
    <message>
        <source>Collecting the month&apos;s allowances…</source>
        <translation>正在汇总当月保障金…</translation>
    </message>
    <message>
        <source>Export the register</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>All work</source>
        <translation>全部工作</translation>
    </message>
    <message>
        <source>Count only the visits and help of one campaign</source>
        <translation>只统计某一专项行动的走访和帮扶</translation>
    </message>
    <message>
        <source>1 child written to {path}</source>
        <translation>已将 1 名儿童写入 {path}</translation>
    </message>
    <message>
        <source>{n} children written to {path}</source>
        <translation>{n} 名儿童已写入 {path}</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Request enrolment</source>
        <translation>申请登记</translation>
    </message>
    <message>
        <source>If the centre gave you its card, choose it and type the fingerprint the centre read to you: the community and the director&apos;s name then travel sealed to the centre. Without a card, the request holds no names and the centre chooses the community when it enrols this laptop.</source>
        <translation>如果区中心给了您卡片，请选择卡片，并输入区中心读给您的指纹：社区和儿童主任的姓名将加密后只交给区中心。没有卡片时，申请不含任何名称，由区中心登记时选择社区。</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>没有卡片</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Centre card</source>
        <translation>区中心卡片</translation>
    </message>
    <message>
        <source>The centre&apos;s fingerprint</source>
        <translation>区中心指纹</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>继续…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The centre&apos;s card</source>
        <translation>区中心卡片</translation>
    </message>
    <message>
        <source>Type the fingerprint the centre read to you, to compare with the card.</source>
        <translation>请输入区中心读给您的指纹，用来与卡片核对。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>New password for {name}</source>
        <translation>为 {name} 设置新密码</translation>
    </message>
    <message>
        <source>Also replace the data key (recommended if the old password may be known)</source>
        <translation>同时更换数据密钥（旧密码可能已被他人知道时建议勾选）</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>What to mend (needed to return a visit)</source>
        <translation>需要修改的内容（退回时必填）</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Return with comment</source>
        <translation>退回并说明(&amp;R)</translation>
    </message>
    <message>
        <source>Open the child&apos;s file</source>
        <translation>打开儿童档案</translation>
    </message>
    <message>
        <source>Comment to the author</source>
        <translation>给填写人的意见</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>1 visit waiting for review</source>
        <translation>1 次走访待审核</translation>
    </message>
    <message>
        <source>{n} visits waiting for review</source>
        <translation>{n} 次走访待审核</translation>
    </message>
    <message>
        <source>Nothing is waiting for review.</source>
        <translation>暂无待审核的走访。</translation>
    </message>
    <message>
        <source>&amp;Approve {n} visits</source>
        <translation>通过这 {n} 次走访(&amp;A)</translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation>已通过。</translation>
    </message>
    <message>
        <source>{n} visits approved.</source>
        <translation>已通过 {n} 次走访。</translation>
    </message>
    <message>
        <source>Returned to the author.</source>
        <translation>已退回填写人。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Lock after minutes without use</source>
        <translation>无操作自动锁定（分钟）</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Case store file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Last user name</source>
        <translation>上次登录的用户名</translation>
    </message>
    <message>
        <source>Saved hub connections</source>
        <translation>已保存的中心数据库连接</translation>
    </message>
    <message>
        <source>Last hub chosen</source>
        <translation>上次选择的中心数据库</translation>
    </message>
    <message>
        <source>Window position</source>
        <translation>窗口位置</translation>
    </message>
    <message>
        <source>Rows fetched at a time</source>
        <translation>每次读取的行数</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>(beside the store: {folder})</source>
        <translation>（默认在数据库旁：{folder}）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>Backups are encrypted like the store; the last seven are kept. Ctrl+L locks the window at any time.</source>
        <translation>备份与数据库一样加密，保留最近七份。随时按 Ctrl+L 锁定窗口。</translation>
    </message>
    <message>
        <source>Visit intervals (for the whole store)</source>
        <translation>走访间隔（全库通用）</translation>
    </message>
    <message>
        <source>A child is visited at the shortest interval among its categories and its risk level; the default applies when none is set. No national rule fixes the frequency: set your locality&apos;s.</source>
        <translation>每名儿童按其类别和风险等级中最短的间隔走访；都未设置时按默认间隔。国家未统一规定走访频次，请按本地要求设置。</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按儿童类别</translation>
    </message>
    <message>
        <source>By risk level</source>
        <translation>按风险等级</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Save the intervals</source>
        <translation>保存走访间隔</translation>
    </message>
    <message>
        <source>The district centre sets the intervals.</source>
        <translation>走访间隔由区未保中心设置。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Time zone (for the whole store)</source>
        <translation>时区（全库统一）</translation>
    </message>
    <message>
        <source>Beijing time</source>
        <translation>北京时间</translation>
    </message>
    <message>
        <source>Xinjiang time</source>
        <translation>新疆时间</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Macao</source>
        <translation>澳门</translation>
    </message>
    <message>
        <source>Taipei</source>
        <translation>台北</translation>
    </message>
    <message>
        <source>Coordinated Universal Time</source>
        <translation>协调世界时</translation>
    </message>
    <message>
        <source>Save the time zone</source>
        <translation>保存时区</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Today, due dates, statistics and the printed date follow this zone on every laptop of the store.</source>
        <translation>今天、应访日期、统计和打印日期在本库的每台电脑上都按此时区计算。</translation>
    </message>
    <message>
        <source>The district centre sets the time zone.</source>
        <translation>时区由区未保中心设置。</translation>
    </message>
    <message>
        <source>Saved. Dates now follow {zone}.</source>
        <translation>已保存。日期现按 {zone} 计算。</translation>
    </message>
    <message>
        <source>Report deadlines and re-examinations (for the whole store)</source>
        <translation>强制报告时限与复核（全库通用）</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>A mandatory report counts as late after</source>
        <translation>强制报告超过以下时间即为超时</translation>
    </message>
    <message>
        <source>Chase police feedback after</source>
        <translation>报告后以下天数内无公安反馈即跟进</translation>
    </message>
    <message>
        <source>Announce birthdays that end a category</source>
        <translation>提前提示年满16/18周岁</translation>
    </message>
    <message>
        <source>Announce evidence that expires within</source>
        <translation>提前提示证明材料到期</translation>
    </message>
    <message>
        <source>MM-DD, empty: none</source>
        <translation>月-日，如 12-31；留空不设</translation>
    </message>
    <message>
        <source>Annual review of {category} by</source>
        <translation>{category}年度复核截止日</translation>
    </message>
    <message>
        <source>Save the deadlines</source>
        <translation>保存时限设置</translation>
    </message>
    <message>
        <source>The district centre sets the deadlines.</source>
        <translation>时限由区未保中心设置。</translation>
    </message>
    <message>
        <source>Write the day as MM-DD, e.g. 12-31.</source>
        <translation>请按“月-日”填写，如 12-31。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Users and communities</source>
        <translation>用户和社区</translation>
    </message>
    <message>
        <source>Deactivate the chosen user…</source>
        <translation>停用所选用户……</translation>
    </message>
    <message>
        <source>New password for the chosen user…</source>
        <translation>为所选用户设置新密码……</translation>
    </message>
    <message>
        <source>Replace the data key…</source>
        <translation>更换数据密钥……</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Add community</source>
        <translation>添加社区</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Everyone on this computer shares one data key. After a user leaves or a password leaks, replace the key: what they may have copied stops opening the store.</source>
        <translation>本机所有用户共用一个数据密钥。有人离职或密码泄露后，请更换密钥：他们可能复制走的密钥将无法再打开数据库。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>New community</source>
        <translation>新社区</translation>
    </message>
    <message>
        <source> (inactive)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>User {name} added.</source>
        <translation>已添加用户 {name}。</translation>
    </message>
    <message>
        <source>Choose an active user in the list first.</source>
        <translation>请先在列表中选择一个在用的用户。</translation>
    </message>
    <message>
        <source>New password set for {name}.</source>
        <translation>已为 {name} 设置新密码。</translation>
    </message>
    <message>
        <source>Deactivate {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <source>{name}&apos;s password will no longer open this store. While they were trusted they could have copied the data key: replacing it now makes that copy useless for the store and everything written from now on (recommended).</source>
        <translation>{name} 的密码将不能再打开此数据库。在被信任期间，对方可能复制过数据密钥：现在更换密钥，可使该副本对数据库及今后写入的内容全部失效（建议）。</translation>
    </message>
    <message>
        <source>Deactivate and replace the key</source>
        <translation>停用并更换密钥</translation>
    </message>
    <message>
        <source>Deactivate only</source>
        <translation>仅停用</translation>
    </message>
    <message>
        <source>{name} was deactivated.</source>
        <translation>已停用 {name}。</translation>
    </message>
    <message>
        <source>Replace the data key</source>
        <translation>更换数据密钥</translation>
    </message>
    <message>
        <source>The store is re-encrypted with a new key; every current user keeps their password, and a new recovery code is shown once. Older backups keep opening with old passwords until you delete them.</source>
        <translation>数据库将用新密钥重新加密；现有用户的密码不变，并显示一次新的恢复码。旧备份在删除之前仍可用旧密码打开。</translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>The data key was replaced.</source>
        <translation>数据密钥已更换。</translation>
    </message>
    <message>
        <source>{name} added.</source>
        <translation>已添加{name}。</translation>
    </message>
    <message>
        <source>The language changes the next time the program starts.</source>
        <translation>下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backing up the store…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Backup cancelled.</source>
        <translation>备份已取消。</translation>
    </message>
    <message>
        <source>The default interval cannot be empty.</source>
        <translation>默认间隔不能为空。</translation>
    </message>
    <message>
        <source>Saved. New visits are scheduled with these intervals.</source>
        <translation>已保存。之后的走访按新的间隔安排。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this computer</source>
        <translation>初次设置</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SituationDialog</name>
    <message>
        <source>Situation</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Mental or intellectual disability</source>
        <translation>精神或智力残疾</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Expected to end</source>
        <translation>预计结束</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Disability grade</source>
        <translation>残疾等级</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Six months or more count for prison, rehabilitation, other restrictions and lost contact (from the police receipt).</source>
        <translation>服刑在押、强制隔离戒毒、其他限制人身自由措施和失联（自公安机关受理报案之日起）须满6个月。</translation>
    </message>
    <message>
        <source>The end cannot be before the start.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Check by the street</source>
        <translation>街道查验</translation>
    </message>
    <message>
        <source>Confirmation by the district</source>
        <translation>区民政确认</translation>
    </message>
    <message>
        <source>Suspend the allowance</source>
        <translation>暂停发放</translation>
    </message>
    <message>
        <source>Resume the allowance</source>
        <translation>恢复发放</translation>
    </message>
    <message>
        <source>Stop the allowance</source>
        <translation>停止发放</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>e.g. 河民确〔2026〕17号</source>
        <translation>例如：河民确〔2026〕17号</translation>
    </message>
    <message>
        <source>YYYY-MM, empty: until resumed</source>
        <translation>年-月，不填：直到恢复</translation>
    </message>
    <message>
        <source>Suspended since</source>
        <translation>暂停起始月份</translation>
    </message>
    <message>
        <source>Last month not paid</source>
        <translation>最后一个停发月份</translation>
    </message>
    <message>
        <source>Paid from {month} (the month after the confirmation).</source>
        <translation>自 {month} 起发放（确认后的次月）。</translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <source>Social support</source>
        <translation>社会救助记录</translation>
    </message>
    <message>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <source>Paid every month</source>
        <translation>按月发放</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>SupportPage</name>
    <message>
        <source>&amp;New activity…</source>
        <translation>新建活动(&amp;N)…</translation>
    </message>
    <message>
        <source>Record &amp;help given…</source>
        <translation>登记帮扶慰问(&amp;H)…</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Participants you may see (Enter opens the file)</source>
        <translation>参加儿童（仅显示您负责范围内的；回车打开档案）</translation>
    </message>
    <message>
        <source>Help given</source>
        <translation>帮扶慰问</translation>
    </message>
    <message>
        <source>Activities and help</source>
        <translation>活动与慰问</translation>
    </message>
    <message>
        <source>{n} records of help; the newest 500 are listed</source>
        <translation>共 {n} 条帮扶记录，列出最新 500 条</translation>
    </message>
    <message>
        <source>1 record of help</source>
        <translation>共 1 条帮扶记录</translation>
    </message>
    <message>
        <source>{n} records of help</source>
        <translation>共 {n} 条帮扶记录</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>District, streets and communities</source>
        <translation>区、街道和社区</translation>
    </message>
    <message>
        <source>With the address code 120103 the 14 streets of Hexi district are added for you. Add the communities here; more can be added later.</source>
        <translation>行政区划代码为 120103 时会自动添加河西区的 14 个街道。请在此添加社区，以后还可以继续添加。</translation>
    </message>
    <message>
        <source>e.g. 紫金里社区</source>
        <translation>例如：紫金里社区</translation>
    </message>
    <message>
        <source>&amp;Add community</source>
        <translation>添加社区(&amp;A)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Address code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Street and community</source>
        <translation>街道和社区</translation>
    </message>
    <message>
        <source>Enter both the street and the community.</source>
        <translation>请填写街道和社区。</translation>
    </message>
    <message>
        <source>That community is already in the list.</source>
        <translation>该社区已在列表中。</translation>
    </message>
    <message>
        <source>Enter the district&apos;s name.</source>
        <translation>请输入区的名称。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>hexi-care: unlock</source>
        <translation>河西儿童关爱：解锁</translation>
    </message>
    <message>
        <source>Community child-care case work</source>
        <translation>社区儿童关爱服务</translation>
    </message>
    <message>
        <source>Add hub…</source>
        <extracomment>The store file this window started with (None when it started on a hub).</extracomment>
        <translation>添加中心数据库…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>数据库(&amp;S)</translation>
    </message>
    <message>
        <source>This computer: {name}</source>
        <translation>本机：{name}</translation>
    </message>
    <message>
        <source>Hub: {name}</source>
        <translation>中心数据库：{name}</translation>
    </message>
    <message>
        <source>Add the hub&apos;s connection to start.</source>
        <translation>请先添加中心数据库的连接。</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Forgot the password?</source>
        <translation>忘记密码？</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以重试。</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait {seconds} seconds before trying again.</source>
        <translation>密码错误次数过多，请等待 {seconds} 秒后再试。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>First users</source>
        <translation>首批用户</translation>
    </message>
    <message>
        <source>Each child director works in one community, a child supervisor in one street, the centre in the district.</source>
        <translation>儿童主任负责一个社区，儿童督导员负责一个街道，区未保中心负责全区。</translation>
    </message>
    <message>
        <source>Add &amp;user</source>
        <translation>添加用户(&amp;U)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>That user name is already taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>Add the community on the previous page first.</source>
        <translation>请先在上一页添加社区。</translation>
    </message>
    <message>
        <source>Add at least one child director or supervisor: the administrator cannot read case files.</source>
        <translation>请至少添加一名儿童主任或督导员：管理员不能查看儿童档案。</translation>
    </message>
</context>
<context>
    <name>Visit</name>
    <message>
        <source>Warning</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>A child under 16 lives alone</source>
        <translation>未满16周岁儿童单独居住</translation>
    </message>
    <message>
        <source>A child under 8 is left unattended</source>
        <translation>未满8周岁儿童无人看护</translation>
    </message>
    <message>
        <source>What was seen, and what needs attention</source>
        <translation>看到的情况和需要关注的问题</translation>
    </message>
</context>
<context>
    <name>VisitFormWindow</name>
    <message>
        <source>Home visit</source>
        <extracomment>Beside a field a submission needs (domain.submission; the visit date is always needed).</extracomment>
        <translation>入户走访</translation>
    </message>
    <message>
        <source>Record a mandatory report now…</source>
        <translation>立即登记强制报告…</translation>
    </message>
    <message>
        <source>hh:mm</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>e.g. child director, child supervisor, volunteer</source>
        <translation>例如：儿童主任、儿童督导员、志愿者</translation>
    </message>
    <message>
        <source>e.g. the child and the grandmother</source>
        <translation>例如：儿童及其祖母</translation>
    </message>
    <message>
        <source>e.g. at home</source>
        <translation>例如：家中</translation>
    </message>
    <message>
        <source>1. Visit</source>
        <translation>一、走访情况</translation>
    </message>
    <message>
        <source>The date is right (a visit entered late)</source>
        <translation>日期无误（补录的走访）</translation>
    </message>
    <message>
        <source>ID, household registration, address, school and phone numbers checked</source>
        <translation>已核对身份证、户籍、住址、学校和联系电话</translation>
    </message>
    <message>
        <source>What changed (any change flags the case for re-assessment)</source>
        <translation>变化情况（有任何变化都需重新评估）</translation>
    </message>
    <message>
        <source>2. Basic information verified</source>
        <translation>二、基本信息核实</translation>
    </message>
    <message>
        <source>e.g. grandmother</source>
        <translation>例如：祖母</translation>
    </message>
    <message>
        <source>e.g. a phone call every week</source>
        <translation>例如：每周通一次电话</translation>
    </message>
    <message>
        <source>A child under 16 lives alone (not allowed: 未成年人保护法 Art. 21–23)</source>
        <translation>未满16周岁儿童单独居住（不允许：《未成年人保护法》第21—23条）</translation>
    </message>
    <message>
        <source>A child under 8 is left unattended (not allowed)</source>
        <translation>未满8周岁儿童无人看护（不允许）</translation>
    </message>
    <message>
        <source>Act now: arrange care today, tell the supervisor, and record a follow-up. Report at once if the child is in danger.</source>
        <translation>请立即处理：当天落实照护，告知督导员并登记跟进事项；儿童处于危险时立即报告。</translation>
    </message>
    <message>
        <source>3. Family responsibility for care</source>
        <translation>三、家庭主体责任落实情况</translation>
    </message>
    <message>
        <source>4–8. Ratings</source>
        <translation>四至八、状况评价</translation>
    </message>
    <message>
        <source>All &amp;good</source>
        <translation>全部良好(&amp;G)</translation>
    </message>
    <message>
        <source>Rates sections 4–8 as good; press again to undo</source>
        <translation>四至八项都评为良好；再按一次撤销</translation>
    </message>
    <message>
        <source>9. Safety reminders given</source>
        <translation>九、安全提醒</translation>
    </message>
    <message>
        <source>Use the suggested date</source>
        <translation>采用建议日期</translation>
    </message>
    <message>
        <source>Add a follow-up action…</source>
        <translation>添加跟进事项…</translation>
    </message>
    <message>
        <source>10. Needs, help, referrals and the next visit</source>
        <translation>十、需求、帮扶、转介与下次走访</translation>
    </message>
    <message>
        <source>Open follow-up actions</source>
        <translation>未完成的跟进事项</translation>
    </message>
    <message>
        <source>11. Sign-off</source>
        <translation>十一、签字确认</translation>
    </message>
    <message>
        <source>The guardian may sign the printed copy. A supervisor reviews the visit after you submit it.</source>
        <translation>监护人可在打印件上签字。提交后由督导员审核。</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <source>Su&amp;bmit for review</source>
        <translation>提交审核(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Print summary…</source>
        <translation>打印走访小结(&amp;P)…</translation>
    </message>
    <message>
        <source>走访情况小结 of this visit as saved</source>
        <translation>按已保存内容打印本次走访的走访情况小结</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>* needed to submit</source>
        <translation>* 提交审核时必填</translation>
    </message>
    <message>
        <source>Undo all &amp;good</source>
        <translation>撤销全部良好(&amp;G)</translation>
    </message>
    <message>
        <source>Returned by the supervisor: {comment}</source>
        <translation>督导退回意见：{comment}</translation>
    </message>
    <message>
        <source>Home visit: {name}</source>
        <translation>入户走访：{name}</translation>
    </message>
    <message>
        <source>{age} years old</source>
        <translation>{age}岁</translation>
    </message>
    <message>
        <source>Risk: {risk}</source>
        <translation>风险：{risk}</translation>
    </message>
    <message>
        <source>This visit was submitted meanwhile; what was typed after that could not be kept.</source>
        <translation>该走访已在其间提交，之后填写的内容无法保留。</translation>
    </message>
    <message>
        <source>Restored what was being typed when the program last ended without closing this form ({when}). Check it and save.</source>
        <translation>上次程序意外结束时此表尚未关闭，已恢复当时填写的内容（{when}）。请核对后保存。</translation>
    </message>
    <message>
        <source>This visit is {status}; it can no longer be changed.</source>
        <translation>该走访{status}，不能再修改。</translation>
    </message>
    <message>
        <source>This child already has a draft visit of {date}. Continue it instead of starting another?</source>
        <translation>该儿童已有一份 {date} 的走访草稿。是否继续填写该草稿，而不是另起一份？</translation>
    </message>
    <message>
        <source>({n} drafts in all.)</source>
        <translation>（共 {n} 份草稿。）</translation>
    </message>
    <message>
        <source>Open the draft</source>
        <translation>打开草稿</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>截止 {date}</translation>
    </message>
    <message>
        <source>(none open)</source>
        <translation>（无未完成事项）</translation>
    </message>
    <message>
        <source>These answers call for a mandatory report at once: {flags}.</source>
        <translation>以下回答须立即强制报告：{flags}。</translation>
    </message>
    <message>
        <source>Mandatory report recorded. Follow it up in the child&apos;s file.</source>
        <translation>已登记强制报告，请在儿童档案中跟进。</translation>
    </message>
    <message>
        <source>{date} is after today: a visit is recorded once it has happened.</source>
        <translation>{date} 晚于今天：走访完成后才能记录。</translation>
    </message>
    <message>
        <source>{date} is {days} days ago. Is the year and month right? Tick below if the visit is entered late.</source>
        <translation>{date} 是 {days} 天前。年份和月份是否正确？如为补录，请勾选下方的确认。</translation>
    </message>
    <message>
        <source>Suggested by the visit schedule: {date}</source>
        <translation>按走访周期建议：{date}</translation>
    </message>
</context>
<context>
    <name>VisitSaving</name>
    <message>
        <source>Changed; saved automatically every few seconds.</source>
        <translation>已修改；每隔几秒自动保存。</translation>
    </message>
    <message>
        <source>Not saved as a draft: fix the marked field. What is typed is kept on this computer only.</source>
        <translation>未存为草稿：请修改标出的项目。已填内容暂时只保存在本机。</translation>
    </message>
    <message>
        <source>Cannot submit yet</source>
        <translation>暂不能提交</translation>
    </message>
    <message>
        <source>Submitted for review. A supervisor will approve it or return it with a comment.</source>
        <translation>已提交审核。督导员将审核通过，或附意见退回。</translation>
    </message>
    <message>
        <source>Submitted at {time}.</source>
        <translation>已于 {time} 提交。</translation>
    </message>
    <message>
        <source>Draft saved at {time}. Fill in the marked fields to submit it for review.</source>
        <translation>草稿已于 {time} 保存。请填写标出的项目后再提交审核。</translation>
    </message>
    <message>
        <source>Draft saved at {time}.</source>
        <translation>草稿已于 {time} 保存。</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>未保存：{problem}</translation>
    </message>
    <message>
        <source>Not submitted: fill in the marked fields. Saving the draft…</source>
        <translation>未提交：请填写标出的项目。正在保存草稿…</translation>
    </message>
    <message>
        <source>Confirm the date (tick the box below it) or correct it.</source>
        <translation>请确认日期（勾选下方的确认）或改正日期。</translation>
    </message>
    <message>
        <source>Not submitted: the visit date needs a look.</source>
        <translation>未提交：请核对走访日期。</translation>
    </message>
    <message>
        <source>Close the visit form</source>
        <translation>关闭走访表</translation>
    </message>
    <message>
        <source>This visit cannot be saved as a draft yet: {problem}

What was typed is kept on this computer and comes back when the program starts again.</source>
        <translation>该走访暂不能存为草稿：{problem}

已填写的内容暂存在本机，下次启动程序时会恢复。</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>Close, restore later</source>
        <translation>关闭，下次恢复</translation>
    </message>
    <message>
        <source>Discard what was typed</source>
        <translation>放弃已填写内容</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Child&apos;s name or pinyin initials</source>
        <translation>儿童姓名或拼音首字母</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>共 1 次走访</translation>
    </message>
    <message>
        <source>{n} visits</source>
        <translation>共 {n} 次走访</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>&amp;Print summary…</source>
        <translation>打印走访小结(&amp;P)…</translation>
    </message>
    <message>
        <source>走访情况小结 of the selected visit</source>
        <translation>所选走访的走访情况小结</translation>
    </message>
    <message>
        <source>A new visit starts from the child&apos;s file (儿童档案 → open a child → New visit). Drafts and returned visits open for editing.</source>
        <translation>新走访请从儿童档案发起（儿童档案 → 打开儿童 → 新建走访）。草稿和被退回的走访可打开修改。</translation>
    </message>
</context>
</TS>
