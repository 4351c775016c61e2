using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Users;

public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(Uuid7.New());

    public override string ToString() => Value.ToString();
}
