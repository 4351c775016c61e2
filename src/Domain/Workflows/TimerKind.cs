namespace FoiTracker.Domain.Workflows;

/// <summary>A timer a stage of a statute's workflow arms ("reminder", "deadline_passed", "chaser").</summary>
public readonly record struct TimerKind
{
    public TimerKind(string value) => Value = WorkflowWord.Require(value, "a timer kind");

    public string Value { get; }

    public override string ToString() => Value ?? string.Empty;
}
