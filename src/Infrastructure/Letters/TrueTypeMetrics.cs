using System.Buffers.Binary;

namespace FoiTracker.Infrastructure.Letters;

/// <summary>
/// The two things the letter layout needs from a TrueType file, read straight from its tables:
/// which characters it has (cmap, formats 4 and 12) and how wide each one is (hmtx). Reading them
/// ourselves lets us refuse a character before rendering (PDFsharp would print an empty box) and
/// measure words without going through the drawing API. No kerning: PDFsharp applies none either,
/// so our widths are exactly what it draws.
/// </summary>
public sealed class TrueTypeMetrics
{
    private readonly Dictionary<int, int> _glyphOf;
    private readonly ushort[] _advances;
    private readonly double[] _asciiWidths = new double[128];

    private TrueTypeMetrics(Dictionary<int, int> glyphOf, ushort[] advances, int unitsPerEm)
    {
        _glyphOf = glyphOf;
        _advances = advances;
        UnitsPerEm = unitsPerEm;
        for (var c = 0; c < 128; c++)
            _asciiWidths[c] = glyphOf.TryGetValue(c, out var glyph) ? AdvanceOfGlyph(glyph) : 0;
    }

    public int UnitsPerEm { get; }

    public int CharacterCount => _glyphOf.Count;

    public bool Has(int codePoint) => _glyphOf.ContainsKey(codePoint);

    /// <summary>Width of one character in em (multiply by the font size for points).</summary>
    public double Advance(int codePoint)
    {
        if (codePoint < 128)
            return _asciiWidths[codePoint];
        return _glyphOf.TryGetValue(codePoint, out var glyph) ? AdvanceOfGlyph(glyph) : 0;
    }

    /// <summary>Width of a string in em.</summary>
    public double Measure(ReadOnlySpan<char> text)
    {
        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length)
                codePoint = char.ConvertToUtf32(text[i], text[++i]);
            width += Advance(codePoint);
        }

        return width;
    }

    private double AdvanceOfGlyph(int glyph) =>
        (double)_advances[Math.Min(glyph, _advances.Length - 1)] / UnitsPerEm;

    public static TrueTypeMetrics Read(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        var span = font.AsSpan();
        var tables = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        var count = U16(span, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = ((int)U32(span, record + 8), (int)U32(span, record + 12));
        }

        int Table(string tag) => tables.TryGetValue(tag, out var table)
            ? table.Offset
            : throw new InvalidDataException($"The font has no '{tag}' table.");

        var unitsPerEm = U16(span, Table("head") + 18);
        var metricsCount = U16(span, Table("hhea") + 34);
        var hmtx = Table("hmtx");
        var advances = new ushort[metricsCount];
        for (var i = 0; i < metricsCount; i++)
            advances[i] = U16(span, hmtx + (4 * i));
        return new TrueTypeMetrics(ReadCmap(span, Table("cmap")), advances, unitsPerEm);
    }

    private static Dictionary<int, int> ReadCmap(ReadOnlySpan<byte> font, int cmap)
    {
        // Prefer the full-Unicode subtable (3,10, format 12), else the BMP one (3,1 or 0,x, format 4).
        int best = -1, bestScore = -1;
        var subtables = U16(font, cmap + 2);
        for (var i = 0; i < subtables; i++)
        {
            var record = cmap + 4 + (8 * i);
            var platform = U16(font, record);
            var encoding = U16(font, record + 2);
            var offset = cmap + (int)U32(font, record + 4);
            var format = U16(font, offset);
            var score = (platform, encoding, format) switch
            {
                (3, 10, 12) => 3,
                (0, _, 12) => 2,
                (3, 1, 4) => 1,
                (0, _, 4) => 0,
                _ => -1,
            };
            if (score > bestScore)
                (best, bestScore) = (offset, score);
        }

        if (best < 0)
            throw new InvalidDataException("The font has no Unicode cmap subtable (format 4 or 12).");
        var map = new Dictionary<int, int>();
        if (U16(font, best) == 12)
        {
            var groups = U32(font, best + 12);
            for (var g = 0; g < groups; g++)
            {
                var group = best + 16 + (12 * g);
                var start = (int)U32(font, group);
                var end = (int)U32(font, group + 4);
                var glyph = (int)U32(font, group + 8);
                for (var c = start; c <= end; c++)
                    map[c] = glyph + (c - start);
            }
        }
        else
        {
            var segments = U16(font, best + 6) / 2;
            var ends = best + 14;
            var starts = ends + (2 * segments) + 2;
            var deltas = starts + (2 * segments);
            var rangeOffsets = deltas + (2 * segments);
            for (var s = 0; s < segments; s++)
            {
                int end = U16(font, ends + (2 * s)), start = U16(font, starts + (2 * s));
                var delta = (short)U16(font, deltas + (2 * s));
                int rangeOffset = U16(font, rangeOffsets + (2 * s));
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = rangeOffsets + (2 * s) + rangeOffset + (2 * (c - start));
                        glyph = U16(font, at);
                        if (glyph != 0)
                            glyph = (glyph + delta) & 0xFFFF;
                    }

                    if (glyph != 0)
                        map[c] = glyph;
                }
            }
        }

        return map;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
}
