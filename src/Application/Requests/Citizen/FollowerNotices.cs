using System.Text.Json;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Outbox;
using FoiTracker.Domain.Bodies;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>
/// The mail to each follower of a request whose stage changed. The step that changed it wrote one
/// outbox row (kind <see cref="OutboxKind"/>) in its own transaction; handing that row over writes
/// one mail per follower, each with its own dedup key, so a repeated hand-over sends nothing twice.
/// The mail names the stage the step reached, in the language mails about the request are written in.
/// It is not filed under the request: a follower's address is theirs, not the requester's to read on
/// the request's page, and a follower's mail that fails is no problem of the request's.
/// </summary>
public sealed class FollowerNotices(
    IRequestQueries requests,
    IPublicBodyRepository bodies,
    IRequestFollowers followers,
    IOutgoingMailStore mails,
    IMailTexts texts,
    MailComposer composer,
    CitizenWords words,
    TimeProvider clock)
{
    public const string OutboxKind = "follow";
    public const string OutboxName = "stage_changed";
    public const string OutboxRecipient = "followers";

    public async Task MailFollowersAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.RequestId is not { } requestId)
            return;
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        var everyone = await followers.FollowersAsync(requestId, cancellationToken);
        if (everyone.Count == 0)
            return;

        var language = composer.LanguageOf(request.Statute);
        var template = texts.Get(IMailTexts.FollowGroup, OutboxName, language);
        var stage = CitizenWords.StageName(words.StatuteOf(request.Statute, request.StatuteVersion), StageOf(row) ?? request.Stage);
        var body = PublicBodyKey.TryCreate(request.BodyKey, out var key) ? await bodies.GetAsync(key, cancellationToken) : null;
        var now = clock.GetUtcNow();
        foreach (var follower in everyone)
        {
            var (subject, blocks) = template.Fill(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [LetterFields.AccountName] = follower.Name,
                [LetterFields.RequestNumber] = request.Number,
                [LetterFields.RequestSubject] = request.Subject,
                [LetterFields.BodyName] = body?.Name.In(template.Language) ?? request.BodyKey,
                [LetterFields.FollowStage] = template.Language == "ka" ? stage.Ka : stage.En,
            });
            await mails.EnqueueAsync(
                new NewOutgoingMail($"{MailComposer.DedupKeyFor(row)}:{follower.UserId:N}", null, MailKinds.Notice, follower.Email, null,
                    subject, MailComposer.PlainText(blocks), template.Language, [], now),
                cancellationToken);
        }
    }

    /// <summary>The stage the step reached, from the row's payload (<c>"stage"</c>); null for a row without one.</summary>
    private static string? StageOf(OutboxMessage row)
    {
        try
        {
            using var json = JsonDocument.Parse(row.Payload);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("stage", out var stage) ? stage.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
