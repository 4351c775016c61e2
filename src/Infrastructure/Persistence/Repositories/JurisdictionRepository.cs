using FoiTracker.Application.Jurisdictions;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class JurisdictionRepository(DbSession session) : SqlRepository(session), IJurisdictionRepository
{
    public async Task<Jurisdiction?> GetAsync(JurisdictionCode code, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<JurisdictionRow>(
            "SELECT code AS Code, name_ka AS NameKa, name_en AS NameEn, statute_id AS StatuteId, time_zone AS TimeZone FROM jurisdictions WHERE code = @Code",
            new { Code = code.Value },
            cancellationToken);
        return row is null
            ? null
            : new Jurisdiction(JurisdictionCode.Create(row.Code), new LocalizedText(row.NameKa, row.NameEn), row.StatuteId, row.TimeZone);
    }

    public Task UpsertAsync(Jurisdiction jurisdiction, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO jurisdictions (code, name_ka, name_en, statute_id, time_zone)
            VALUES (@Code, @NameKa, @NameEn, @StatuteId, @TimeZone)
            ON CONFLICT (code) DO UPDATE SET name_ka = excluded.name_ka, name_en = excluded.name_en,
                statute_id = excluded.statute_id, time_zone = excluded.time_zone
            """,
            new
            {
                Code = jurisdiction.Code.Value,
                NameKa = jurisdiction.Name.Ka,
                NameEn = jurisdiction.Name.En,
                jurisdiction.StatuteId,
                jurisdiction.TimeZone,
            },
            cancellationToken);

    private sealed class JurisdictionRow
    {
        public string Code { get; init; } = "";
        public string NameKa { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string StatuteId { get; init; } = "";
        public string TimeZone { get; init; } = "";
    }
}
