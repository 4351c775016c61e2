using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Jurisdictions;

/// <summary>A jurisdiction's code: ISO 3166 alpha-2 in lower case, optionally with a subdivision ("ge", "gb-sct", "us-ca").</summary>
public readonly partial record struct JurisdictionCode
{
    private JurisdictionCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? candidate, out JurisdictionCode code)
    {
        code = default;
        if (candidate is null || !Pattern().IsMatch(candidate))
            return false;
        code = new JurisdictionCode(candidate);
        return true;
    }

    public static JurisdictionCode Create(string candidate) =>
        TryCreate(candidate, out var code)
            ? code
            : throw new ArgumentException($"'{candidate}' is not a jurisdiction code (expected e.g. 'ge' or 'gb-sct').", nameof(candidate));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z]{2}(-[a-z]{2,4})?$")]
    private static partial Regex Pattern();
}
