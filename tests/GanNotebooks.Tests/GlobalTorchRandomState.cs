namespace GanNotebooks.Tests;

/// <summary>
/// Tests that seed torch's global generator and expect an exact sequence of draws run alone: any test running
/// in parallel would draw from the same process-wide generator in between.
/// </summary>
[CollectionDefinition(nameof(GlobalTorchRandomState), DisableParallelization = true)]
public class GlobalTorchRandomState { }
