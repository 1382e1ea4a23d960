namespace AnJiaXing.Notices;

/// <summary>The words of the notices operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class NoticesOperations : OperationTexts
{
    public NoticesOperations() : base("通知与消息提醒", "Notices, receipts, replies and the inbox of reminders")
    {
        Add("SendNotice", "发送通知", "Send a notice",
            "向组织、角色或个人发送通知；收件人在发送时解析为具体的人并保留名单。可要求回复及回复期限。",
            "Send a notice to organisations, roles or people; recipients are resolved to people when sent, and that list is kept. A reply may be required by a date.");
        Add("ForwardNotice", "转发通知", "Forward a notice", "把收到的通知转发给下级，保留转发链。", "Forward a notice you received, keeping the chain.");
        Add("SentNotices", "已发通知", "Sent notices", "我发出的通知及已读、回复数，分页。", "Notices you sent with read and reply counts, paged.");
        Add("GetNotice", "通知详情", "A notice", "一条通知。", "A notice.");
        Add("NoticeReceipts", "通知回执", "A notice's receipts", "每个收件人的阅读与回复时间。", "Each recipient's read and reply times.");
        Add("MarkNoticeRead", "标记已读", "Mark as read", "标记一条通知为已读。", "Mark a notice as read.");
        Add("ReplyToNotice", "回复通知", "Reply to a notice", "回复通知，可附证据。", "Reply to a notice, with evidence.");
        Add("Inbox", "我的消息", "My inbox", "收到的通知与系统提醒（整改下达、期限将至、逾期督办等），可按未读与类型筛选，分页。",
            "Notices and system reminders that reached you (rectification assigned, deadlines near, overdue escalations …), by unread and kind, paged.");
        Add("InboxStream", "消息实时推送", "Live inbox", "Server-Sent Events：每条新到的消息推送一次，只推给本人；以 fetch 携带 Authorization 请求头读取。",
            "Server-Sent Events: each new inbox item pushed once, to its owner only; read with fetch and the Authorization header.",
            answer: Answer.File("text/event-stream"));
        Add("MyWork", "我的工作", "My work", "等待本人或本角色处理的隐患、计划中分派的检查、到期的巡查、待回复的通知。",
            "Hazards waiting for your or your role's action, inspections assigned in plans, patrols due, notices waiting for your reply.");
    }
}
