using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;

// Every benchmark the runner knows, one entry each. A benchmark written as a static method that
// returns named figures is registered with DelegateBenchmark, e.g.:
//   new DelegateBenchmark("deadlines", "Deadline computations per second", options => DeadlinesBenchmark.RunAsync(options.SeedsDirectory)),
IBenchmark[] benchmarks =
[
    new BulkLoadBenchmark(),
];

return await BenchmarkRunner.RunAsync(benchmarks, args);
