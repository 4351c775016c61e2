namespace FoiTracker.Domain.Workflows;

/// <summary>
/// A stage of a statute's workflow, by the key its data gives it ("submitted", "overdue", "complaint_filed").
/// The statute's data names every stage; the service names none of them.
/// </summary>
public readonly record struct StageKey
{
    /// <summary>Not a stage: where an event sends a closed or withdrawn request, back to the stage it left.</summary>
    public static readonly StageKey Reopen = new("$reopen", check: false);

    public StageKey(string value)
        : this(value, check: true)
    {
    }

    private StageKey(string value, bool check) => Value = check ? WorkflowWord.Require(value, "a stage key") : value;

    public string Value { get; }

    /// <summary>Where an event or a timer leads, as the statute's data writes it: a stage key, or <see cref="Reopen"/>.</summary>
    public static StageKey Target(string text) => text == Reopen.Value ? Reopen : new StageKey(text);

    public override string ToString() => Value ?? string.Empty;
}
