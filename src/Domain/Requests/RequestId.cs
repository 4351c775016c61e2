namespace FoiTracker.Domain.Requests;

public readonly record struct RequestId(Guid Value)
{
    public static RequestId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
