namespace FoiTracker.Application.Common.Ports;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>Hashes and checks passwords; the adapter uses ASP.NET Core's PasswordHasher (PBKDF2).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Check(string hash, string password);
}
