namespace FoiTracker.Domain.Deadlines;

public readonly record struct DeadlineComputationId(Guid Value)
{
    public static DeadlineComputationId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
