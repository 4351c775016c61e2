using FoiTracker.Application.Common.Models;
using Mediator;

namespace FoiTracker.Application.Bodies.SearchBodies;

/// <summary>Find public bodies by a piece of their Georgian or English name.</summary>
public sealed record SearchBodiesQuery(string? Q, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<BodyDto>>;
