// The benchmark project: figures as ratios against baselines measured in the same run (issue: benchmarks).
// Until the measured paths exist, it says so instead of printing invented numbers.
Console.WriteLine("MediaVault benchmarks: no benchmarks are implemented yet.");
return 0;
