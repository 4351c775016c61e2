using FluentValidation;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Letters.GenerateLetter;

/// <summary>
/// Staff, or the requester, produce a letter of the request's statute now (e.g. to print and
/// hand in). The same request state, kind, language and day give the same letter, stored once.
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

public sealed class GenerateLetterHandler(IRequestQueries requests, LetterComposer composer, TimeProvider clock)
    : ICommandHandler<GenerateLetterCommand, LetterDto>
{
    public async ValueTask<LetterDto> Handle(GenerateLetterCommand command, CancellationToken cancellationToken)
    {
        var request = await LetterAccess.RequireAsync(requests, command.RequestId, command.Actor, cancellationToken);
        return await composer.ProduceAsync(
            request.Id, command.Kind, command.Language, LetterComposer.DefaultRecipient(command.Kind), clock.GetUtcNow(), "on_demand", null, cancellationToken);
    }
}
