using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FoiTracker.Domain.Common;

/// <summary>
/// Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits, so identifiers
/// sort by when they were made and rows keyed by them are appended at the end of an index.
/// The same layout as <see cref="Guid.CreateVersion7()"/>, whose random bits cost a call into the
/// kernel for every identifier on Linux; here each thread draws them from a buffer that one such
/// call fills for 256 identifiers. A fired timer makes about six.
/// </summary>
public static class Uuid7
{
    private const int BufferBytes = 4096;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;

    public static Guid New() => New(DateTimeOffset.UtcNow);

    public static Guid New(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        var random = NextRandom();
        // Version 7 in the top four bits of the third group, variant 10 in the top two of the fourth.
        var versionAndRandom = (short)((BinaryPrimitives.ReadUInt16LittleEndian(random) & 0x0FFF) | 0x7000);
        var variantAndRandom = (byte)((random[2] & 0x3F) | 0x80);
        return new Guid((int)(milliseconds >> 16), (short)milliseconds, versionAndRandom, variantAndRandom,
            random[3], random[4], random[5], random[6], random[7], random[8], random[9]);
    }

    /// <summary>Ten fresh random bytes from this thread's buffer, refilled when it runs out.</summary>
    private static ReadOnlySpan<byte> NextRandom()
    {
        var buffer = t_random;
        if (buffer is null || t_used + 10 > BufferBytes)
        {
            buffer = t_random ??= new byte[BufferBytes];
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        var random = buffer.AsSpan(t_used, 10);
        t_used += 10;
        return random;
    }
}
