using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>
/// A request as its page shows it to a signed-in person, by its number: the stage in words, every
/// deadline with its article and the working days left, the timeline. The requester and staff also
/// see its letters, the mail sent and received, the answers recorded by hand, what can be done next
/// and which outcomes an answer may have now. A request not sent yet is not found by anyone else.
/// </summary>
public sealed record GetRequestPageQuery(string Number, RequestActor Viewer) : IQuery<RequestPageDto>;

public sealed record TimelineView(DateTimeOffset At, string Kind, string? Detail, LocalizedDto? ToStage);

/// <summary>
/// What the requester can do next (<see cref="RequesterNextStep"/>): <see cref="RungLetter"/> is the
/// letter of the next rung, offered only while its window is open (until <see cref="RungUntil"/>).
/// </summary>
public sealed record NextStepView(
    DateOnly? ChaserSentOn, DateOnly? ChaserScheduledOn, string? ChaserToSendOnPaper,
    string? RungLetter, bool RungGoesToCourt, DateOnly? RungUntil, DateOnly? RungClosedOn, DateOnly? CourtUntil);

/// <param name="Private">The viewer is the requester or staff: the parts below it are filled.</param>
public sealed record RequestPageDto(
    Guid Id, string Number, string BodyKey, LocalizedDto? BodyName, string Subject, string Text, string RequesterName,
    LocalizedDto StageName, string? Outcome, bool Terminal, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateOnly Today,
    IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<TimelineView> Timeline, bool IsFollowing, bool Private,
    NextStepView? NextStep, IReadOnlyList<string> AnswerOutcomes, IReadOnlyList<LetterDto> Letters,
    IReadOnlyList<SentMailRow> SentMail, IReadOnlyList<ReceivedMailRow> ReceivedMail, IReadOnlyList<RecordedAnswerRow> Answers);

public sealed class GetRequestPageHandler(
    ICitizenRequestQueries queries,
    IRequestQueries requests,
    IPublicBodyRepository bodies,
    ILetterStore letters,
    IRequestAnswerStore answers,
    IRequestFollowers followers,
    CitizenWords words,
    TimeProvider clock)
    : IQueryHandler<GetRequestPageQuery, RequestPageDto>
{
    public async ValueTask<RequestPageDto> Handle(GetRequestPageQuery query, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(query.Number, cancellationToken) ?? throw NotFoundException.For("request", query.Number);
        var record = await requests.GetAsync(id, cancellationToken) ?? throw NotFoundException.For("request", query.Number);
        var statute = words.StatuteOf(record.Statute, record.StatuteVersion);
        var stageKey = new StageKey(record.Stage);
        var stage = statute?.Workflow is { } workflow && workflow.HasStage(stageKey) ? workflow.Stage(stageKey) : null;
        var viewer = query.Viewer;
        var isPrivate = viewer.IsStaff || viewer.UserId == record.OwnerId;
        if (!isPrivate && statute?.Workflow?.IsUnsent(stageKey) == true)
            throw NotFoundException.For("request", query.Number);

        var today = statute?.LegalDateOf(clock.GetUtcNow()) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var body = PublicBodyKey.TryCreate(record.BodyKey, out var bodyKey) ? await bodies.GetAsync(bodyKey, cancellationToken) : null;
        var deadlines = record.Deadlines.Select(deadline => words.Deadline(statute, deadline.Key, deadline.Due, today)).ToList();
        var timeline = record.Timeline
            .Select(entry => new TimelineView(entry.At, entry.Kind, entry.Detail, entry.ToStage is { } to ? CitizenWords.StageName(statute, to) : null))
            .ToList();
        var following = await followers.IsFollowingAsync(id, viewer.UserId, cancellationToken);

        var page = new RequestPageDto(
            record.Id, record.Number, record.BodyKey, body is null ? null : new LocalizedDto(body.Name.Ka, body.Name.En),
            record.Subject, record.Text, record.RequesterName, CitizenWords.StageName(statute, record.Stage), record.Outcome,
            stage?.Terminal == true, record.CreatedAt, record.SubmittedAt, today, deadlines, timeline, following, isPrivate,
            null, [], [], [], [], []);
        if (!isPrivate)
            return page;

        return page with
        {
            NextStep = statute is not null && body is not null ? NextStepOf(RequesterNextStep.Of(record, statute, body, today)) : null,
            AnswerOutcomes = AnswerOutcomesOf(stage, viewer),
            Letters = await letters.ListAsync(id, cancellationToken),
            SentMail = await queries.SentMailAsync(id, cancellationToken),
            ReceivedMail = await queries.ReceivedMailAsync(id, cancellationToken),
            Answers = await answers.ListAsync(id, cancellationToken),
        };
    }

    /// <summary>The outcomes an answer recorded now may have: those the stage's "answered" step names, if the viewer may record it.</summary>
    public static IReadOnlyList<string> AnswerOutcomesOf(StageDefinition? stage, RequestActor viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (stage is null || !stage.Events.TryGetValue(EventKind.Answered, out var answered))
            return [];
        if (answered.AllowedSender == AllowedSender.Staff && !viewer.IsStaff)
            return [];
        return [.. answered.ToByOutcome.Keys.Select(outcome => outcome.Value)];
    }

    // A rung whose window has closed is never offered: its letter is named only while RungUntil is set.
    private static NextStepView NextStepOf(RequesterNextStep next) =>
        new(next.ChaserSentOn, next.ChaserScheduledOn, next.ChaserToSendOnPaper,
            next.RungOpen ? next.Rung!.Name : null, next.RungGoesToCourt, next.RungUntil, next.RungClosedOn, next.CourtUntil);
}
