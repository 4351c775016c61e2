using System.Collections.Frozen;
using FoiTracker.Domain.Common;

namespace FoiTracker.Application.Accounts.Passwords;

/// <summary>
/// What a new password may not be besides too short or too long: one of the passwords people use
/// most (the list of the zxcvbn-ts common language package, MIT, see common-passwords.LICENSE.txt,
/// the entries long enough to pass the length rule), or the account's own e-mail address or the
/// name before its @. Compared without regard to case.
/// </summary>
public static class PasswordPolicy
{
    public const string CommonMessage = "This password is among the most common ones and is easy to guess: choose another.";
    public const string LikeEmailMessage = "The password must not contain your e-mail address or the name before its @: choose another.";

    /// <summary>A name before the @ shorter than this ("jo@…") may appear inside a password; the whole address still may not.</summary>
    private const int ShortestLocalPartChecked = 4;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int CommonCount => Common.Value.Count;

    public static bool IsCommon(string password) =>
        !string.IsNullOrEmpty(password) && Common.Value.Contains(password.ToLowerInvariant());

    /// <summary>The password is the address, contains it, or contains the name before its @ (when that name is not very short).</summary>
    public static bool ResemblesEmail(string password, string email)
    {
        if (string.IsNullOrEmpty(password) || !EmailAddress.TryCreate(email, out var address))
            return false;
        var normalized = address.Normalized;
        var localPart = normalized[..normalized.LastIndexOf('@')];
        return password.Contains(normalized, StringComparison.OrdinalIgnoreCase)
            || (localPart.Length >= ShortestLocalPartChecked && password.Contains(localPart, StringComparison.OrdinalIgnoreCase));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(typeof(PasswordPolicy).Namespace + ".common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the Application assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                words.Add(line.ToLowerInvariant());
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
