using JasperFx.Events;

namespace AnJiaXing.Notices.Contracts;

/// <summary>A recipient's receipt: when they read and replied (回执).</summary>
public sealed record NoticeReceipt(Guid UserId, string Name, string OrganisationName, DateTimeOffset? ReadAt, DateTimeOffset? RepliedAt);

public sealed record NoticeReply(Guid ReplyId, Guid UserId, string Name, string Body, IReadOnlyList<EvidenceRef> Evidence, DateTimeOffset RepliedAt);

/// <summary>The notice as its sender sees it (the sent log and receipts): the recipients with read and reply status and the counts.</summary>
public sealed class NoticeView
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid SenderId { get; set; }
    public Actor Sender { get; set; } = Actor.System;
    public DateTimeOffset SentAt { get; set; }
    public NoticeRecipients Addressed { get; set; } = new([], [], []);
    public List<EvidenceRef> Evidence { get; set; } = [];
    public bool ReplyRequired { get; set; }
    public DateTimeOffset? ReplyBy { get; set; }
    public Guid? ForwardedFromId { get; set; }
    public List<Guid> Chain { get; set; } = [];
    public List<NoticeReceipt> Receipts { get; set; } = [];
    public List<NoticeReply> Replies { get; set; } = [];
    public int RecipientCount { get; set; }
    public int ReadCount { get; set; }
    public int RepliedCount { get; set; }
    public long Version { get; set; }

    public static NoticeView Create(IEvent<NoticeSent> e) => new()
    {
        Id = e.Data.NoticeId,
        Title = e.Data.Title,
        Body = e.Data.Body,
        SenderId = e.Data.By.Id,
        Sender = e.Data.By,
        SentAt = e.Data.SentAt,
        Addressed = e.Data.Addressed,
        Evidence = [.. e.Data.Evidence],
        ReplyRequired = e.Data.ReplyRequired,
        ReplyBy = e.Data.ReplyBy,
        ForwardedFromId = e.Data.ForwardedFromId,
        Chain = [.. e.Data.Chain],
        Receipts = [.. e.Data.Recipients.Select(r => new NoticeReceipt(r.UserId, r.Name, r.OrganisationName, null, null))],
        RecipientCount = e.Data.Recipients.Count,
        Version = e.Version
    };

    public void Apply(IEvent<NoticeRead> e)
    {
        Receipts = [.. Receipts.Select(r => r.UserId == e.Data.By.Id && r.ReadAt is null ? r with { ReadAt = e.Data.ReadAt } : r)];
        Count(e.Version);
    }

    public void Apply(IEvent<NoticeReplied> e)
    {
        Receipts = [.. Receipts.Select(r => r.UserId == e.Data.By.Id ? r with { RepliedAt = r.RepliedAt ?? e.Data.RepliedAt, ReadAt = r.ReadAt ?? e.Data.RepliedAt } : r)];
        Replies.Add(new NoticeReply(e.Data.ReplyId, e.Data.By.Id, e.Data.By.Name, e.Data.Body, e.Data.Evidence, e.Data.RepliedAt));
        Count(e.Version);
    }

    private void Count(long version)
    {
        ReadCount = Receipts.Count(r => r.ReadAt is not null);
        RepliedCount = Receipts.Count(r => r.RepliedAt is not null);
        Version = version;
    }
}
