namespace FoiTracker.Application.Letters;

/// <summary>
/// A letter cannot be produced from what was given: a character the bundled font cannot show, a
/// text above the documented limit, a fact the template needs and the request lacks. The host
/// answers 400 with this message, which names what is wrong; a letter is never printed with a gap.
/// </summary>
public sealed class LetterContentException : Exception
{
    public LetterContentException(string message)
        : base(message)
    {
    }

    public LetterContentException()
        : base("The letter cannot be produced.")
    {
    }

    public LetterContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A letter template is malformed or names a placeholder nobody fills; raised when the templates load.</summary>
public sealed class LetterTemplateException : Exception
{
    public LetterTemplateException(string message)
        : base(message)
    {
    }

    public LetterTemplateException()
        : base("A letter template is malformed.")
    {
    }

    public LetterTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
