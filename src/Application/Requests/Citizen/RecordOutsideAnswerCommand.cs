using System.Security.Cryptography;
using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Statutes;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>
/// The body answered outside the service (a letter on paper, a mail to another address): the
/// requester or staff records it with the day it was given, its outcome from the statute's
/// outcomes, and its text pasted and/or its file. The answer moves the request on as an
/// "answered" event dated that day, and the text and file are kept with it, in one transaction.
/// </summary>
public sealed record RecordOutsideAnswerCommand(
    Guid RequestId, DateOnly? AnsweredOn, string? Outcome, string? Text, string? FileName, byte[]? FileBytes, RequestActor Actor)
    : ICommand<RecordedEvent>
{
    public const int MaxTextLength = 50_000;

    /// <summary>10 MB: a scanned letter of many pages fits; a film of it does not.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>What a body's answer comes as: a document, a scan, a spreadsheet or text. Nothing that runs.</summary>
    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        ContentSniffer.Pdf, ContentSniffer.Png, ContentSniffer.Jpeg, ContentSniffer.Gif, ContentSniffer.Docx, ContentSniffer.Xlsx,
        ContentSniffer.Odt, ContentSniffer.Ods, ContentSniffer.Doc, ContentSniffer.Xls, ContentSniffer.PlainText,
    };

    public bool HasFile => FileBytes is { Length: > 0 };
}

public sealed class RecordOutsideAnswerValidator : AbstractValidator<RecordOutsideAnswerCommand>
{
    public RecordOutsideAnswerValidator(TimeProvider clock)
    {
        RuleFor(command => command.AnsweredOn)
            .NotNull().WithMessage("Give the day the body gave its answer.")
            .Must(on => on is null || on <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))).WithMessage("The day of the answer cannot lie in the future.")
            .Must(on => on is null || on.Value.Year >= 1990).WithMessage("The day of the answer cannot lie before 1990.");
        RuleFor(command => command.Outcome).NotEmpty().WithMessage("Choose what the answer was.");
        RuleFor(command => command.Text).MaximumLength(RecordOutsideAnswerCommand.MaxTextLength)
            .WithMessage($"The answer's text can have at most {RecordOutsideAnswerCommand.MaxTextLength:N0} characters.");
        RuleFor(command => command.Text)
            .Must((command, text) => !string.IsNullOrWhiteSpace(text) || command.HasFile)
            .WithMessage("Paste the answer's text or upload its file (or both).");
        RuleFor(command => command.FileName).MaximumLength(200).WithMessage("The file's name can have at most 200 characters.");
        RuleFor(command => command.FileBytes)
            .Must(bytes => bytes is null || bytes.Length <= RecordOutsideAnswerCommand.MaxFileBytes)
            .WithMessage("The file is larger than 10 MB; upload a smaller scan or paste the text.")
            .Must((command, bytes) => bytes is not { Length: > 0 } || RecordOutsideAnswerCommand.AllowedTypes.Contains(ContentSniffer.Sniff(bytes, command.FileName)))
            .WithMessage("The file must be a PDF, an image (PNG, JPEG, GIF), a Word, Excel or OpenDocument file, or plain text.");
    }
}

public sealed class RecordOutsideAnswerHandler(
    IRequestQueries requests, IStatuteCatalog catalog, WorkflowContexts contexts, IRequestAnswerStore answers, ISender sender, TimeProvider clock)
    : ICommandHandler<RecordOutsideAnswerCommand, RecordedEvent>
{
    public async ValueTask<RecordedEvent> Handle(RecordOutsideAnswerCommand command, CancellationToken cancellationToken)
    {
        var request = await LetterAccess.RequireAsync(requests, catalog, command.RequestId, command.Actor, cancellationToken,
            "Only staff and the requester can record the body's answer to this request.");
        var statute = catalog.TryGetStatute(request.Statute, request.StatuteVersion, out var pinned) ? pinned : catalog.GetStatute(request.Statute);
        var stageKey = new StageKey(request.Stage);
        var stage = statute.Workflow is { } workflow && workflow.HasStage(stageKey) ? workflow.Stage(stageKey) : null;
        if (!GetRequestPageHandler.AnswerOutcomesOf(stage, command.Actor).Contains(command.Outcome!, StringComparer.Ordinal))
            throw new ValidationException([new ValidationFailure(nameof(command.Outcome), "Choose one of the outcomes the request can have now.")]);

        // The answer is dated on its day: its last instant, or now if that day is today.
        var now = clock.GetUtcNow();
        var context = contexts.For(request.Statute, request.StatuteVersion);
        var endOfDay = context.StartOfDay(command.AnsweredOn!.Value.AddDays(1)).AddTicks(-1);
        var recorded = await sender.Send(
            new RecordEventCommand(request.Id, EventKind.Answered.Value, command.Actor, endOfDay < now ? endOfDay : now, command.Outcome,
                Note: "The body's answer was received outside the service and recorded by hand."),
            cancellationToken);

        var bytes = command.HasFile ? command.FileBytes : null;
        await answers.AddAsync(
            new RecordedAnswer(
                Uuid7.New(), request.Id, command.AnsweredOn.Value, command.Outcome!, string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim(),
                bytes is null ? null : SafeFileName(command.FileName), bytes is null ? null : ContentSniffer.Sniff(bytes, command.FileName),
                bytes?.Length, bytes is null ? null : Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes,
                command.Actor.AsWorkflowActor().ToString(), now),
            cancellationToken);
        return recorded;
    }

    /// <summary>The name without any folder a browser may send, and never empty: it is only ever offered back as a download's name.</summary>
    public static string SafeFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new string([.. bare.Where(c => !char.IsControl(c) && c is not '"' and not '/')]).Trim();
        return clean.Length == 0 ? "answer" : clean;
    }
}
