namespace EnergyOperator.Runner.Data;

/// <summary>One sample: a text and the name of its class.</summary>
public sealed record LabeledText(string Text, string Label);
