"""Where one generation cell's GPU time goes, the runner against PyTorch (docs/llm.md, the GPU bar):

    python3 bench/gpu/profile_generation.py ORT_PROFILE.json DIR/<model>-pytorch BATCH INPUT OUTPUT

ORT_PROFILE.json: `energyctl run --ort-profile DIR` of that one cell, run with CUDA_LAUNCH_BLOCKING=1 so that a node's
time holds its kernels. Prints ONNX Runtime's time per decode step by operator type, then PyTorch's CUDA kernel time per
generated token by kernel (torch.profiler over one `generate` of the same shape on the same weights, eager, fp16).
Profiled runs are slower than measured ones: compare the shares, not the totals with the grid's figures.
"""
import collections, json, sys

import torch
from transformers import AutoModelForCausalLM

PROFILE, MODEL_DIR = sys.argv[1], sys.argv[2]
BATCH, INPUT, OUTPUT = (int(a) for a in sys.argv[3:6])


def onnx_runtime():
    events = json.load(open(PROFILE))
    runs = [e for e in events if e.get("cat") == "Session" and e.get("name") == "model_run"]
    nodes = sorted((e for e in events if e.get("cat") == "Node" and e.get("name", "").endswith("_kernel_time")), key=lambda e: e["ts"])

    def is_decode(node):
        # A decode step feeds one new id per sequence: input_ids [batch, 1].
        return any(shape.get("int64") == [BATCH, 1] for shape in node["args"].get("input_type_shape", []))

    by_op, steps, index = collections.Counter(), 0, 0
    for run in runs:
        inside = []
        while index < len(nodes) and nodes[index]["ts"] < run["ts"] + run["dur"]:
            if nodes[index]["ts"] >= run["ts"]:
                inside.append(nodes[index])
            index += 1
        if any(is_decode(n) for n in inside if n["args"].get("op_name") == "Gather"):
            steps += 1
            for node in inside:
                by_op[node["args"]["op_name"]] += node["dur"]
    print(f"## ONNX Runtime: {steps} decode steps, µs per step by operator type\n")
    print("| operator | µs per step | share |\n|---|--:|--:|")
    total = sum(by_op.values())
    for op, micros in by_op.most_common(20):
        print(f"| {op} | {micros / max(steps, 1):.0f} | {micros / total:.1%} |")
    print(f"| all | {total / max(steps, 1):.0f} | |\n")


def pytorch():
    model = AutoModelForCausalLM.from_pretrained(MODEL_DIR, dtype=torch.float16, attn_implementation="eager", local_files_only=True).cuda().eval()
    ids = torch.randint(0, model.config.vocab_size, (BATCH, INPUT), generator=torch.Generator().manual_seed(0)).cuda()

    def generate():
        model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), do_sample=False, num_beams=1, use_cache=True,
                       max_new_tokens=OUTPUT, min_new_tokens=OUTPUT, pad_token_id=0)

    with torch.inference_mode():
        generate()
        torch.cuda.synchronize()
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CUDA]) as profile:
            generate()
            torch.cuda.synchronize()
    kernels = collections.Counter()
    for event in profile.events():
        if event.device_type == torch.autograd.DeviceType.CUDA:
            kernels[event.name[:90]] += event.device_time
    total = sum(kernels.values())
    print(f"## PyTorch: one generate of {OUTPUT} tokens, CUDA kernel µs per token by kernel\n")
    print("| kernel | µs per token | share |\n|---|--:|--:|")
    for name, micros in kernels.most_common(20):
        print(f"| `{name}` | {micros / OUTPUT:.0f} | {micros / total:.1%} |")
    print(f"| all | {total / OUTPUT:.0f} | |")


onnx_runtime()
pytorch()
