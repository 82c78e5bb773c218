"""Plots a generation grid (energyctl's <benchmark>.grid.csv) as docs/llm.md shows it: J per output token against batch size,
J per request against input tokens, and J per request against output tokens, one line per model or batch size.

    python3 bench/gpu/plot_generation.py generation.grid.csv OUT.svg [--input 128] [--output 64] [--model llama-1b-fp16]

Needs matplotlib. Cells not measured are left out; every figure is the runner's, per batch, from NVML's energy counter.
"""
import argparse, collections, csv

import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("grid")
    parser.add_argument("out")
    parser.add_argument("--input", type=int, default=128, help="input tokens of the first and third panels")
    parser.add_argument("--output", type=int, default=64, help="output tokens of the first and second panels")
    parser.add_argument("--model", default="llama-1b-fp16", help="the model of the second and third panels")
    args = parser.parse_args()

    cells = [row for row in csv.DictReader(open(args.grid)) if not row["notMeasured"]]
    # Repetitions of a cell are averaged.
    figures = collections.defaultdict(list)
    for row in cells:
        key = (row["model"], int(row["batchSize"]), int(row["inputTokens"]), int(row["outputTokens"]))
        figures[key].append((float(row["joulesPerRequest"]), float(row["joulesPerOutputToken"])))
    mean = {key: tuple(sum(v) / len(v) for v in zip(*values)) for key, values in figures.items()}
    models = sorted({key[0] for key in mean})
    batches = sorted({key[1] for key in mean})

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    ax = axes[0]
    for model in models:
        points = sorted((b, mean[(model, b, args.input, args.output)][1]) for b in batches if (model, b, args.input, args.output) in mean)
        ax.plot(*zip(*points), marker="o", label=model)
    ax.set(xscale="log", yscale="log", xlabel="batch size", ylabel="J per output token",
           title=f"{args.input} in, {args.output} out")
    ax.set_xticks(batches, [str(b) for b in batches])

    for ax, axis, fixed, label in ((axes[1], 2, args.output, "input tokens"), (axes[2], 3, args.input, "output tokens")):
        for batch in batches:
            points = sorted((key[axis], value[0]) for key, value in mean.items()
                            if key[0] == args.model and key[1] == batch and key[5 - axis] == fixed)
            if points:
                ax.plot(*zip(*points), marker="o", label=f"batch {batch}")
        ax.set(xscale="log", yscale="log", xlabel=label, ylabel="J per request",
               title=f"{args.model}, {fixed} {'out' if axis == 2 else 'in'}")
    for ax in axes:
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Generation energy on one GPU (random-weight models: energy only)")
    fig.tight_layout()
    fig.savefig(args.out)


if __name__ == "__main__":
    main()
