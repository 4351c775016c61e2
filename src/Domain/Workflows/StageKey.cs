namespace FoiTracker.Domain.Workflows;

/// <summary>A stage of a statute's workflow, by the key its data gives it ("submitted", "overdue", "complaint_filed").</summary>
public readonly record struct StageKey
{
    /// <summary>Not a stage: the target that sends a closed or withdrawn request back to the stage it left.</summary>
    public static readonly StageKey Reopen = new("$reopen", check: false);

    public StageKey(string value)
        : this(value, check: true)
    {
    }

    private StageKey(string value, bool check) => Value = check ? WorkflowWord.Require(value, "a stage key") : value;

    public string Value { get; }

    public override string ToString() => Value ?? string.Empty;
}
