namespace FoiTracker.Application.Common.Exceptions;

/// <summary>The caller is signed in but may not do this (another person's request). The host answers 403.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException()
        : base("You may not do this.")
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
