namespace FoiTracker.Domain.Common;

/// <summary>
/// The one exception a domain object throws when an operation would break one of its rules.
/// The host turns it into a 409 ProblemDetails carrying <see cref="Rule"/> and the message.
/// </summary>
public sealed class BusinessRuleViolationException : Exception
{
    public BusinessRuleViolationException(string rule, string message)
        : base(message)
    {
        Rule = rule;
    }

    public BusinessRuleViolationException()
        : this("Unknown", "A business rule was broken.")
    {
    }

    public BusinessRuleViolationException(string message)
        : this("Unknown", message)
    {
    }

    public BusinessRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = "Unknown";
    }

    /// <summary>Name of the rule, written as a sentence in PascalCase, e.g. <c>BodyCannotBeItsOwnParent</c>.</summary>
    public string Rule { get; }
}
