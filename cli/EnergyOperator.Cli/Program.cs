using System.CommandLine;
using EnergyOperator.Cli.Commands;

var root = new RootCommand("energyctl: what does a model's inference cost in joules, and what accuracy does it get?")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    CrdCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
