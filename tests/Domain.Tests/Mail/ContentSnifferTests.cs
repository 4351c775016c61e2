using System.Text;
using FoiTracker.Domain.Mail;

namespace FoiTracker.Domain.Tests.Mail;

public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, ContentSniffer.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, ContentSniffer.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, ContentSniffer.Jpeg)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, ContentSniffer.Gif)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, ContentSniffer.Zip)]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFE }, ContentSniffer.Unknown)]
    [InlineData(new byte[0], ContentSniffer.Unknown)]
    public void MagicBytes_DecideTheType(byte[] content, string expected)
    {
        ContentSniffer.Sniff(content).Should().Be(expected);
    }

    [Fact]
    public void ADocxOrXlsx_IsToldApartByItsPartNames()
    {
        ContentSniffer.Sniff(Zip("[Content_Types].xml", "word/document.xml")).Should().Be(ContentSniffer.Docx);
        ContentSniffer.Sniff(Zip("[Content_Types].xml", "xl/workbook.xml")).Should().Be(ContentSniffer.Xlsx);
    }

    [Fact]
    public void AnOdt_IsReadFromItsMimetypeEntry()
    {
        var header = new byte[30];
        new byte[] { 0x50, 0x4B, 0x03, 0x04 }.CopyTo(header, 0);
        var content = header.Concat(Encoding.ASCII.GetBytes("mimetypeapplication/vnd.oasis.opendocument.text")).ToArray();

        ContentSniffer.Sniff(content).Should().Be(ContentSniffer.Odt);
    }

    [Theory]
    [InlineData("answer.doc", ContentSniffer.Doc)]
    [InlineData("table.XLS", ContentSniffer.Xls)]
    [InlineData(null, ContentSniffer.OleStorage)]
    public void AnOleFile_IsNamedByItsExtension(string? name, string expected)
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        ContentSniffer.Sniff(ole, name).Should().Be(expected);
    }

    [Fact]
    public void Utf8Text_InGeorgian_IsPlainText_ButBinaryIsNot()
    {
        ContentSniffer.Sniff(Encoding.UTF8.GetBytes("პასუხი თქვენს განცხადებაზე\r\nAnswer to your request\n")).Should().Be(ContentSniffer.PlainText);
        ContentSniffer.Sniff(Encoding.UTF8.GetBytes("text with a NUL\0 inside")).Should().Be(ContentSniffer.Unknown);
        ContentSniffer.Sniff(new byte[] { 0x61, 0xC3, 0x28 }).Should().Be(ContentSniffer.Unknown);
    }

    private static byte[] Zip(params string[] names)
    {
        var bytes = new List<byte> { 0x50, 0x4B, 0x03, 0x04 };
        bytes.AddRange(new byte[26]);
        foreach (var name in names)
            bytes.AddRange(Encoding.ASCII.GetBytes(name + "\0\0\0\0"));
        return [.. bytes];
    }
}
