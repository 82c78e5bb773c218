using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Models.Served;

/// <summary>A model behind an OpenAI-compatible server, ready for its runs.</summary>
/// <param name="Encoder">GPT-2's tokenizer: grid prompts are built with it.</param>
/// <param name="Context">Prompt + new tokens the server allows (its max_model_len); null when it does not say.</param>
/// <param name="EnergyOnly">The manifest or the server (random_weights) says the answers mean nothing.</param>
/// <param name="Parser">Reads zero-shot answers; null for a grid.</param>
internal sealed record ServedModel(
    ServerModelSpec Spec, OpenAiClient Client, HttpClient Http, PromptEncoder Encoder, int? Context, bool EnergyOnly, ZeroShotAnswerParser? Parser) : IDisposable
{
    public void Dispose() => Http.Dispose();
}
