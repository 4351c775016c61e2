using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Requests;

public readonly record struct RequestId(Guid Value)
{
    public static RequestId New() => new(Uuid7.New());

    public override string ToString() => Value.ToString();
}
