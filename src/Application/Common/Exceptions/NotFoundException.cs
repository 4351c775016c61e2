namespace FoiTracker.Application.Common.Exceptions;

/// <summary>A thing the caller named does not exist. The host answers 404 with this message.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static NotFoundException For(string what, string key) => new($"There is no {what} '{key}'.");
}
