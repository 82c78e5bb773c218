using EnergyOperator.Runner.OpenAi;

namespace EnergyOperator.Cli.Serve;

/// <summary>
/// The prompt of a chat request. Random-weight decoders have no chat template of their own, so every model gets this plain one
/// (docs/llm.md): one <c>role: content</c> line per message, then <c>assistant:</c> for the answer.
/// </summary>
internal static class ChatTemplate
{
    private static readonly string[] Roles = ["system", "user", "assistant"];

    /// <exception cref="OpenAiProblem">No messages, or one without a known role or string content.</exception>
    public static string Render(IReadOnlyList<ChatMessage?>? messages)
    {
        if (messages is not { Count: > 0 })
        {
            throw OpenAiProblem.Malformed("messages", "messages must be a non-empty array of {role, content}");
        }

        var prompt = new System.Text.StringBuilder();
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not { Role: { } role, Content: { } content } || !Roles.Contains(role))
            {
                throw OpenAiProblem.Invalid($"messages[{i}]", $"messages[{i}] needs a role ({string.Join(", ", Roles)}) and string content");
            }

            prompt.Append(role).Append(": ").Append(content).Append('\n');
        }

        return prompt.Append("assistant:").ToString();
    }
}
