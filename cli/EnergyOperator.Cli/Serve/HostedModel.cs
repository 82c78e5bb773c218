using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.OpenAi;
using Microsoft.AspNetCore.Http;

namespace EnergyOperator.Cli.Serve;

/// <summary>The one model a server answers for: its name, context and tokenizer.</summary>
internal sealed class HostedModel(GenerativeModel model, ServeOptions options, TimeProvider timeProvider)
{
    private readonly long _created = timeProvider.GetUtcNow().ToUnixTimeSeconds();

    public string Name => options.ModelName;

    public GenerativeModel Model => model;

    public PromptEncoder Encoder => model.Encoder;

    public int VocabularySize => Math.Min(model.Decoder.VocabularySize, model.Encoder.VocabularySize);

    /// <summary>Prompt + new tokens: provenance.json's maxPositions, else <see cref="ServeOptions.FallbackContext"/>.</summary>
    public int Context => model.Decoder.MaxPositions ?? options.FallbackContext;

    public int DefaultMaxTokens => options.DefaultMaxTokens;

    public ModelCard Card => new(Name, "model", _created, "energyoperator", Context, model.Provenance?.RandomWeights == true);

    /// <exception cref="OpenAiProblem">404 for another model's name, 400 without one.</exception>
    public void Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw OpenAiProblem.Malformed("model", $"model is required: this server serves '{Name}'");
        }

        if (name != Name)
        {
            throw new OpenAiProblem(StatusCodes.Status404NotFound, $"The model '{name}' does not exist: this server serves '{Name}'", "invalid_request_error", "model", "model_not_found");
        }
    }
}
