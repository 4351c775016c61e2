namespace FoiTracker.Application.Common.Behaviours;

/// <summary>
/// A command whose handler begins and ends its transaction itself, because part of its work must
/// run before the transaction (the timer sweep reads its batch before it takes SQLite's one write
/// lock). <see cref="TransactionBehaviour{TMessage, TResponse}"/> leaves it alone.
/// </summary>
public interface IOpensOwnTransaction
{
}
