"""Prepares a BERT-family text classifier for the runner's `onnx` model kind, on a machine with PyTorch and transformers.

    python3 scripts/models/prepare_bert_classifier.py --out DIR --vocab VOCAB.txt [--weights HF_DIR] [--size base|mini]

Writes DIR/model-fp32.onnx and DIR/model-fp16.onnx (ONNX Runtime's transformer optimizer: fused attention, LayerNorm and
GELU; the fp16 model keeps int64 inputs and has float16 logits), DIR/pytorch/ (the same weights for a PyTorch reference),
DIR/vocab.txt and DIR/provenance.json (what was exported, the fused operators, and the logits of each ONNX model against
PyTorch's on the same inputs).

--weights loads a transformers checkpoint (e.g. a fine-tuned classifier). Without it the weights are random (seeded):
such a model is for energy and throughput only; provenance.json says `randomWeights: true` and its accuracy means nothing.
Nothing is downloaded: the config is built in code, the vocabulary is given.
"""
import argparse, hashlib, json, math, os, shutil, subprocess, sys, time

import numpy as np
import torch
from tokenizers import BertWordPieceTokenizer
from transformers import BertConfig, BertForSequenceClassification

SIZES = {
    "base": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072),
    "mini": dict(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--vocab", required=True, help="WordPiece vocab.txt (uncased BERT)")
    parser.add_argument("--weights", help="transformers checkpoint directory; default: random weights (energy only)")
    parser.add_argument("--size", choices=SIZES, default="base")
    parser.add_argument("--labels", type=int, default=2)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.time()
    torch.manual_seed(args.seed)

    if args.weights:
        model = BertForSequenceClassification.from_pretrained(args.weights, attn_implementation="eager", local_files_only=True)
    else:
        config = BertConfig(vocab_size=sum(1 for _ in open(args.vocab, encoding="utf-8")), num_labels=args.labels,
                            max_position_embeddings=512, **SIZES[args.size])
        # Eager attention exports the MatMul/Softmax pattern ONNX Runtime's optimizer fuses into one Attention op;
        # the SDPA path exports a graph it leaves unfused.
        model = BertForSequenceClassification._from_config(config, attn_implementation="eager")
    model = model.eval()
    model.save_pretrained(os.path.join(args.out, "pytorch"))
    shutil.copyfile(args.vocab, os.path.join(args.out, "vocab.txt"))
    tokenizer = BertWordPieceTokenizer(args.vocab, lowercase=True)
    tokenizer.enable_truncation(max_length=args.max_length)
    tokenizer.enable_padding()

    texts = ["Free money!!! Click here to claim your prize now.", "Meeting moved to 3pm, see the agenda attached.",
             "Café au lait, naïve résumé – 中文 and emoji 😀 mixed in.", "x " * 400]
    encoded = tokenizer.encode_batch(texts)
    feeds = {"input_ids": torch.tensor([e.ids for e in encoded]), "attention_mask": torch.tensor([e.attention_mask for e in encoded]),
             "token_type_ids": torch.tensor([e.type_ids for e in encoded])}

    raw = os.path.join(args.out, "model-raw.onnx")
    torch.onnx.export(ClassicBert(model), (feeds["input_ids"], feeds["attention_mask"], feeds["token_type_ids"]), raw,
                      input_names=list(feeds), output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={**{k: {0: "batch", 1: "sequence"} for k in feeds}, "logits": {0: "batch"}})
    model.eval()  # the exporter restores the wrapper's training mode, which reaches the model's dropout

    from onnxruntime.transformers import optimizer
    outputs, fused = {}, {}
    for precision in ("fp32", "fp16"):
        optimized = optimizer.optimize_model(raw, model_type="bert", num_heads=model.config.num_attention_heads,
                                             hidden_size=model.config.hidden_size, opt_level=0, use_gpu=True)
        if precision == "fp16":
            optimized.convert_float_to_float16(keep_io_types=False)
        path = os.path.join(args.out, f"model-{precision}.onnx")
        optimized.save_model_to_file(path)
        fused[precision] = {k: v for k, v in optimized.get_fused_operator_statistics().items() if v}
        outputs[precision] = path
        print(f"{precision}: {path} fused {fused[precision]}", flush=True)
    os.remove(raw)

    checks, exported = {}, ClassicBert(model).eval()
    with torch.inference_mode():
        reference = {"fp32": exported(**feeds).numpy()}
        transformers_logits = model(**feeds).logits.numpy()
        if torch.cuda.is_available():
            reference["fp16"] = exported.half().cuda()(**{k: v.cuda() for k, v in feeds.items()}).float().cpu().numpy()
            exported.float().cpu()
    import onnxruntime
    for precision, path in outputs.items():
        try:
            session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
            logits = session.run(["logits"], {k: v.numpy() for k, v in feeds.items()})[0].astype(np.float32)
            expected = reference.get(precision, reference["fp32"])
            checks[precision] = {"maxAbsDiff": float(np.abs(logits - expected).max()),
                                 "maxAbsDiffPerText": [float(d) for d in np.abs(logits - expected).max(1)],
                                 "argmaxAgreement": float((logits.argmax(1) == expected.argmax(1)).mean()),
                                 "against": f"PyTorch {precision if precision in reference else 'fp32'}",
                                 "onnxRuntime": f"{onnxruntime.__version__} CPU"}
        except Exception as error:  # the CPU build lacks some fused fp16 kernels: say so, never pretend
            checks[precision] = {"skipped": f"{type(error).__name__}: {str(error)[:300]}"}
        print(f"logits check {precision}: {checks[precision]}", flush=True)

    # How far the classic attention written out above is from the transformers model's own forward (same weights).
    checks["transformers"] = {"maxAbsDiff": float(np.abs(reference["fp32"] - transformers_logits).max()),
                              "maxAbsDiffPerText": [float(d) for d in np.abs(reference["fp32"] - transformers_logits).max(1)],
                              "argmaxAgreement": float((reference["fp32"].argmax(1) == transformers_logits.argmax(1)).mean())}
    provenance = {
        "model": "BertForSequenceClassification", "size": None if args.weights else args.size,
        "weights": args.weights or f"random (seed {args.seed})", "randomWeights": not args.weights,
        "labels": model.config.num_labels, "maxLength": args.max_length,
        "vocabSha256": hashlib.sha256(open(args.vocab, "rb").read()).hexdigest(),
        "torch": torch.__version__, "transformers": __import__("transformers").__version__,
        "onnxruntimeTools": onnxruntime.__version__, "opset": 17, "fusedOperators": fused, "logitsCheck": checks,
        "commit": commit(), "seconds": round(time.time() - started, 1),
    }
    with open(os.path.join(args.out, "provenance.json"), "w") as f:
        json.dump(provenance, f, indent=2)
    failed = [p for p in outputs if "maxAbsDiff" in checks[p] and checks[p]["maxAbsDiff"] > (1e-3 if p == "fp32" else 5e-2)]
    if failed:
        print(f"WARNING: logits differ from PyTorch beyond the bound for {failed} (provenance.json, logitsCheck)", file=sys.stderr)
        sys.exit(int(os.environ.get("STRICT_LOGITS_CHECK", "1")))


class ClassicBert(torch.nn.Module):
    """The model's own modules and weights, with self-attention written out as BERT's original code did (scores divided by
    sqrt(head size), the additive mask (1 - mask) * -10000, explicit head reshapes): the graph ONNX Runtime's optimizer
    fuses into one Attention op. transformers 5 exports attention in a form it leaves unfused. The logits check below
    records how far this forward is from the transformers model's own (provenance.json, logitsCheck.transformers)."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.heads = model.config.num_attention_heads
        self.head_size = model.config.hidden_size // self.heads

    def split(self, x):
        return x.view(x.size(0), x.size(1), self.heads, self.head_size).permute(0, 2, 1, 3)

    def forward(self, input_ids, attention_mask, token_type_ids):
        bert = self.model.bert
        hidden = bert.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        additive = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * -10000.0
        for layer in bert.encoder.layer:
            attention = layer.attention.self
            q, k, v = self.split(attention.query(hidden)), self.split(attention.key(hidden)), self.split(attention.value(hidden))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + additive
            context = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).contiguous()
            context = context.view(context.size(0), context.size(1), self.heads * self.head_size)
            attended = layer.attention.output(context, hidden)
            hidden = layer.output(layer.intermediate(attended), attended)
        return self.model.classifier(bert.pooler(hidden))


def commit():
    """SOURCE_COMMIT when set (a copy of the tree may carry a stale .git), else git's HEAD."""
    if os.environ.get("SOURCE_COMMIT"):
        return os.environ["SOURCE_COMMIT"]
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    main()
