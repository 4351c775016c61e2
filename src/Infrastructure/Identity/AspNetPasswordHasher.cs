using FoiTracker.Application.Common.Ports;
using Microsoft.AspNetCore.Identity;

namespace FoiTracker.Infrastructure.Identity;

/// <summary>ASP.NET Core's PBKDF2 password hasher (version 3 format, 100,000 iterations of SHA-512).</summary>
public sealed class AspNetPasswordHasher : IPasswordHasher
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public PasswordCheck Check(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(Subject, hash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            // A damaged stored hash never lets anyone in.
            return PasswordCheck.Failed;
        }
    }
}
