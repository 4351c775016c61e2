using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Common;
using Mediator;

namespace FoiTracker.Application.Staff.Notes;

/// <summary>
/// A note staff keep on a case. It is not a timeline entry: the timeline is public, and these are
/// the organisation's working notes (a call to the body's officer, a lawyer's view), never shown to
/// the public or to the requester.
/// </summary>
public sealed record AddInternalNoteCommand(Guid RequestId, string Text, RequestActor Actor) : ICommand<InternalNoteDto>;

public sealed class AddInternalNoteValidator : AbstractValidator<AddInternalNoteCommand>
{
    public const int MaxLength = 4000;

    public AddInternalNoteValidator()
    {
        RuleFor(command => command.Text)
            .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Write the note first.")
            .MaximumLength(MaxLength).WithMessage("A note can have at most 4,000 characters.");
    }
}

public sealed class AddInternalNoteHandler(IStaffCaseStore store, TimeProvider clock) : ICommandHandler<AddInternalNoteCommand, InternalNoteDto>
{
    public async ValueTask<InternalNoteDto> Handle(AddInternalNoteCommand command, CancellationToken cancellationToken)
    {
        StaffOnly.Require(command.Actor);
        if (!await store.RequestExistsAsync(command.RequestId, cancellationToken))
            throw NotFoundException.For("request", command.RequestId.ToString());
        var note = new NewInternalNote(Uuid7.New(), command.RequestId, command.Actor.UserId, command.Actor.Name, command.Text.Trim(), clock.GetUtcNow());
        await store.AddNoteAsync(note, cancellationToken);
        return new InternalNoteDto(note.Id, note.At, note.AuthorId, note.AuthorName, note.Text);
    }
}
