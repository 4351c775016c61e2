using System.Globalization;
using Dapper;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Models;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class PublicBodyRepository(DbSession session) : SqlRepository(session), IPublicBodyRepository, IBodyQueries
{
    private const string Columns =
        "key AS Key, jurisdiction AS Jurisdiction, kind AS Kind, name_ka AS NameKa, name_en AS NameEn, " +
        "address_ka AS AddressKa, address_en AS AddressEn, website AS Website, foi_email AS FoiEmail, " +
        "foi_email_verified AS FoiEmailVerified, parent_key AS ParentKey, complaints_to_key AS ComplaintsToKey, " +
        "court_key AS CourtKey, complaint_basis AS ComplaintBasis, municipality AS Municipality";

    public async Task<PublicBody?> GetAsync(PublicBodyKey key, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<BodyRow>($"SELECT {Columns} FROM public_bodies WHERE key = @Key", new { Key = key.Value }, cancellationToken);
        return row?.ToDomain();
    }

    public async Task UpsertAsync(PublicBody body, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO public_bodies (key, jurisdiction, kind, name_ka, name_en, address_ka, address_en, website,
                foi_email, foi_email_verified, parent_key, complaints_to_key, court_key, complaint_basis, municipality, search_text)
            VALUES (@Key, @Jurisdiction, @Kind, @NameKa, @NameEn, @AddressKa, @AddressEn, @Website,
                @FoiEmail, @FoiEmailVerified, @ParentKey, @ComplaintsToKey, @CourtKey, @ComplaintBasis, @Municipality, @SearchText)
            ON CONFLICT (key) DO UPDATE SET
                jurisdiction = excluded.jurisdiction, kind = excluded.kind, name_ka = excluded.name_ka,
                name_en = excluded.name_en, address_ka = excluded.address_ka, address_en = excluded.address_en,
                website = excluded.website, foi_email = excluded.foi_email, foi_email_verified = excluded.foi_email_verified,
                parent_key = excluded.parent_key, complaints_to_key = excluded.complaints_to_key,
                court_key = excluded.court_key, complaint_basis = excluded.complaint_basis, municipality = excluded.municipality,
                search_text = excluded.search_text
            """;
        await ExecuteAsync(sql, new
        {
            Key = body.Key.Value,
            Jurisdiction = body.Jurisdiction.Value,
            Kind = body.Kind.ToName(),
            NameKa = body.Name.Ka,
            NameEn = body.Name.En,
            AddressKa = body.Address?.Ka,
            AddressEn = body.Address?.En,
            Website = body.Website?.ToString(),
            FoiEmail = body.FoiEmail?.Address.Value,
            FoiEmailVerified = body.FoiEmail?.Verified ?? false,
            ParentKey = body.Parent?.Value,
            ComplaintsToKey = body.ComplaintsTo?.Value,
            CourtKey = body.Court?.Value,
            body.ComplaintBasis,
            body.Municipality,
            body.SearchText,
        }, cancellationToken);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        ExecuteScalarAsync<long>("SELECT COUNT(*) FROM public_bodies", null, cancellationToken);

    public async Task<PagedResult<BodyDto>> SearchAsync(string? text, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Every word of the search must appear, in any order ("gori city hall" finds "Gori Municipality City
        // Hall"). LIKE with an escape character behaves the same on SQLite and PostgreSQL; the search text is
        // already lower-cased, as is the stored search_text.
        var words = (text ?? "").Split((char[]?)null, MaxSearchWords + 1, StringSplitOptions.RemoveEmptyEntries).Take(MaxSearchWords).ToList();
        var parameters = new DynamicParameters(new { Limit = pageSize, Offset = (long)(page - 1) * pageSize });
        for (var i = 0; i < words.Count; i++)
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"Word{i}"), "%" + EscapeLike(words[i]) + "%");
        var where = words.Count == 0
            ? string.Empty
            : "WHERE " + string.Join(" AND ", words.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $@"search_text LIKE @Word{i} ESCAPE '\'")));
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM public_bodies {where}", parameters, cancellationToken);
        var rows = await QueryAsync<BodyRow>(
            $"SELECT {Columns} FROM public_bodies {where} ORDER BY name_en, key LIMIT @Limit OFFSET @Offset",
            parameters,
            cancellationToken);
        return new PagedResult<BodyDto>(rows.Select(row => row.ToDto()).ToList(), page, pageSize, total);
    }

    public async Task<BodyDto?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<BodyRow>($"SELECT {Columns} FROM public_bodies WHERE key = @Key", new { Key = key }, cancellationToken);
        return row?.ToDto();
    }

    /// <summary>Words beyond this many are ignored: no body name needs more to be found.</summary>
    private const int MaxSearchWords = 8;

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private sealed class BodyRow
    {
        public string Key { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public string NameKa { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string? AddressKa { get; init; }
        public string? AddressEn { get; init; }
        public string? Website { get; init; }
        public string? FoiEmail { get; init; }
        public bool FoiEmailVerified { get; init; }
        public string? ParentKey { get; init; }
        public string? ComplaintsToKey { get; init; }
        public string? CourtKey { get; init; }
        public string? ComplaintBasis { get; init; }
        public string? Municipality { get; init; }

        public BodyDto ToDto() => new(
            Key, Jurisdiction, Kind, new LocalizedDto(NameKa, NameEn),
            AddressKa is null || AddressEn is null ? null : new LocalizedDto(AddressKa, AddressEn),
            Website, FoiEmail, FoiEmailVerified, ParentKey, ComplaintsToKey, CourtKey, ComplaintBasis, Municipality);

        public PublicBody ToDomain()
        {
            if (!BodyKindNames.TryParse(Kind, out var kind))
                throw new System.Data.DataException($"Stored body '{Key}' has an unknown kind '{Kind}'.");
            return new PublicBody(
                PublicBodyKey.Create(Key),
                JurisdictionCode.Create(Jurisdiction),
                kind,
                new LocalizedText(NameKa, NameEn),
                AddressKa is null || AddressEn is null ? null : new LocalizedText(AddressKa, AddressEn),
                Website is null ? null : new Uri(Website),
                FoiEmail is null ? null : new FoiEmail(EmailAddress.Create(FoiEmail), FoiEmailVerified),
                ParentKey is null ? null : PublicBodyKey.Create(ParentKey),
                ComplaintsToKey is null ? null : PublicBodyKey.Create(ComplaintsToKey),
                CourtKey is null ? null : PublicBodyKey.Create(CourtKey),
                ComplaintBasis,
                Municipality);
        }
    }
}
