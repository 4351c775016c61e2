using PdfSharp.Fonts;

namespace FoiTracker.Infrastructure.Letters;

/// <summary>
/// The bundled DejaVu Sans faces (regular and bold; Bitstream Vera licence, in Letters/Fonts/LICENSE).
/// They cover Georgian (Mkhedruli) and Latin, so one paragraph can mix both; they lack the lari
/// sign ₾, which is why amounts are written "GEL". PDFsharp's Core build reads no system fonts, so
/// the faces reach it through this resolver, registered once per process.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lazy<LetterFonts> Shared = new(Create);

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private LetterFonts(byte[] regular, byte[] bold)
    {
        _regular = regular;
        _bold = bold;
        Regular = TrueTypeMetrics.Read(regular);
        Bold = TrueTypeMetrics.Read(bold);
    }

    public TrueTypeMetrics Regular { get; }

    public TrueTypeMetrics Bold { get; }

    /// <summary>The fonts, with PDFsharp's global resolver set to them.</summary>
    public static LetterFonts Instance => Shared.Value;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular,
        BoldFace => _bold,
        _ => null,
    };

    private static LetterFonts Create()
    {
        var fonts = new LetterFonts(Load(RegularFace), Load(BoldFace));
        // PDFsharp keeps one resolver per process and refuses a second one once fonts are in use.
        if (GlobalFontSettings.FontResolver is not LetterFonts)
            GlobalFontSettings.FontResolver = fonts;
        return fonts;
    }

    private static byte[] Load(string face)
    {
        var name = $"FoiTracker.Letters.{face}.ttf";
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(LetterFonts).Assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
