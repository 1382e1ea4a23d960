namespace AnJiaXing.Notices;

/// <summary>The aggregate read and reply commands decide on: who sent it, who received it, who read and replied. Folded live.</summary>
public sealed class Notice
{
    public Guid Id { get; private set; }
    public Guid SenderId { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public List<EvidenceRef> Evidence { get; private set; } = [];
    public bool ReplyRequired { get; private set; }
    public DateTimeOffset? ReplyBy { get; private set; }
    public List<Guid> Chain { get; private set; } = [];
    public HashSet<Guid> Recipients { get; private set; } = [];
    public HashSet<Guid> ReadBy { get; private set; } = [];

    public static Notice Create(NoticeSent e) => new()
    {
        Id = e.NoticeId, SenderId = e.By.Id, Title = e.Title, Body = e.Body, Evidence = [.. e.Evidence], ReplyRequired = e.ReplyRequired,
        ReplyBy = e.ReplyBy, Chain = [.. e.Chain], Recipients = [.. e.Recipients.Select(r => r.UserId)]
    };

    public void Apply(NoticeRead e) => ReadBy.Add(e.By.Id);
    public void Apply(NoticeReplied e) => ReadBy.Add(e.By.Id);

    public IReadOnlyList<object> MarkRead(Actor by, DateTimeOffset now) =>
        ReadBy.Contains(by.Id) ? [] : [new NoticeRead(Id, now, by)];

    public IReadOnlyList<object> Reply(Actor by, string body, IReadOnlyList<EvidenceRef> evidence, DateTimeOffset now) =>
        [new NoticeReplied(Id, Guid.CreateVersion7(), body, evidence, now, by)];
}
