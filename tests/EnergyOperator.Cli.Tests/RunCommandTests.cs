using EnergyOperator.Testing;
using System.Text.Json;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;

namespace EnergyOperator.Cli.Tests;

/// <summary>End to end: the real energyctl binary, the real runner, ONNX Runtime and meter, on a slice of SpamAssassin.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energyctl-test-");

    private const string Slice = """
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata:
          name: spam-slice
        spec:
          dataset:
            builtin: spam-assassin
            limit: 400
            testFraction: 0.25
          models:
            - name: lr-native
              classic: { engine: native, hashBits: 16, epochs: 4 }
            - name: lr-ort
              classic: { engine: onnxruntime, hashBits: 16, epochs: 4 }
          runtime:
            batchSizes: [16]
            warmupBatches: 1
        """;

    [Fact]
    public async Task Run_SpamAssassinSlice_WritesAValidReportWithAccuracyAndEstimatedJoules()
    {
        var manifest = Write("slice.yaml", Slice);
        var predictions = Path.Combine(_work.FullName, "predictions.jsonl");

        var (exit, output, error) = await EnergyctlProcess.RunAsync(
            RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName, "--output", "json", "--predictions", predictions);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var printed = JsonSerializer.Deserialize(output, ContractsJsonContext.Default.BenchmarkReport)!;
        var written = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_work.FullName, "spam-slice.json")), ContractsJsonContext.Default.BenchmarkReport)!;
        Assert.Equal(printed.Runs.Count, written.Runs.Count);
        Assert.Equal(BenchmarkReport.CurrentSchema, written.SchemaVersion);
        Assert.Equal(["ham", "spam"], written.Dataset.Labels);
        Assert.Equal(100, written.Dataset.TestSamples);
        Assert.Equal(2, written.Runs.Count);
        foreach (var run in written.Runs)
        {
            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            Assert.InRange(run.Accuracy!.Value, 0.85, 1.0);
            Assert.Equal(100, run.Samples);
            Assert.True(run.Energy!.Joules > 0);
            // This machine has no RAPL and no GPU: every joule is an estimate, and says so.
            Assert.True(run.Energy.Estimated);
            Assert.All(run.Energy.Readings, r => Assert.True(r.Estimated));
            Assert.Equal(run.Energy.Joules / run.Samples, run.Energy.JoulesPerSample, 9);
        }

        // Both engines run the same trained model, so they predict the same labels.
        Assert.Equal(written.Runs[0].ConfusionMatrix, written.Runs[1].ConfusionMatrix);
        Assert.Contains(written.Meters, m => m.Source == "nvml" && !m.Available && m.Reason is not null);

        // The predictions file lets anyone recompute the accuracies: one line per test text per run.
        var lines = File.ReadLines(predictions).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(written.Runs.Count * written.Dataset.TestSamples, lines.Count);
        foreach (var run in written.Runs)
        {
            var ofRun = lines.Where(line => line.GetProperty("run").GetString() == run.Name).ToList();
            var correct = ofRun.Count(line => line.GetProperty("label").GetString() == line.GetProperty("predicted").GetString());
            Assert.Equal(run.Accuracy!.Value, correct / (double)ofRun.Count, 12);
            Assert.All(ofRun, line => Assert.Equal(2, line.GetProperty("scores").GetArrayLength()));
        }

        // The exported split is the runs' split: same fingerprint, and its test texts carry the labels the predictions scored.
        var splitFile = Path.Combine(_work.FullName, "split.jsonl");
        var (splitExit, splitOutput, splitError) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "split", "-f", manifest, "--out", splitFile);
        Assert.True(splitExit == 0, $"exit {splitExit}: {splitError}");
        Assert.Contains($"split {written.Dataset.Split}", splitOutput);
        Assert.Matches("^[0-9a-f]{64}$", written.Dataset.Split);
        var split = File.ReadLines(splitFile).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(written.Dataset.TrainSamples, split.Count(line => line.GetProperty("partition").GetString() == "train"));
        Assert.Equal(
            lines.Where(line => line.GetProperty("run").GetString() == written.Runs[0].Name).Select(line => line.GetProperty("label").GetString()),
            split.Where(line => line.GetProperty("partition").GetString() == "test").Select(line => line.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Run_PredictionsUnderAFile_ExitsTwoNamingTheOptionBeforeMeasuring()
    {
        var manifest = Write("slice.yaml", Slice);
        var file = Write("not-a-directory", "");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName, "--predictions", Path.Combine(file, "p.jsonl"));

        Assert.Equal(2, exit);
        Assert.Contains("--predictions", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_TableOutput_MarksEstimatedEnergy()
    {
        var manifest = Write("slice.yaml", Slice.Replace("    - name: lr-ort\n      classic: { engine: onnxruntime, hashBits: 16, epochs: 4 }\n", ""));

        var (exit, output, error) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("lr-native", output);
        Assert.Contains("~ estimated", output);
        Assert.Contains("Pareto set", output);
    }

    [Theory]
    [InlineData("runtime:\n    batchSizes: [16]", "runtime:\n    batchSize: [16]", "spec.runtime.batchSize", "unknown field")]
    [InlineData("builtin: spam-assassin", "builtin: imdb", "spec.dataset.builtin", "is not one of: spam-assassin")]
    [InlineData("    - name: lr-native", "    - name: LR_native", "spec.models[0].name", "does not match")]
    public async Task Run_InvalidManifest_ExitsTwoNamingTheField(string find, string replace, string field, string message)
    {
        var manifest = Write("bad.yaml", Slice.Replace(find, replace));

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains(field, error);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_MissingDataset_ExitsTwoAndNamesTheSetup()
    {
        var manifest = Write("slice.yaml", Slice);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName, "--datasets-dir", Path.Combine(_work.FullName, "nowhere"));

        Assert.Equal(2, exit);
        Assert.Contains("spec.dataset.builtin", error);
        Assert.Contains("bootstrap", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_MissingOnnxRuntimeLibrary_ExitsTwoBeforeMeasuringAnything()
    {
        var manifest = Write("slice.yaml", Slice);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName, "--ort-library", Path.Combine(_work.FullName, "libonnxruntime.so"));

        Assert.Equal(2, exit);
        Assert.Contains("setup", error);
        Assert.Contains("ENERGY_ORT_LIBRARY", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_OnnxRuntimeLibraryThatIsNotALibrary_ExitsTwoSayingSo()
    {
        var manifest = Write("slice.yaml", Slice);
        var garbage = Write("libonnxruntime.so", "not an ELF file");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName, "--ort-library", garbage);

        Assert.Equal(2, exit);
        Assert.Contains(garbage, error);
        Assert.Contains("not a loadable shared library", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_DatasetFileWithoutLabelField_ExitsTwoNamingFileAndField()
    {
        var data = Write("data.jsonl", "{\"text\": \"hello\", \"class\": \"a\"}\n{\"text\": \"bye\", \"class\": \"b\"}\n");
        var manifest = Write("file.yaml", Slice.Replace("builtin: spam-assassin", $"file: {{ path: {data} }}"));

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("spec.dataset.file.path", error);
        Assert.Contains("label", error);
    }

    [Fact]
    public async Task Run_WithUnreachableMeterUrl_ExitsTwoNamingTheOption()
    {
        var manifest = Write("slice.yaml", Slice);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName, "--meter-url", $"http://127.0.0.1:{LoopbackPorts.Free()}");

        Assert.Equal(2, exit);
        Assert.Contains("--meter-url", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Run_HardwareTheManifestLacks_ExitsTwoNamingTheOptionBeforeMeasuring()
    {
        var manifest = Write("slice.yaml", Slice);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName, "--hardware", "h200");

        Assert.Equal(2, exit);
        Assert.Contains("--hardware", error);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "spam-slice.json")));
    }

    [Fact]
    public async Task Split_DatasetThatCannotBeRead_ExitsTwoNamingTheFieldAndWritesNoFile()
    {
        var manifest = Write("missing.yaml", Slice.Replace("builtin: spam-assassin", $"file: {{ path: {Path.Combine(_work.FullName, "nowhere.jsonl")} }}"));
        var target = Path.Combine(_work.FullName, "split.jsonl");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "split", "-f", manifest, "--out", target);

        Assert.Equal(2, exit);
        Assert.Contains("spec.dataset.file.path", error);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Validate_ListsTheExpandedRuns()
    {
        var manifest = Write("slice.yaml", Slice);

        var (exit, output, _) = await EnergyctlProcess.RunAsync(_work.FullName, "validate", "-f", manifest);

        Assert.Equal(0, exit);
        Assert.Contains("spam-slice: valid, 2 run(s)", output);
        Assert.Contains("spam-slice-lr-ort-local-b16-r1", output);
    }

    [Fact]
    public async Task Run_OutlivingTimeoutSeconds_FailsTheRunWithDeadlineExceeded()
    {
        // A window that must last an hour cannot end within a one-second timeout.
        var manifest = Write("slow.yaml", Slice.Replace("warmupBatches: 1", "warmupBatches: 1\n    timeoutSeconds: 1\n    minWindowSeconds: 3600"));

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName, "--output", "json");

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.All(JsonSerializer.Deserialize(output, ContractsJsonContext.Default.BenchmarkReport)!.Runs, run =>
        {
            Assert.Equal(RunOutcome.Failed, run.Outcome);
            Assert.Equal(RunFailureReasons.DeadlineExceeded, run.Reason);
        });
    }

    [Fact]
    public async Task Run_OutUnderAFile_ExitsTwoBeforeMeasuring()
    {
        var manifest = Write("slice.yaml", Slice);
        var file = Write("not-a-directory", "");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", Path.Combine(file, "reports"));

        Assert.Equal(2, exit);
        Assert.Contains("--out", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Run_TwoDocuments_ExitsTwoAndWritesNothing()
    {
        var manifest = Write("two.yaml", Slice + "\n---\n" + Slice.Replace("name: spam-slice", "name: other").Replace("builtin: spam-assassin", "file: { path: /nonexistent.jsonl }"));

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("holds 2 EnergyBenchmarks; run takes one per file", error);
        Assert.Empty(Directory.GetFiles(_work.FullName, "*.json"));
    }

    [Theory]
    [InlineData("a: &a [1, *a]\n", "alias *a")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "nested deeper")]
    public async Task Validate_HostileYaml_ExitsTwoWithOneLine(string content, string message)
    {
        var manifest = Write("hostile.yaml", content);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "validate", "-f", manifest);

        Assert.Equal(2, exit);
        Assert.Contains($"hostile.yaml: line 1: ", error);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Validate_Directory_ExitsTwoSayingSo()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "validate", "-f", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("is a directory", error);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
