using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Notices;

public sealed record SendNotice(string Title, string Body, NoticeRecipients Recipients, Guid[]? EvidenceIds, bool? ReplyRequired, DateTimeOffset? ReplyBy);

public sealed record ForwardNotice(NoticeRecipients Recipients, string? Note);

public sealed class NoticeRecipientsValidator : AbstractValidator<NoticeRecipients>
{
    public NoticeRecipientsValidator()
    {
        RuleFor(x => x).Must(r => (r.OrganisationIds?.Count ?? 0) + (r.Roles?.Count ?? 0) + (r.UserIds?.Count ?? 0) > 0)
            .WithName("recipients").WithMessage(_ => ProblemLanguage.Say("请至少指定一个收件组织、角色或人员。", "Give at least one recipient organisation, role or person."));
        RuleFor(x => x.OrganisationIds).Must(ids => ids is null || ids.Count <= 200).WithMessage(_ => ProblemLanguage.Say("收件组织最多 200 个。", "At most 200 recipient organisations."));
        RuleFor(x => x.UserIds).Must(ids => ids is null || ids.Count <= 1000).WithMessage(_ => ProblemLanguage.Say("收件人员最多 1000 个。", "At most 1000 recipient people."));
        RuleForEach(x => x.Roles).IsInEnum();
    }
}

public sealed class SendNoticeValidator : AbstractValidator<SendNotice>
{
    public SendNoticeValidator(TimeProvider clock)
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写通知标题。", "Give the notice's title.")).MaximumLength(200);
        RuleFor(x => x.Body).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写通知正文。", "Give the notice's body.")).MaximumLength(20000);
        RuleFor(x => x.Recipients).NotNull().WithMessage(_ => ProblemLanguage.Say("请指定收件人。", "Give the recipients.")).SetValidator(new NoticeRecipientsValidator());
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("附件最多 20 个。", "At most 20 attachments."));
        RuleFor(x => x.ReplyBy).Must(t => t is null || t > clock.GetUtcNow()).WithMessage(_ => ProblemLanguage.Say("回复期限必须晚于当前时间。", "The reply deadline must be in the future."));
        RuleFor(x => x).Must(x => x.ReplyBy is null || x.ReplyRequired == true)
            .WithName("replyBy").WithMessage(_ => ProblemLanguage.Say("只有要求回复的通知才能设置回复期限。", "Only a notice that asks for replies has a reply deadline."));
    }
}

public sealed class ForwardNoticeValidator : AbstractValidator<ForwardNotice>
{
    public ForwardNoticeValidator()
    {
        RuleFor(x => x.Recipients).NotNull().WithMessage(_ => ProblemLanguage.Say("请指定收件人。", "Give the recipients.")).SetValidator(new NoticeRecipientsValidator());
        RuleFor(x => x.Note).MaximumLength(2000);
    }
}

public static class SendNoticeEndpoint
{
    /// <summary>Sends a notice: the recipients are resolved to people now, kept on the stream, and each gets an inbox item.</summary>
    [Authorize]
    [WolverinePost("/api/notices", OperationId = "SendNotice")]
    [IdempotentCreate]
    public static async Task<IResult> Post(SendNotice command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        Access.RefuseUnless(NoticeAccess.MaySend(caller), ProblemLanguage.Say("您的角色不能发送通知。", "Your role may not send notices."));
        var id = Guid.CreateVersion7();
        var evidence = await NoticeEvidence.ResolveAsync(session, command.EvidenceIds, caller, ct);
        var recipients = await NoticeRecipientResolver.ResolveAsync(session, caller, command.Recipients, ct);
        var sent = new NoticeSent(id, command.Title, command.Body, command.Recipients, recipients, evidence, command.ReplyRequired ?? false,
            command.ReplyBy, null, [], clock.GetUtcNow(), caller.Actor);
        NoticeDelivery.Send(session, sent);
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/notices/{id}", id, 1);
    }

    /// <summary>
    /// Forwards a notice one has received to one's own subordinates (a town to its enterprises): a new notice with the
    /// same title, body, attachments and reply terms, naming the chain of notices it came down.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/notices/{id}/forward", OperationId = "ForwardNotice")]
    [IdempotentCreate]
    public static async Task<IResult> Forward(Guid id, ForwardNotice command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var original = await session.Events.AggregateStreamAsync<Notice>(id, token: ct);
        Access.HideUnless(original is not null && NoticeAccess.Sees(caller, original), NoticeAccess.Name, id);
        Access.RefuseUnless(NoticeAccess.IsRecipient(caller, original!) && NoticeAccess.MaySend(caller), ProblemLanguage.Say("只有收到通知的监管人员可以转发通知。", "Only a supervising official who received the notice may forward it."));

        var forwardedId = Guid.CreateVersion7();
        var recipients = await NoticeRecipientResolver.ResolveAsync(session, caller, command.Recipients, ct);
        var body = string.IsNullOrWhiteSpace(command.Note) ? original!.Body : $"{command.Note}\n\n{original!.Body}";
        var now = clock.GetUtcNow();
        var replyBy = original.ReplyBy is { } by && by > now ? by : (DateTimeOffset?)null;
        var sent = new NoticeSent(forwardedId, original.Title, body, command.Recipients, recipients, original.Evidence, original.ReplyRequired,
            replyBy, original.Id, [.. original.Chain, original.Id], now, caller.Actor);
        NoticeDelivery.Send(session, sent);
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/notices/{forwardedId}", forwardedId, 1);
    }
}

