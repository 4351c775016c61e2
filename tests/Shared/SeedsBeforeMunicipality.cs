using Dapper;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Seeds;
using FoiTracker.Domain.Bodies;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Tests.Support;

/// <summary>
/// Loads the seeds into a database migrated only up to a script before 0016, as the version of that
/// time did: bodies without the municipality column, which today's repository writes.
/// </summary>
public static class SeedsBeforeMunicipality
{
    public static async Task LoadAsync(MigratedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var seeds = await database.Services.GetRequiredService<ISeedSource>().ReadAsync(CancellationToken.None);
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var jurisdictions = scope.ServiceProvider.GetRequiredService<IJurisdictionRepository>();
            foreach (var jurisdiction in seeds.Jurisdictions)
                await jurisdictions.UpsertAsync(jurisdiction, CancellationToken.None);
        }

        foreach (var body in seeds.Bodies)
        {
            await database.Connection.ExecuteAsync(
                """
                INSERT INTO public_bodies (key, jurisdiction, kind, name_ka, name_en, parent_key, complaints_to_key, court_key, complaint_basis, search_text)
                VALUES (@Key, @Jurisdiction, @Kind, @NameKa, @NameEn, @Parent, @ComplaintsTo, @Court, @ComplaintBasis, @SearchText)
                """,
                new
                {
                    Key = body.Key.Value,
                    Jurisdiction = body.Jurisdiction.Value,
                    Kind = body.Kind.ToName(),
                    NameKa = body.Name.Ka,
                    NameEn = body.Name.En,
                    Parent = body.Parent?.Value,
                    ComplaintsTo = body.ComplaintsTo?.Value,
                    Court = body.Court?.Value,
                    body.ComplaintBasis,
                    body.SearchText,
                });
        }
    }
}
