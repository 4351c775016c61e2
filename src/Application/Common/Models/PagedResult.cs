namespace FoiTracker.Application.Common.Models;

/// <summary>One page of a longer list, with what a client needs to ask for the next.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public int PageCount => Total == 0 ? 0 : (int)((Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;
}
