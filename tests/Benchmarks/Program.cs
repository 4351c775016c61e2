using FoiTracker.Benchmarks;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Benchmarks.Letters;
using FoiTracker.Benchmarks.Load;
using FoiTracker.Benchmarks.Mail;
using FoiTracker.Benchmarks.Pages;
using FoiTracker.Benchmarks.Statistics;
using FoiTracker.Benchmarks.Sweep;

// Every benchmark the runner knows, one entry each. A benchmark written as a static method that
// returns named figures is registered with DelegateBenchmark, e.g.:
//   new DelegateBenchmark("deadlines", "Deadline computations per second", options => DeadlinesBenchmark.RunAsync(options.SeedsDirectory)),
IBenchmark[] benchmarks =
[
    new BulkLoadBenchmark(),
    new DelegateBenchmark(
        "deadlines",
        "Ten-working-day due dates per second on one core, and 1,000,000 working-days-elapsed pairs (ge-gac)",
        options => DeadlinesBenchmark.RunAsync(options.SeedsDirectory)),
    new WorkflowCoreBenchmark(),
    new LettersBenchmark(),
    new SweepBenchmark(),
    new StoreFloorBenchmark(),
    new StatisticsBenchmark(),
    new PagesBenchmark(),
    new LoadBenchmark(),
    new FilingFloorBenchmark(),
    new DelegateBenchmark(
        "mail",
        "Mail both ways: sending (pending rows with a one-page PDF to an SMTP server in this process, and to the pickup folder) and intake (messages matched per second with 10,000 waiting in a Dovecot folder, from FOI_BENCH_IMAP)",
        async options => MailBenchmark.Combine(
            await MailSendBenchmark.RunAsync(options.SeedsDirectory),
            await MailIntakeBenchmark.RunAsync(options.SeedsDirectory))),
];

return await BenchmarkRunner.RunAsync(benchmarks, args);
