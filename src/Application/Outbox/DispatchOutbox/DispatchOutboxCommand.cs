using Mediator;

namespace FoiTracker.Application.Outbox.DispatchOutbox;

/// <summary>
/// Hands pending outbox rows (letters to render, mails to send, notifications) to their dispatchers,
/// at least once each; a row's dedup key makes a repeated hand-over harmless.
/// </summary>
public sealed record DispatchOutboxCommand(int BatchSize = 100) : ICommand<DispatchResult>;

public sealed record DispatchResult(int Dispatched, int Failed, bool More);
