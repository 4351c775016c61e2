using System.Globalization;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Calendars;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff;

/// <summary>
/// A staff page (the folder needs the staff policy, see <see cref="PageServices"/>): the signed-in
/// staff member as the actor, paging by <c>?page=</c> that keeps the other filters, and stages in words.
/// </summary>
public abstract class StaffPage(IStringLocalizer<SharedResource> text) : FormPage<StaffPage.StaffInput>(text)
{
    public const int PageSize = 50;

    /// <summary>Bound from <c>?page=</c>; <c>page</c> itself is Razor Pages' own route value.</summary>
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How many rows the list has in all, for the pager.</summary>
    public long Total { get; protected set; }

    public string? PreviousPage => PageNumber > 1 ? Link(PageNumber - 1) : null;

    public string? NextPage => (long)PageNumber * PageSize < Total ? Link(PageNumber + 1) : null;

    protected RequestActor Actor => CurrentActor.Require(User);

    /// <summary>A stage in the page's language, from the statute's own names; the key itself when no statute names it.</summary>
    public static string StageName(IStatuteCatalog catalog, string stage)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var name = StageNames(catalog).FirstOrDefault(pair => pair.Key == stage).Name;
        return name is null ? stage : InLanguage(name);
    }

    /// <summary>Every stage any statute's workflow has, once, for a stage filter.</summary>
    public static IReadOnlyList<(string Key, MultilingualName Name)> StageNames(IStatuteCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.StatuteIds
            .Select(id => catalog.GetStatute(id.Value).Workflow)
            .Where(workflow => workflow is not null)
            .SelectMany(workflow => workflow!.Stages)
            .DistinctBy(stage => stage.Key.Value)
            .Select(stage => (stage.Key.Value, stage.Name))
            .ToList();
    }

    public static string InLanguage(MultilingualName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SiteCulture.Current == SiteCulture.Georgian && !string.IsNullOrWhiteSpace(name.Ka) ? name.Ka : name.En;
    }

    private string Link(int page)
    {
        var query = Request.Query.Where(pair => pair.Key != "page").ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Request.Path, query);
    }

    /// <summary>The fields of every staff form; each form posts only those it shows.</summary>
    public sealed class StaffInput
    {
        public string? Text { get; set; }

        public Guid? AssigneeId { get; set; }

        public string? Kind { get; set; }

        public string? Outcome { get; set; }

        public DateOnly? On { get; set; }

        public string? Reference { get; set; }

        public string? Note { get; set; }

        public string? ForwardedTo { get; set; }

        public string? RequestNumber { get; set; }

        public Guid? Id { get; set; }

        public string? Role { get; set; }
    }
}
