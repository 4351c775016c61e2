using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Citizen.Requests;

/// <summary>Records an answer the body gave outside the service: its day, its outcome, its text and/or its file.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = RecordOutsideAnswerCommand.MaxFileBytes + FormAllowance)]
[RequestSizeLimit(RecordOutsideAnswerCommand.MaxFileBytes + FormAllowance)]
public sealed class AnswerModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<AnswerModel.AnswerInput>(text)
{
    /// <summary>Room for the form's other fields beside the largest file.</summary>
    private const int FormAllowance = 256 * 1024;

    public RequestPageDto Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        return await SubmitAsync(
            async () =>
            {
                var bytes = await ReadAsync(Input.File, cancellationToken);
                await mediator.Send(
                    new RecordOutsideAnswerCommand(Case.Id, Input.AnsweredOn, Input.Outcome, Input.Text, Input.File?.FileName, bytes, CurrentActor.Require(User)),
                    cancellationToken);
                Notice = Text["Citizen.Answer.Done"];
                return LocalRedirect(Url.SitePage(SitePages.Request, new { number })!);
            },
            nameof(AnswerInput.AnsweredOn), nameof(AnswerInput.Outcome), nameof(AnswerInput.Text), "FileBytes", nameof(AnswerInput.FileName));
    }

    /// <summary>The upload's bytes, read no further than one byte past the limit: the validator refuses a larger file without it being held whole.</summary>
    private static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
            return null;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0 && buffer.Length <= RecordOutsideAnswerCommand.MaxFileBytes)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        try
        {
            Case = await mediator.Send(new GetRequestPageQuery(number, CurrentActor.Require(User)), cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        // Only the requester and staff record answers; to anyone else the form is not there.
        if (!Case.Private)
            throw new ForbiddenException("Only staff and the requester can record the body's answer to this request.");
        return true;
    }

    public sealed class AnswerInput
    {
        public DateOnly? AnsweredOn { get; set; }

        public string? Outcome { get; set; }

        public string? Text { get; set; }

        public IFormFile? File { get; set; }

        /// <summary>Errors about the file's name show beside the file field.</summary>
        public string? FileName { get; set; }
    }
}
