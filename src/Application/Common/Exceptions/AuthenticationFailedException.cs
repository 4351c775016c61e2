namespace FoiTracker.Application.Common.Exceptions;

/// <summary>Credentials did not match an account. The host answers 401 without saying which part was wrong.</summary>
public sealed class AuthenticationFailedException : Exception
{
    public AuthenticationFailedException()
        : base("The e-mail or password is not correct.")
    {
    }

    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
