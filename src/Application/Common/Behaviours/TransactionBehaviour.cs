using FoiTracker.Application.Common.Ports;
using Mediator;

namespace FoiTracker.Application.Common.Behaviours;

/// <summary>
/// Runs each command in one database transaction: its writes, and later its outbox rows, land
/// together or not at all. Queries run without one. A command sent inside a transaction that is
/// already open joins it, and its caller commits.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || unitOfWork.InTransaction)
            return await next(message, cancellationToken);

        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
