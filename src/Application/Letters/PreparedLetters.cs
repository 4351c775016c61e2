using System.Security.Cryptography;
using System.Text.Json;

namespace FoiTracker.Application.Letters;

/// <summary>
/// Letters drawn ahead of the transaction that stores them. Drawing a letter takes longer than all
/// the writes of the step that makes it, and a transaction on SQLite holds the one writer's lock
/// while it runs; so the outbox draws the letters it is about to make first, with no transaction
/// open, and the transaction takes the drawing whose content is exactly the letter it composed then.
/// A letter whose request changed in between composes differently, finds nothing here and is drawn
/// in the transaction as before: what is stored is always drawn from the request as it stands when
/// the letter is made. Bounded; a drawing nobody took is dropped, oldest first.
/// </summary>
public sealed class PreparedLetters(ILetterRenderer renderer)
{
    public const int Capacity = 256;

    private readonly Dictionary<string, RenderedLetter> _drawn = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Draws <paramref name="letter"/> now and keeps it for <see cref="Render"/>.</summary>
    /// <exception cref="LetterContentException">The letter cannot be drawn (nothing is kept).</exception>
    public void Prepare(LetterDocument letter)
    {
        var key = KeyOf(letter);
        lock (_lock)
        {
            if (_drawn.ContainsKey(key))
                return;
        }

        var rendered = renderer.Render(letter);
        lock (_lock)
        {
            if (!_drawn.TryAdd(key, rendered))
                return;
            _order.Enqueue(key);
            while (_order.Count > Capacity)
                _drawn.Remove(_order.Dequeue());
        }
    }

    /// <summary>The drawing prepared for exactly this letter, taken once; otherwise the letter drawn now.</summary>
    public RenderedLetter Render(LetterDocument letter)
    {
        lock (_lock)
        {
            // The key stays in the order queue until it reaches the front; removing a missing key there is harmless.
            if (_drawn.Remove(KeyOf(letter), out var prepared))
                return prepared;
        }

        return renderer.Render(letter);
    }

    /// <summary>How many drawings are waiting to be taken.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _drawn.Count;
        }
    }

    // Everything the letter shows, as JSON: the renderer's output depends on nothing else.
    private static string KeyOf(LetterDocument letter) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(letter)));
}
