using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Deadlines;

public readonly record struct DeadlineComputationId(Guid Value)
{
    public static DeadlineComputationId New() => new(Uuid7.New());

    public override string ToString() => Value.ToString();
}
