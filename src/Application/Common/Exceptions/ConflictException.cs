namespace FoiTracker.Application.Common.Exceptions;

/// <summary>The request clashes with the current state (e.g. an e-mail already registered). The host answers 409.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException()
        : base("The request conflicts with the current state.")
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
