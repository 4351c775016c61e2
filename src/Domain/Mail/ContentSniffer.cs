using System.Text.Unicode;

namespace FoiTracker.Domain.Mail;

/// <summary>
/// The type of a file from its first bytes, not from what the sender declared: an agency's mail
/// program may call a scanned PDF "application/octet-stream", and a file called .pdf may be anything.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Doc = "application/msword";
    public const string Xls = "application/vnd.ms-excel";
    public const string OleStorage = "application/x-ole-storage";
    public const string PlainText = "text/plain";
    public const string Unknown = "application/octet-stream";

    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <param name="fileName">Only used to tell a Word file from an Excel one inside the same OLE container.</param>
    public static string Sniff(ReadOnlySpan<byte> content, string? fileName = null)
    {
        if (content.StartsWith("%PDF-"u8))
            return Pdf;
        if (content.StartsWith(PngMagic))
            return Png;
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
            return Jpeg;
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
            return Gif;
        if (content.StartsWith(ZipMagic))
            return SniffZip(content);
        if (content.StartsWith(OleMagic))
            return SniffOle(fileName);
        return IsPlainText(content) ? PlainText : Unknown;
    }

    // Office and OpenDocument files are ZIP archives; the names of their parts say which they are.
    private static string SniffZip(ReadOnlySpan<byte> content)
    {
        // OpenDocument stores an uncompressed "mimetype" entry first (ODF 1.2 part 3, 3.3).
        if (content.Length > 38 && content[30..38].SequenceEqual("mimetype"u8))
        {
            var type = content[38..Math.Min(content.Length, 38 + 80)];
            if (type.StartsWith("application/vnd.oasis.opendocument.text"u8))
                return Odt;
            if (type.StartsWith("application/vnd.oasis.opendocument.spreadsheet"u8))
                return Ods;
        }

        if (content.IndexOf("word/"u8) >= 0)
            return Docx;
        if (content.IndexOf("xl/"u8) >= 0)
            return Xlsx;
        return Zip;
    }

    // Word 97 and Excel 97 share the OLE compound file; telling them apart means reading its
    // directory, so the file name decides, and an unnamed one stays a generic OLE file.
    private static string SniffOle(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        return extension switch
        {
            ".doc" or ".dot" => Doc,
            ".xls" or ".xlt" => Xls,
            _ => OleStorage,
        };
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return false;
        var sample = content[..Math.Min(content.Length, 8192)];
        // A cut in the middle of a multi-byte character at the end of the sample is not an error.
        var trimmed = sample.Length < content.Length ? TrimPartialCharacter(sample) : sample;
        if (!Utf8.IsValid(trimmed))
            return false;
        foreach (var b in trimmed)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
                return false;
            if (b == 0x7F)
                return false;
        }

        return true;
    }

    private static ReadOnlySpan<byte> TrimPartialCharacter(ReadOnlySpan<byte> sample)
    {
        var end = sample.Length;
        var back = 0;
        while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0x80)
            back++;
        if (end - back - 1 >= 0 && sample[end - back - 1] >= 0xC0)
            return sample[..(end - back - 1)];
        return sample;
    }
}