internal static class NoticeDelivery
{
    /// <summary>Starts the notice's stream and puts it into each recipient's inbox, in the same transaction.</summary>
    public static void Send(IDocumentSession session, NoticeSent sent)
    {
        session.Events.StartStream<NoticeView>(sent.NoticeId, sent);
        foreach (var r in sent.Recipients) session.Store(ItemFor(sent, r.UserId));
    }

    public static InboxItem ItemFor(NoticeSent sent, Guid userId) => new()
    {
        Id = InboxItem.NoticeItemId(sent.NoticeId, userId), UserId = userId, Kind = InboxKind.Notice, NoticeId = sent.NoticeId,
        Subject = InboxSubject.Notice, SubjectId = sent.NoticeId,
        Title = sent.Title, Body = sent.Body, From = $"{sent.By.OrganisationName} {sent.By.Name}", ReceivedAt = sent.SentAt,
        ReplyRequired = sent.ReplyRequired, ReplyBy = sent.ReplyBy
    };
}

internal static class NoticeEvidence
{
    /// <summary>Attachments are evidence the sender uploaded or may read; unknown ones are a 400 on <c>evidenceIds</c>.</summary>
    public static async Task<IReadOnlyList<EvidenceRef>> ResolveAsync(IQuerySession session, Guid[]? ids, Caller caller, CancellationToken ct)
    {
        if (ids is null || ids.Length == 0) return [];
        var distinct = ids.Distinct().ToArray();
        var found = (await session.LoadManyAsync<EvidenceFile>(ct, distinct)).ToDictionary(e => e.Id);
        var missing = distinct.Where(id => !found.TryGetValue(id, out var e) || !EvidenceAccess.MayRead(caller, e)).ToArray();
        if (missing.Length > 0)
            throw ApiProblemException.Validation("evidenceIds", ProblemLanguage.Say($"附件不存在：{string.Join(", ", missing)}。请先通过 POST /api/evidence 上传。", $"No such attachments: {string.Join(", ", missing)}. Upload them first with POST /api/evidence."));
        return [.. distinct.Select(id => found[id].Ref)];
    }
}

internal static class NoticeRecipientResolver
{
    /// <summary>
    /// The people a notice reaches now: enabled people of the named organisations with the named roles (either may be
    /// left out), plus the named people; never the sender. Named people the sender may not address are a 400; people an
    /// organisation or role reaches outside the sender's reach are left out.
    /// </summary>
    public static async Task<IReadOnlyList<NoticeRecipient>> ResolveAsync(IQuerySession session, Caller caller, NoticeRecipients addressed, CancellationToken ct)
    {
        var orgs = addressed.OrganisationIds?.Distinct().ToArray() ?? [];
        var roles = addressed.Roles?.Distinct().ToArray() ?? [];
        var userIds = addressed.UserIds?.Distinct().ToArray() ?? [];

        var people = new Dictionary<Guid, Person>();
        if (orgs.Length > 0 || roles.Length > 0)
        {
            var query = session.Query<Person>().Where(p => p.Enabled);
            if (orgs.Length > 0) query = query.Where(p => p.OrganisationId.IsOneOf(orgs));
            if (roles.Length > 0) query = query.Where(p => p.Role.IsOneOf(roles));
            foreach (var p in await query.ToListAsync(ct))
                if (NoticeAccess.MayAddress(caller, p)) people[p.Id] = p;
        }
        if (userIds.Length > 0)
        {
            var named = (await session.LoadManyAsync<Person>(ct, userIds)).Where(p => p.Enabled).ToDictionary(p => p.Id);
            var refused = userIds.Where(id => !named.TryGetValue(id, out var p) || !NoticeAccess.MayAddress(caller, p)).ToArray();
            if (refused.Length > 0)
                throw ApiProblemException.Validation("recipients.userIds", ProblemLanguage.Say($"无法向这些人员发送通知：{string.Join(", ", refused)}。", $"A notice cannot be sent to these people: {string.Join(", ", refused)}."));
            foreach (var p in named.Values) people[p.Id] = p;
        }
        people.Remove(caller.UserId);
        if (people.Count == 0) throw ApiProblemException.Validation("recipients", ProblemLanguage.Say("所选组织和角色下没有可接收通知的人员。", "Nobody in the chosen organisations and roles can receive the notice."));
        return [.. people.Values.OrderBy(p => p.OrganisationName, StringComparer.Ordinal).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new NoticeRecipient(p.Id, p.DisplayName, p.Role, p.OrganisationId, p.OrganisationName))];
    }
}
