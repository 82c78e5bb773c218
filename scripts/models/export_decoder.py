"""Exports random-weight decoders with real architectures for the runner's `generative` model kind, on a machine with PyTorch
and transformers (no network: configs are built in code, nothing is downloaded).

    python3 scripts/models/export_decoder.py --out DIR [--model gpt2|gpt2-medium|llama-1b ...] [--precision fp32 fp16] [--seed 0]

For each model and precision writes DIR/<model>-<precision>/model.onnx (+ model.onnx.data when over 2 GB) and provenance.json,
and once per model DIR/<model>-pytorch/ (the same weights, for bench/gpu/generate_reference.py). The ONNX layout is what the
runner reads: inputs input_ids, attention_mask (past + new positions), position_ids [batch, sequence] int64 and
past_key_values.N.key/value [batch, kv heads, past, head size]; outputs logits [batch, 1, vocabulary] (the last position only,
as transformers' generate computes it: logits_to_keep=1) and present.N.key/value. fp16 models have fp16 cache and logits.

The graph is traced from a wrapper that runs the transformers model's own modules and weights with attention written out
(scores in float32, the causal and padding masks as one additive bias, the cache concatenated explicitly): transformers 5
builds masks and caches in ways the TorchScript exporter does not trace reliably. The script checks the wrapper against the
transformers model's own forward (a prefill, then one cached decode step) and the ONNX model against the wrapper on ONNX
Runtime's CPU provider, and records every difference in provenance.json (logitsCheck); a difference beyond the bound (1e-3
fp32, 5e-2 fp16) or a failed export exits 1 after the other models were exported.

Models (random weights, seeded: energy and throughput only; provenance.json says randomWeights: true):
  gpt2         GPT-2 small: 12 layers, width 768, 12 heads, 1,024 positions, vocabulary 50,257 (~124M parameters)
  gpt2-medium  GPT-2 medium: 24 layers, width 1,024, 16 heads, 1,024 positions (~355M)
  llama-1b     Llama-shaped: 16 layers, width 2,048, 32 heads with 8 key-value heads (GQA), SwiGLU 5,632, RoPE, untied head,
               8,704 positions (the study's 8,192-token bin + 512 new tokens) and GPT-2's vocabulary of 50,257, so that the
               runner's GPT-2 tokenizer covers it (~0.93B parameters; a real Llama's 32,000-token vocabulary would need its own
               tokenizer)
--max-positions overrides the positions of every model (GPT-2's learned position table grows; only its size changes).
"""
import argparse, json, os, subprocess, sys, time

import numpy as np
import torch
from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

