using System.CommandLine;
using EnergyOperator.Cli;
using EnergyOperator.Cli.Commands;
using EnergyOperator.Cli.Commands.Cluster;
using EnergyOperator.Cli.Commands.Submit;
using EnergyOperator.Cli.Serve;

var root = new RootCommand("energyctl: what does a model's inference cost in joules, and what accuracy does it get?")
{
    RunCommand.Create(),
    ReportCommand.Create(),
    TraceCommand.Create(),
    ModelCommand.Create(),
    ServeCommand.Create(),
    ValidateCommand.Create(),
    SplitCommand.Create(),
    PretrainedCommand.Create(),
    CrdCommand.Create(),
    SubmitCommand.Create(),
    GetCommand.Create(),
    ListCommand.Create(),
    DeleteCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // A usage error is bad input (exit 2); System.CommandLine's own 1 would read as "a gate failed" in a pipeline.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    var command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
    Console.Error.WriteLine($"see 'energyctl {command}--help'");

    return ExitCodes.InvalidInput;
}

try
{
    // System.CommandLine's own handler would print a stack trace and exit 1, which a pipeline reads as "a gate failed".
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("error: interrupted");
    return ExitCodes.Interrupted;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: unexpected failure ({e.GetType().Name}: {e.Message}); please report it");
    return ExitCodes.UnexpectedFailure;
}
