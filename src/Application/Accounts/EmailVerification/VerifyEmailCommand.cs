using FluentValidation;
using FoiTracker.Application.Accounts.PasswordResets;
using Mediator;

namespace FoiTracker.Application.Accounts.EmailVerification;

/// <summary>The link mailed to a requester's address was opened: the address is confirmed for its account, and the mail held for it goes.</summary>
public sealed record VerifyEmailCommand(string? Token) : ICommand<VerifiedEmail>;

public sealed record VerifiedEmail(string Email);

public sealed class VerifyEmailValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailValidator()
    {
        RuleFor(command => command.Token)
            .NotEmpty().WithMessage("The link has no token; open the whole link from the mail.")
            .MaximumLength(100).WithMessage("This is not a confirmation link; open the whole link from the mail.");
    }
}

public sealed class VerifyEmailHandler(IEmailVerificationStore store, TimeProvider clock) : ICommandHandler<VerifyEmailCommand, VerifiedEmail>
{
    public async ValueTask<VerifiedEmail> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var verified = await store.VerifyAsync(PasswordResetToken.Hash(command.Token!), now, cancellationToken)
            ?? throw new FluentValidation.ValidationException(
                [new FluentValidation.Results.ValidationFailure(nameof(command.Token), "This confirmation link is not valid; open the whole link from the mail.")]);
        await store.ReleaseHeldMailAsync(verified.UserId, verified.NormalizedEmail, now, cancellationToken);
        return new VerifiedEmail(verified.NormalizedEmail);
    }
}