MODELS = {
    "gpt2": lambda positions: GPT2LMHeadModel._from_config(
        GPT2Config(n_layer=12, n_embd=768, n_head=12, n_positions=positions or 1024, vocab_size=50257), attn_implementation="eager"),
    "gpt2-medium": lambda positions: GPT2LMHeadModel._from_config(
        GPT2Config(n_layer=24, n_embd=1024, n_head=16, n_positions=positions or 1024, vocab_size=50257), attn_implementation="eager"),
    "llama-1b": lambda positions: LlamaForCausalLM._from_config(
        LlamaConfig(vocab_size=50257, hidden_size=2048, intermediate_size=5632, num_hidden_layers=16, num_attention_heads=32,
                    num_key_value_heads=8, max_position_embeddings=positions or 8704, tie_word_embeddings=False,
                    bos_token_id=50256, eos_token_id=50256), attn_implementation="eager"),
}
ONNX_PROTOBUF_LIMIT = 2 * 1024**3
BOUND = {"fp32": 1e-3, "fp16": 5e-2}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--model", nargs="+", choices=MODELS, default=list(MODELS))
    parser.add_argument("--precision", nargs="+", choices=["fp32", "fp16"], default=["fp32", "fp16"])
    parser.add_argument("--max-positions", type=int, help="positions of every model; default: the model's own (above)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    failed = []
    for name in args.model:
        started = time.time()
        torch.manual_seed(args.seed)
        model = MODELS[name](args.max_positions).eval()
        model.save_pretrained(os.path.join(args.out, f"{name}-pytorch"))
        config = model.config.to_dict()
        parameters = sum(p.numel() for p in model.parameters())  # tied weights are one parameter: counted once
        print(f"{name}: {parameters:,} parameters, seed {args.seed}", flush=True)
        for precision in sorted(args.precision, key=["fp32", "fp16"].index):  # fp32 first: fp16 is cast from the exact weights
            directory = os.path.join(args.out, f"{name}-{precision}")
            os.makedirs(directory, exist_ok=True)
            dtype = torch.float16 if precision == "fp16" else torch.float32
            # fp16 is traced on the GPU (CPU half kernels are partial); fp32 on the CPU, where the checks run.
            on = device if precision == "fp16" else "cpu"
            model.to(device=on, dtype=dtype)
            wrapper = CachedDecoder(model).eval()
            try:
                checks = {"transformers": check_against_transformers(model, wrapper, on)}
                path = export(wrapper, directory, on)
                checks["onnx"] = check_onnx(path, wrapper, on)
            except Exception as error:  # one model failing must not cost the others: report it and go on
                print(f"ERROR: {name} {precision}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
                failed.append(f"{name}-{precision}")
                continue
            print(f"{name} {precision}: {path}, checks {json.dumps(checks)}", flush=True)
            bound = BOUND[precision]
            if any(c.get("maxAbsDiff", 0) > bound for c in checks.values()):
                failed.append(f"{name}-{precision}")
            provenance = {
                "randomWeights": True, "architecture": name, "parameters": parameters, "layers": wrapper.layers,
                "hiddenSize": wrapper.hidden_size, "maxPositions": wrapper.max_positions, "vocabulary": config["vocab_size"],
                "seed": args.seed, "precision": precision, "heads": wrapper.heads, "keyValueHeads": wrapper.kv_heads,
                "logitsCheck": checks, "logitsBound": bound, "config": config, "torch": torch.__version__,
                "transformers": __import__("transformers").__version__, "opset": 17, "commit": commit(),
                "seconds": round(time.time() - started, 1),
            }
            with open(os.path.join(directory, "provenance.json"), "w") as f:
                json.dump(provenance, f, indent=2, default=str)
        model.to("cpu", dtype=torch.float32)
    if failed:
        print(f"ERROR: {failed} failed or differ beyond the bound (the log above; provenance.json, logitsCheck)", file=sys.stderr)
        sys.exit(1)


class CachedDecoder(torch.nn.Module):
    """One forward step of the transformers model with an explicit KV cache, from its own modules and weights. Inputs and
    outputs are flat tensors in the runner's layout; the new tokens sit at positions past … total − 1 of the mask."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.llama = isinstance(model, LlamaForCausalLM)
        c = model.config
        self.layers = c.num_hidden_layers
        self.hidden_size = c.hidden_size
        self.heads = c.num_attention_heads
        self.kv_heads = getattr(c, "num_key_value_heads", None) or self.heads
        self.head_size = self.hidden_size // self.heads
        self.max_positions = c.max_position_embeddings if self.llama else c.n_positions

    def forward(self, input_ids, attention_mask, position_ids, *past):
        dtype = self.model.lm_head.weight.dtype
        body = self.model.model if self.llama else self.model.transformer
        x = body.embed_tokens(input_ids) if self.llama else body.wte(input_ids) + body.wpe(position_ids)
        bias = self.attention_bias(attention_mask, input_ids, past[0])
        rotary = self.rotary(position_ids, dtype) if self.llama else None
        presents = []
        for i in range(self.layers):
            block = body.layers[i] if self.llama else body.h[i]
            normed = block.input_layernorm(x) if self.llama else block.ln_1(x)
            attended, key, value = self.attention(block, normed, past[2 * i], past[2 * i + 1], bias, rotary)
            presents += [key, value]
            x = x + attended
            normed = block.post_attention_layernorm(x) if self.llama else block.ln_2(x)
            x = x + block.mlp(normed)
        x = body.norm(x) if self.llama else body.ln_f(x)
        return (self.model.lm_head(x[:, -1:, :]), *presents)

    def attention(self, block, x, past_key, past_value, bias, rotary):
        batch, length = x.shape[0], x.shape[1]
        if self.llama:
            attn = block.self_attn
            q, k, v = attn.q_proj(x), attn.k_proj(x), attn.v_proj(x)
        else:
            attn = block.attn
            q, k, v = attn.c_attn(x).split(self.hidden_size, dim=2)
        q = q.view(batch, length, self.heads, self.head_size).transpose(1, 2)
        k = k.view(batch, length, self.kv_heads, self.head_size).transpose(1, 2)
        v = v.view(batch, length, self.kv_heads, self.head_size).transpose(1, 2)
        if rotary is not None:
            cos, sin = rotary
            q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        key, value = torch.cat([past_key, k], dim=2), torch.cat([past_value, v], dim=2)
        # Grouped-query attention without repeating the cache: transformers' repeat_kv copies every key-value head once per
        # query head it serves, at every step; here the query heads sharing a key-value head are stacked along the positions
        # instead ([batch, kv heads, groups × length, head size]), which is the same arithmetic with no copy.
        groups = self.heads // self.kv_heads
        grouped = q.reshape(batch, self.kv_heads, groups * length, self.head_size)
        # As transformers' eager attention: the scores' product in the model's precision, the softmax in float32, then back.
        scores = torch.matmul(grouped, key.transpose(2, 3)).view(batch, self.heads, length, -1).float() / (self.head_size ** 0.5) + bias
        weights = torch.softmax(scores, dim=-1).to(value.dtype).view(batch, self.kv_heads, groups * length, -1)
        context = torch.matmul(weights, value).view(batch, self.heads, length, self.head_size).transpose(1, 2).reshape(batch, length, self.hidden_size)
        out = attn.o_proj(context) if self.llama else attn.c_proj(context)
        return out, key, value

    @staticmethod
    def attention_bias(attention_mask, input_ids, past_key):
        past, length = past_key.shape[2], input_ids.shape[1]
        queries = torch.arange(length, device=input_ids.device) + past
        keys = torch.arange(attention_mask.shape[1], device=input_ids.device)
        allowed = (keys[None, :] <= queries[:, None])[None, None, :, :] & attention_mask[:, None, None, :].bool()
        return torch.where(allowed, torch.zeros((), device=input_ids.device), torch.full((), -1e9, device=input_ids.device))

    def rotary(self, position_ids, dtype):
        inv_freq = self.model.model.rotary_emb.inv_freq.float()
        scaling = float(getattr(self.model.model.rotary_emb, "attention_scaling", 1.0))
        freqs = position_ids[:, :, None].float() * inv_freq[None, None, :]
        emb = torch.cat([freqs, freqs], dim=-1)
        return (emb.cos() * scaling).to(dtype)[:, None], (emb.sin() * scaling).to(dtype)[:, None]


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def feeds(wrapper, device, batch=2, past=3, length=4):
    """A left-padded batch: row 0 has its first two positions padded, as the runner pads mixed-length prompts."""
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(0, wrapper.model.config.vocab_size, (batch, past + length), generator=generator)
    mask = torch.ones(batch, past + length, dtype=torch.long)
    mask[0, :2] = 0
    positions = (mask.cumsum(1) - 1).clamp(min=0)
    return ids.to(device), mask.to(device), positions.to(device)


def empty_cache(wrapper, batch, device):
    dtype = wrapper.model.lm_head.weight.dtype
    return [torch.zeros(batch, wrapper.kv_heads, 0, wrapper.head_size, dtype=dtype, device=device) for _ in range(2 * wrapper.layers)]


@torch.inference_mode()
def run_wrapper(wrapper, ids, mask, positions, split, device):
    """Prefill over the first `split` positions, then one cached step over the rest; last-position logits of both."""
    prefill = wrapper(ids[:, :split], mask[:, :split], positions[:, :split], *empty_cache(wrapper, ids.shape[0], device))
    step = wrapper(ids[:, split:], mask, positions[:, split:], *prefill[1:])
    return prefill[0].float().cpu().numpy(), step[0].float().cpu().numpy(), prefill[1:]


@torch.inference_mode()
def check_against_transformers(model, wrapper, device):
    ids, mask, positions = feeds(wrapper, device)
    split = ids.shape[1] - 1
    mine_prefill, mine_step, _ = run_wrapper(wrapper, ids, mask, positions, split, device)
    out = model(input_ids=ids[:, :split], attention_mask=mask[:, :split], position_ids=positions[:, :split], use_cache=True)
    step = model(input_ids=ids[:, split:], attention_mask=mask, position_ids=positions[:, split:], past_key_values=out.past_key_values, use_cache=True)
    theirs_prefill, theirs_step = out.logits[:, -1:].float().cpu().numpy(), step.logits[:, -1:].float().cpu().numpy()
    return compare([mine_prefill, mine_step], [theirs_prefill, theirs_step], "transformers forward (prefill + one cached step), same weights")


def export(wrapper, directory, device):
    batch = 2
    ids, mask, positions = feeds(wrapper, device, batch=batch)
    # Traced mid-generation (3 cached positions, 4 new): no size is 0 or 1, so none is specialised into the graph.
    past = [torch.zeros(batch, wrapper.kv_heads, 3, wrapper.head_size, dtype=wrapper.model.lm_head.weight.dtype, device=device)
            for _ in range(2 * wrapper.layers)]
    new = ids[:, 3:]
    past_names = [f"past_key_values.{i}.{kind}" for i in range(wrapper.layers) for kind in ("key", "value")]
    present_names = [f"present.{i}.{kind}" for i in range(wrapper.layers) for kind in ("key", "value")]
    axes = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total_sequence"},
            "position_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"},
            **{n: {0: "batch", 2: "past_sequence"} for n in past_names}, **{n: {0: "batch", 2: "total_sequence"} for n in present_names}}
    path = os.path.join(directory, "model.onnx")
    with torch.no_grad():  # not inference_mode: the tracer cannot record inference tensors
        torch.onnx.export(wrapper, (new, mask, positions[:, 3:], *past), path, input_names=["input_ids", "attention_mask", "position_ids", *past_names],
                          output_names=["logits", *present_names], dynamic_axes=axes, opset_version=17, dynamo=False)
    import onnx
    model = onnx.load(path)  # loads external data the exporter may have written beside it
    large = sum(t.ByteSize() for t in model.graph.initializer) > ONNX_PROTOBUF_LIMIT - 64 * 1024**2
    for leftover in (f for f in os.listdir(directory) if f not in ("model.onnx", "provenance.json")):
        os.remove(os.path.join(directory, leftover))
    onnx.save_model(model, path, save_as_external_data=large, all_tensors_to_one_file=True, location="model.onnx.data")
    return path


def check_onnx(path, wrapper, device):
    import onnxruntime
    try:
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        ids, mask, positions = feeds(wrapper, device)
        split = ids.shape[1] - 1
        mine_prefill, mine_step, _ = run_wrapper(wrapper, ids, mask, positions, split, device)
        names = [o.name for o in session.get_outputs()]
        cache = [c.cpu().numpy() for c in empty_cache(wrapper, ids.shape[0], device)]
        past_names = [i.name for i in session.get_inputs()][3:]

        def run(span, mask_span, cache):
            feed = {"input_ids": ids[:, span].cpu().numpy(), "attention_mask": mask[:, mask_span].cpu().numpy(),
                    "position_ids": positions[:, span].cpu().numpy(), **dict(zip(past_names, cache))}
            return dict(zip(names, session.run(names, feed)))

        prefill = run(slice(0, split), slice(0, split), cache)
        step = run(slice(split, None), slice(None), [prefill[n.replace("past_key_values", "present")] for n in past_names])
        result = compare([mine_prefill, mine_step], [prefill["logits"].astype(np.float32), step["logits"].astype(np.float32)],
                         f"the traced wrapper; ONNX Runtime {onnxruntime.__version__} CPU")
        result["logitsShape"] = list(prefill["logits"].shape)
        return result
    except Exception as error:  # the CPU build lacks some fp16 kernels: say so, never pretend
        return {"skipped": f"{type(error).__name__}: {str(error)[:300]}"}


def compare(mine, theirs, against):
    differences = [float(np.abs(a - b).max()) for a, b in zip(mine, theirs)]
    agreement = [float((a.argmax(-1) == b.argmax(-1)).mean()) for a, b in zip(mine, theirs)]
    return {"maxAbsDiff": max(differences), "maxAbsDiffPrefill": differences[0], "maxAbsDiffDecodeStep": differences[1],
            "argmaxAgreement": min(agreement), "against": against}


def commit():
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    main()
