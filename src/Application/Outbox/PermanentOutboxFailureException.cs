namespace FoiTracker.Application.Outbox;

/// <summary>
/// A dispatcher cannot carry out an outbox row, and trying again will not change that (its payload
/// cannot be read, nothing handles its kind). The row is given up at once and goes to the staff queue.
/// </summary>
public sealed class PermanentOutboxFailureException : Exception
{
    public PermanentOutboxFailureException(string message)
        : base(message)
    {
    }

    public PermanentOutboxFailureException()
        : base("The outbox row cannot be carried out.")
    {
    }

    public PermanentOutboxFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
