using FluentValidation;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Letters.GenerateLetter;

/// <summary>
/// Staff, or the requester, produce a letter of the request's statute now (e.g. to print and
/// hand in). The same request state, kind, language and day give the same letter, stored once. A
/// letter that would state what has not happened yet is refused with the day it can be made.
/// </summary>
public sealed record GenerateLetterCommand(Guid RequestId, string Kind, string? Language, RequestActor Actor) : ICommand<LetterDto>;

public sealed class GenerateLetterValidator : AbstractValidator<GenerateLetterCommand>
{
    public GenerateLetterValidator()
    {
        RuleFor(command => command.Kind).NotEmpty().Matches("^[a-z_]{1,40}$").WithMessage("A letter kind is a word like request, chaser, complaint or court_claim.");
        RuleFor(command => command.Language).Must(language => language is null or "ka" or "en").WithMessage("The language is ka or en.");
    }
}

public sealed class GenerateLetterHandler(IRequestQueries requests, LetterComposer composer, IStatuteCatalog catalog)
    : ICommandHandler<GenerateLetterCommand, LetterDto>
{
    public async ValueTask<LetterDto> Handle(GenerateLetterCommand command, CancellationToken cancellationToken)
    {
        var request = await LetterAccess.RequireAsync(requests, catalog, command.RequestId, command.Actor, cancellationToken);
        if (catalog.TryGetStatute(request.Statute, request.StatuteVersion, out var statute))
            LetterCannotPrecedeTheStepThatMakesItRule.Check(request, statute, command.Kind);
        return await composer.ProduceAsync(
            request.Id, command.Kind, command.Language, LetterComposer.DefaultRecipient(command.Kind), null, "on_demand", null, cancellationToken);
    }
}
